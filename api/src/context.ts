/** The GraphQL context: the caller's principal, the request id and the app's ports. */
import type { Principal } from './auth/principal.ts';
import type { AppDeps } from './deps.ts';
import type { PrismaClient } from './db.ts';

export interface ServerContext {
  requestId: string;
  ip: string;
  /** Set-Cookie header values the HTTP adapter adds to the response. */
  responseCookies: string[];
  transport: 'http' | 'ws';
  /** Cookie-authenticated: the session token from the cookie (HTTP) or the upgrade request (WS). */
  principal: Principal | null;
  /** Why authentication failed, if it did (e.g. a missing CSRF header): shown instead of "not signed in". */
  authProblem: string | null;
}

export interface Context extends ServerContext {
  deps: AppDeps;
  prisma: PrismaClient;
}

/** The caller's tenant id; resolvers only run behind an auth scope, so a principal exists. */
export function tenantOf(ctx: Context): string {
  if (!ctx.principal) throw new Error('tenantOf called without a principal');
  return ctx.principal.tenantId;
}

/** The caller's principal; resolvers run behind an auth scope, so it exists. */
export function principalOf(ctx: Context): import('./auth/principal.ts').Principal {
  if (!ctx.principal) throw new Error('principalOf called without a principal');
  return ctx.principal;
}
