import type { z } from 'zod';
import { ConfigError, RecordError, SystemError, type IntegrationError } from '@megzo/domain';

/** `['lines', 0, 'itemCode']` → `lines[0].itemCode` */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

export type ShapeCategory = 'record' | 'system' | 'configuration';

export interface ValidateContext {
  source: string;
  /** What is being validated, e.g. "Charisma item", "CDON order response". */
  what: string;
  category: ShapeCategory;
  recordKey?: string;
  /** Prefix for the reported path, e.g. `items[4]`. */
  pathPrefix?: string;
}

/** Parses with zod; an unexpected shape becomes a typed error naming the offending path, never a crash. */
export function validate<T>(schema: z.ZodType<T>, data: unknown, ctx: ValidateContext): T {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const inner = issue ? formatPath(issue.path) : '';
  const path = [ctx.pathPrefix, inner].filter(Boolean).join(inner.startsWith('[') ? '' : '.') || '(root)';
  const message = `${ctx.what}: ${path} ${issue?.message ?? 'is invalid'}`;
  const details = {
    message,
    internalMessage: result.error.issues
      .slice(0, 5)
      .map((i) => `${formatPath(i.path) || '(root)'}: ${i.message}`)
      .join('; '),
    code: 'INVALID_SHAPE',
    path,
    source: ctx.source,
    cause: result.error,
  };
  let err: IntegrationError;
  if (ctx.category === 'record') err = new RecordError({ ...details, recordKey: ctx.recordKey });
  else if (ctx.category === 'configuration') err = new ConfigError({ ...details, code: 'INVALID_CONFIG' });
  else err = new SystemError(details);
  throw err;
}
