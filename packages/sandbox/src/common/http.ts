import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

/** A body that could not be parsed; handlers answer it in their own system's error shape. */
export class InvalidBody {
  constructor(readonly reason: string) {}
}

export function isInvalidBody(v: unknown): v is InvalidBody {
  return v instanceof InvalidBody;
}

export function requestId(): string {
  return randomBytes(16).toString('hex');
}

/**
 * One lenient body parser for every simulator: JSON whatever the content type says,
 * form-urlencoded when declared as such. Garbage never throws; it becomes InvalidBody.
 */
export function installBodyParser(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (req, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    const ct = String(req.headers['content-type'] ?? '');
    if (ct.includes('application/x-www-form-urlencoded')) {
      done(null, Object.fromEntries(new URLSearchParams(text)));
      return;
    }
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    try {
      done(null, JSON.parse(text) as unknown);
    } catch (e) {
      done(null, new InvalidBody(e instanceof Error ? e.message : 'invalid JSON'));
    }
  });
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export function decodeBasic(header: string | undefined): { user: string; pass: string } | null {
  if (!header || !header.startsWith('Basic ')) return null;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  if (i < 0) return null;
  return { user: decoded.slice(0, i), pass: decoded.slice(i + 1) };
}
