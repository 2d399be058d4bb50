'use client';

import Link from 'next/link';
import { useMemo, useState } from 'react';
import { useMutation, useQuery, useSubscription } from 'urql';
import { Countdown, Empty, ErrorMessage, Loading, PageHead, StatusBadge, useNow } from '@/components/ui';
import { useCan, ReadOnlyNote } from '@/features/auth/session';
import { RUN_SYNC, SYNC_RUN_UPDATED, isActive, type Run } from '@/features/runs/runs.gql';
import { outcome } from '@/lib/result';
import { formatNumber, humanize, timeAgo } from '@/lib/format';
import { DASHBOARD_QUERY, INTEGRATION_HEALTH, type DashboardData, type IntegrationHealth } from './dashboard.gql';
import { FlowCard, type FlowState } from './FlowCard';
import { SyncChart } from './SyncChart';

function healthOf(enabled: boolean, run: Run | null): { health: string; reason: string | null } {
  if (!enabled) return { health: 'DISABLED', reason: null };
  if (!run) return { health: 'UNKNOWN', reason: null };
  if (run.status === 'FAILED') return { health: 'FAILING', reason: run.errorMessage ?? 'The last run failed.' };
  if (run.status === 'PARTIAL') return { health: 'DEGRADED', reason: `${run.countFailed} record(s) failed in the last run. Open the run to retry or resolve them.` };
  return { health: 'HEALTHY', reason: null };
}

