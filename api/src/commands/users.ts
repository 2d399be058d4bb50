/** User administration (admins only): create, change role or name, delete. */
import { z } from 'zod';
import type { AppDeps } from '../deps.ts';
import type { Principal } from '../auth/principal.ts';
import { hashPassword } from '../auth/password.ts';
import { ConflictError, InputError, NotFoundError } from '../errors.ts';
import { audit } from './audit.ts';

const RoleSchema = z.enum(['ADMIN', 'EDITOR', 'VIEWER']);
export const CreateUserInput = z.object({
  email: z.string().trim().toLowerCase().email('must be an e-mail address').max(254),
  name: z.string().trim().min(1, 'must not be empty').max(200),
  role: RoleSchema,
  password: z.string().min(12, 'must be at least 12 characters').max(1024),
});
export const UpdateUserInput = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(200).optional(),
  role: RoleSchema.optional(),
  password: z.string().min(12, 'must be at least 12 characters').max(1024).optional(),
});

function parse<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const r = schema.safeParse(input);
  if (!r.success) throw InputError.fromZod(r.error);
  return r.data;
}

export async function createUser(deps: AppDeps, p: Principal, input: z.input<typeof CreateUserInput>) {
  const data = parse(CreateUserInput, input);
  const exists = await deps.prisma.user.findUnique({ where: { email: data.email }, select: { id: true } });
  if (exists) throw new InputError(`email: ${data.email} is already registered`, [{ path: 'email', message: 'is already registered' }]);
  const passwordHash = await hashPassword(data.password);
  return deps.prisma.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: { tenantId: p.tenantId, email: data.email, name: data.name, role: data.role, passwordHash },
    });
    await audit(tx, p, 'user.create', 'User', user.id, { email: user.email, role: user.role });
    return user;
  });
}

export async function updateUser(deps: AppDeps, p: Principal, id: string, input: z.input<typeof UpdateUserInput>) {
  const data = parse(UpdateUserInput, input);
  const user = await deps.prisma.user.findFirst({ where: { id, tenantId: p.tenantId } });
  if (!user) throw new NotFoundError('User', id);
  if (data.role && data.role !== 'ADMIN' && user.role === 'ADMIN') await assertAnotherAdmin(deps, p.tenantId, id);
  const passwordHash = data.password ? await hashPassword(data.password) : undefined;
  const updated = await deps.prisma.$transaction(async (tx) => {
    const u = await tx.user.update({ where: { id }, data: { name: data.name, role: data.role, passwordHash } });
    if (passwordHash) await tx.session.deleteMany({ where: { userId: id } });
    await audit(tx, p, 'user.update', 'User', id, { name: data.name, role: data.role, passwordChanged: !!passwordHash });
    return u;
  });
  deps.authenticator.invalidate();
  return updated;
}

export async function deleteUser(deps: AppDeps, p: Principal, id: string): Promise<string> {
  const user = await deps.prisma.user.findFirst({ where: { id, tenantId: p.tenantId } });
  if (!user) throw new NotFoundError('User', id);
  if (p.kind === 'user' && p.userId === id) throw new ConflictError('You cannot delete your own account');
  if (user.role === 'ADMIN') await assertAnotherAdmin(deps, p.tenantId, id);
  await deps.prisma.$transaction(async (tx) => {
    await tx.user.delete({ where: { id } });
    await audit(tx, p, 'user.delete', 'User', id, { email: user.email });
  });
  deps.authenticator.invalidate();
  return id;
}

async function assertAnotherAdmin(deps: AppDeps, tenantId: string, exceptId: string): Promise<void> {
  const others = await deps.prisma.user.count({ where: { tenantId, role: 'ADMIN', id: { not: exceptId } } });
  if (others === 0) throw new ConflictError('A tenant must keep at least one admin');
}
