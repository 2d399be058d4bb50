import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../src/repositories/audit.repo.ts';
import { ConflictError } from '../src/repositories/errors.ts';
import {
  createDraft,
  createMapping,
  getPublishedVersion,
  mappingHistory,
  publishVersion,
  rollbackMapping,
  updateDraft,
} from '../src/repositories/mappings.repo.ts';
import { createTestDatabase, type TestDatabase } from '../src/testing.ts';
import { baseFixture } from './fixtures.ts';

const v1 = { rules: [{ target: 'title', expr: 'name' }], lookups: {}, marketOverrides: {} };
const v2 = { rules: [{ target: 'title', expr: '$uppercase(name)' }], lookups: {}, marketOverrides: {} };

describe('mapping versions', () => {
  let db: TestDatabase;
  let f: Awaited<ReturnType<typeof baseFixture>>;
  beforeAll(async () => {
    db = await createTestDatabase();
    f = await baseFixture(db.prisma);
  });
  afterAll(() => db.drop());

  const newMapping = (name: string) =>
    createMapping(db.prisma, { tenantId: f.tenant.id, name, flow: 'catalog', sourceKind: 'erp-charisma:products', targetKind: 'marketplace-cdon:offers' });

  it('draft → edit → publish → frozen (repository); a new draft copies the published content', async () => {
    const m = await newMapping('offers');
    await expect(createDraft(db.prisma, { tenantId: f.tenant.id, mappingId: m.id })).rejects.toThrow(/no published version to copy/);
    const d1 = await createDraft(db.prisma, { tenantId: f.tenant.id, mappingId: m.id, content: { rules: [] }, authorId: f.user.id });
    expect(d1).toMatchObject({ number: 1, status: 'DRAFT' });
    const edited = await updateDraft(db.prisma, { tenantId: f.tenant.id, versionId: d1.id, content: v1, note: 'first' });
    expect(edited.content).toEqual(v1);
    expect(edited.contentHash).not.toBe(d1.contentHash);

    const pub = await publishVersion(db.prisma, { tenantId: f.tenant.id, versionId: d1.id, actor: { userId: f.user.id } });
    expect(pub.version).toMatchObject({ status: 'PUBLISHED', publishedById: f.user.id });
    expect(pub.mapping.publishedVersionId).toBe(d1.id);
    expect(pub.previousVersionId).toBeNull();

    const err = await updateDraft(db.prisma, { tenantId: f.tenant.id, versionId: d1.id, content: v2 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect((err as ConflictError).field).toBe('versionId');
    expect((err as Error).message).toMatch(/version 1 is PUBLISHED and frozen/);
    await expect(publishVersion(db.prisma, { tenantId: f.tenant.id, versionId: d1.id })).rejects.toThrow(/only drafts can be published/);

    const d2 = await createDraft(db.prisma, { tenantId: f.tenant.id, mappingId: m.id });
    expect(d2).toMatchObject({ number: 2, status: 'DRAFT', content: v1 });
  });

  it('the database trigger refuses to change a published version, whoever writes', async () => {
    const m = await newMapping('frozen');
    const d = await createDraft(db.prisma, { tenantId: f.tenant.id, mappingId: m.id, content: v1 });
    await publishVersion(db.prisma, { tenantId: f.tenant.id, versionId: d.id });
    await expect(db.prisma.mappingVersion.update({ where: { id: d.id }, data: { content: v2 } })).rejects.toThrow(/frozen/);
    await expect(db.prisma.$executeRaw`UPDATE "MappingVersion" SET "content" = '{"rules":[]}'::jsonb WHERE id = ${d.id}`).rejects.toThrow(/MZ001|frozen/);
    await expect(db.prisma.$executeRaw`UPDATE "MappingVersion" SET "status" = 'DRAFT' WHERE id = ${d.id}`).rejects.toThrow(/frozen/);
    expect((await db.prisma.mappingVersion.findUniqueOrThrow({ where: { id: d.id } })).content).toEqual(v1);
    // Notes on drafts stay editable through SQL as well.
    const d2 = await createDraft(db.prisma, { tenantId: f.tenant.id, mappingId: m.id });
    await db.prisma.$executeRaw`UPDATE "MappingVersion" SET "content" = '{"rules":[1]}'::jsonb WHERE id = ${d2.id}`;
  });

  it('publishing archives the previous version; rollback re-publishes it; history and audit show who', async () => {
    const m = await newMapping('history');
    const a = await createDraft(db.prisma, { tenantId: f.tenant.id, mappingId: m.id, content: v1, authorId: f.user.id });
    await publishVersion(db.prisma, { tenantId: f.tenant.id, versionId: a.id, actor: { userId: f.user.id } });
    const b = await createDraft(db.prisma, { tenantId: f.tenant.id, mappingId: m.id, content: v2, authorId: f.user.id });
    const pb = await publishVersion(db.prisma, { tenantId: f.tenant.id, versionId: b.id, actor: { userId: f.user.id } });
    expect(pb.previousVersionId).toBe(a.id);
    expect((await db.prisma.mappingVersion.findUniqueOrThrow({ where: { id: a.id } })).status).toBe('ARCHIVED');
    expect((await getPublishedVersion(db.prisma, m.id))?.id).toBe(b.id);

    await expect(rollbackMapping(db.prisma, { tenantId: f.tenant.id, mappingId: m.id, toVersionId: b.id })).rejects.toThrow(/is PUBLISHED/);
    const rb = await rollbackMapping(db.prisma, { tenantId: f.tenant.id, mappingId: m.id, toNumber: 1, actor: { userId: f.user.id } });
    expect(rb.mapping.publishedVersionId).toBe(a.id);
    expect(rb.version.content).toEqual(v1);
    expect((await db.prisma.mappingVersion.findUniqueOrThrow({ where: { id: b.id } })).status).toBe('ARCHIVED');

    const history = await mappingHistory(db.prisma, f.tenant.id, m.id);
    expect(history.map((v) => [v.number, v.status])).toEqual([
      [2, 'ARCHIVED'],
      [1, 'PUBLISHED'],
    ]);
    expect(history[0]?.author?.name).toBe('Edi Tor');
    const audit = await listAudit(db.prisma, f.tenant.id, { entityType: 'Mapping', entityId: m.id });
    expect(audit.map((e) => e.action)).toEqual(['mapping.rollback', 'mapping.publish', 'mapping.publish']);
    expect(audit.every((e) => e.actorUserId === f.user.id)).toBe(true);
  });

  it('concurrent drafts get distinct numbers; other tenants cannot touch the mapping', async () => {
    const m = await newMapping('parallel');
    const drafts = await Promise.all(Array.from({ length: 8 }, () => createDraft(db.prisma, { tenantId: f.tenant.id, mappingId: m.id, content: v1 })));
    expect(new Set(drafts.map((d) => d.number)).size).toBe(8);
    const other = await baseFixture(db.prisma, 'other');
    await expect(createDraft(db.prisma, { tenantId: other.tenant.id, mappingId: m.id, content: v1 })).rejects.toThrow(/Mapping not found/);
    await expect(publishVersion(db.prisma, { tenantId: other.tenant.id, versionId: drafts[0]!.id })).rejects.toThrow(/MappingVersion not found/);
    await expect(newMapping('parallel')).rejects.toThrow(/already exists/);
  });
});
