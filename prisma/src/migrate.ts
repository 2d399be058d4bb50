/**
 * Migrations without the Prisma CLI (which needs a native engine this machine cannot
 * download): SQL files under prisma/migrations/<timestamp>_<name>/migration.sql are
 * applied by the WASM schema engine (recorded in `_prisma_migrations` like
 * `prisma migrate deploy`), and new ones are written as the diff between the schema
 * snapshot taken at the last migration and the current schema.prisma.
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MigrationList } from '@prisma/schema-engine-wasm/schema_engine_bg';
import { openSchemaEngine } from './schema-engine.ts';
import { MIGRATIONS_DIR, SCHEMA_PATH, SNAPSHOT_PATH } from './paths.ts';

const LOCKFILE = 'migration_lock.toml';
const NO_FILTER = { externalTables: [], externalEnums: [] };
const EMPTY_MIGRATION = 'This is an empty migration.';

async function loadMigrations(): Promise<MigrationList> {
  const entries = existsSync(MIGRATIONS_DIR) ? await readdir(MIGRATIONS_DIR, { withFileTypes: true }) : [];
  const dirs = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const lockPath = join(MIGRATIONS_DIR, LOCKFILE);
  return {
    baseDir: MIGRATIONS_DIR,
    lockfile: { path: LOCKFILE, content: existsSync(lockPath) ? await readFile(lockPath, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories: await Promise.all(
      dirs.map(async (dir) => {
        const file = join(MIGRATIONS_DIR, dir, 'migration.sql');
        let content: { tag: 'ok'; value: string } | { tag: 'error'; value: string };
        try {
          content = { tag: 'ok', value: await readFile(file, 'utf8') };
        } catch (e) {
          content = { tag: 'error', value: (e as Error).message };
        }
        return { path: dir, migrationFile: { path: 'migration.sql', content } };
      }),
    ),
  };
}

/** The engine's errors carry a Rust span trace after the message: keep the message. */
function engineErrorSummary(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  const lines = text.split('\n').map((l) => l.trim());
  const end = lines.findIndex((l) => /^\d+: /.test(l));
  return lines.slice(0, end === -1 ? 3 : end).filter(Boolean).join(' — ');
}

/** Names of the migration folders on disk, oldest first. */
export async function listMigrations(): Promise<string[]> {
  return (await loadMigrations()).migrationDirectories.map((d) => d.path);
}

/**
 * Apply every pending migration to the database at `databaseUrl`.
 * Returns the names of the migrations applied by this call.
 */
export async function migrate(databaseUrl: string): Promise<string[]> {
  const schema = await readFile(SCHEMA_PATH, 'utf8');
  const { engine, close } = await openSchemaEngine([[SCHEMA_PATH, schema]], databaseUrl);
  try {
    const out = await engine.applyMigrations({ migrationsList: await loadMigrations(), filters: NO_FILTER });
    return out.appliedMigrationNames;
  } catch (e) {
    throw new Error(`migrate: ${engineErrorSummary(e)}`, { cause: e });
  } finally {
    await close();
  }
}

/**
 * SQL that turns the schema as of the last migration (the snapshot) into the current
 * schema.prisma. Returns '' when nothing changed. Needs no database.
 */
export async function diffSchema(): Promise<string> {
  const current = await readFile(SCHEMA_PATH, 'utf8');
  const snapshot = existsSync(SNAPSHOT_PATH) ? await readFile(SNAPSHOT_PATH, 'utf8') : undefined;
  const { engine, close } = await openSchemaEngine([[SCHEMA_PATH, current]]);
  try {
    const result = await engine.diff({
      from: snapshot === undefined ? { tag: 'empty' } : { tag: 'schemaDatamodel', files: [{ path: SNAPSHOT_PATH, content: snapshot }] },
      to: { tag: 'schemaDatamodel', files: [{ path: SCHEMA_PATH, content: current }] },
      script: true,
      exitCode: null,
      filters: NO_FILTER,
    });
    const sql = (result.stdout ?? '').trim();
    return sql === '' || sql.includes(EMPTY_MIGRATION) ? '' : `${sql}\n`;
  } finally {
    await close();
  }
}

function timestamp(d = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
}

export interface NewMigrationResult {
  /** Folder name, e.g. 20261127043000_add_note; null when nothing changed. */
  name: string | null;
  path: string | null;
  sql: string;
}

/**
 * Write prisma/migrations/<timestamp>_<name>/migration.sql from diffSchema() and move
 * the snapshot forward. With `empty`, writes an empty migration for hand-written SQL
 * (triggers, data fixes). Does nothing when the schema is unchanged and `empty` is false.
 */
export async function newMigration(name: string, opts: { empty?: boolean } = {}): Promise<NewMigrationResult> {
  if (!/^[a-z0-9_]+$/.test(name)) {
    throw new Error(`new-migration: name "${name}" must be lower-case letters, digits and underscores`);
  }
  const sql = await diffSchema();
  if (sql === '' && !opts.empty) return { name: null, path: null, sql: '' };
  const existing = await listMigrations();
  let stamp = timestamp();
  const last = existing.at(-1)?.slice(0, 14);
  if (last !== undefined && stamp <= last) stamp = String(BigInt(last) + 1n);
  const folder = `${stamp}_${name}`;
  const dir = join(MIGRATIONS_DIR, folder);
  await mkdir(dir, { recursive: true });
  const header = `-- Migration ${folder}: written by \`cli.ts new-migration\` from the schema diff.\n`;
  await writeFile(join(dir, 'migration.sql'), header + (sql === '' ? '-- (empty: add hand-written SQL here)\n' : sql));
  const lockPath = join(MIGRATIONS_DIR, LOCKFILE);
  if (!existsSync(lockPath)) {
    await writeFile(lockPath, '# Written by prisma/src/migrate.ts. Do not edit.\nprovider = "postgresql"\n');
  }
  await copyFile(SCHEMA_PATH, SNAPSHOT_PATH);
  return { name: folder, path: join(dir, 'migration.sql'), sql };
}
