import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransientError } from '@megzo/domain';
import { bind, toExternal, toInternal, unbind } from '../src/repositories/bindings.repo.ts';
import { getCursor, putCursor, resetCursor } from '../src/repositories/cursors.repo.ts';
import { createTestDatabase, type TestDatabase } from '../src/testing.ts';
import { baseFixture } from './fixtures.ts';

describe('bindings and cursors', () => {
  let db: TestDatabase;
  let f: Awaited<ReturnType<typeof baseFixture>>;
  beforeAll(async () => {
    db = await createTestDatabase();
    f = await baseFixture(db.prisma);
  });
  afterAll(() => db.drop());

  it('binds, looks up both ways and updates on a second bind', async () => {
    const key = { connectionId: f.channel.id, entityType: 'offer' };
    expect(await toExternal(db.prisma, { ...key, internalId: 'p1' })).toBeNull();
    const b = await bind(db.prisma, { ...key, tenantId: f.tenant.id, internalId: 'p1', externalId: 'SKU-1', hash: 'h1' });
    expect((await toInternal(db.prisma, { ...key, externalId: 'SKU-1' }))?.internalId).toBe('p1');
    expect((await toExternal(db.prisma, { ...key, internalId: 'p1' }))?.externalId).toBe('SKU-1');
    const again = await bind(db.prisma, { ...key, tenantId: f.tenant.id, internalId: 'p1', externalId: 'SKU-1', hash: 'h2' });
    expect(again.id).toBe(b.id);
    expect(again.hash).toBe('h2');
    expect(await db.prisma.externalBinding.count({ where: key })).toBe(1);
    // The same ids under another entity type or connection are separate bindings.
    await bind(db.prisma, { connectionId: f.channel.id, entityType: 'order', tenantId: f.tenant.id, internalId: 'p1', externalId: 'SKU-1' });
    await bind(db.prisma, { connectionId: f.erp.id, entityType: 'offer', tenantId: f.tenant.id, internalId: 'p1', externalId: 'SKU-1' });
    expect(await db.prisma.externalBinding.count()).toBe(3);
  });

  it('an external id bound to another internal record is a TransientError (retry), and the first binding stays', async () => {
    const key = { connectionId: f.channel.id, entityType: 'product' };
    await bind(db.prisma, { ...key, tenantId: f.tenant.id, internalId: 'a', externalId: 'E-1' });
    const err = await bind(db.prisma, { ...key, tenantId: f.tenant.id, internalId: 'b', externalId: 'E-1' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransientError);
    expect((err as TransientError).code).toBe('BINDING_CONFLICT');
    expect((await toInternal(db.prisma, { ...key, externalId: 'E-1' }))?.internalId).toBe('a');
    expect(await toExternal(db.prisma, { ...key, internalId: 'b' })).toBeNull();
  });

  it('concurrent binds of one record leave exactly one binding', async () => {
    const key = { connectionId: f.channel.id, entityType: 'race' };
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => bind(db.prisma, { ...key, tenantId: f.tenant.id, internalId: 'r', externalId: 'R-1' })),
    );
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(TransientError);
    expect(results.some((r) => r.status === 'fulfilled')).toBe(true);
    expect(await db.prisma.externalBinding.count({ where: key })).toBe(1);
    expect(await unbind(db.prisma, { ...key, internalId: 'r' })).toBe(true);
    expect(await db.prisma.externalBinding.count({ where: key })).toBe(0);
  });

  it('cursors: put, get, replace, reset; per connection and stream', async () => {
    expect(await getCursor(db.prisma, f.erp.id, 'products')).toBeNull();
    await putCursor(db.prisma, f.erp.id, 'products', { cursor: { updatedAt: '2026-01-01T00:00:00Z', id: 'A' } });
    await putCursor(db.prisma, f.erp.id, 'stockLevels', { page: 3 });
    expect(await getCursor(db.prisma, f.erp.id, 'products')).toEqual({ cursor: { updatedAt: '2026-01-01T00:00:00Z', id: 'A' } });
    await putCursor(db.prisma, f.erp.id, 'products', { cursor: { updatedAt: '2026-02-01T00:00:00Z', id: 'B' } });
    expect(await getCursor<{ cursor: { id: string } }>(db.prisma, f.erp.id, 'products')).toMatchObject({ cursor: { id: 'B' } });
    expect(await getCursor(db.prisma, f.channel.id, 'products')).toBeNull();
    expect(await db.prisma.syncCursor.count({ where: { connectionId: f.erp.id } })).toBe(2);
    // In a transaction that fails, the cursor does not move.
    await expect(
      db.prisma.$transaction(async (tx) => {
        await putCursor(tx, f.erp.id, 'products', { cursor: { id: 'C' } });
        throw new Error('records failed to store');
      }),
    ).rejects.toThrow('records failed to store');
    expect(await getCursor<{ cursor: { id: string } }>(db.prisma, f.erp.id, 'products')).toMatchObject({ cursor: { id: 'B' } });
    await resetCursor(db.prisma, f.erp.id, 'products');
    expect(await getCursor(db.prisma, f.erp.id, 'products')).toBeNull();
  });
});
