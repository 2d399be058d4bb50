/** Audit events: who did what, when. */
import { builder } from '../builder.ts';
import { tenantOf } from '../context.ts';

builder.prismaObject('AuditEvent', {
  fields: (t) => ({
    id: t.exposeID('id'),
    action: t.exposeString('action'),
    entityType: t.exposeString('entityType'),
    entityId: t.exposeString('entityId'),
    data: t.expose('data', { type: 'JSON', nullable: true }),
    at: t.expose('at', { type: 'DateTime' }),
    actorUser: t.relation('actorUser', { nullable: true }),
    actorApiKey: t.relation('actorApiKey', { nullable: true }),
  }),
});

builder.queryField('auditEvents', (t) =>
  t.prismaConnection({
    type: 'AuditEvent',
    cursor: 'id',
    authScopes: { read: 'audit' },
    args: { entityType: t.arg.string(), entityId: t.arg.string(), action: t.arg.string() },
    resolve: (query, _root, a, ctx) =>
      ctx.prisma.auditEvent.findMany({
        ...query,
        where: { tenantId: tenantOf(ctx), entityType: a.entityType ?? undefined, entityId: a.entityId ?? undefined, action: a.action ?? undefined },
        orderBy: [{ at: 'desc' }, { id: 'desc' }],
      }),
    totalCount: (_c, a, ctx) =>
      ctx.prisma.auditEvent.count({
        where: { tenantId: tenantOf(ctx), entityType: a.entityType ?? undefined, entityId: a.entityId ?? undefined, action: a.action ?? undefined },
      }),
  }),
);
