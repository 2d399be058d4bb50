/** BNR / ECB exchange rates (shared reference data, read-only). */
import { builder } from '../builder.ts';
import { FxSourceEnum } from './enums.ts';

builder.prismaObject('FxRate', {
  fields: (t) => ({
    id: t.exposeID('id'),
    source: t.expose('source', { type: FxSourceEnum }),
    currency: t.exposeString('currency'),
    date: t.string({ select: { date: true }, resolve: (r) => r.date.toISOString().slice(0, 10) }),
    value: t.expose('value', { type: 'Decimal', description: 'RON per `multiplier` units (BNR) or per 1 EUR (ECB).' }),
    multiplier: t.exposeInt('multiplier'),
  }),
});

builder.queryField('fxRates', (t) =>
  t.prismaField({
    type: ['FxRate'],
    authScopes: { read: 'fx' },
    args: {
      currency: t.arg.string(),
      source: t.arg({ type: FxSourceEnum }),
      from: t.arg({ type: 'DateTime' }),
      to: t.arg({ type: 'DateTime' }),
      limit: t.arg.int({ defaultValue: 100 }),
    },
    resolve: (query, _root, a, ctx) =>
      ctx.prisma.fxRate.findMany({
        ...query,
        where: {
          currency: a.currency?.toUpperCase() ?? undefined,
          source: a.source ?? undefined,
          date: { gte: a.from ?? undefined, lte: a.to ?? undefined },
        },
        orderBy: [{ date: 'desc' }, { currency: 'asc' }],
        take: Math.min(Math.max(a.limit ?? 100, 1), 1000),
      }),
  }),
);
