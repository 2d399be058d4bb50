/** Random tokens and their hashes: session tokens, CSRF tokens, API keys. */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const API_KEY_PREFIX = 'mgz_';

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** Constant-time string comparison (false when lengths differ). */
export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

/** A new API key: `mgz_<8 char prefix>_<secret>`. Only its sha256 is stored. */
export function newApiKey(): { key: string; prefix: string; hash: string } {
  const prefix = randomBytes(6).toString('base64url');
  const key = `${API_KEY_PREFIX}${prefix}_${randomToken(32)}`;
  return { key, prefix: `${API_KEY_PREFIX}${prefix}`, hash: sha256(key) };
}

export function looksLikeApiKey(value: string): boolean {
  return /^mgz_[A-Za-z0-9_-]{8}_[A-Za-z0-9_-]{43}$/.test(value);
}
