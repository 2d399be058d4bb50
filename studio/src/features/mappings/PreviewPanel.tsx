'use client';

import type { TargetField } from '@megzo/mapping';
import { Empty } from '@/components/ui';
import type { PreviewRow } from './mappings.gql';

function cell(v: unknown): string {
  if (v === undefined) return '—';
  if (v === null) return 'null';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

function short(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function flatten(o: Record<string, unknown>, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  for (const [k, v] of Object.entries(o)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object' && !Array.isArray(v)) flatten(v as Record<string, unknown>, path, out);
    else out[path] = v;
  }
  return out;
}

/** The draft applied to real sample records: one row per record (and market), one column per field. */
export function PreviewPanel({ rows, targets, focus }: { rows: PreviewRow[]; targets: TargetField[] | null; focus?: string }) {
  if (rows.length === 0) return <Empty title="No sample records">Samples come from the last records the flow read. Run the flow once, then preview again.</Empty>;
  const flat = rows.map((r) => flatten(r.output));
  const cols = targets?.length ? targets.map((t) => t.name) : [...new Set(flat.flatMap((f) => Object.keys(f)))];
  const ordered = focus && cols.includes(focus) ? [focus, ...cols.filter((c) => c !== focus)] : cols;
  const failed = rows.filter((r) => !r.ok).length;
  return (
    <div className="stack">
      <p className="small" style={{ margin: 0 }}>
        {rows.length} result(s) on real sample records{failed ? <strong style={{ color: 'var(--bad)' }}> · {failed} would fail</strong> : ' · all would go through'}.
      </p>
      <div className="table-wrap" style={{ maxHeight: 380 }}>
        <table className="data" data-testid="preview-table">
          <thead>
            <tr>
              <th>Record</th>
              <th>Market</th>
              {ordered.map((c) => <th key={c}><code>{c}</code></th>)}
              <th>Problems</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={`${r.key}-${r.market ?? ''}-${i}`} data-testid="preview-row" data-ok={r.ok}>
                <td><code>{r.key}</code></td>
                <td>{r.market ?? '—'}</td>
                {ordered.map((c) => {
                  const text = cell(flat[i]![c]);
                  const failed = r.errors.some((e) => e.target === c || c.startsWith(`${e.target}.`));
                  return (
                    <td key={c} data-col={c} title={text.length > 60 ? text : undefined} className={typeof flat[i]![c] === 'number' ? 'num' : undefined} style={failed ? { background: 'var(--bad-bg)' } : undefined}>
                      {short(text)}
                    </td>
                  );
                })}
                <td className="small" style={{ color: r.errors.length ? 'var(--bad)' : undefined }}>
                  {r.errors.map((e) => `${e.target}: ${e.message}`).join('; ') || (r.warnings.length ? r.warnings.join('; ') : '—')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