export function Dashboard({ integrationId }: { integrationId: string }) {
  const now = useNow(1000);
  const since = useMemo(() => new Date(Date.now() - 24 * 3600 * 1000).toISOString(), []);
  const [{ data, error, fetching }, refetch] = useQuery<DashboardData>({ query: DASHBOARD_QUERY, variables: { id: integrationId, since } });
  // Live: every run update for this integration lands here (no polling).
  const [live] = useSubscription<{ syncRunUpdated: Run }, Record<string, Run>>(
    { query: SYNC_RUN_UPDATED, variables: { integrationId } },
    (prev = {}, ev) => {
      const run = ev.syncRunUpdated;
      if (!isActive(run.status)) setTimeout(() => refetch({ requestPolicy: 'network-only' }), 0);
      return { ...prev, [run.id]: run };
    },
  );
  const [healthLive] = useSubscription<{ integrationHealth: IntegrationHealth }>({ query: INTEGRATION_HEALTH, variables: { integrationId } });
  const [runState, runSync] = useMutation(RUN_SYNC);
  const [runErrors, setRunErrors] = useState<Record<string, string | null>>({});
  const [starting, setStarting] = useState<string | null>(null);
  const canRun = useCan('runs');

  if (error && !data) return <ErrorMessage error={error} />;
  if (fetching && !data) return <Loading label="Loading the dashboard…" />;
  const integration = data?.integration;
  if (!integration) return <Empty title="This integration does not exist or you cannot see it." />;

  const liveRuns = live.data ?? {};
  const latestFor = (flow: string, fallback: Run | null): Run | null => {
    const candidates = [fallback, ...integration.activeRuns, ...Object.values(liveRuns)].filter((r): r is Run => !!r && r.flow === flow);
    candidates.sort((a, b) => (b.createdAt > a.createdAt ? 1 : b.createdAt < a.createdAt ? -1 : 0));
    const newest = candidates[0];
    return newest ? (liveRuns[newest.id] ?? newest) : null;
  };

  const flows: FlowState[] = integration.flows.map((f) => {
    const run = latestFor(f.flow, f.lastRun);
    const h = healthOf(f.enabled, run && isActive(run.status) ? f.lastRun : run);
    return { ...f, lastRun: run, health: h.health, healthReason: h.reason };
  });

  async function runNow(flow: string) {
    setStarting(flow);
    setRunErrors((e) => ({ ...e, [flow]: null }));
    const res = await runSync({ integrationId, flow });
    setStarting(null);
    const o = outcome(res.error, (res.data as { runSync?: never } | undefined)?.runSync);
    if (!o.ok) setRunErrors((e) => ({ ...e, [flow]: o.message }));
    else refetch({ requestPolicy: 'network-only' });
  }

  const health = healthLive.data?.integrationHealth ?? integration.health;
  const failingFlows = flows.filter((f) => f.health === 'FAILING' || f.health === 'DEGRADED').length;
  return (
    <div className="stack">
      <PageHead
        title={integration.name}
        subtitle={integration.enabled ? 'Live view of every flow. Updates arrive as they happen.' : 'This integration is paused: nothing runs on schedule.'}
        actions={
          <>
            <ReadOnlyNote />
            <span data-testid="integration-health" data-health={health.status} title={health.message}>
              <StatusBadge status={health.status === 'OFF' ? 'DISABLED' : health.status} label={health.status === 'OK' ? 'Healthy' : health.status === 'OFF' ? 'Switched off' : undefined} />
            </span>
          </>
        }
      />
      {health.status === 'FAILING' || health.status === 'DEGRADED' ? (
        <div className={`alert ${health.status === 'FAILING' ? 'error' : 'warn'}`} role="status">
          {health.message}
          {health.failingConnections.length ? <> — check the connection(s) <Link href="/connections">{health.failingConnections.join(', ')}</Link>.</> : null}
        </div>
      ) : null}
      <div className="grid grid-4">
        <div className="card stat" data-testid="stat-flows">
          <span className="value">{flows.length - failingFlows}/{flows.length}</span>
          <span className="label">flows healthy</span>
        </div>
        <div className="card stat" data-testid="stat-active-runs">
          <span className="value">{flows.filter((f) => f.lastRun && isActive(f.lastRun.status)).length}</span>
          <span className="label">runs in progress</span>
        </div>
        <div className="card stat" data-testid="orders-waiting">
          <span className="value">{formatNumber(integration.ordersWaitingCount)}</span>
          <span className="label">orders waiting to reach the ERP or ship</span>
        </div>
        <div className="card stat" data-testid="stat-at-risk">
          <span className="value" style={integration.ordersAtRisk.length ? { color: 'var(--bad)' } : undefined}>{integration.ordersAtRisk.length}</span>
          <span className="label">CDON deadlines at risk</span>
        </div>
      </div>
      <div className="grid grid-3">
        {flows.map((f) => (
          <FlowCard key={f.flow} state={f} now={now} canRun={canRun} running={starting === f.flow || (runState.fetching && starting === f.flow)} onRunNow={() => runNow(f.flow)} runError={runErrors[f.flow]} />
        ))}
      </div>
      <div className="grid grid-2">
        <section className="card" aria-labelledby="chart-title">
          <h2 id="chart-title">Records synced and errors, last 24 hours</h2>
          <SyncChart points={integration.syncStats} />
        </section>
        <section className="card" aria-labelledby="risk-title" data-testid="deadlines-at-risk">
          <h2 id="risk-title">Orders with a CDON deadline at risk</h2>
          {integration.ordersAtRisk.length === 0 ? (
            <Empty title="No deadline at risk">Orders close to CDON&apos;s shipping deadline will appear here.</Empty>
          ) : (
            <table className="data">
              <thead>
                <tr><th>Order</th><th>Market</th><th>Status</th><th>Deadline</th></tr>
              </thead>
              <tbody>
                {integration.ordersAtRisk.map((o) => (
                  <tr key={o.id}>
                    <td><Link href={`/orders/${o.id}`}>{o.channelOrderId}</Link></td>
                    <td>{o.market}</td>
                    <td><StatusBadge status={o.status} /></td>
                    <td><Countdown to={o.deadlineAt} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
      <section className="card" aria-labelledby="errors-title" data-testid="recent-errors">
        <div className="row">
          <h2 id="errors-title" style={{ margin: 0 }}>Recent errors</h2>
          <span className="spacer" />
          <Link href={`/integrations/${integrationId}/runs?status=PARTIAL`}>Runs with failed records</Link>
          <Link href={`/integrations/${integrationId}/runs?status=FAILED`}>Failed runs</Link>
        </div>
        {integration.recentErrors.length === 0 ? (
          <Empty title="No errors">Every record in recent runs went through.</Empty>
        ) : (
          <table className="data" style={{ marginTop: 8 }}>
            <thead>
              <tr><th>When</th><th>Flow</th><th>Record</th><th>What went wrong</th></tr>
            </thead>
            <tbody>
              {integration.recentErrors.map((e) => (
                <tr key={e.id}>
                  <td className="nowrap">{timeAgo(e.createdAt, now)}</td>
                  <td><Link href={`/runs/${e.run.id}`}>{humanize(e.run.flow)}</Link></td>
                  <td><code>{e.recordKey}</code></td>
                  <td>{e.message ?? humanize(e.errorCategory)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
