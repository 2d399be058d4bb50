/**
 * @megzo/db: the only owner of tables. The main entry carries what apps need at run
 * time; process-level helpers have their own entries (they have side effects or pull
 * in heavy modules):
 *   @megzo/db/embedded  openDatabase, startEmbeddedPostgres, checkDatabaseUrl
 *   @megzo/db/migrate   migrate, diffSchema, newMigration
 *   @megzo/db/testing   createTestDatabase (with prisma/vitest.global-setup.ts)
 *   @megzo/db/generate  generate
 */
export * from './client.ts';
export * from './crypto.ts';
export * from './events.ts';
export * from './tx.ts';
export * from './canonical-json.ts';
export * from './seed.ts';
export * from './repositories/errors.ts';
export * from './repositories/audit.repo.ts';
export * from './repositories/bindings.repo.ts';
export * from './repositories/connections.repo.ts';
export * from './repositories/cursors.repo.ts';
export * from './repositories/mappings.repo.ts';
export * from './repositories/orders.repo.ts';
export * from './repositories/runs.repo.ts';
export * from './repositories/fx.repo.ts';
export * from './repositories/tenants.repo.ts';
