import { GraphQLError } from 'graphql';
import type { Context } from '../context.ts';
import { tenantOf } from '../context.ts';

/** Subscriptions: the integration must belong to the caller's tenant (else nothing is streamed). */
export async function assertIntegration(ctx: Context, integrationId: string): Promise<void> {
  const found = await ctx.prisma.integration.findFirst({ where: { id: integrationId, tenantId: tenantOf(ctx) }, select: { id: true } });
  if (!found) throw new GraphQLError(`Integration ${integrationId} not found`, { extensions: { code: 'NOT_FOUND' } });
}
