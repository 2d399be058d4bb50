/** Connectors (from the registry) and connections: config without secrets, write-only secret fields. */
import { listConnectors, redactConfig } from '@megzo/connectors/registry';
import { builder } from '../builder.ts';
import { principalOf, tenantOf } from '../context.ts';
import {
  createConnection,
  deleteConnection,
  discoverConnection,
  testConnection,
  updateConnection,
} from '../commands/connections.ts';
import { COMMON_ERRORS } from './errors.ts';
import { ConnectionStatusEnum } from './enums.ts';

type ConnectorShape = ReturnType<typeof listConnectors>[number];

const Connector = builder.objectRef<ConnectorShape>('Connector').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.exposeString('kind'),
    label: t.exposeString('label'),
    secretFields: t.exposeStringList('secretFields', { description: 'Config fields that are write-only secrets.' }),
    configSchema: t.expose('configSchema', { type: 'JSON', description: 'JSON schema of the config (secret fields are writeOnly).' }),
  }),
});

export const ConnectionRef = builder.prismaObject('Connection', {
  fields: (t) => ({
    id: t.exposeID('id'),
    connectorId: t.exposeString('connectorId'),
    name: t.exposeString('name'),
    status: t.expose('status', { type: ConnectionStatusEnum }),
    lastCheckAt: t.expose('lastCheckAt', { type: 'DateTime', nullable: true }),
    lastCheckError: t.exposeString('lastCheckError', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    config: t.field({
      type: 'JSON',
      description: 'The non-secret settings. Secrets are never returned.',
      select: { config: true, connectorId: true },
      resolve: (c) => {
        try {
          return redactConfig(c.connectorId, c.config);
        } catch {
          return c.config;
        }
      },
    }),
    secretFieldsSet: t.stringList({
      description: 'Which secret fields have a value (the values are never returned).',
      select: { secrets: true },
      resolve: (c, _args, ctx) => (c.secrets ? Object.keys(ctx.deps.secrets.decryptJson<Record<string, unknown>>(c.secrets)).sort() : []),
    }),
  }),
});

builder.queryFields((t) => ({
  connectors: t.field({
    type: [Connector],
    authScopes: { authenticated: true },
    resolve: () => listConnectors(),
  }),
  connections: t.prismaField({
    type: ['Connection'],
    authScopes: { read: 'connections' },
    resolve: (query, _root, _args, ctx) =>
      ctx.prisma.connection.findMany({ ...query, where: { tenantId: tenantOf(ctx) }, orderBy: { name: 'asc' } }),
  }),
  connection: t.prismaField({
    type: 'Connection',
    nullable: true,
    authScopes: { read: 'connections' },
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, { id }, ctx) => ctx.prisma.connection.findFirst({ ...query, where: { id: String(id), tenantId: tenantOf(ctx) } }),
  }),
}));

const CreateConnectionInput = builder.inputType('CreateConnectionInput', {
  fields: (t) => ({
    connectorId: t.string({ required: true }),
    name: t.string({ required: true }),
    config: t.field({ type: 'JSON', required: true, description: 'The full config; secret fields are split out and encrypted.' }),
  }),
});
const UpdateConnectionInput = builder.inputType('UpdateConnectionInput', {
  fields: (t) => ({
    name: t.string(),
    config: t.field({
      type: 'JSON',
      description: 'Replaces the non-secret settings; secret fields given replace the stored secret, null removes it, absent ones are kept.',
    }),
  }),
});

const ConnectionTestResult = builder.objectRef<{ ok: boolean; message: string; id: string }>('ConnectionTestResult').implement({
  fields: (t) => ({
    ok: t.exposeBoolean('ok'),
    message: t.exposeString('message'),
    connection: t.prismaField({
      type: 'Connection',
      resolve: (query, parent, _args, ctx) => ctx.prisma.connection.findUniqueOrThrow({ ...query, where: { id: parent.id } }),
    }),
  }),
});

builder.mutationFields((t) => ({
  createConnection: t.field({
    type: ConnectionRef,
    authScopes: { write: 'connections' },
    errors: { types: COMMON_ERRORS, directResult: true },
    args: { input: t.arg({ type: CreateConnectionInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const c = await createConnection(ctx.deps, principalOf(ctx), { ...input, config: input.config });
      return ctx.prisma.connection.findUniqueOrThrow({ where: { id: c.id } });
    },
  }),
  updateConnection: t.field({
    type: ConnectionRef,
    authScopes: { write: 'connections' },
    errors: { types: COMMON_ERRORS, directResult: true },
    args: { id: t.arg.id({ required: true }), input: t.arg({ type: UpdateConnectionInput, required: true }) },
    resolve: async (_root, { id, input }, ctx) => {
      const c = await updateConnection(ctx.deps, principalOf(ctx), String(id), {
        name: input.name ?? undefined,
        config: input.config ?? undefined,
      });
      return ctx.prisma.connection.findUniqueOrThrow({ where: { id: c.id } });
    },
  }),
  deleteConnection: t.field({
    type: 'ID',
    authScopes: { write: 'connections' },
    errors: { types: COMMON_ERRORS },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, ctx) => deleteConnection(ctx.deps, principalOf(ctx), String(id)),
  }),
  testConnection: t.field({
    type: ConnectionTestResult,
    description: "Run the connector's check with the stored settings; the outcome is recorded on the connection.",
    authScopes: { write: 'connections' },
    errors: { types: COMMON_ERRORS, directResult: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, { id }, ctx) => ({ ...(await testConnection(ctx.deps, principalOf(ctx), String(id))), id: String(id) }),
  }),
  discoverConnection: t.field({
    type: 'JSON',
    description: 'Streams and capabilities the connected system offers.',
    authScopes: { write: 'connections' },
    errors: { types: COMMON_ERRORS },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, ctx) => discoverConnection(ctx.deps, principalOf(ctx), String(id)),
  }),
}));
