/** /healthz (the process is up), /readyz (the database answers), /metrics (Prometheus). */
import type { ServerResponse } from 'node:http';
import type { AppDeps } from '../deps.ts';
import { sendJson } from './node.ts';

export function healthz(res: ServerResponse): void {
  sendJson(res, 200, { status: 'ok' });
}

export async function readyz(res: ServerResponse, deps: AppDeps): Promise<void> {
  try {
    await Promise.race([
      deps.prisma.$queryRaw`SELECT 1`,
      new Promise((_, reject) => setTimeout(() => reject(new Error('database did not answer within 2 s')), 2_000).unref()),
    ]);
    sendJson(res, 200, { status: 'ready', database: 'ok' });
  } catch (e) {
    deps.logger.warn({ err: e }, 'readiness check failed');
    sendJson(res, 503, { status: 'not ready', database: e instanceof Error ? e.message : 'unreachable' });
  }
}

export async function metrics(res: ServerResponse, deps: AppDeps): Promise<void> {
  const body = await deps.metrics.registry.metrics();
  res.writeHead(200, { 'content-type': deps.metrics.registry.contentType });
  res.end(body);
}
