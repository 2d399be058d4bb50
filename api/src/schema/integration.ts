/** Integrations: connections, flows (on/off, schedule, mapping), stock buffers, dashboard figures, health. */
import { builder } from '../builder.ts';
import { principalOf, tenantOf } from '../context.ts';
import {
  deleteStockBufferRule,
  setStockBufferRule,
  updateIntegration,
  updateIntegrationFlow,
} from '../commands/integrations.ts';
import { COMMON_ERRORS } from './errors.ts';
import { assertIntegration, perRequest } from './guards.ts';
import { sharedPerEvent } from './event-cache.ts';
import { BufferKindEnum, BufferScopeEnum, FlowEnum } from './enums.ts';

const ACTIVE = ['QUEUED', 'RUNNING'] as const;

export const IntegrationRef = builder.prismaObject('Integration', {
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    enabled: t.exposeBoolean('enabled'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    erpConnection: t.relation('erpConnection'),
    courierConnection: t.relation('courierConnection', { nullable: true }),
    fxConnection: t.relation('fxConnection', { nullable: true }),
    channels: t.relation('channels'),
    flows: t.relation('flows', { query: { orderBy: { flow: 'asc' } } }),
    stockBufferRules: t.relation('stockBufferRules', { query: { orderBy: [{ scope: 'asc' }, { key: 'asc' }] } }),
    activeRuns: t.relation('syncRuns', {
      description: 'Runs queued or running now.',
      query: { where: { status: { in: [...ACTIVE] } }, orderBy: { createdAt: 'desc' } },
    }),
    recentErrors: t.prismaField({
      type: ['SyncRunItem'],
      description: 'The latest FAILED records of this integration.',
      args: { limit: t.arg.int({ defaultValue: 10 }) },
      resolve: (query, parent, args, ctx) =>
        ctx.prisma.syncRunItem.findMany({
          ...query,
          where: { status: 'FAILED', run: { integrationId: parent.id, tenantId: tenantOf(ctx) } },
          orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
          take: Math.min(Math.max(args.limit ?? 10, 1), 100),
        }),
    }),
    syncStats: t.field({
      type: [SyncStat],
      description: 'Records synced and failed per hour since `since` (at most 14 days).',
      args: { since: t.arg({ type: 'DateTime', required: true }) },
      resolve: async (parent, args, ctx) => {
        const floor = Date.now() - 14 * 86_400_000;
        const since = new Date(Math.max(args.since.getTime(), floor));
        const rows = await ctx.prisma.$queryRaw<{ at: Date; synced: bigint; errors: bigint }[]>`
          SELECT date_trunc('hour', "createdAt") AS at,
                 sum("countCreated" + "countUpdated") AS synced,
                 sum("countFailed") AS errors
          FROM "SyncRun"
          WHERE "integrationId" = ${parent.id} AND "tenantId" = ${tenantOf(ctx)} AND "createdAt" >= ${since}
          GROUP BY 1 ORDER BY 1`;
        return rows.map((r) => ({ at: r.at, synced: Number(r.synced), errors: Number(r.errors) }));
      },
    }),
    ordersWaitingCount: t.int({
      description: 'Orders received but not yet created in the ERP.',
      resolve: (parent, _args, ctx) =>
        ctx.prisma.order.count({
          where: { integrationId: parent.id, tenantId: tenantOf(ctx), erpSalesOrderId: null, status: { notIn: ['cancelled', 'returned'] } },
        }),
    }),
    ordersAtRisk: t.prismaField({
      type: ['Order'],
      description: 'Open orders whose channel deadline falls within `withinHours` (CDON auto-cancels late orders).',
      args: { withinHours: t.arg.int({ defaultValue: 24 }) },
      resolve: (query, parent, args, ctx) =>
        ctx.prisma.order.findMany({
          ...query,
          where: {
            integrationId: parent.id,
            tenantId: tenantOf(ctx),
            status: { in: ['created', 'accepted'] },
            deadlineAt: { not: null, lte: new Date(Date.now() + Math.min(Math.max(args.withinHours ?? 24, 1), 24 * 14) * 3_600_000) },
          },
          orderBy: { deadlineAt: 'asc' },
          take: 50,
        }),
    }),
    health: t.field({
      type: IntegrationHealth,
      resolve: (parent, _args, ctx) => integrationHealth(ctx, parent.id, parent.enabled),
    }),
  }),
});

interface HealthShape {
  status: 'OK' | 'DEGRADED' | 'FAILING' | 'OFF';
  message: string;
  lastRunAt: Date | null;
  failingConnections: string[];
}

