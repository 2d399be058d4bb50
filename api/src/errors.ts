/**
 * Expected errors: GraphQL exposes them as typed union members (plugin-errors).
 * Anything else thrown stays masked as "Unexpected error." by yoga.
 */
import type { z } from 'zod';

export interface FieldIssue {
  path: string;
  message: string;
}

/** The input was wrong: names what was wrong; nothing was changed. */
export class InputError extends Error {
  override name = 'InputError';
  constructor(
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
  }

  static fromZod(error: z.ZodError, prefix = ''): InputError {
    const issues = error.issues.map((i) => ({
      path: [prefix, ...i.path.map(String)].filter(Boolean).join('.'),
      message: i.message,
    }));
    const first = issues[0];
    const message = first ? `${first.path || 'input'}: ${first.message}` : 'Invalid input';
    return new InputError(issues.length > 1 ? `${message} (and ${issues.length - 1} more)` : message, issues);
  }
}

/** The entity does not exist in the caller's tenant (other tenants' rows are indistinguishable from absent). */
export class NotFoundError extends Error {
  override name = 'NotFoundError';
  constructor(
    readonly entity: string,
    readonly id: string,
  ) {
    super(`${entity} ${id} not found`);
  }
}

/** The request conflicts with the current state (e.g. editing a published version). */
export class ConflictError extends Error {
  override name = 'ConflictError';
}

export class InvalidCredentialsError extends Error {
  override name = 'InvalidCredentialsError';
  constructor() {
    super('E-mail or password is wrong');
  }
}

export class RateLimitedError extends Error {
  override name = 'RateLimitedError';
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many attempts; try again in ${retryAfterSeconds} s`);
  }
}

/** Translate the database package's expected errors into the API's typed errors. */
export async function fromDb<T>(work: () => Promise<T>): Promise<T> {
  const { NotFoundError: DbNotFound, ConflictError: DbConflict } = await import('@megzo/db/repositories/errors');
  try {
    return await work();
  } catch (e) {
    if (e instanceof DbNotFound) throw new NotFoundError(e.entity, e.value);
    if (e instanceof DbConflict) throw new ConflictError(e.message);
    throw e;
  }
}
