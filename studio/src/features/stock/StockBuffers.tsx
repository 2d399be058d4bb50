'use client';

import { useEffect, useState } from 'react';
import { useClient, useMutation, useQuery } from 'urql';
import { ConfirmDialog, Empty, ErrorMessage, Loading, PageHead } from '@/components/ui';
import { ReadOnlyNote, useCan } from '@/features/auth/session';
import { outcome } from '@/lib/result';
import { plainError } from '@/lib/errors';
import { previewBuffers, type PreviewRow } from './compute';
import { BUFFER_RULES_QUERY, DELETE_BUFFER, SET_BUFFER, STOCK_PRODUCTS, type BufferKind, type BufferRule, type BufferRulesData, type BufferScope, type StockProduct, type StockProductsData } from './stock.gql';

type BufferPreview = { changedCount: number; totalCount: number; rows: PreviewRow[] };

const SCOPE_TEXT: Record<BufferScope, string> = { GLOBAL: 'Every product', CATEGORY: 'A category', SKU: 'One SKU' };

function valid(r: BufferRule): string | null {
  if (r.scope !== 'GLOBAL' && !r.key.trim()) return r.scope === 'SKU' ? 'Enter the SKU.' : 'Enter the category code.';
  const n = Number(r.value);
  if (!Number.isFinite(n) || n < 0) return 'The buffer must be a number of 0 or more.';
  if (r.kind === 'PERCENT' && n > 100) return 'A percentage cannot be above 100.';
  if (r.kind === 'ABSOLUTE' && !Number.isInteger(n)) return 'Hold back whole units.';
  return null;
}

