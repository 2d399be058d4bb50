/** Test helper process: starts a run's test server, prints it, and waits to be killed. */
import { startTestServer } from '../../src/test-server.ts';

const server = await startTestServer();
process.stdout.write(`${JSON.stringify({ adminUrl: server.adminUrl, dir: server.dir })}\n`);
setInterval(() => {}, 60_000);
