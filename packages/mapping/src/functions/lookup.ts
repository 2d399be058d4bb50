/**
 * $lookup(table, key[, default]) over the version's named lookup tables.
 * Shadows JSONata's builtin safely: when the first argument is an object (or a
 * list of objects) it behaves like the builtin `$lookup(object, key)`.
 */
import { fail } from '../errors.ts';
import { stateOf } from './state.ts';

function builtinLookup(input: unknown, key: string): unknown {
  if (Array.isArray(input)) {
    const out: unknown[] = [];
    for (const item of input) {
      const v = builtinLookup(item, key);
      if (v === undefined) continue;
      if (Array.isArray(v)) out.push(...(v as unknown[]));
      else out.push(v);
    }
    return out.length === 0 ? undefined : out.length === 1 ? out[0] : out;
  }
  if (input !== null && typeof input === 'object' && Object.prototype.hasOwnProperty.call(input, key)) {
    return (input as Record<string, unknown>)[key];
  }
  return undefined;
}

export function lookup(this: unknown, table: unknown, key: unknown, fallback?: unknown): unknown {
  if (table !== null && typeof table === 'object') {
    if (key === undefined) return undefined;
    if (typeof key !== 'string') fail('BAD_ARGUMENT', `$lookup: the key must be text, got ${JSON.stringify(key)}`);
    return builtinLookup(table, key);
  }
  if (table === undefined) return undefined;
  if (typeof table !== 'string') fail('BAD_ARGUMENT', `$lookup: the first argument must be a lookup table name, got ${JSON.stringify(table)}`);
  const tables = stateOf(this).lookups;
  const t = Object.prototype.hasOwnProperty.call(tables, table) ? tables[table] : undefined;
  if (!t) {
    const names = Object.keys(tables);
    fail('UNKNOWN_TABLE', `$lookup: there is no lookup table "${table}"${names.length ? ` (tables: ${names.join(', ')})` : ''}`);
  }
  if (key === undefined || key === null) return fallback;
  if (typeof key !== 'string' && typeof key !== 'number' && typeof key !== 'boolean') {
    fail('BAD_ARGUMENT', `$lookup: the key for table "${table}" must be text or a number, got ${Array.isArray(key) ? 'a list' : typeof key}`);
  }
  const k = String(key);
  if (Object.prototype.hasOwnProperty.call(t, k)) return t[k];
  if (arguments.length >= 3) return fallback;
  return fail('UNKNOWN_KEY', `$lookup: table "${table}" has no entry for key "${k}" and no default was given`);
}

/** $lookupIn(key, table[, default]) — key first, for pipelines: `code ~> $lookupIn('categories')`. */
export function lookupIn(this: unknown, key: unknown, table: unknown, ...fallback: unknown[]): unknown {
  if (typeof table !== 'string') fail('BAD_ARGUMENT', `$lookupIn: the second argument must be a lookup table name, got ${JSON.stringify(table)}`);
  return fallback.length ? lookup.call(this, table, key, fallback[0]) : lookup.call(this, table, key);
}
