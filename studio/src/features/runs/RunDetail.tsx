'use client';

import Link from 'next/link';
import { useMemo, useState } from 'react';
import { useMutation, useQuery, useSubscription } from 'urql';
import { ConfirmDialog, Empty, ErrorMessage, Loading, PageHead, StatusBadge, useNow } from '@/components/ui';
import { ReadOnlyNote, useCan } from '@/features/auth/session';
import { formatDateTime, humanize } from '@/lib/format';
import { outcome } from '@/lib/result';
import { RESOLVE_ITEMS, RETRY_ITEMS, RUN_QUERY, type RunDetailData, type RunItem } from './run-list.gql';
import { RunProgress } from './RunProgress';
import { SYNC_RUN_UPDATED, type Run } from './runs.gql';

const CATEGORY_TEXT: Record<string, string> = {
  configuration: 'A setting must be fixed first; this is not retried automatically.',
  transient: 'The other system did not answer in time; retrying usually works.',
  record: 'The other system refused this record; change the data or the mapping, then retry.',
  system: 'An unexpected problem in MEGZO IV; the team has the details.',
};

function reason(item: RunItem): string {
  const why = item.message ?? 'No reason was recorded.';
  const hint = item.errorCategory ? CATEGORY_TEXT[item.errorCategory] : null;
  return hint ? `${why} — ${hint}` : why;
}

