import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { fail } from './errors.ts';
import type { CharismaState } from './state.ts';

export function bodyHash(body: unknown): string {
  return createHash('sha256').update(JSON.stringify(body ?? null)).digest('hex');
}

/**
 * Idempotency-Key handling (§7.1). Returns the key to record under, or null when the request was
 * answered already (missing key, replay, or key reused with another body).
 */
export function checkIdempotency(s: CharismaState, scope: string, req: FastifyRequest, reply: FastifyReply): string | null {
  const key = req.headers['idempotency-key'];
  if (typeof key !== 'string' || key.trim() === '' || key.length > 200) {
    fail(req, reply, 'VALIDATION_FAILED', 'Idempotency-Key header is required', [{ field: 'Idempotency-Key', issue: 'missing' }]);
    return null;
  }
  const k = `${scope}\u0000${key}`;
  const rec = s.idempotency.get(k);
  if (!rec) return k;
  if (rec.bodyHash !== bodyHash(req.body)) {
    fail(req, reply, 'VALIDATION_FAILED', 'Idempotency-Key was already used with a different body', [{ field: 'Idempotency-Key', issue: 'reused with a different body' }]);
    return null;
  }
  reply.code(rec.status).header('Content-Type', 'application/json; charset=utf-8').header('Idempotent-Replayed', 'true').send(rec.payload);
  return null;
}

/** Record and send a response so a replay returns byte-identical status and body. */
export function sendRecorded(s: CharismaState, k: string, req: FastifyRequest, reply: FastifyReply, status: number, body: unknown): FastifyReply {
  const payload = JSON.stringify(body);
  s.idempotency.set(k, { bodyHash: bodyHash(req.body), status, payload });
  return reply.code(status).header('Content-Type', 'application/json; charset=utf-8').send(payload);
}
