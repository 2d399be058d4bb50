/**
 * The database package's commands:
 *   npx tsx prisma/src/cli.ts generate [--force]
 *   npx tsx prisma/src/cli.ts migrate            (DATABASE_URL, or the embedded server)
 *   npx tsx prisma/src/cli.ts new-migration <name> [--empty]
 *   npx tsx prisma/src/cli.ts status             (migrations on disk vs applied; schema drift)
 *   npx tsx prisma/src/cli.ts seed               (checks migrations; the real seed needs the caller's configs)
 */
// Modules are loaded per command: `generate` must stay fast (it runs before every test).
const load = {
  generate: () => import('./generate.ts'),
  migrate: () => import('./migrate.ts'),
  embedded: () => import('./embedded.ts'),
  status: () => import('./status.ts'),
};

const USAGE = 'usage: cli.ts generate [--force] | migrate | new-migration <name> [--empty] | status | seed';

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'generate': {
      const { generate } = await load.generate();
      const r = await generate({ force: rest.includes('--force') });
      console.log(r.skipped ? 'generate: schema unchanged, output up to date' : r.output.trim());
      return 0;
    }
    case 'new-migration': {
      const name = rest.find((a) => !a.startsWith('--'));
      if (!name) {
        console.error('new-migration: missing <name>\n' + USAGE);
        return 2;
      }
      const { newMigration } = await load.migrate();
      const r = await newMigration(name, { empty: rest.includes('--empty') });
      console.log(r.name ? `new-migration: wrote ${r.path}` : 'new-migration: schema unchanged since the last migration, nothing written');
      return 0;
    }
    case 'migrate':
    case 'seed': {
      const { migrate } = await load.migrate();
      const { withDatabase } = await load.embedded();
      return withDatabase(async (url) => {
        const applied = await migrate(url);
        console.log(applied.length ? `migrate: applied ${applied.join(', ')}` : 'migrate: database is up to date');
        if (command === 'seed') {
          console.log('seed: the demo seed needs connector configs; it runs from the start script (seed() in @megzo/db/seed)');
        }
        return 0;
      });
    }
    case 'status': {
      const { diffSchema, listMigrations } = await load.migrate();
      const { withDatabase } = await load.embedded();
      const { appliedMigrations } = await load.status();
      const onDisk = await listMigrations();
      const drift = await diffSchema();
      console.log(`migrations on disk: ${onDisk.length}${onDisk.length ? ` (last: ${onDisk.at(-1)})` : ''}`);
      console.log(drift ? 'schema.prisma has changes with no migration yet: run new-migration <name>' : 'schema.prisma matches the last migration');
      return withDatabase(async (url) => {
        const applied = await appliedMigrations(url);
        const pending = onDisk.filter((m) => !applied.includes(m));
        console.log(pending.length ? `pending on the database: ${pending.join(', ')}` : 'database: all migrations applied');
        return 0;
      });
    }
    default:
      console.error(USAGE);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  },
);
