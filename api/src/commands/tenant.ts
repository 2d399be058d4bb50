/** Tenant settings (admins): name, personal-data retention, webhook secret rotation. */
import { z } from 'zod';
import type { AppDeps } from '../deps.ts';
import type { Principal } from '../auth/principal.ts';
import { randomToken } from '../auth/tokens.ts';
import { InputError } from '../errors.ts';
import { audit } from './audit.ts';

export const UpdateTenantInput = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(200).optional(),
  retentionDays: z.number().int().min(1, 'must be at least 1 day').max(3650, 'must be at most 3650 days').optional(),
});

export async function updateTenant(deps: AppDeps, p: Principal, input: z.input<typeof UpdateTenantInput>) {
  const r = UpdateTenantInput.safeParse(input);
  if (!r.success) throw InputError.fromZod(r.error);
  return deps.prisma.$transaction(async (tx) => {
    const t = await tx.tenant.update({ where: { id: p.tenantId }, data: r.data });
    await audit(tx, p, 'tenant.update', 'Tenant', t.id, r.data);
    return t;
  });
}

/** A new webhook signing secret; returned once, stored encrypted. */
export async function rotateWebhookSecret(deps: AppDeps, p: Principal): Promise<string> {
  const secret = `whsec_${randomToken(32)}`;
  await deps.prisma.$transaction(async (tx) => {
    await tx.tenant.update({ where: { id: p.tenantId }, data: { webhookSecret: deps.secrets.encrypt(secret) } });
    await audit(tx, p, 'tenant.rotateWebhookSecret', 'Tenant', p.tenantId);
  });
  return secret;
}