const HealthStatus = builder.enumType('HealthStatus', { values: ['OK', 'DEGRADED', 'FAILING', 'OFF'] as const });
const IntegrationHealth = builder.objectRef<HealthShape>('IntegrationHealth').implement({
  fields: (t) => ({
    status: t.field({ type: HealthStatus, resolve: (h) => h.status }),
    message: t.exposeString('message'),
    lastRunAt: t.expose('lastRunAt', { type: 'DateTime', nullable: true }),
    failingConnections: t.exposeStringList('failingConnections'),
  }),
});

async function integrationHealth(ctx: import('../context.ts').Context, id: string, enabled: boolean): Promise<HealthShape> {
  const integration = await ctx.prisma.integration.findFirstOrThrow({
    where: { id, tenantId: tenantOf(ctx) },
    select: {
      erpConnection: { select: { name: true, status: true } },
      courierConnection: { select: { name: true, status: true } },
      fxConnection: { select: { name: true, status: true } },
      channels: { select: { connection: { select: { name: true, status: true } } } },
      syncRuns: { orderBy: { createdAt: 'desc' }, take: 5, select: { status: true, createdAt: true } },
    },
  });
  const conns = [integration.erpConnection, integration.courierConnection, integration.fxConnection, ...integration.channels.map((c) => c.connection)];
  const failing = conns.filter((c): c is { name: string; status: 'FAILING' } => c?.status === 'FAILING').map((c) => c.name);
  const last = integration.syncRuns[0];
  const recentFailed = integration.syncRuns.filter((r) => r.status === 'FAILED').length;
  const lastRunAt = last?.createdAt ?? null;
  if (!enabled) return { status: 'OFF', message: 'Integration is switched off', lastRunAt, failingConnections: failing };
  if (failing.length) return { status: 'FAILING', message: `Connection check failing: ${failing.join(', ')}`, lastRunAt, failingConnections: failing };
  if (last?.status === 'FAILED') return { status: 'FAILING', message: 'The last run failed', lastRunAt, failingConnections: failing };
  if (recentFailed > 0 || last?.status === 'PARTIAL')
    return { status: 'DEGRADED', message: 'Some recent runs failed or left failed records', lastRunAt, failingConnections: failing };
  return { status: 'OK', message: 'All good', lastRunAt, failingConnections: failing };
}

const SyncStat = builder.objectRef<{ at: Date; synced: number; errors: number }>('SyncStat').implement({
  fields: (t) => ({
    at: t.expose('at', { type: 'DateTime' }),
    synced: t.exposeInt('synced'),
    errors: t.exposeInt('errors'),
  }),
});

builder.prismaObject('IntegrationChannel', {
  fields: (t) => ({
    id: t.exposeID('id'),
    markets: t.exposeStringList('markets'),
    connection: t.relation('connection'),
  }),
});

builder.prismaObject('IntegrationFlow', {
  fields: (t) => ({
    id: t.exposeID('id'),
    flow: t.expose('flow', { type: FlowEnum }),
    enabled: t.exposeBoolean('enabled'),
    intervalSeconds: t.exposeInt('intervalSeconds'),
    nextRunAt: t.expose('nextRunAt', { type: 'DateTime', nullable: true }),
    lastRunAt: t.expose('lastRunAt', { type: 'DateTime', nullable: true }),
    mapping: t.relation('mapping', { nullable: true }),
    lastRun: t.prismaField({
      type: 'SyncRun',
      nullable: true,
      select: { integrationId: true, flow: true },
      resolve: async (query, parent, _args, ctx) => {
        // One query for the latest run of every flow of the integration (not one per flow).
        const latest = await perRequest(ctx, ['lastRuns', parent.integrationId, query], async () => {
          const ids = await ctx.prisma.$queryRaw<{ id: string; flow: string }[]>`
            SELECT DISTINCT ON (flow) id, flow::text AS flow FROM "SyncRun"
            WHERE "integrationId" = ${parent.integrationId} AND "tenantId" = ${tenantOf(ctx)}
            ORDER BY flow, "createdAt" DESC, id DESC`;
          const rows = await ctx.prisma.syncRun.findMany({ ...query, where: { id: { in: ids.map((r) => r.id) } } });
          return new Map(rows.map((r) => [r.flow as string, r]));
        });
        return latest.get(parent.flow) ?? null;
      },
    }),
  }),
});

export const StockBufferRuleRef = builder.prismaObject('StockBufferRule', {
  fields: (t) => ({
    id: t.exposeID('id'),
    scope: t.expose('scope', { type: BufferScopeEnum }),
    key: t.exposeString('key'),
    kind: t.expose('kind', { type: BufferKindEnum }),
    value: t.expose('value', { type: 'Decimal' }),
  }),
});

