'use client';

import { useEffect, useMemo, useState } from 'react';
import { useClient, useMutation, useQuery } from 'urql';
import { CANONICAL_FIELDS, DEFAULT_MAPPINGS, discoverSourceFields, impact as computeImpact, validateMapping, type ImpactReport, type MappingVersionContent } from '@megzo/mapping';
import { ConfirmDialog, Empty, ErrorMessage, Loading, PageHead, StatusBadge } from '@/components/ui';
import { ReadOnlyNote, useCan } from '@/features/auth/session';
import { humanize, formatDateTime } from '@/lib/format';
import { outcome } from '@/lib/result';
import { MARKETS, MARKET_CONTEXT, diffRules, effectiveRule, overrideOf, targetsOf, type MarketSel } from './content';
import { ImpactPanel } from './ImpactPanel';
import { LookupTables } from './LookupTables';
import { CREATE_DRAFT, FX_RATES, IMPACT_MAPPING, MAPPING_QUERY, PREVIEW_MAPPING, PUBLISH_VERSION, SAMPLE_PRODUCTS, UPDATE_DRAFT, type MappingDetail, type PreviewRow, type FxRatesData, type SampleProductsData, type Version } from './mappings.gql';
import { PreviewPanel } from './PreviewPanel';
import { RuleEditor } from './RuleEditor';
import { VersionHistory } from './VersionHistory';

type Tab = 'preview' | 'impact' | 'lookups' | 'history';
type Msg = { kind: 'ok' | 'error' | 'info'; text: string } | null;
const payload = (data: unknown, key: string) => (data as Record<string, never> | undefined)?.[key];

