/**
 * Second process of the API benchmark: N graphql-ws subscribers of syncRunUpdated.
 * Tells the parent (IPC) when all are subscribed, then for every event reports the
 * receive time of each subscriber (epoch ms, sub-ms precision).
 */
import WebSocket from 'ws';
import { createClient, type Client } from 'graphql-ws';

const url = process.env.BENCH_WS_URL!;
const apiKey = process.env.BENCH_API_KEY!;
const integrationId = process.env.BENCH_INTEGRATION_ID!;
const n = Number(process.env.BENCH_SUBSCRIBERS ?? '1000');
const now = () => performance.timeOrigin + performance.now();
const send = (m: unknown) => process.send!(m);

const received = new Map<string, number[]>();
const clients: Client[] = [];

for (let i = 0; i < n; i++) {
  const client = createClient({
    url,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: false,
    connectionParams: { authorization: `Bearer ${apiKey}` },
    on: { connected: () => void 0 },
  });
  clients.push(client);
  client.subscribe(
    { query: 'subscription($i: ID!) { syncRunUpdated(integrationId: $i) { id status stage countCreated countFailed } }', variables: { i: integrationId } },
    {
      next: (v) => {
        const at = now();
        const runId = (v.data as { syncRunUpdated?: { id: string } } | undefined)?.syncRunUpdated?.id ?? 'error';
        const times = received.get(runId) ?? [];
        times.push(at);
        received.set(runId, times);
        if (times.length === n) {
          received.delete(runId);
          send({ type: 'event', runId, times });
        }
      },
      error: (e) => send({ type: 'error', message: String((e as Error)?.message ?? JSON.stringify(e)) }),
      complete: () => undefined,
    },
  );
  if (i % 100 === 99) await new Promise((r) => setTimeout(r, 20));
}

// Subscriptions are live once a probe event reaches all of them (the parent retries probes).
process.on('message', (m: { type: string }) => {
  if (m.type === 'close') {
    for (const c of clients) void c.dispose();
    setTimeout(() => process.exit(0), 200);
  }
});
send({ type: 'ready', clients: clients.length });