export function StockBuffers({ integrationId }: { integrationId: string }) {
  const [{ data, error, fetching }, refetch] = useQuery<BufferRulesData>({ query: BUFFER_RULES_QUERY, variables: { id: integrationId } });
  const [rules, setRules] = useState<BufferRule[]>([]);
  const [dirty, setDirty] = useState(false);
  const [preview, setPreview] = useState<BufferPreview | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [confirm, setConfirm] = useState(false);
  const client = useClient();
  const [previewing, setPreviewing] = useState(false);
  const [saving, setSaving] = useState(false);
  const [, setRule] = useMutation(SET_BUFFER);
  const [, deleteRule] = useMutation(DELETE_BUFFER);
  const canEdit = useCan('integrations');

  useEffect(() => {
    if (data?.integration && !dirty) setRules(data.integration.stockBufferRules.map(({ scope, key, kind, value }) => ({ scope, key, kind, value: String(value) })));
  }, [data, dirty]);

  if (error && !data) return <ErrorMessage error={error} />;
  if (fetching && !data) return <Loading />;
  if (!data?.integration) return <Empty title="This integration does not exist or you cannot see it." />;

  const problems = rules.map(valid);
  const input = rules.map(({ scope, key, kind, value }) => ({ scope, key: scope === 'GLOBAL' ? '' : key.trim(), kind, value: String(value) }));
  function edit(i: number, patch: Partial<BufferRule>) {
    setRules((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
    setDirty(true);
    setPreview(null);
    setSaved(false);
  }

  async function doPreview() {
    setProblem(null);
    setPreviewing(true);
    const products: StockProduct[] = [];
    let after: string | null = null;
    for (let page = 0; page < 25; page++) {
      const res = await client.query<StockProductsData>(STOCK_PRODUCTS, { first: 200, after }, { requestPolicy: 'network-only' }).toPromise();
      if (res.error || !res.data) {
        setPreviewing(false);
        return setProblem(plainError(res.error) ?? 'The stock could not be read.');
      }
      products.push(...res.data.products.edges.map((e) => e.node));
      if (!res.data.products.pageInfo.hasNextPage) break;
      after = res.data.products.pageInfo.endCursor;
    }
    const rows = previewBuffers(products, data!.integration!.stockBufferRules, input);
    const changed = rows.filter((r) => r.pushedAfter !== r.pushedBefore || r.bufferAfter !== r.bufferBefore);
    setPreview({ changedCount: changed.length, totalCount: rows.length, rows: changed.slice(0, 300) });
    setPreviewing(false);
  }
  async function doSave() {
    setSaving(true);
    const original = data!.integration!.stockBufferRules;
    const keyOf = (r: { scope: string; key: string }) => `${r.scope}:${r.scope === 'GLOBAL' ? '' : r.key}`;
    const keep = new Set(input.map(keyOf));
    for (const r of input) {
      const res = await setRule({ integrationId, input: r });
      const o = outcome(res.error, (res.data as { setStockBufferRule?: never } | undefined)?.setStockBufferRule);
      if (!o.ok) {
        setSaving(false);
        setConfirm(false);
        return setProblem(o.message);
      }
    }
    for (const r of original.filter((x) => !keep.has(keyOf(x)) && x.id)) {
      const res = await deleteRule({ id: r.id! });
      const o = outcome(res.error, (res.data as { deleteStockBufferRule?: never } | undefined)?.deleteStockBufferRule);
      if (!o.ok) {
        setSaving(false);
        setConfirm(false);
        return setProblem(o.message);
      }
    }
    setSaving(false);
    setConfirm(false);
    setDirty(false);
    setSaved(true);
    setPreview(null);
    refetch({ requestPolicy: 'network-only' });
  }

  return (
    <div className="stack">
      <PageHead title="Stock buffers" subtitle="Units held back from the marketplace so one unit cannot sell twice. The most specific rule wins: SKU, then category, then global." actions={<ReadOnlyNote />} />
      <section className="card stack" aria-labelledby="rules-title">
        <h2 id="rules-title">Rules</h2>
        {rules.length === 0 ? <Empty title="No buffer">The full available stock is sent. Add a rule to hold some back.</Empty> : null}
        {rules.map((r, i) => (
          <div key={i} className="row" data-testid="buffer-rule">
            <label className="field">
              Applies to
              <select value={r.scope} disabled={!canEdit} onChange={(e) => edit(i, { scope: e.target.value as BufferScope })}>
                {(Object.keys(SCOPE_TEXT) as BufferScope[]).map((s) => <option key={s} value={s}>{SCOPE_TEXT[s]}</option>)}
              </select>
            </label>
            {r.scope !== 'GLOBAL' ? (
              <label className="field">
                {r.scope === 'SKU' ? 'SKU' : 'Category code'}
                <input value={r.key} disabled={!canEdit} onChange={(e) => edit(i, { key: e.target.value })} />
              </label>
            ) : null}
            <label className="field">
              Hold back
              <input type="number" min={0} step={r.kind === 'PERCENT' ? 0.5 : 1} value={r.value} disabled={!canEdit} onChange={(e) => edit(i, { value: e.target.value })} style={{ width: 100 }} />
            </label>
            <label className="field">
              Unit
              <select value={r.kind} disabled={!canEdit} onChange={(e) => edit(i, { kind: e.target.value as BufferKind })}>
                <option value="ABSOLUTE">units</option>
                <option value="PERCENT">% of available</option>
              </select>
            </label>
            {canEdit ? <button type="button" onClick={() => { setRules((rs) => rs.filter((_, j) => j !== i)); setDirty(true); setPreview(null); }} aria-label={`Remove rule ${i + 1}`}>Remove</button> : null}
            {problems[i] ? <span className="small" style={{ color: 'var(--bad)' }}>{problems[i]}</span> : null}
          </div>
        ))}
        {canEdit ? (
          <div className="row">
            <button type="button" onClick={() => { setRules((rs) => [...rs, { scope: rs.some((r) => r.scope === 'GLOBAL') ? 'SKU' : 'GLOBAL', key: '', kind: 'ABSOLUTE', value: '1' }]); setDirty(true); setPreview(null); }}>
              Add a rule
            </button>
            <span className="spacer" />
            <button type="button" onClick={doPreview} disabled={!dirty || problems.some(Boolean) || previewing} data-testid="preview-buffers">
              {previewing ? 'Working out the effect…' : 'Preview the effect'}
            </button>
            <button type="button" className="primary" disabled={!preview || !dirty} onClick={() => setConfirm(true)} data-testid="save-buffers" title={preview ? undefined : 'Preview the effect first'}>
              Save rules
            </button>
          </div>
        ) : null}
        {problem ? <div className="alert error" role="alert">{problem}</div> : null}
        {saved ? <div className="alert ok" role="status">Saved. The next stock run sends the new quantities.</div> : null}
      </section>
      {preview ? (
        <section className="card stack" aria-labelledby="effect-title" data-testid="buffer-preview">
          <h2 id="effect-title">Effect before saving</h2>
          <p>{preview.changedCount} of {preview.totalCount} products would change. Worked out from the ERP stock last read and the units held by orders not yet in the ERP; the next stock run sends the new quantities.</p>
          {preview.rows.length === 0 ? <Empty title="No product changes" /> : (
            <div className="table-wrap" style={{ maxHeight: 400 }}>
              <table className="data">
                <thead><tr><th>SKU</th><th>Product</th><th>Category</th><th className="num">Available in ERP</th><th className="num">Held by open orders</th><th className="num">Buffer now → new</th><th className="num">Sent now → new</th><th>Rule</th></tr></thead>
                <tbody>
                  {preview.rows.map((r) => (
                    <tr key={r.sku}>
                      <td><code>{r.sku}</code></td><td>{r.name}</td><td>{r.category ?? '—'}</td>
                      <td className="num">{r.available}</td><td className="num">{r.reserved}</td>
                      <td className="num">{r.bufferBefore} → <strong>{r.bufferAfter}</strong></td>
                      <td className="num">{r.pushedBefore} → <strong className={r.pushedAfter < r.pushedBefore ? 'diff-down' : r.pushedAfter > r.pushedBefore ? 'diff-up' : ''}>{r.pushedAfter}</strong></td>
                      <td className="small">{r.rule ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ) : null}
      <ConfirmDialog open={confirm} title="Save the buffer rules?" confirmLabel="Save rules" busy={saving} onCancel={() => setConfirm(false)} onConfirm={doSave}>
        <p>{preview ? `${preview.changedCount} product(s) will get a different quantity on the next stock run.` : ''}</p>
      </ConfirmDialog>
    </div>
  );
}