export function MappingWorkspace({ mappingId }: { mappingId: string }) {
  const [{ data, error, fetching }, refetch] = useQuery<{ mapping: MappingDetail | null }>({ query: MAPPING_QUERY, variables: { id: mappingId }, requestPolicy: 'network-only' });
  const m = data?.mapping ?? null;
  const canEdit = useCan('mappings');
  const [content, setContent] = useState<MappingVersionContent | null>(null);
  const [dirty, setDirty] = useState(false);
  const [market, setMarket] = useState<MarketSel>('ALL');
  const [target, setTarget] = useState<string>('');
  const [sampleIndex, setSampleIndex] = useState(0);
  const [tab, setTab] = useState<Tab>('preview');
  const [msg, setMsg] = useState<Msg>(null);
  const [preview, setPreview] = useState<PreviewRow[] | null>(null);
  const [impact, setImpact] = useState<ImpactReport | null>(null);
  const [confirmPublish, setConfirmPublish] = useState(false);
  const [note, setNote] = useState('');
  const [, createDraft] = useMutation(CREATE_DRAFT);
  const [saveState, updateDraft] = useMutation(UPDATE_DRAFT);
  const client = useClient();
  const [previewing, setPreviewing] = useState(false);
  const [comparing, setComparing] = useState(false);
  const [publishState, publish] = useMutation(PUBLISH_VERSION);

  const base: Version | null = m?.draft ?? m?.publishedVersion ?? null;
  useEffect(() => {
    if (base && !dirty) setContent(base.content);
  }, [base, dirty]);
  const current = content ?? base?.content ?? null;
  useEffect(() => {
    // Unsaved edits: ask before the tab closes or reloads.
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
  const targets = useMemo(() => (current ? targetsOf(current) : []), [current]);
  useEffect(() => {
    if (!target && targets.length) setTarget(targets.find((t) => t.startsWith('price')) ?? targets[0]!);
  }, [target, targets]);
  const productSource = !!m && /product|item/i.test(m.sourceKind);
  const [sampleData] = useQuery<SampleProductsData>({ query: SAMPLE_PRODUCTS, variables: { first: 20 }, pause: !productSource });
  const samples = useMemo(() => sampleData.data?.products.edges.map((e) => e.node.data) ?? [], [sampleData.data]);
  const sourceFields = useMemo(() => {
    // Fields seen on real samples, plus the canonical fields a sample may simply not have filled.
    const seen = discoverSourceFields(samples);
    const canonical = productSource ? CANONICAL_FIELDS.product : /order/i.test(m?.sourceKind ?? '') ? CANONICAL_FIELDS.order : [];
    const extra = canonical.filter((c) => !seen.some((f) => f.path === c)).map((path) => ({ path, type: 'mixed' as const }));
    return [...seen, ...extra];
  }, [samples, productSource, m?.sourceKind]);
  const targetFields = useMemo(() => Object.values(DEFAULT_MAPPINGS).find((d) => d.targetKind === m?.targetKind && d.sourceKind === m?.sourceKind)?.targets, [m?.targetKind, m?.sourceKind]);
  const diagnostics = useMemo(
    () => (current ? validateMapping(current, { sourceFields: sourceFields.length ? sourceFields.map((f) => f.path) : undefined, targets: targetFields }) : []),
    [current, sourceFields, targetFields],
  );
  const errors = diagnostics.filter((d) => d.severity === 'error');

  if (error && !data) return <ErrorMessage error={error} />;
  if (fetching && !data) return <Loading label="Loading the mapping…" />;
  if (!m || !current) return <Empty title="This mapping does not exist or you cannot see it." />;
  const draft = m.draft;
  const editable = canEdit && !!draft;

  function change(next: MappingVersionContent) {
    setContent(next);
    setDirty(true);
    setPreview(null);
    setImpact(null);
  }

  async function startDraft() {
    setMsg(null);
    const res = await createDraft({ mappingId });
    const o = outcome(res.error, payload(res.data, 'createMappingDraft'));
    if (!o.ok) return setMsg({ kind: 'error', text: o.message });
    setDirty(false);
    refetch({ requestPolicy: 'network-only' });
    setMsg({ kind: 'info', text: 'A draft is open. Nothing changes on the marketplace until you publish it.' });
  }

  /** Save the draft if it changed; returns false when saving failed. */
  async function save(withNote?: string): Promise<boolean> {
    if (!draft || !current || (!dirty && !withNote)) return true;
    const res = await updateDraft({ versionId: draft.id, content: dirty ? current : undefined, note: withNote || undefined });
    const o = outcome(res.error, payload(res.data, 'updateMappingDraft'));
    if (!o.ok) {
      setMsg({ kind: 'error', text: `The draft was not saved: ${o.message}` });
      return false;
    }
    setDirty(false);
    refetch({ requestPolicy: 'network-only' });
    return true;
  }

  async function doPreview() {
    setTab('preview');
    if (!current) return;
    setPreviewing(true);
    const markets = market === 'ALL' ? MARKETS : [market];
    const results = await Promise.all(
      markets.map(async (mk) => {
        const res = await client.query(PREVIEW_MAPPING, { content: current, context: { market: mk, ...MARKET_CONTEXT[mk] }, samples: samples.length ? samples.slice(0, market === 'ALL' ? 6 : 20) : undefined }, { requestPolicy: 'network-only' }).toPromise();
        const o = outcome<PreviewRow[]>(res.error, payload(res.data, 'previewMapping'));
        return o.ok ? { rows: o.value.map((r) => ({ ...r, market: mk })) } : { error: o.message };
      }),
    );
    setPreviewing(false);
    const failed = results.find((r) => 'error' in r);
    if (failed && 'error' in failed) return setMsg({ kind: 'error', text: failed.error ?? 'The preview failed.' });
    setPreview(results.flatMap((r) => ('rows' in r && r.rows ? r.rows : [])));
  }

  async function doImpact() {
    setTab('impact');
    if (!draft || !current || !(await save())) return;
    setComparing(true);
    const published = m!.publishedVersion;
    if (published && samples.length) {
      // Worked out here with the same engine, each market's currency and VAT, and the BNR fixings the flow uses.
      const fx = await client.query<FxRatesData>(FX_RATES, {}, { requestPolicy: 'network-only' }).toPromise();
      const rates = (fx.data?.fxRates ?? []).map((r) => ({ currency: r.currency, date: r.date, value: String(r.value), multiplier: r.multiplier, source: r.source }));
      const date = new Date().toISOString().slice(0, 10);
      try {
        const report = await computeImpact(current, published.content, samples, MARKETS.map((mk) => ({ market: mk, ...MARKET_CONTEXT[mk], date, fx: rates })), { targets: targetFields });
        setImpact(report);
        setComparing(false);
        return;
      } catch {
        // fall through to the server's comparison
      }
    }
    const res = await client.query(IMPACT_MAPPING, { versionId: draft.id, samples: samples.length ? samples : undefined }, { requestPolicy: 'network-only' }).toPromise();
    setComparing(false);
    const o = outcome<ImpactReport>(res.error, payload(res.data, 'mappingImpact'));
    if (o.ok) setImpact(o.value);
    else setMsg({ kind: 'error', text: o.message });
  }

  async function doPublish() {
    if (!draft || !(await save(note.trim()))) return;
    const res = await publish({ versionId: draft.id });
    const o = outcome(res.error, payload(res.data, 'publishMappingVersion'));
    setConfirmPublish(false);
    if (!o.ok) return setMsg({ kind: 'error', text: o.message });
    setNote('');
    setImpact(null);
    setPreview(null);
    setMsg({ kind: 'ok', text: `Version ${draft.number} is published. The next run uses it — press “Run now” on the dashboard to use it at once.` });
    refetch({ requestPolicy: 'network-only' });
  }

  const changes = m.publishedVersion ? diffRules(m.publishedVersion.content, current) : [];
  const sample = samples[sampleIndex] ?? null;

  return (
    <div className="stack">
      <PageHead
        title={m.name}
        subtitle={<>{humanize(m.flow)} · <code>{m.sourceKind}</code> → <code>{m.targetKind}</code> · live: {m.publishedVersion ? <strong data-testid="published-version">v{m.publishedVersion.number}</strong> : 'nothing published'}</>}
        actions={
          <>
            <ReadOnlyNote />
            {draft ? <StatusBadge status="DRAFT" label={`Draft v${draft.number}${dirty ? ' · unsaved' : ''}`} /> : null}
            {canEdit && !draft ? <button type="button" className="primary" onClick={startDraft} data-testid="start-draft">Edit (start a draft)</button> : null}
            {editable ? (
              <>
                <button type="button" onClick={() => void save()} disabled={!dirty || saveState.fetching} data-testid="save-draft">{saveState.fetching ? 'Saving…' : dirty ? 'Save draft' : 'Saved'}</button>
                <button type="button" onClick={doPreview} disabled={previewing} data-testid="run-preview">Preview</button>
                <button type="button" onClick={doImpact} disabled={comparing} data-testid="run-impact">{comparing ? 'Comparing…' : 'Compare with live'}</button>
                <button type="button" className="primary" onClick={() => setConfirmPublish(true)} disabled={errors.length > 0} data-testid="publish" title={errors.length ? 'Fix the problems first' : undefined}>Publish…</button>
              </>
            ) : null}
          </>
        }
      />
      {msg ? <div className={`alert ${msg.kind}`} role="status" data-testid="mapping-message">{msg.text}</div> : null}
      {!draft ? <div className="alert info small">You are looking at the live version {m.publishedVersion ? `v${m.publishedVersion.number}` : ''}. {canEdit ? 'Start a draft to change it.' : 'Your role can read mappings but not change them.'}</div> : null}
      {errors.length > 0 ? <div className="alert error small" data-testid="draft-problems">{errors.length} problem(s) must be fixed before publishing: {errors.slice(0, 3).map((d) => `${d.market ? `${d.market} ` : ''}${d.target || 'mapping'}: ${d.message}`).join('; ')}</div> : null}
      <div style={{ display: 'grid', gridTemplateColumns: '270px minmax(0, 1fr)', gap: 16, alignItems: 'start' }}>
        <nav className="card stack" aria-label="Fields" style={{ gap: 8 }}>
          <div className="tabs compact" role="tablist" aria-label="Market" style={{ marginBottom: 0 }}>
            {(['ALL', ...MARKETS] as MarketSel[]).map((mk) => (
              <button key={mk} role="tab" aria-selected={market === mk} onClick={() => setMarket(mk)} data-testid={`market-${mk}`}>{mk === 'ALL' ? 'All' : mk}</button>
            ))}
          </div>
          <ul style={{ listStyle: 'none', margin: 0, padding: 0, maxHeight: 420, overflow: 'auto' }} data-testid="rule-list">
            {targets.map((t) => {
              const o = overrideOf(current, market, t);
              const has = diagnostics.some((d) => d.target === t && d.severity === 'error');
              const { rule } = effectiveRule(current, market, t);
              return (
                <li key={t}>
                  <button type="button" onClick={() => setTarget(t)} aria-current={t === target ? 'true' : undefined} data-testid={`rule-${t}`}
                    style={{ width: '100%', justifyContent: 'space-between', border: t === target ? '1px solid var(--brand)' : '1px solid transparent', background: t === target ? 'var(--info-bg)' : 'transparent', marginBottom: 2 }}
                    title={rule?.expression}
                  >
                    <code className="small">{t}</code>
                    <span>{o ? <span className="badge info">{market}</span> : null}{has ? <span className="badge bad">!</span> : null}</span>
                  </button>
                </li>
              );
            })}
          </ul>
          <label className="field small">
            Sample record (for hover and completion)
            <select value={sampleIndex} onChange={(e) => setSampleIndex(Number(e.target.value))} disabled={samples.length === 0} data-testid="sample-picker">
              {samples.length === 0 ? <option>No samples yet</option> : null}
              {samples.map((s, i) => <option key={i} value={i}>{String(s.sku ?? s.channelOrderId ?? s.id ?? `#${i + 1}`)}</option>)}
            </select>
          </label>
        </nav>
        {target ? (
          <RuleEditor content={current} market={market} target={target} readOnly={!editable} diagnostics={diagnostics} sourceFields={sourceFields} sample={sample} onChange={change} />
        ) : <Empty title="Pick a field on the left" />}
      </div>
      <section className="card">
        <div className="tabs" role="tablist" aria-label="Check the draft">
          <button role="tab" aria-selected={tab === 'preview'} onClick={() => setTab('preview')} data-testid="tab-preview">Preview</button>
          <button role="tab" aria-selected={tab === 'impact'} onClick={() => setTab('impact')} data-testid="tab-impact">Impact vs live</button>
          <button role="tab" aria-selected={tab === 'lookups'} onClick={() => setTab('lookups')} data-testid="tab-lookups">Lookup tables</button>
          <button role="tab" aria-selected={tab === 'history'} onClick={() => setTab('history')} data-testid="tab-history">History</button>
        </div>
        {tab === 'preview' ? (previewing ? <Loading label="Running the draft on sample records…" /> : preview ? <PreviewPanel rows={preview} targets={targetFields ?? null} focus={target} /> : <Empty title="Preview the draft">Press “Preview” to run it on real sample records.</Empty>) : null}
        {tab === 'impact' ? (comparing ? <Loading label="Comparing with the live version…" /> : impact ? <ImpactPanel report={impact} /> : <Empty title="Compare with the live version">Press “Compare with live” to see changed fields, money differences per market and new failures.</Empty>) : null}
        {tab === 'lookups' ? <LookupTables content={current} readOnly={!editable} onChange={change} /> : null}
        {tab === 'history' ? (
          <VersionHistory mappingId={mappingId} versions={m.versions} published={m.publishedVersion} canPublish={canEdit} onDone={(text) => { setMsg({ kind: 'ok', text }); setDirty(false); refetch({ requestPolicy: 'network-only' }); }} />
        ) : null}
      </section>
      <ConfirmDialog open={confirmPublish} title={`Publish draft v${draft?.number ?? ''}?`} confirmLabel="Publish" busy={publishState.fetching} onCancel={() => setConfirmPublish(false)} onConfirm={doPublish}>
        <p>The next run uses it for every record. You can roll back to v{m.publishedVersion?.number ?? '—'} at any time.</p>
        {changes.length ? <ul className="small">{changes.slice(0, 10).map((c, i) => <li key={i}>{c.where}: <code>{c.target}</code></li>)}</ul> : <p className="muted">No rule differs from the live version.</p>}
        {impact ? <p className="small">{impact.summary.join(' ')}</p> : <p className="small muted">Tip: “Compare with live” first to see what changes.</p>}
        <label className="field">
          What changed and why (optional)
          <input value={note} onChange={(e) => setNote(e.target.value)} placeholder="e.g. SE prices end in .99" data-testid="publish-note" />
        </label>
        <p className="muted small">Last saved {formatDateTime(draft?.updatedAt)}.</p>
      </ConfirmDialog>
    </div>
  );
}
