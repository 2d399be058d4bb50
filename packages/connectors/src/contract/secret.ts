import { z } from 'zod';

/**
 * Secret config fields carry `secret: true` in their zod metadata (and `writeOnly` in the
 * JSON schema). The studio renders them as password inputs; the API strips them.
 */
export function secret<T extends z.ZodType>(schema: T): T {
  return schema.meta({ secret: true, writeOnly: true }) as T;
}

function unwrap(schema: z.ZodType): z.ZodType {
  let s: z.ZodType = schema;
  // optional/default/nullable wrappers keep the inner type under def.innerType
  for (let i = 0; i < 10; i++) {
    const def = (s as unknown as { def: { innerType?: z.ZodType } }).def;
    if (!def.innerType) break;
    if (s.meta()?.secret) return s;
    s = def.innerType;
  }
  return s;
}

function isSecret(schema: z.ZodType): boolean {
  let s: z.ZodType = schema;
  for (let i = 0; i < 10; i++) {
    if (s.meta()?.secret) return true;
    const def = (s as unknown as { def: { innerType?: z.ZodType } }).def;
    if (!def.innerType) return false;
    s = def.innerType;
  }
  return false;
}

/** Dotted paths of every secret field of an object schema (nested objects are walked). */
export function secretPaths(schema: z.ZodType, prefix = ''): string[] {
  const inner = unwrap(schema);
  if (!(inner instanceof z.ZodObject)) return [];
  const out: string[] = [];
  for (const [key, field] of Object.entries(inner.shape as Record<string, z.ZodType>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isSecret(field)) out.push(path);
    else out.push(...secretPaths(field, path));
  }
  return out;
}

/** A copy of `config` with every secret path removed (for API responses and logs). */
export function stripSecrets<T>(config: T, paths: readonly string[]): T {
  const copy = structuredClone(config) as Record<string, unknown>;
  for (const path of paths) {
    const parts = path.split('.');
    let node: Record<string, unknown> | undefined = copy;
    for (const part of parts.slice(0, -1)) {
      const next: unknown = node?.[part];
      node = next && typeof next === 'object' ? (next as Record<string, unknown>) : undefined;
    }
    const last = parts[parts.length - 1];
    if (node && last !== undefined) delete node[last];
  }
  return copy as T;
}
