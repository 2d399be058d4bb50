/** Products and their listings per market: last pushed price/stock/status, binding, mapping version and source values. */
import { builder } from '../builder.ts';
import { tenantOf } from '../context.ts';

builder.prismaObject('Product', {
  fields: (t) => ({
    id: t.exposeID('id'),
    sku: t.exposeString('sku'),
    name: t.exposeString('name'),
    category: t.exposeString('category', { nullable: true }),
    data: t.expose('data', { type: 'JSON', description: 'The canonical product as last read from the ERP.' }),
    sourceUpdatedAt: t.expose('sourceUpdatedAt', { type: 'DateTime', nullable: true }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    listings: t.relation('listings', { query: { orderBy: [{ market: 'asc' }] } }),
    stock: t.field({
      type: [StockLevelRef],
      description: 'ERP stock per warehouse.',
      select: { sku: true, tenantId: true },
      resolve: (p, _a, ctx) => ctx.prisma.stockLevel.findMany({ where: { tenantId: p.tenantId, sku: p.sku }, orderBy: { warehouse: 'asc' } }),
    }),
    reservedQuantity: t.int({
      description: 'Units held by orders not yet in the ERP.',
      select: { sku: true, tenantId: true },
      resolve: async (p, _a, ctx) => {
        const r = await ctx.prisma.stockReservation.aggregate({
          where: { tenantId: p.tenantId, sku: p.sku, releasedAt: null },
          _sum: { quantity: true },
        });
        return r._sum.quantity ?? 0;
      },
    }),
  }),
});

const StockLevelRef = builder.objectRef<{ warehouse: string; available: number; updatedAt: Date }>('StockLevel').implement({
  fields: (t) => ({
    warehouse: t.exposeString('warehouse'),
    available: t.exposeInt('available'),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
});

const BindingRef = builder.prismaObject('ExternalBinding', {
  fields: (t) => ({
    id: t.exposeID('id'),
    entityType: t.exposeString('entityType'),
    externalId: t.exposeString('externalId'),
    externalVersion: t.exposeString('externalVersion', { nullable: true }),
    hash: t.exposeString('hash', { nullable: true }),
    syncedAt: t.expose('syncedAt', { type: 'DateTime' }),
  }),
});

builder.prismaObject('Listing', {
  fields: (t) => ({
    id: t.exposeID('id'),
    market: t.exposeString('market'),
    lastPushedPrice: t.expose('lastPushedPrice', { type: 'Decimal', nullable: true }),
    currency: t.exposeString('currency', { nullable: true }),
    lastPushedQuantity: t.exposeInt('lastPushedQuantity', { nullable: true }),
    status: t.exposeString('status'),
    pushedAt: t.expose('pushedAt', { type: 'DateTime', nullable: true }),
    lastError: t.exposeString('lastError', { nullable: true }),
    sourceValues: t.expose('sourceValues', { type: 'JSON', nullable: true, description: 'Source values the mapping read.' }),
    rulesApplied: t.expose('rulesApplied', { type: 'JSON', nullable: true, description: 'Rules applied and their outputs.' }),
    mappingVersion: t.relation('mappingVersion', { nullable: true, description: 'The mapping version that produced the pushed values.' }),
    connection: t.relation('connection'),
    product: t.relation('product'),
    binding: t.field({
      type: BindingRef,
      nullable: true,
      description: "The product's record on this channel (external id).",
      select: { connectionId: true, productId: true },
      resolve: (l, _a, ctx) =>
        ctx.prisma.externalBinding.findFirst({ where: { connectionId: l.connectionId, internalId: l.productId, entityType: { in: ['offer', 'product', 'article'] } } }),
    }),
  }),
});

builder.queryFields((t) => ({
  products: t.prismaConnection({
    type: 'Product',
    cursor: 'id',
    authScopes: { read: 'catalog' },
    args: { search: t.arg.string({ description: 'SKU or name contains' }), category: t.arg.string() },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.product.findMany({ ...query, where: productWhere(tenantOf(ctx), args), orderBy: [{ sku: 'asc' }, { id: 'asc' }] }),
    totalCount: (_c, args, ctx) => ctx.prisma.product.count({ where: productWhere(tenantOf(ctx), args) }),
  }),
  product: t.prismaField({
    type: 'Product',
    nullable: true,
    authScopes: { read: 'catalog' },
    args: { id: t.arg.id(), sku: t.arg.string() },
    resolve: (query, _root, args, ctx) =>
      args.id || args.sku
        ? ctx.prisma.product.findFirst({ ...query, where: { tenantId: tenantOf(ctx), id: args.id ? String(args.id) : undefined, sku: args.sku ?? undefined } })
        : null,
  }),
  listings: t.prismaConnection({
    type: 'Listing',
    cursor: 'id',
    authScopes: { read: 'catalog' },
    args: { market: t.arg.string(), status: t.arg.string(), connectionId: t.arg.id() },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.listing.findMany({ ...query, where: listingWhere(tenantOf(ctx), args), orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }] }),
    totalCount: (_c, args, ctx) => ctx.prisma.listing.count({ where: listingWhere(tenantOf(ctx), args) }),
  }),
}));

function productWhere(tenantId: string, a: { search?: string | null; category?: string | null }) {
  const s = a.search?.trim();
  return {
    tenantId,
    category: a.category ?? undefined,
    ...(s ? { OR: [{ sku: { contains: s, mode: 'insensitive' as const } }, { name: { contains: s, mode: 'insensitive' as const } }] } : {}),
  };
}
function listingWhere(tenantId: string, a: { market?: string | null; status?: string | null; connectionId?: string | number | null }) {
  return { tenantId, market: a.market ?? undefined, status: a.status ?? undefined, connectionId: a.connectionId ? String(a.connectionId) : undefined };
}
