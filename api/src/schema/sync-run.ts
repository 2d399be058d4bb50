/** Sync runs and their items: list with filters, detail, retry and resolve (single and bulk), live updates. */
import { builder } from '../builder.ts';
import { principalOf, tenantOf } from '../context.ts';
import { requestSyncRun, resolveRunItems, retryRunItems } from '../commands/runs.ts';
import { assertIntegration } from './guards.ts';
import { sharedPerEvent } from './event-cache.ts';
import { COMMON_ERRORS } from './errors.ts';
import { FlowEnum, RunItemStatusEnum, RunStatusEnum, RunTriggerEnum } from './enums.ts';

export const SyncRunRef = builder.prismaObject('SyncRun', {
  fields: (t) => ({
    id: t.exposeID('id'),
    flow: t.expose('flow', { type: FlowEnum }),
    status: t.expose('status', { type: RunStatusEnum }),
    trigger: t.expose('trigger', { type: RunTriggerEnum }),
    stage: t.exposeString('stage', { nullable: true }),
    progressTotal: t.exposeInt('progressTotal', { nullable: true }),
    progressDone: t.exposeInt('progressDone'),
    countRead: t.exposeInt('countRead'),
    countCreated: t.exposeInt('countCreated'),
    countUpdated: t.exposeInt('countUpdated'),
    countSkipped: t.exposeInt('countSkipped'),
    countFailed: t.exposeInt('countFailed'),
    startedAt: t.expose('startedAt', { type: 'DateTime', nullable: true }),
    finishedAt: t.expose('finishedAt', { type: 'DateTime', nullable: true }),
    heartbeatAt: t.expose('heartbeatAt', { type: 'DateTime', nullable: true }),
    retryAfter: t.expose('retryAfter', { type: 'DateTime', nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    error: t.expose('error', { type: 'JSON', nullable: true, description: 'The categorised error that ended the run.' }),
    errorMessage: t.string({
      nullable: true,
      select: { error: true },
      resolve: (r) => {
        const e = r.error as { message?: unknown } | null;
        return e && typeof e.message === 'string' ? e.message : null;
      },
    }),
    integration: t.relation('integration'),
    mappingVersion: t.relation('mappingVersion', { nullable: true }),
    items: t.relatedConnection('items', {
      cursor: 'id',
      totalCount: true,
      args: { status: t.arg({ type: RunItemStatusEnum }) },
      query: (args) => ({ where: args.status ? { status: args.status } : {}, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
    }),
  }),
});

export const SyncRunItemRef = builder.prismaObject('SyncRunItem', {
  fields: (t) => ({
    id: t.exposeID('id'),
    recordKey: t.exposeString('recordKey'),
    action: t.exposeString('action'),
    status: t.expose('status', { type: RunItemStatusEnum }),
    errorCategory: t.exposeString('errorCategory', { nullable: true }),
    errorCode: t.exposeString('errorCode', { nullable: true }),
    message: t.exposeString('message', { nullable: true }),
    payloadExcerpt: t.expose('payloadExcerpt', { type: 'JSON', nullable: true }),
    attempts: t.exposeInt('attempts'),
    resolvedAt: t.expose('resolvedAt', { type: 'DateTime', nullable: true }),
    resolvedBy: t.relation('resolvedBy', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    run: t.relation('run'),
  }),
});

builder.queryFields((t) => ({
  runs: t.prismaConnection({
    type: 'SyncRun',
    cursor: 'id',
    authScopes: { read: 'runs' },
    args: {
      integrationId: t.arg.id({ required: true }),
      flow: t.arg({ type: FlowEnum }),
      status: t.arg({ type: RunStatusEnum }),
    },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.syncRun.findMany({
        ...query,
        where: { tenantId: tenantOf(ctx), integrationId: String(args.integrationId), flow: args.flow ?? undefined, status: args.status ?? undefined },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      }),
    totalCount: (_conn, args, ctx) =>
      ctx.prisma.syncRun.count({
        where: { tenantId: tenantOf(ctx), integrationId: String(args.integrationId), flow: args.flow ?? undefined, status: args.status ?? undefined },
      }),
  }),
  syncRun: t.prismaField({
    type: 'SyncRun',
    nullable: true,
    authScopes: { read: 'runs' },
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, { id }, ctx) => ctx.prisma.syncRun.findFirst({ ...query, where: { id: String(id), tenantId: tenantOf(ctx) } }),
  }),
  runItems: t.prismaConnection({
    type: 'SyncRunItem',
    cursor: 'id',
    description: 'Items across runs of an integration, e.g. every FAILED record waiting for retry or resolve.',
    authScopes: { read: 'runs' },
    args: {
      integrationId: t.arg.id({ required: true }),
      status: t.arg({ type: RunItemStatusEnum }),
      flow: t.arg({ type: FlowEnum }),
      recordKey: t.arg.string(),
    },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.syncRunItem.findMany({
        ...query,
        where: itemWhere(tenantOf(ctx), args),
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      }),
    totalCount: (_c, args, ctx) => ctx.prisma.syncRunItem.count({ where: itemWhere(tenantOf(ctx), args) }),
  }),
}));

function itemWhere(tenantId: string, args: { integrationId: string | number; status?: string | null; flow?: string | null; recordKey?: string | null }) {
  return {
    run: { tenantId, integrationId: String(args.integrationId), flow: (args.flow ?? undefined) as never },
    status: (args.status ?? undefined) as never,
    recordKey: args.recordKey ? { contains: args.recordKey } : undefined,
  };
}

const RetryResult = builder.objectRef<{ runs: { id: string }[] }>('RetryRunItemsResult').implement({
  fields: (t) => ({
    runs: t.prismaField({
      type: ['SyncRun'],
      description: 'The retry runs that were queued (one per integration and flow).',
      resolve: (query, parent, _args, ctx) =>
        ctx.prisma.syncRun.findMany({ ...query, where: { id: { in: parent.runs.map((r) => r.id) } } }),
    }),
  }),
});
const ResolveResult = builder.objectRef<{ items: { id: string }[] }>('ResolveRunItemsResult').implement({
  fields: (t) => ({
    items: t.prismaField({
      type: ['SyncRunItem'],
      resolve: (query, parent, _args, ctx) =>
        ctx.prisma.syncRunItem.findMany({ ...query, where: { id: { in: parent.items.map((r) => r.id) } } }),
    }),
  }),
});

builder.mutationFields((t) => ({
  runSync: t.field({
    type: SyncRunRef,
    description: 'Queue a manual run of one flow now.',
    authScopes: { write: 'runs' },
    errors: { types: COMMON_ERRORS, directResult: true },
    args: { integrationId: t.arg.id({ required: true }), flow: t.arg({ type: FlowEnum, required: true }) },
    resolve: (_root, args, ctx) => requestSyncRun(ctx.deps, principalOf(ctx), String(args.integrationId), args.flow),
  }),
  retryRunItems: t.field({
    type: RetryResult,
    authScopes: { write: 'runs' },
    errors: { types: COMMON_ERRORS, directResult: true },
    args: { ids: t.arg.idList({ required: true, validate: { minLength: [1, { message: 'must list at least one item' }], maxLength: [500, { message: 'at most 500 items at once' }] } }) },
    resolve: async (_root, { ids }, ctx) => ({ runs: await retryRunItems(ctx.deps, principalOf(ctx), ids.map(String)) }),
  }),
  retryRunItem: t.field({
    type: RetryResult,
    authScopes: { write: 'runs' },
    errors: { types: COMMON_ERRORS, directResult: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, { id }, ctx) => ({ runs: await retryRunItems(ctx.deps, principalOf(ctx), [String(id)]) }),
  }),
  resolveRunItems: t.field({
    type: ResolveResult,
    authScopes: { write: 'runs' },
    errors: { types: COMMON_ERRORS, directResult: true },
    args: {
      ids: t.arg.idList({ required: true, validate: { minLength: [1, { message: 'must list at least one item' }], maxLength: [500, { message: 'at most 500 items at once' }] } }),
      note: t.arg.string({ validate: { maxLength: [2000, { message: 'at most 2000 characters' }] } }),
    },
    resolve: async (_root, { ids, note }, ctx) => ({ items: await resolveRunItems(ctx.deps, principalOf(ctx), ids.map(String), note) }),
  }),
  resolveRunItem: t.field({
    type: ResolveResult,
    authScopes: { write: 'runs' },
    errors: { types: COMMON_ERRORS, directResult: true },
    args: { id: t.arg.id({ required: true }), note: t.arg.string() },
    resolve: async (_root, { id, note }, ctx) => ({ items: await resolveRunItems(ctx.deps, principalOf(ctx), [String(id)], note) }),
  }),
}));

builder.subscriptionField('syncRunUpdated', (t) =>
  t.prismaField({
    type: 'SyncRun',
    description: "Every change of a run of this integration (the scheduler's progress, queued runs).",
    authScopes: { read: 'runs' },
    args: { integrationId: t.arg.id({ required: true }) },
    subscribe: async (_root, { integrationId }, ctx) => {
      await assertIntegration(ctx, String(integrationId));
      return ctx.deps.events.subscribe('syncRunUpdated', String(integrationId));
    },
    resolve: (query, event, _args, ctx) => {
      const e = event as unknown as { runId: string; tenantId: string };
      const tenantId = tenantOf(ctx);
      return sharedPerEvent(event as object, [tenantId, query], () =>
        ctx.prisma.syncRun.findFirstOrThrow({ ...query, where: { id: e.runId, tenantId } }),
      );
    },
  }),
);
