import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { ERROR_STATUS, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE, type ErrorCode } from './contract.ts';

export interface Detail {
  field: string;
  issue: string;
}

export function requestIdOf(req: FastifyRequest): string {
  const h = req.headers['x-request-id'];
  return typeof h === 'string' && h.length > 0 ? h : req.id;
}

export function fail(req: FastifyRequest, reply: FastifyReply, code: ErrorCode, message: string, details: Detail[] = [], extra: Record<string, unknown> = {}): FastifyReply {
  return reply.code(ERROR_STATUS[code]).send({ error: { code, message, details, requestId: requestIdOf(req), ...extra } });
}

export function zodToDetails(error: z.ZodError, prefix = ''): Detail[] {
  return error.issues.map((i) => {
    let field = prefix;
    for (const p of i.path) field += typeof p === 'number' ? `[${p}]` : field ? `.${String(p)}` : String(p);
    return { field: field || '(body)', issue: i.message };
  });
}

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
  hasMore: boolean;
}

/** `?page=&pageSize=` (max 500). Returns null after answering 422 on bad values. */
export function paginate<T>(req: FastifyRequest, reply: FastifyReply, rows: T[]): Page<T> | null {
  const q = req.query as Record<string, string | undefined>;
  const page = q.page === undefined ? 1 : Number(q.page);
  const pageSize = q.pageSize === undefined ? DEFAULT_PAGE_SIZE : Number(q.pageSize);
  const details: Detail[] = [];
  if (!Number.isInteger(page) || page < 1) details.push({ field: 'page', issue: 'must be a positive integer' });
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) details.push({ field: 'pageSize', issue: `must be an integer 1..${MAX_PAGE_SIZE}` });
  if (details.length > 0) {
    fail(req, reply, 'VALIDATION_FAILED', 'Invalid paging parameters', details);
    return null;
  }
  const start = (page - 1) * pageSize;
  return { items: rows.slice(start, start + pageSize), page, pageSize, total: rows.length, hasMore: start + pageSize < rows.length };
}

/** `updatedSince` filter; null after answering 422 when the timestamp is not RFC 3339. */
export function updatedSince(req: FastifyRequest, reply: FastifyReply): number | null | undefined {
  const v = (req.query as Record<string, string | undefined>).updatedSince;
  if (v === undefined || v === '') return undefined;
  const ms = Date.parse(v);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(v) || Number.isNaN(ms)) {
    fail(req, reply, 'VALIDATION_FAILED', 'updatedSince must be an RFC 3339 timestamp', [{ field: 'updatedSince', issue: 'invalid timestamp' }]);
    return null;
  }
  return ms;
}
