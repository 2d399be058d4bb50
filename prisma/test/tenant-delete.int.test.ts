import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDraft, createMapping, publishVersion } from '../src/repositories/mappings.repo.ts';
import { createRun } from '../src/repositories/runs.repo.ts';
import { deleteTenant } from '../src/repositories/tenants.repo.ts';
import { createTestDatabase, type TestDatabase } from '../src/testing.ts';
import { baseFixture } from './fixtures.ts';

describe('deleting a tenant', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('removes all its rows and leaves other tenants alone', async () => {
    const a = await baseFixture(db.prisma, 'del-a');
    const b = await baseFixture(db.prisma, 'del-b');
    const m = await createMapping(db.prisma, { tenantId: a.tenant.id, name: 'm', flow: 'catalog', sourceKind: 's', targetKind: 't' });
    const v = await createDraft(db.prisma, { tenantId: a.tenant.id, mappingId: m.id, content: { rules: [] } });
    await publishVersion(db.prisma, { tenantId: a.tenant.id, versionId: v.id });
    await createRun(db.prisma, { tenantId: a.tenant.id, integrationId: a.integration.id, flow: 'catalog', trigger: 'manual', mappingVersionId: v.id });
    // A connection in use cannot be deleted on its own.
    await expect(db.prisma.connection.delete({ where: { id: a.erp.id } })).rejects.toThrow(/Foreign key constraint/);
    await deleteTenant(db.prisma, a.tenant.id);
    await expect(deleteTenant(db.prisma, a.tenant.id)).rejects.toThrow(/Tenant not found/);
    expect(await db.prisma.connection.count()).toBe(2);
    expect(await db.prisma.integration.count({ where: { tenantId: b.tenant.id } })).toBe(1);
    expect(await db.prisma.mappingVersion.count()).toBe(0);
    expect(await db.prisma.syncRun.count()).toBe(0);
  });
});
