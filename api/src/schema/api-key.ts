import { builder } from '../builder.ts';
import { principalOf, tenantOf } from '../context.ts';
import { createApiKey, revokeApiKey } from '../commands/api-keys.ts';
import { COMMON_ERRORS } from './errors.ts';
import { API_KEY_AREAS } from '../auth/principal.ts';

export const ApiKeyRef = builder.prismaObject('ApiKey', {
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    prefix: t.exposeString('prefix', { description: 'The first characters of the key, to recognise it.' }),
    scopes: t.exposeStringList('scopes'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    lastUsedAt: t.expose('lastUsedAt', { type: 'DateTime', nullable: true }),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true }),
    createdBy: t.relation('createdBy', { nullable: true }),
  }),
});

builder.queryFields((t) => ({
  apiKeys: t.prismaField({
    type: ['ApiKey'],
    authScopes: { read: 'apiKeys' },
    resolve: (query, _root, _args, ctx) =>
      ctx.prisma.apiKey.findMany({ ...query, where: { tenantId: tenantOf(ctx) }, orderBy: { createdAt: 'desc' } }),
  }),
  apiKeyAreas: t.stringList({
    description: 'Areas an API key can be scoped to, as "<area>:read" or "<area>:write".',
    resolve: () => [...API_KEY_AREAS],
  }),
}));

const CreatedApiKey = builder.objectRef<{ apiKey: { id: string }; key: string }>('CreatedApiKey').implement({
  fields: (t) => ({
    key: t.exposeString('key', { description: 'The full key, shown only now: `Authorization: Bearer <key>`.' }),
    apiKey: t.prismaField({
      type: 'ApiKey',
      resolve: (query, parent, _args, ctx) => ctx.prisma.apiKey.findUniqueOrThrow({ ...query, where: { id: parent.apiKey.id } }),
    }),
  }),
});

builder.mutationFields((t) => ({
  createApiKey: t.field({
    type: CreatedApiKey,
    authScopes: { write: 'apiKeys' },
    errors: { types: COMMON_ERRORS, directResult: true },
    args: { name: t.arg.string({ required: true }), scopes: t.arg.stringList({ required: true }) },
    resolve: (_root, args, ctx) => createApiKey(ctx.deps, principalOf(ctx), args),
  }),
  revokeApiKey: t.field({
    type: ApiKeyRef,
    authScopes: { write: 'apiKeys' },
    errors: { types: COMMON_ERRORS, directResult: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, ctx) => revokeApiKey(ctx.deps, principalOf(ctx), String(id)),
  }),
}));
