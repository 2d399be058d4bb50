/**
 * Removing a tenant and everything it owns (a processor's duty on contract end).
 * Connections in use by an integration are protected by foreign keys, so the rows go
 * in dependency order inside one transaction.
 */
import type { Db } from '../client.ts';
import { inTransaction } from '../tx.ts';
import { NotFoundError } from './errors.ts';

export async function deleteTenant(db: Db, tenantId: string): Promise<void> {
  await inTransaction(db, async (tx) => {
    const found = await tx.tenant.findUnique({ where: { id: tenantId }, select: { id: true } });
    if (!found) throw new NotFoundError('Tenant', 'id', tenantId);
    // Integrations first: they hold channels, flows, runs and orders, and reference connections.
    await tx.integration.deleteMany({ where: { tenantId } });
    await tx.mapping.updateMany({ where: { tenantId }, data: { publishedVersionId: null } });
    await tx.mapping.deleteMany({ where: { tenantId } });
    await tx.tenant.delete({ where: { id: tenantId } });
  });
}
