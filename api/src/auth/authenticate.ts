/**
 * Turns request credentials into a Principal:
 * - `Authorization: Bearer mgz_…` → an API key (stored as sha256, not revoked);
 * - the `mgz_session` cookie → a studio user's session. Cookie-authenticated POSTs must
 *   repeat the session's CSRF token in the `x-csrf-token` header (double submit).
 * Lookups are cached for a few seconds per process to keep hot paths off the database.
 */
import type { PrismaClient } from '../db.ts';
import type { Principal, Role } from './principal.ts';
import { CSRF_HEADER, SESSION_COOKIE, parseCookies } from './cookies.ts';
import { looksLikeApiKey, safeEqual, sha256 } from './tokens.ts';

export interface Credentials {
  authorization: string | null;
  cookie: string | null;
  csrfHeader: string | null;
  /** Require the CSRF header for cookie authentication (HTTP POST). */
  requireCsrf: boolean;
}

export interface AuthResult {
  principal: Principal | null;
  problem: string | null;
}

interface CachedSession {
  principal: Principal & { kind: 'user' };
  csrfToken: string;
  expiresAt: number;
}

const CACHE_MS = 2_000;

export class Authenticator {
  private readonly sessions = new Map<string, { at: number; value: CachedSession | null }>();
  private readonly keys = new Map<string, { at: number; value: Principal | null }>();
  private readonly keyTouched = new Map<string, number>();

  constructor(
    private readonly prisma: PrismaClient,
    private readonly now: () => number = Date.now,
  ) {}

  /** Forget cached lookups (after sign-out, revocation or role changes). */
  invalidate(): void {
    this.sessions.clear();
    this.keys.clear();
  }

  async authenticate(c: Credentials): Promise<AuthResult> {
    const auth = c.authorization?.trim();
    if (auth) {
      const m = /^Bearer\s+(\S+)$/i.exec(auth);
      if (!m?.[1] || !looksLikeApiKey(m[1])) {
        return { principal: null, problem: 'Authorization header must be "Bearer mgz_…" with a MEGZO API key' };
      }
      const principal = await this.apiKey(m[1]);
      return principal
        ? { principal, problem: null }
        : { principal: null, problem: 'API key is unknown or revoked' };
    }
    const token = parseCookies(c.cookie).get(SESSION_COOKIE);
    if (!token) return { principal: null, problem: null };
    const session = await this.session(token);
    if (!session) return { principal: null, problem: 'Session expired or signed out: sign in again' };
    if (c.requireCsrf && !(c.csrfHeader && safeEqual(c.csrfHeader, session.csrfToken))) {
      return {
        principal: null,
        problem: `CSRF check failed: cookie-authenticated requests must send the ${CSRF_HEADER} header (the csrfToken from signIn)`,
      };
    }
    return { principal: session.principal, problem: null };
  }

  async session(token: string): Promise<CachedSession | null> {
    const hash = sha256(token);
    const t = this.now();
    const hit = this.sessions.get(hash);
    if (hit && t - hit.at < CACHE_MS) return hit.value && hit.value.expiresAt > t ? hit.value : null;
    const row = await this.prisma.session.findUnique({
      where: { tokenHash: hash },
      select: { id: true, csrfToken: true, expiresAt: true, user: { select: { id: true, tenantId: true, role: true } } },
    });
    const value: CachedSession | null =
      row && row.expiresAt.getTime() > t
        ? {
            principal: {
              kind: 'user',
              tenantId: row.user.tenantId,
              userId: row.user.id,
              role: row.user.role as Role,
              sessionId: row.id,
            },
            csrfToken: row.csrfToken,
            expiresAt: row.expiresAt.getTime(),
          }
        : null;
    this.remember(this.sessions, hash, value, t);
    return value;
  }

  private async apiKey(key: string): Promise<Principal | null> {
    const hash = sha256(key);
    const t = this.now();
    const hit = this.keys.get(hash);
    if (hit && t - hit.at < CACHE_MS) return hit.value;
    const row = await this.prisma.apiKey.findUnique({
      where: { hash },
      select: { id: true, tenantId: true, scopes: true, revokedAt: true },
    });
    const value: Principal | null =
      row && !row.revokedAt ? { kind: 'apiKey', tenantId: row.tenantId, apiKeyId: row.id, scopes: row.scopes } : null;
    this.remember(this.keys, hash, value, t);
    if (row && value && (this.keyTouched.get(row.id) ?? 0) < t - 60_000) {
      this.keyTouched.set(row.id, t);
      void this.prisma.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: new Date(t) } }).catch(() => undefined);
    }
    return value;
  }

  private remember<V>(map: Map<string, { at: number; value: V }>, key: string, value: V, t: number): void {
    if (map.size > 5_000) map.clear();
    map.set(key, { at: t, value });
  }
}