export function RunDetail({ runId }: { runId: string }) {
  const now = useNow(2000);
  const [statusFilter, setStatusFilter] = useState<string>('');
  const [{ data, error, fetching }, refetch] = useQuery<RunDetailData>({ query: RUN_QUERY, variables: { id: runId, itemStatus: statusFilter || null } });
  const integrationId = data?.syncRun?.integration.id;
  const [live] = useSubscription<{ syncRunUpdated: Run }, Run | null>(
    { query: SYNC_RUN_UPDATED, variables: { integrationId }, pause: !integrationId },
    (prev = null, ev) => (ev.syncRunUpdated.id === runId ? ev.syncRunUpdated : prev),
  );
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [confirm, setConfirm] = useState<null | 'resolve'>(null);
  const [note, setNote] = useState('');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [retryState, retry] = useMutation(RETRY_ITEMS);
  const [resolveState, resolve] = useMutation(RESOLVE_ITEMS);
  const canAct = useCan('runs');

  const items = useMemo(() => data?.syncRun?.items.edges.map((e) => e.node) ?? [], [data]);
  const failed = items.filter((i) => i.status === 'FAILED');

  if (error && !data) return <ErrorMessage error={error} />;
  if (fetching && !data) return <Loading label="Loading the run…" />;
  const run = data?.syncRun;
  if (!run) return <Empty title="This run does not exist or you cannot see it." />;
  const current: Run = live.data ?? run;

  function toggle(id: string) {
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  }

  async function doRetry(ids: string[]) {
    setMessage(null);
    const res = await retry({ ids });
    const o = outcome(res.error, (res.data as { retryRunItems?: never } | undefined)?.retryRunItems);
    setMessage(o.ok ? { kind: 'ok', text: `${ids.length} record(s) queued for retry. A retry run will pick them up.` } : { kind: 'error', text: o.message });
    if (o.ok) {
      setSelected(new Set());
      refetch({ requestPolicy: 'network-only' });
    }
  }

  async function doResolve(ids: string[]) {
    const res = await resolve({ ids, note: note || null });
    const o = outcome(res.error, (res.data as { resolveRunItems?: never } | undefined)?.resolveRunItems);
    setConfirm(null);
    setMessage(o.ok ? { kind: 'ok', text: `${ids.length} record(s) marked as resolved.` } : { kind: 'error', text: o.message });
    if (o.ok) {
      setSelected(new Set());
      setNote('');
      refetch({ requestPolicy: 'network-only' });
    }
  }

  const selectedFailed = [...selected].filter((id) => failed.some((f) => f.id === id));
  return (
    <div className="stack">
      <PageHead
        title={`${humanize(current.flow)} run`}
        subtitle={
          <>
            <Link href={`/integrations/${run.integration.id}/runs`}>{run.integration.name}</Link> · started {formatDateTime(current.startedAt ?? current.createdAt)} · {humanize(current.trigger)}
          </>
        }
        actions={<ReadOnlyNote />}
      />
      <div className="grid grid-2">
        <section className="card">
          <RunProgress run={current} now={now} />
        </section>
        <section className="card" data-testid="pinned-mapping">
          <h2>Mapping used</h2>
          {current.mappingVersion ? (
            <p>
              This run used <Link href={`/mappings/${current.mappingVersion.mapping.id}`}>{current.mappingVersion.mapping.name}</Link>, version{' '}
              <strong data-testid="pinned-version">{current.mappingVersion.number}</strong>. Re-running a record uses the version published at that time.
            </p>
          ) : (
            <p className="muted">This flow does not use a mapping.</p>
          )}
        </section>
      </div>
      {message ? <div className={`alert ${message.kind === 'ok' ? 'ok' : 'error'}`} role="status">{message.text}</div> : null}
      <section className="card stack" aria-labelledby="items-title">
        <div className="row">
          <h2 id="items-title" style={{ margin: 0 }}>Records</h2>
          <label className="row small">
            Show
            <select value={statusFilter} onChange={(e) => { setStatusFilter(e.target.value); setSelected(new Set()); }} data-testid="item-filter">
              <option value="">All records</option>
              <option value="FAILED">Failed</option>
              <option value="OK">Succeeded</option>
              <option value="RETRIED">Retried</option>
              <option value="RESOLVED">Resolved</option>
            </select>
          </label>
          <span className="spacer" />
          {canAct && failed.length > 0 ? (
            <>
              <button type="button" disabled={selectedFailed.length === 0 || retryState.fetching} onClick={() => doRetry(selectedFailed)} data-testid="bulk-retry">
                Retry selected ({selectedFailed.length})
              </button>
              <button type="button" disabled={selectedFailed.length === 0} onClick={() => setConfirm('resolve')} data-testid="bulk-resolve">
                Mark selected resolved
              </button>
            </>
          ) : null}
        </div>
        {items.length === 0 ? (
          <Empty title={statusFilter ? 'No records with this status' : 'This run has not touched any record yet'} />
        ) : (
          <div className="table-wrap" style={{ maxHeight: 520 }}>
            <table className="data" data-testid="run-items">
              <thead>
                <tr>
                  {canAct ? (
                    <th>
                      <input
                        type="checkbox"
                        aria-label="Select all failed records"
                        checked={failed.length > 0 && failed.every((f) => selected.has(f.id))}
                        onChange={(e) => setSelected(e.target.checked ? new Set(failed.map((f) => f.id)) : new Set())}
                      />
                    </th>
                  ) : null}
                  <th>Record</th><th>Action</th><th>Outcome</th><th>Reason</th><th className="num">Attempts</th>
                  {canAct ? <th>Fix</th> : null}
                </tr>
              </thead>
              <tbody>
                {items.map((i) => (
                  <tr key={i.id} data-testid="run-item" data-item-status={i.status}>
                    {canAct ? (
                      <td>
                        {i.status === 'FAILED' ? <input type="checkbox" aria-label={`Select ${i.recordKey}`} checked={selected.has(i.id)} onChange={() => toggle(i.id)} /> : null}
                      </td>
                    ) : null}
                    <td><code>{i.recordKey}</code></td>
                    <td>{humanize(i.action)}</td>
                    <td><StatusBadge status={i.status} /></td>
                    <td style={{ maxWidth: 460 }}>
                      {i.status === 'OK' ? <span className="muted">—</span> : i.status === 'RESOLVED' ? `Resolved${i.resolvedBy ? ` by ${i.resolvedBy.name}` : ''} ${formatDateTime(i.resolvedAt)}` : reason(i)}
                    </td>
                    <td className="num">{i.attempts}</td>
                    {canAct ? (
                      <td className="nowrap">
                        {i.status === 'FAILED' ? (
                          <>
                            <button type="button" onClick={() => doRetry([i.id])} disabled={retryState.fetching}>Retry</button>{' '}
                            <button type="button" onClick={() => { setSelected(new Set([i.id])); setConfirm('resolve'); }}>Resolve</button>
                          </>
                        ) : null}
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <ConfirmDialog
        open={confirm === 'resolve'}
        title={`Mark ${selectedFailed.length || selected.size} record(s) as resolved?`}
        confirmLabel="Mark resolved"
        busy={resolveState.fetching}
        onCancel={() => setConfirm(null)}
        onConfirm={() => doResolve(selectedFailed.length ? selectedFailed : [...selected])}
      >
        <p>Resolved records are not retried. Use this when you fixed the problem by hand, or the record should not sync.</p>
        <label className="field">
          Note (optional)
          <input value={note} onChange={(e) => setNote(e.target.value)} placeholder="e.g. fixed the EAN in Charisma" />
        </label>
      </ConfirmDialog>
    </div>
  );
}
