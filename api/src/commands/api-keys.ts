/** API keys for partners: shown once at creation, stored as sha256, scoped `<area>:read|write`. */
import { z } from 'zod';
import type { AppDeps } from '../deps.ts';
import { ApiKeyScope, type Principal } from '../auth/principal.ts';
import { newApiKey } from '../auth/tokens.ts';
import { ConflictError, InputError, NotFoundError } from '../errors.ts';
import { audit } from './audit.ts';

export const CreateApiKeyInput = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(100),
  scopes: z.array(ApiKeyScope).min(1, 'must list at least one scope').max(32),
});

export async function createApiKey(deps: AppDeps, p: Principal, input: z.input<typeof CreateApiKeyInput>) {
  const r = CreateApiKeyInput.safeParse(input);
  if (!r.success) throw InputError.fromZod(r.error);
  const { key, prefix, hash } = newApiKey();
  const apiKey = await deps.prisma.$transaction(async (tx) => {
    const row = await tx.apiKey.create({
      data: {
        tenantId: p.tenantId,
        name: r.data.name,
        prefix,
        hash,
        scopes: [...new Set(r.data.scopes)],
        createdById: p.kind === 'user' ? p.userId : null,
      },
    });
    await audit(tx, p, 'apiKey.create', 'ApiKey', row.id, { name: row.name, scopes: row.scopes });
    return row;
  });
  return { apiKey, key };
}

export async function revokeApiKey(deps: AppDeps, p: Principal, id: string) {
  const row = await deps.prisma.apiKey.findFirst({ where: { id, tenantId: p.tenantId } });
  if (!row) throw new NotFoundError('ApiKey', id);
  if (row.revokedAt) throw new ConflictError('API key is already revoked');
  const updated = await deps.prisma.$transaction(async (tx) => {
    const k = await tx.apiKey.update({ where: { id }, data: { revokedAt: deps.now() } });
    await audit(tx, p, 'apiKey.revoke', 'ApiKey', id, { name: row.name });
    return k;
  });
  deps.authenticator.invalidate();
  return updated;
}
