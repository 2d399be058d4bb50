/** GDPR requests (admins): export or erase one customer's personal data; purge past retention. */
import { builder } from '../builder.ts';
import { principalOf } from '../context.ts';
import { eraseCustomerData, exportCustomerData, purgeExpiredPersonalData } from '../commands/gdpr.ts';
import { COMMON_ERRORS } from './errors.ts';

const ErasureResult = builder
  .objectRef<{ orders: number; orderEvents: number; runItems: number; auditEvents: number }>('CustomerErasureResult')
  .implement({
    fields: (t) => ({
      orders: t.exposeInt('orders'),
      orderEvents: t.exposeInt('orderEvents'),
      runItems: t.exposeInt('runItems'),
      auditEvents: t.exposeInt('auditEvents'),
    }),
  });

const PurgeResult = builder.objectRef<{ orders: number; runItems: number }>('PersonalDataPurgeResult').implement({
  fields: (t) => ({ orders: t.exposeInt('orders'), runItems: t.exposeInt('runItems') }),
});

builder.mutationFields((t) => ({
  exportCustomerData: t.field({
    type: 'JSON',
    description: "Everything held about one customer (by e-mail): orders, run items. Audited.",
    authScopes: { write: 'gdpr' },
    errors: { types: COMMON_ERRORS },
    args: { email: t.arg.string({ required: true, validate: { email: [true, { message: 'must be an e-mail address' }], maxLength: 254 } }) },
    resolve: (_root, { email }, ctx) => exportCustomerData(ctx.deps, principalOf(ctx), email),
  }),
  eraseCustomerData: t.field({
    type: ErasureResult,
    description: "Erase one customer's personal data across orders, run items and logs. Audited; cannot be undone.",
    authScopes: { write: 'gdpr' },
    errors: { types: COMMON_ERRORS, directResult: true },
    args: { email: t.arg.string({ required: true, validate: { email: [true, { message: 'must be an e-mail address' }], maxLength: 254 } }) },
    resolve: (_root, { email }, ctx) => eraseCustomerData(ctx.deps, principalOf(ctx), email),
  }),
  purgeExpiredPersonalData: t.field({
    type: PurgeResult,
    description: "Apply the tenant's retention period now (the scheduler also does it daily).",
    authScopes: { write: 'gdpr' },
    resolve: (_root, _args, ctx) => purgeExpiredPersonalData(ctx.prisma, ctx.deps.now(), principalOf(ctx).tenantId),
  }),
}));
