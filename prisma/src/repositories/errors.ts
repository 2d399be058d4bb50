/**
 * Errors the repositories raise for expected conditions. They name the offending
 * field so the API can turn them into typed results.
 */
import { Prisma } from '../client.ts';

/** The row does not exist (or belongs to another tenant: never say which). */
export class NotFoundError extends Error {
  override name = 'NotFoundError';
  readonly code = 'NOT_FOUND';
  constructor(
    readonly entity: string,
    readonly field: string,
    readonly value: string,
  ) {
    super(`${entity} not found (${field} = ${value})`);
  }
}

/** The row exists but is in a state that forbids the change (e.g. a published version). */
export class ConflictError extends Error {
  override name = 'ConflictError';
  constructor(
    message: string,
    readonly field: string,
    readonly code = 'CONFLICT',
  ) {
    super(message);
  }
}

/** A unique constraint refused the write (P2002, or SQLSTATE 23505 from raw SQL). */
export function isUniqueViolation(e: unknown): boolean {
  if (e instanceof Prisma.PrismaClientKnownRequestError) return e.code === 'P2002';
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === '23505';
}

/** JSON for a Prisma Json column: `null` becomes the SQL NULL marker. */
export function jsonOrNull(value: unknown): Prisma.InputJsonValue | typeof Prisma.DbNull {
  return value === null || value === undefined ? Prisma.DbNull : (value as Prisma.InputJsonValue);
}
