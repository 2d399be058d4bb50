'use client';

import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { useQuery, useSubscription } from 'urql';
import { Empty, ErrorMessage, Loading, PageHead, ProgressBar, StatusBadge, useNow } from '@/components/ui';
import { formatNumber, humanize, timeAgo, duration } from '@/lib/format';
import { RUNS_QUERY, type RunsData } from './run-list.gql';
import { SYNC_RUN_UPDATED, isActive, type Run } from './runs.gql';

const FLOWS = ['catalog', 'stock', 'orders', 'invoices', 'tracking', 'returns'];
const STATUSES = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'PARTIAL', 'FAILED', 'CANCELLED'];

export function RunList({ integrationId }: { integrationId: string }) {
  const router = useRouter();
  const path = usePathname();
  const params = useSearchParams();
  const flow = params.get('flow') || null;
  const status = params.get('status') || null;
  const [after, setAfter] = useState<string | null>(null);
  const now = useNow(5000);
  const [{ data, error, fetching }] = useQuery<RunsData>({ query: RUNS_QUERY, variables: { integrationId, flow, status, first: 50, after } });
  const [live] = useSubscription<{ syncRunUpdated: Run }, Record<string, Run>>(
    { query: SYNC_RUN_UPDATED, variables: { integrationId } },
    (prev = {}, ev) => ({ ...prev, [ev.syncRunUpdated.id]: ev.syncRunUpdated }),
  );

  function setFilter(key: string, value: string) {
    const next = new URLSearchParams(params.toString());
    if (value) next.set(key, value);
    else next.delete(key);
    setAfter(null);
    router.replace(`${path}?${next.toString()}`);
  }

  const known = new Set((data?.runs.edges ?? []).map((e) => e.node.id));
  const fresh = Object.values(live.data ?? {}).filter((r) => !known.has(r.id) && (!flow || r.flow === flow) && (!status || r.status === status) && !after);
  const rows = [...fresh.sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1)), ...(data?.runs.edges ?? []).map((e) => live.data?.[e.node.id] ?? e.node)];

  return (
    <div className="stack">
      <PageHead title="Runs" subtitle="Every sync run, newest first. Open a run to see each record and fix failures." />
      <div className="row card" role="search" aria-label="Filter runs">
        <label className="field">
          Flow
          <select value={flow ?? ''} onChange={(e) => setFilter('flow', e.target.value)} data-testid="filter-flow">
            <option value="">All flows</option>
            {FLOWS.map((f) => <option key={f} value={f}>{humanize(f)}</option>)}
          </select>
        </label>
        <label className="field">
          Status
          <select value={status ?? ''} onChange={(e) => setFilter('status', e.target.value)} data-testid="filter-status">
            <option value="">Any status</option>
            {STATUSES.map((s) => <option key={s} value={s}>{humanize(s)}</option>)}
          </select>
        </label>
        <span className="spacer" />
        {data?.runs.totalCount !== null && data?.runs.totalCount !== undefined ? <span className="muted">{formatNumber(data.runs.totalCount)} runs</span> : null}
      </div>
      <ErrorMessage error={error} />
      {fetching && !data ? <Loading /> : null}
      {data && rows.length === 0 ? (
        <div className="card"><Empty title="No runs match these filters">Runs appear here on each heartbeat, or when someone presses “Run now”.</Empty></div>
      ) : null}
      {rows.length > 0 ? (
        <div className="table-wrap">
          <table className="data" data-testid="runs-table">
            <thead>
              <tr>
                <th>Flow</th><th>Status</th><th>Trigger</th><th>Started</th><th>Took</th>
                <th className="num">Read</th><th className="num">Created</th><th className="num">Updated</th><th className="num">Failed</th><th>Mapping</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} data-testid="run-row" data-run-status={r.status}>
                  <td><Link href={`/runs/${r.id}`}>{humanize(r.flow)}</Link></td>
                  <td>
                    <StatusBadge status={r.status} />
                    {isActive(r.status) ? <div style={{ marginTop: 4, width: 120 }}><ProgressBar done={r.progressDone} total={r.progressTotal} label="Run progress" /></div> : null}
                  </td>
                  <td>{humanize(r.trigger)}</td>
                  <td className="nowrap">{timeAgo(r.startedAt ?? r.createdAt, now)}</td>
                  <td>{r.startedAt && r.finishedAt ? duration((new Date(r.finishedAt).getTime() - new Date(r.startedAt).getTime()) / 1000) : '—'}</td>
                  <td className="num">{formatNumber(r.countRead)}</td>
                  <td className="num">{formatNumber(r.countCreated)}</td>
                  <td className="num">{formatNumber(r.countUpdated)}</td>
                  <td className="num" style={r.countFailed ? { color: 'var(--bad)', fontWeight: 600 } : undefined}>{formatNumber(r.countFailed)}</td>
                  <td>{r.mappingVersion ? <Link href={`/mappings/${r.mappingVersion.mapping.id}`}>v{r.mappingVersion.number}</Link> : <span className="muted">—</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <div className="row">
        {after ? <button type="button" onClick={() => setAfter(null)}>Back to newest</button> : null}
        {data?.runs.pageInfo.hasNextPage ? <button type="button" onClick={() => setAfter(data.runs.pageInfo.endCursor)}>Older runs</button> : null}
      </div>
    </div>
  );
}
