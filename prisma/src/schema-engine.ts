/**
 * Prisma's WASM schema engine, loaded by hand.
 *
 * The package imports its `.wasm` as an ES module, which Node 20 only allows with
 * `--experimental-wasm-modules`. Instantiating it ourselves lets tsx and vitest call
 * migrate() without special flags (TOOLCHAIN.md, "Prisma 7.10 (offline)").
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  DriverAdapterError,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import * as bg from '@prisma/schema-engine-wasm/schema_engine_bg';
export type SchemaEngine = bg.SchemaEngine;

let loaded: Promise<void> | undefined;

function loadWasm(): Promise<void> {
  loaded ??= (async () => {
    const require = createRequire(import.meta.url);
    const bgPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const bytes = await readFile(bgPath.replace(/schema_engine_bg\.js$/, 'schema_engine_bg.wasm'));
    const { instance } = await WebAssembly.instantiate(bytes, {
      './schema_engine_bg.js': bg as unknown as WebAssembly.ModuleImports,
    });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  return loaded;
}

/**
 * An adapter for pure schema-to-schema diffs: the engine connects eagerly and asks for
 * connection info, but such a diff never runs a query. Any query is refused loudly.
 */
function offlineAdapterFactory(): SqlMigrationAwareDriverAdapterFactory {
  const refuse = (sql = ''): never => {
    throw new Error(`schema engine: this operation needs a database (pass a database URL): ${sql.slice(0, 80)}`);
  };
  const adapter: SqlDriverAdapter = {
    provider: 'postgres',
    adapterName: '@megzo/db-offline',
    queryRaw: async (q) => {
      // The engine's connection probe: answer it as a PostgreSQL 16 server with a public schema.
      if (q.sql.includes("current_setting('server_version_num')")) {
        return {
          columnNames: ['exists', 'version', 'numeric_version'],
          columnTypes: [ColumnTypeEnum.Boolean, ColumnTypeEnum.Text, ColumnTypeEnum.Int32],
          rows: [[true, 'PostgreSQL 16.0 (offline diff)', 160000]],
        };
      }
      return refuse(q.sql);
    },
    executeRaw: async () => refuse(),
    executeScript: async () => refuse(),
    startTransaction: async () => refuse(),
    getConnectionInfo: () => ({ schemaName: 'public', supportsRelationJoins: true }),
    dispose: async () => {},
  };
  return {
    provider: 'postgres',
    adapterName: '@megzo/db-offline',
    connect: async () => adapter,
    connectToShadowDb: async () => adapter,
  };
}

/**
 * adapter-pg's executeScript splits a script on every ';' (breaking function bodies,
 * strings and comments) and runs the pieces one by one. A migration is sent here as
 * one multi-statement query instead: PostgreSQL runs it as a single implicit
 * transaction, so a failing migration leaves nothing half-applied.
 */
function wholeScriptAdapterFactory(
  connectionString: string,
  opened: SqlDriverAdapter[],
): SqlMigrationAwareDriverAdapterFactory {
  const inner = new PrismaPg({ connectionString });
  const runScript = async (script: string): Promise<void> => {
    const client = new pg.Client({ connectionString });
    client.on('error', () => {});
    await client.connect();
    try {
      await client.query(script);
    } catch (e) {
      const err = e as pg.DatabaseError;
      if (typeof err.code !== 'string') throw e;
      throw new DriverAdapterError({
        kind: 'postgres',
        code: err.code,
        severity: err.severity ?? 'ERROR',
        message: err.message,
        detail: err.detail,
        column: err.column,
        hint: err.hint,
      });
    } finally {
      await client.end().catch(() => {});
    }
  };
  const wrap = (adapter: SqlDriverAdapter): SqlDriverAdapter => {
    opened.push(adapter);
    return new Proxy(adapter, {
      get(target, prop, receiver) {
        if (prop === 'executeScript') return runScript;
        const value: unknown = Reflect.get(target, prop, receiver);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  };
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => wrap(await inner.connect()),
    connectToShadowDb: async () => wrap(await inner.connectToShadowDb()),
  };
}

export interface SchemaEngineHandle {
  engine: SchemaEngine;
  /** Frees the engine and closes its connections (the engine itself never does). */
  close(): Promise<void>;
}

/**
 * Open a schema engine over `datamodels` ([path, text] pairs). With no URL the engine
 * works offline: enough for diffs between datamodels. Always `close()` it: a leaked
 * connection keeps the migration advisory lock and stalls the next migrate by 10 s.
 */
export async function openSchemaEngine(
  datamodels: Array<[string, string]>,
  databaseUrl?: string,
  log: (line: string) => void = () => {},
): Promise<SchemaEngineHandle> {
  await loadWasm();
  const opened: SqlDriverAdapter[] = [];
  const factory = databaseUrl === undefined ? offlineAdapterFactory() : wholeScriptAdapterFactory(databaseUrl, opened);
  const dispose = async () => {
    await Promise.all(opened.splice(0).map((a) => a.dispose().catch(() => {})));
  };
  let engine: SchemaEngine;
  try {
    engine = await bg.SchemaEngine.new({ datamodels }, log, bindMigrationAwareSqlAdapterFactory(factory));
  } catch (e) {
    await dispose();
    throw e;
  }
  return {
    engine,
    async close() {
      engine.free();
      await dispose();
    },
  };
}
