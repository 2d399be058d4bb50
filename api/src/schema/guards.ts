import { GraphQLError } from 'graphql';
import type { Context } from '../context.ts';
import { tenantOf } from '../context.ts';

/** Subscriptions: the integration must belong to the caller's tenant (else nothing is streamed). */
export async function assertIntegration(ctx: Context, integrationId: string): Promise<void> {
  const found = await ctx.prisma.integration.findFirst({ where: { id: integrationId, tenantId: tenantOf(ctx) }, select: { id: true } });
  if (!found) throw new GraphQLError(`Integration ${integrationId} not found`, { extensions: { code: 'NOT_FOUND' } });
}

const memo = new WeakMap<object, Map<string, Promise<unknown>>>();

/** Memoise a load for the lifetime of one request (the context object), keyed by `key`. */
export function perRequest<T>(ctx: Context, key: unknown, load: () => Promise<T>): Promise<T> {
  let m = memo.get(ctx);
  if (!m) {
    m = new Map();
    memo.set(ctx, m);
  }
  const k = JSON.stringify(key);
  let p = m.get(k) as Promise<T> | undefined;
  if (!p) {
    p = load();
    m.set(k, p);
  }
  return p;
}
