/**
 * The benchmark's PostgreSQL (embedded, or DATABASE_URL) and its migrated template,
 * prepared in their own process: the WASM schema engine used for migrations must
 * not count towards the scheduler's memory. Prints one JSON line, serves until SIGTERM.
 */
import { startTestServer } from '@megzo/db/test-server';

const server = await startTestServer({ databaseUrl: process.env.DATABASE_URL });
process.stdout.write(`${JSON.stringify({ adminUrl: server.adminUrl, template: server.template })}\n`);
const stop = () => void server.stop().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
