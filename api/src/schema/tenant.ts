import { builder } from '../builder.ts';
import { principalOf, tenantOf } from '../context.ts';
import { rotateWebhookSecret, updateTenant } from '../commands/tenant.ts';
import { COMMON_ERRORS } from './errors.ts';

export const TenantRef = builder.prismaObject('Tenant', {
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    slug: t.exposeString('slug'),
    retentionDays: t.exposeInt('retentionDays', {
      description: 'Days customer personal data is kept after an order completes.',
    }),
    hasWebhookSecret: t.boolean({ select: { webhookSecret: true }, resolve: (tn) => tn.webhookSecret !== null }),
  }),
});

builder.queryField('tenant', (t) =>
  t.prismaField({
    type: 'Tenant',
    authScopes: { authenticated: true },
    description: "The caller's tenant.",
    resolve: (query, _root, _args, ctx) => ctx.prisma.tenant.findUniqueOrThrow({ ...query, where: { id: tenantOf(ctx) } }),
  }),
);

const UpdateTenantInput = builder.inputType('UpdateTenantInput', {
  fields: (t) => ({ name: t.string(), retentionDays: t.int() }),
});

const WebhookSecret = builder.objectRef<{ secret: string }>('WebhookSecret').implement({
  fields: (t) => ({
    secret: t.exposeString('secret', { description: 'Shown once: sign webhooks with it (HMAC-SHA256).' }),
  }),
});

builder.mutationFields((t) => ({
  updateTenant: t.field({
    type: TenantRef,
    authScopes: { write: 'users' },
    errors: { types: COMMON_ERRORS, directResult: true },
    args: { input: t.arg({ type: UpdateTenantInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      updateTenant(ctx.deps, principalOf(ctx), {
        name: input.name ?? undefined,
        retentionDays: input.retentionDays ?? undefined,
      }),
  }),
  rotateWebhookSecret: t.field({
    type: WebhookSecret,
    authScopes: { write: 'users' },
    resolve: async (_root, _args, ctx) => ({ secret: await rotateWebhookSecret(ctx.deps, principalOf(ctx)) }),
  }),
}));
