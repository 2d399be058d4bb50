/** Well-known paths of the database package and the repository. */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** /…/prisma */
export const PRISMA_DIR = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');
/** The repository root (one above prisma/). */
export const REPO_ROOT = join(PRISMA_DIR, '..');
export const SCHEMA_PATH = join(PRISMA_DIR, 'schema.prisma');
export const MIGRATIONS_DIR = join(PRISMA_DIR, 'migrations');
/** The schema as it stood at the last migration: new migrations are diff(snapshot → schema). */
export const SNAPSHOT_PATH = join(MIGRATIONS_DIR, 'schema.snapshot.prisma');
export const GENERATED_DIR = join(PRISMA_DIR, 'generated');
/** Local data (embedded PostgreSQL, development secret key); git-ignored. */
export const DATA_DIR = process.env.MEGZO_DATA_DIR ?? join(REPO_ROOT, '.data');