builder.queryFields((t) => ({
  integrations: t.prismaField({
    type: ['Integration'],
    authScopes: { read: 'integrations' },
    resolve: (query, _root, _args, ctx) =>
      ctx.prisma.integration.findMany({ ...query, where: { tenantId: tenantOf(ctx) }, orderBy: { name: 'asc' } }),
  }),
  integration: t.prismaField({
    type: 'Integration',
    nullable: true,
    authScopes: { read: 'integrations' },
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, { id }, ctx) => ctx.prisma.integration.findFirst({ ...query, where: { id: String(id), tenantId: tenantOf(ctx) } }),
  }),
}));

const UpdateIntegrationInput = builder.inputType('UpdateIntegrationInput', {
  fields: (t) => ({ name: t.string(), enabled: t.boolean() }),
});
const UpdateIntegrationFlowInput = builder.inputType('UpdateIntegrationFlowInput', {
  fields: (t) => ({
    enabled: t.boolean(),
    intervalSeconds: t.int({ description: '60 … 86400' }),
    mappingId: t.id({ description: 'The mapping whose published version the flow uses; null to clear.' }),
  }),
});
const StockBufferRuleInput = builder.inputType('StockBufferRuleInput', {
  fields: (t) => ({
    scope: t.field({ type: BufferScopeEnum, required: true }),
    key: t.string({ description: '"" for GLOBAL, else the category code or SKU.' }),
    kind: t.field({ type: BufferKindEnum, required: true }),
    value: t.field({ type: 'Decimal', required: true }),
  }),
});

builder.mutationFields((t) => ({
  updateIntegration: t.field({
    type: IntegrationRef,
    authScopes: { write: 'integrations' },
    errors: { types: COMMON_ERRORS, directResult: true },
    args: { id: t.arg.id({ required: true }), input: t.arg({ type: UpdateIntegrationInput, required: true }) },
    resolve: (_root, { id, input }, ctx) =>
      updateIntegration(ctx.deps, principalOf(ctx), String(id), { name: input.name ?? undefined, enabled: input.enabled ?? undefined }),
  }),
  updateIntegrationFlow: t.prismaField({
    type: 'IntegrationFlow',
    authScopes: { write: 'integrations' },
    errors: { types: COMMON_ERRORS, directResult: true },
    args: {
      integrationId: t.arg.id({ required: true }),
      flow: t.arg({ type: FlowEnum, required: true }),
      input: t.arg({ type: UpdateIntegrationFlowInput, required: true }),
    },
    resolve: (_query, _root, { integrationId, flow, input }, ctx) =>
      updateIntegrationFlow(ctx.deps, principalOf(ctx), String(integrationId), flow, {
        enabled: input.enabled ?? undefined,
        intervalSeconds: input.intervalSeconds ?? undefined,
        mappingId: input.mappingId === undefined ? undefined : input.mappingId === null ? null : String(input.mappingId),
      }),
  }),
  setStockBufferRule: t.field({
    type: StockBufferRuleRef,
    authScopes: { write: 'integrations' },
    errors: { types: COMMON_ERRORS, directResult: true },
    args: { integrationId: t.arg.id({ required: true }), input: t.arg({ type: StockBufferRuleInput, required: true }) },
    resolve: (_root, { integrationId, input }, ctx) =>
      setStockBufferRule(ctx.deps, principalOf(ctx), String(integrationId), { ...input, key: input.key ?? '' }),
  }),
  deleteStockBufferRule: t.field({
    type: 'ID',
    authScopes: { write: 'integrations' },
    errors: { types: COMMON_ERRORS },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, ctx) => deleteStockBufferRule(ctx.deps, principalOf(ctx), String(id)),
  }),
}));

builder.subscriptionField('integrationHealth', (t) =>
  t.field({
    type: IntegrationHealth,
    description: "The integration's health, re-computed whenever the scheduler reports a change.",
    authScopes: { read: 'integrations' },
    args: { integrationId: t.arg.id({ required: true }) },
    subscribe: async (_root, { integrationId }, ctx) => {
      await assertIntegration(ctx, String(integrationId));
      return ctx.deps.events.subscribe('integrationHealth', String(integrationId));
    },
    resolve: (event, { integrationId }, ctx) =>
      sharedPerEvent(event as object, [tenantOf(ctx), 'health'], async () => {
        const i = await ctx.prisma.integration.findFirstOrThrow({ where: { id: String(integrationId), tenantId: tenantOf(ctx) }, select: { enabled: true } });
        return integrationHealth(ctx, String(integrationId), i.enabled);
      }),
  }),
);
