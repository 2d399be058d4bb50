import { builder } from '../builder.ts';
import { principalOf, tenantOf } from '../context.ts';
import { createUser, deleteUser, updateUser } from '../commands/users.ts';
import { COMMON_ERRORS } from './errors.ts';

export const RoleEnum = builder.enumType('Role', { values: ['ADMIN', 'EDITOR', 'VIEWER'] as const });

export const UserRef = builder.prismaObject('User', {
  fields: (t) => ({
    id: t.exposeID('id'),
    email: t.exposeString('email'),
    name: t.exposeString('name'),
    role: t.expose('role', { type: RoleEnum }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

builder.queryFields((t) => ({
  me: t.prismaField({
    type: 'User',
    nullable: true,
    description: 'The signed-in studio user (null for API keys and anonymous callers).',
    resolve: (query, _root, _args, ctx) =>
      ctx.principal?.kind === 'user' ? ctx.prisma.user.findUnique({ ...query, where: { id: ctx.principal.userId } }) : null,
  }),
  users: t.prismaField({
    type: ['User'],
    authScopes: { read: 'users' },
    resolve: (query, _root, _args, ctx) =>
      ctx.prisma.user.findMany({ ...query, where: { tenantId: tenantOf(ctx) }, orderBy: { email: 'asc' } }),
  }),
}));

const CreateUserInput = builder.inputType('CreateUserInput', {
  fields: (t) => ({
    email: t.string({ required: true }),
    name: t.string({ required: true }),
    role: t.field({ type: RoleEnum, required: true }),
    password: t.string({ required: true, description: 'At least 12 characters.' }),
  }),
});
const UpdateUserInput = builder.inputType('UpdateUserInput', {
  fields: (t) => ({
    name: t.string(),
    role: t.field({ type: RoleEnum }),
    password: t.string(),
  }),
});

builder.mutationFields((t) => ({
  createUser: t.field({
    type: UserRef,
    authScopes: { write: 'users' },
    errors: { types: COMMON_ERRORS, directResult: true },
    args: { input: t.arg({ type: CreateUserInput, required: true }) },
    resolve: (_root, { input }, ctx) => createUser(ctx.deps, principalOf(ctx), input),
  }),
  updateUser: t.field({
    type: UserRef,
    authScopes: { write: 'users' },
    errors: { types: COMMON_ERRORS, directResult: true },
    args: { id: t.arg.id({ required: true }), input: t.arg({ type: UpdateUserInput, required: true }) },
    resolve: (_root, { id, input }, ctx) =>
      updateUser(ctx.deps, principalOf(ctx), String(id), {
        name: input.name ?? undefined,
        role: input.role ?? undefined,
        password: input.password ?? undefined,
      }),
  }),
  deleteUser: t.field({
    type: 'ID',
    authScopes: { write: 'users' },
    errors: { types: COMMON_ERRORS },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, ctx) => deleteUser(ctx.deps, principalOf(ctx), String(id)),
  }),
}));
