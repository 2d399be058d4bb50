import type { CombinedError } from 'urql';
import { plainError } from './errors';

/**
 * Mutations answer with a union of a success type and typed errors (Pothos
 * plugin-errors). This turns one into either the payload or a plain sentence.
 */
export type Outcome<T> = { ok: true; value: T } | { ok: false; message: string };

type Union = { __typename?: string; message?: string; data?: unknown; issues?: Array<{ path: string; message: string }> } | null | undefined;

export function outcome<T>(error: CombinedError | undefined, payload: Union): Outcome<T> {
  if (error) return { ok: false, message: plainError(error) ?? 'Something went wrong.' };
  if (!payload) return { ok: false, message: 'The server did not answer. Try again.' };
  // Every typed error of the API implements `Error` and is named …Error.
  if (payload.__typename && /Error$/.test(payload.__typename)) {
    const issues = payload.issues?.length ? ` (${payload.issues.map((i) => `${i.path}: ${i.message}`).join('; ')})` : '';
    return { ok: false, message: (payload.message ?? 'That did not work.') + (payload.issues && payload.issues.length > 1 ? issues : '') };
  }
  return { ok: true, value: (payload.__typename && /Success$/.test(payload.__typename) && 'data' in payload ? payload.data : payload) as T };
}
