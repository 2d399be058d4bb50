/** Orders: timeline, ERP reference, invoice PDF, AWB and label, tracking, channel deadline countdown; live updates. */
import { builder } from '../builder.ts';
import { tenantOf } from '../context.ts';
import { assertIntegration } from './guards.ts';
import { sharedPerEvent } from './event-cache.ts';
import { ReturnKindEnum } from './enums.ts';

export const OrderRef = builder.prismaObject('Order', {
  fields: (t) => ({
    id: t.exposeID('id'),
    channelOrderId: t.exposeString('channelOrderId'),
    market: t.exposeString('market'),
    status: t.exposeString('status', { description: "'created' | 'accepted' | 'fulfilled' | 'cancelled' | 'returned'" }),
    erpReference: t.exposeString('erpReference', { nullable: true }),
    erpSalesOrderId: t.exposeString('erpSalesOrderId', { nullable: true }),
    totalNet: t.expose('totalNet', { type: 'Decimal' }),
    totalVat: t.expose('totalVat', { type: 'Decimal' }),
    totalGross: t.expose('totalGross', { type: 'Decimal' }),
    currency: t.exposeString('currency'),
    channelCreatedAt: t.expose('channelCreatedAt', { type: 'DateTime', nullable: true }),
    deadlineAt: t.expose('deadlineAt', { type: 'DateTime', nullable: true, description: 'When the channel cancels the order if not shipped.' }),
    deadlineInSeconds: t.int({
      nullable: true,
      description: 'Seconds until the channel deadline (negative once passed); null when closed or without deadline.',
      select: { deadlineAt: true, status: true },
      resolve: (o) =>
        o.deadlineAt && (o.status === 'created' || o.status === 'accepted') ? Math.round((o.deadlineAt.getTime() - Date.now()) / 1000) : null,
    }),
    acceptedAt: t.expose('acceptedAt', { type: 'DateTime', nullable: true }),
    completedAt: t.expose('completedAt', { type: 'DateTime', nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    customer: t.expose('personalData', {
      type: 'JSON',
      nullable: true,
      description: 'Customer name/address/contact (null once erased or past retention).',
    }),
    personalDataPurgedAt: t.expose('personalDataPurgedAt', { type: 'DateTime', nullable: true }),
    integration: t.relation('integration'),
    connection: t.relation('connection'),
    lines: t.relation('lines', { query: { orderBy: { lineId: 'asc' } } }),
    events: t.relation('events', { description: 'The timeline, oldest first.', query: { orderBy: [{ at: 'asc' }, { id: 'asc' }] } }),
    shipments: t.relation('shipments', { query: { orderBy: { createdAt: 'asc' } } }),
    invoices: t.relation('invoices', { query: { orderBy: { createdAt: 'asc' } } }),
    returns: t.relation('returns', { query: { orderBy: { detectedAt: 'asc' } } }),
  }),
});

builder.prismaObject('OrderLine', {
  fields: (t) => ({
    id: t.exposeID('id'),
    lineId: t.exposeString('lineId'),
    sku: t.exposeString('sku'),
    title: t.exposeString('title', { nullable: true }),
    quantity: t.exposeInt('quantity'),
    netAmount: t.expose('netAmount', { type: 'Decimal' }),
    vatAmount: t.expose('vatAmount', { type: 'Decimal' }),
    vatRate: t.expose('vatRate', { type: 'Decimal' }),
    currency: t.exposeString('currency'),
  }),
});

builder.prismaObject('OrderEvent', {
  fields: (t) => ({
    id: t.exposeID('id'),
    type: t.exposeString('type'),
    at: t.expose('at', { type: 'DateTime' }),
    message: t.exposeString('message'),
    data: t.expose('data', { type: 'JSON', nullable: true }),
  }),
});

builder.prismaObject('Shipment', {
  fields: (t) => ({
    id: t.exposeID('id'),
    carrier: t.exposeString('carrier'),
    awb: t.exposeString('awb'),
    trackingUrl: t.exposeString('trackingUrl', { nullable: true }),
    status: t.exposeString('status'),
    events: t.expose('events', { type: 'JSON', description: 'Tracking events [{ at, code?, description }].' }),
    pushedToChannelAt: t.expose('pushedToChannelAt', { type: 'DateTime', nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    hasLabel: t.boolean({ select: { labelPdf: true }, resolve: (s) => !!s.labelPdf }),
    labelUrl: t.string({
      nullable: true,
      description: 'Path of the label PDF on this API (GET with the session cookie or an API key).',
      select: { labelPdf: true },
      resolve: (s) => (s.labelPdf ? `/files/labels/${s.id}.pdf` : null),
    }),
    labelPdfBase64: t.exposeString('labelPdf', { nullable: true, description: 'The label PDF, base64.' }),
  }),
});

builder.prismaObject('Invoice', {
  fields: (t) => ({
    id: t.exposeID('id'),
    externalId: t.exposeString('externalId'),
    series: t.exposeString('series'),
    number: t.exposeString('number'),
    issueDate: t.expose('issueDate', { type: 'DateTime', nullable: true }),
    currency: t.exposeString('currency'),
    totalNet: t.expose('totalNet', { type: 'Decimal' }),
    totalVat: t.expose('totalVat', { type: 'Decimal' }),
    totalGross: t.expose('totalGross', { type: 'Decimal' }),
    checkedAt: t.expose('checkedAt', { type: 'DateTime', nullable: true }),
    checkError: t.exposeString('checkError', { nullable: true }),
    attachedToChannel: t.exposeBoolean('attachedToChannel'),
    attachedAt: t.expose('attachedAt', { type: 'DateTime', nullable: true }),
    capabilityMissing: t.exposeBoolean('capabilityMissing', { description: 'The channel cannot take invoices: kept here instead.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    hasPdf: t.boolean({ select: { pdf: true }, resolve: (i) => !!i.pdf }),
    pdfUrl: t.string({
      nullable: true,
      description: "Path of the ERP's invoice PDF on this API (GET with the session cookie or an API key).",
      select: { pdf: true },
      resolve: (i) => (i.pdf ? `/files/invoices/${i.id}.pdf` : null),
    }),
  }),
});

builder.prismaObject('Return', {
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.expose('kind', { type: ReturnKindEnum }),
    status: t.exposeString('status'),
    reason: t.exposeString('reason', { nullable: true }),
    erpDocumentId: t.exposeString('erpDocumentId', { nullable: true }),
    lines: t.expose('lines', { type: 'JSON' }),
    refundAmount: t.expose('refundAmount', { type: 'Decimal', nullable: true }),
    currency: t.exposeString('currency', { nullable: true }),
    detectedAt: t.expose('detectedAt', { type: 'DateTime' }),
    reconciledAt: t.expose('reconciledAt', { type: 'DateTime', nullable: true }),
  }),
});

function orderWhere(tenantId: string, args: { integrationId: string | number; status?: string | null; search?: string | null }) {
  const s = args.search?.trim();
  return {
    tenantId,
    integrationId: String(args.integrationId),
    status: args.status ?? undefined,
    ...(s
      ? {
          OR: [
            { channelOrderId: { contains: s, mode: 'insensitive' as const } },
            { erpReference: { contains: s, mode: 'insensitive' as const } },
            { erpSalesOrderId: { contains: s, mode: 'insensitive' as const } },
          ],
        }
      : {}),
  };
}

builder.queryFields((t) => ({
  orders: t.prismaConnection({
    type: 'Order',
    cursor: 'id',
    authScopes: { read: 'orders' },
    args: { integrationId: t.arg.id({ required: true }), status: t.arg.string(), search: t.arg.string() },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.order.findMany({ ...query, where: orderWhere(tenantOf(ctx), args), orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] }),
    totalCount: (_c, args, ctx) => ctx.prisma.order.count({ where: orderWhere(tenantOf(ctx), args) }),
  }),
  order: t.prismaField({
    type: 'Order',
    nullable: true,
    authScopes: { read: 'orders' },
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, { id }, ctx) => ctx.prisma.order.findFirst({ ...query, where: { id: String(id), tenantId: tenantOf(ctx) } }),
  }),
}));

builder.subscriptionField('orderUpdated', (t) =>
  t.prismaField({
    type: 'Order',
    description: 'Every change of an order of this integration (import, ERP creation, shipment, invoice…).',
    authScopes: { read: 'orders' },
    args: { integrationId: t.arg.id({ required: true }) },
    subscribe: async (_root, { integrationId }, ctx) => {
      await assertIntegration(ctx, String(integrationId));
      return ctx.deps.events.subscribe('orderUpdated', String(integrationId));
    },
    resolve: (query, event, _args, ctx) => {
      const e = event as unknown as { orderId: string };
      const tenantId = tenantOf(ctx);
      return sharedPerEvent(event as object, [tenantId, query], () =>
        ctx.prisma.order.findFirstOrThrow({ ...query, where: { id: e.orderId, tenantId } }),
      );
    },
  }),
);
