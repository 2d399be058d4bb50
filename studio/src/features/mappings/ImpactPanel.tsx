'use client';

import type { ImpactReport } from '@megzo/mapping';
import { Empty, StatusBadge } from '@/components/ui';

function cell(v: unknown): string {
  if (v === undefined) return '—';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

const STATUS_TEXT: Record<string, string> = { changed: 'Changed', nowFails: 'New failure', fixed: 'Fixed', stillFails: 'Still fails', unchanged: 'Same' };
const pct = (n: number | null) => (n === null ? '—' : `${n > 0 ? '+' : ''}${n.toFixed(2)} %`);

/** What publishing the draft would change, compared with the published version. */
export function ImpactPanel({ report }: { report: ImpactReport }) {
  const newFailures = report.markets.reduce((a, m) => a + m.nowFail, 0);
  return (
    <div className="stack" data-testid="impact-report">
      {report.summary.length ? (
        <ul className="small" style={{ margin: 0 }} data-testid="impact-summary">
          {report.summary.map((s, i) => <li key={i}>{s}</li>)}
        </ul>
      ) : null}
      {newFailures > 0 ? (
        <div className="alert error" role="alert" data-testid="impact-new-failures">{newFailures} record(s) that go through today would fail with this draft.</div>
      ) : null}
      <div className="table-wrap">
        <table className="data" data-testid="impact-markets">
          <thead>
            <tr><th>Market</th><th className="num">Records</th><th className="num">Changed</th><th className="num">New failures</th><th className="num">Fixed</th><th>Fields changed</th><th>Money</th></tr>
          </thead>
          <tbody>
            {report.markets.map((m) => (
              <tr key={m.market ?? 'all'} data-testid="impact-market" data-market={m.market ?? 'ALL'}>
                <td>{m.market ?? 'All'}</td>
                <td className="num">{m.records}</td>
                <td className="num">{m.changed}</td>
                <td className="num" style={m.nowFail ? { color: 'var(--bad)', fontWeight: 600 } : undefined}>{m.nowFail}</td>
                <td className="num">{m.fixed}</td>
                <td className="small">{Object.entries(m.fieldsChanged).map(([f, n]) => `${f} (${n})`).join(', ') || '—'}</td>
                <td className="small">
                  {m.money.filter((x) => x.changed > 0).map((x) => (
                    <div key={x.target}>
                      <code>{x.target}</code>: {x.changed} changed ({x.increased} up, {x.decreased} down), median {pct(x.medianPct)}, from {pct(x.minPct)} to {pct(x.maxPct)}
                    </div>
                  ))}
                  {m.money.every((x) => x.changed === 0) ? '—' : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {report.records.length === 0 ? (
        <Empty title="No record changes">The draft gives the same result as the published version on every sample.</Empty>
      ) : (
        <div className="table-wrap" style={{ maxHeight: 360 }}>
          <table className="data" data-testid="impact-records">
            <thead><tr><th>Record</th><th>Market</th><th>Result</th><th>Field</th><th>Published</th><th>Draft</th><th className="num">Difference</th></tr></thead>
            <tbody>
              {report.records.flatMap((r) =>
                (r.changes.length ? r.changes : [null]).map((c, j) => (
                  <tr key={`${r.key}-${r.market ?? ''}-${j}`} data-testid="impact-change" data-field={c?.target ?? ''}>
                    <td><code>{r.key}</code></td>
                    <td>{r.market ?? '—'}</td>
                    <td><StatusBadge status={r.status === 'nowFails' ? 'FAILED' : r.status === 'fixed' ? 'OK' : 'PARTIAL'} label={STATUS_TEXT[r.status] ?? r.status} /></td>
                    <td>{c ? <code>{c.target}</code> : r.errors.map((e) => e.message).join('; ')}</td>
                    <td>{c ? cell(c.before) : '—'}</td>
                    <td><strong>{c ? cell(c.after) : '—'}</strong></td>
                    <td className="num">
                      {c?.delta ? (
                        <span className={c.delta.startsWith('-') ? 'diff-down' : 'diff-up'}>
                          {c.delta.startsWith('-') ? c.delta : `+${c.delta}`}
                          {c.deltaPct !== undefined ? ` (${pct(c.deltaPct)})` : ''}
                        </span>
                      ) : '—'}
                    </td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
