/**
 * Target paths → output shape, and target type checks.
 *
 * A target is a dotted path: `sku` sets `output.sku`; `price.amount_including_vat`
 * sets `output.price.amount_including_vat` (objects are created as needed).
 * A segment is split only on dots, so `title.sv-SE` gives `{title:{'sv-SE':…}}`.
 * A missing (undefined) result leaves the field out; `null` is kept.
 */
import type { FieldError, TargetField } from './types.ts';

export function setPath(out: Record<string, unknown>, target: string, value: unknown): void {
  const parts = target.split('.');
  if (parts.some((p) => p === '__proto__' || p === 'constructor' || p === 'prototype')) {
    throw new Error(`Target "${target}" is not allowed`);
  }
  let node = out;
  for (let i = 0; i < parts.length - 1; i++) {
    const key = parts[i] as string;
    const next = node[key];
    if (next !== null && typeof next === 'object' && !Array.isArray(next)) node = next as Record<string, unknown>;
    else {
      const created: Record<string, unknown> = {};
      node[key] = created;
      node = created;
    }
  }
  node[parts[parts.length - 1] as string] = value;
}

export function getPath(obj: unknown, target: string): unknown {
  let node = obj;
  for (const part of target.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** Copy JSONata sequences into plain arrays and drop functions, recursively. */
export function plain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object') {
    const o: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined && typeof v !== 'function') o[k] = plain(v);
    return o;
  }
  return value;
}

const MONEY_RE = /^-?\d+(\.\d+)?$/;

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `a list of ${v.length}`;
  if (typeof v === 'string') return `the text ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  if (typeof v === 'function') return 'a function';
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}

/**
 * Check (and normalise) one value against its target type. Returns the value
 * to emit, or an error. Money: decimal strings stay strings ("269.34") unless
 * `format: 'number'`; finite numbers are accepted and written as their decimal.
 */
export function checkType(field: TargetField, value: unknown): { value: unknown } | { error: FieldError } {
  const err = (message: string) => ({ error: { target: field.name, message, code: 'TYPE' } });
  if (value === undefined) {
    return field.required ? { error: { target: field.name, message: 'is required but the rule produced no value', code: 'REQUIRED' } } : { value };
  }
  switch (field.type) {
    case 'string':
      return typeof value === 'string' ? { value } : err(`must be text, got ${describe(value)}`);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? { value } : err(`must be a number, got ${describe(value)}`);
    case 'boolean':
      return typeof value === 'boolean' ? { value } : err(`must be true or false, got ${describe(value)}`);
    case 'list':
      return Array.isArray(value) ? { value } : err(`must be a list, got ${describe(value)}`);
    case 'object':
      return value !== null && typeof value === 'object' && !Array.isArray(value) ? { value } : err(`must be an object, got ${describe(value)}`);
    case 'enum': {
      const allowed = field.enumValues ?? [];
      return typeof value === 'string' && allowed.includes(value)
        ? { value }
        : err(`must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}, got ${describe(value)}`);
    }
    case 'money': {
      let s: string;
      if (typeof value === 'number' && Number.isFinite(value)) s = String(value);
      else if (typeof value === 'string' && MONEY_RE.test(value)) s = value;
      else return err(`must be an amount like "269.34", got ${describe(value)}`);
      if (/e/i.test(s)) return err(`must be an amount like "269.34", got ${s}`);
      return { value: field.format === 'number' ? Number(s) : s };
    }
  }
}
