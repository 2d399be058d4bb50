/** Prometheus metrics for HTTP traffic and the sync events the API relays. */
import { Counter, Histogram, Gauge, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  registry: Registry;
  httpRequests: Counter<'method' | 'route' | 'status'>;
  httpDuration: Histogram<'method' | 'route'>;
  graphqlOperations: Counter<'type' | 'result'>;
  syncRunEvents: Counter<'flow' | 'status'>;
  orderEvents: Counter;
  wsConnections: Gauge;
  syncRunsRequested: Counter<'flow' | 'trigger'>;
  webhooks: Counter<'result'>;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'megzo_api_' });
  return {
    registry,
    httpRequests: new Counter({
      name: 'megzo_api_http_requests_total',
      help: 'HTTP requests by method, route and status',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: 'megzo_api_http_request_duration_seconds',
      help: 'HTTP request duration',
      labelNames: ['method', 'route'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    graphqlOperations: new Counter({
      name: 'megzo_api_graphql_operations_total',
      help: 'GraphQL operations by type and result',
      labelNames: ['type', 'result'],
      registers: [registry],
    }),
    syncRunEvents: new Counter({
      name: 'megzo_api_sync_run_events_total',
      help: 'syncRunUpdated events received from the scheduler',
      labelNames: ['flow', 'status'],
      registers: [registry],
    }),
    orderEvents: new Counter({
      name: 'megzo_api_order_events_total',
      help: 'orderUpdated events received from the scheduler',
      registers: [registry],
    }),
    wsConnections: new Gauge({
      name: 'megzo_api_ws_connections',
      help: 'Open graphql-ws connections',
      registers: [registry],
    }),
    syncRunsRequested: new Counter({
      name: 'megzo_api_sync_runs_requested_total',
      help: 'Sync runs enqueued by the API',
      labelNames: ['flow', 'trigger'],
      registers: [registry],
    }),
    webhooks: new Counter({
      name: 'megzo_api_webhooks_total',
      help: 'Inbound webhooks by result',
      labelNames: ['result'],
      registers: [registry],
    }),
  };
}
