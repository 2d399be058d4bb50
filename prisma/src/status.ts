/** What the database has recorded in `_prisma_migrations`. */
import pg from 'pg';

/** Names of the migrations finished on the database at `url` (empty when none). */
export async function appliedMigrations(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const table = await client.query("SELECT to_regclass('public._prisma_migrations') AS t");
    if (!table.rows[0]?.t) return [];
    const res = await client.query<{ migration_name: string }>(
      'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name',
    );
    return res.rows.map((r) => r.migration_name);
  } finally {
    await client.end();
  }
}
