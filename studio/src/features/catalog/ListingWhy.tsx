'use client';

/**
 * "Why is this the price?" — the source values the catalog flow read, the mapping
 * version it used, and the price rule replayed step by step in the browser with the
 * same engine and the same FX fixings, so each intermediate value is visible.
 */
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { gql, useQuery } from 'urql';
import { PIPELINE_STEPS, compileMapping, evaluate, expressionToPipeline, pipelineToExpression, type FxRate, type MappingVersionContent, type MarketCode } from '@megzo/mapping';
import { Loading } from '@/components/ui';
import { MARKET_CONTEXT, effectiveRule } from '@/features/mappings/content';
import type { Listing } from './catalog.gql';

const WHY_QUERY = gql`
  query ListingWhy($versionId: ID!, $productId: ID!) {
    mappingVersion(id: $versionId) {
      id
      number
      content
    }
    product(id: $productId) {
      id
      data
    }
  }
`;

type WhyData = { mappingVersion: { id: string; number: number; content: MappingVersionContent } | null; product: { id: string; data: Record<string, unknown> } | null };
type Step = { label: string; expression: string; value: string };
type Source = { netPrice?: string; currency?: string; vatRate?: string; date?: string; fx?: FxRate[] };

const PRICE = 'price.amount_including_vat';

/** 2075.663157894736842… → "2075.6632…" so intermediate values stay readable. */
function readable(v: unknown): string {
  const text = String(v);
  const m = /^(-?\d+)\.(\d{5,})$/.exec(text);
  return m ? `${m[1]}.${m[2]!.slice(0, 4)}…` : text;
}

async function replay(content: MappingVersionContent, market: MarketCode, record: unknown, source: Source): Promise<Step[] | string> {
  const { rule } = effectiveRule(content, market, PRICE);
  if (!rule) return 'This mapping has no price rule.';
  const pipeline = expressionToPipeline(rule.expression);
  const prefixes = pipeline
    ? [{ label: 'Start from', expression: pipelineToExpression({ source: pipeline.source, steps: [] }) }, ...pipeline.steps.map((s, i) => ({ label: PIPELINE_STEPS.find((x) => x.fn === s.fn)?.label ?? `$${s.fn}`, expression: pipelineToExpression({ source: pipeline.source, steps: pipeline.steps.slice(0, i + 1) }) }))]
    : [{ label: 'rule', expression: rule.expression }];
  const ctx = { market, ...MARKET_CONTEXT[market], date: source.date, fx: source.fx ?? [], fxMaxAgeDays: 3650 };
  const out: Step[] = [];
  for (const p of prefixes) {
    const compiled = compileMapping({ rules: [{ target: 'value', expression: p.expression }], lookups: content.lookups ?? {} });
    const r = await evaluate(compiled, record, ctx);
    out.push({ label: p.label, expression: p.expression, value: r.ok ? readable(r.output.value) : `fails: ${r.errors.map((e) => e.message).join('; ')}` });
  }
  return out;
}

export function ListingWhy({ l }: { l: Listing }) {
  const source = (l.sourceValues ?? {}) as Source;
  const [{ data, fetching, error }] = useQuery<WhyData>({ query: WHY_QUERY, variables: { versionId: l.mappingVersion?.id ?? '', productId: l.product.id }, pause: !l.mappingVersion });
  const [steps, setSteps] = useState<Step[] | string | null>(null);
  useEffect(() => {
    const v = data?.mappingVersion;
    const p = data?.product;
    if (!v || !p) return;
    replay(v.content, l.market as MarketCode, p.data, (l.sourceValues ?? {}) as Source).then(setSteps, (e: Error) => setSteps(`The rule could not be replayed here: ${e.message}`));
  }, [data, l.market, l.sourceValues]);

  return (
    <div className="grid grid-2" data-testid="listing-why">
      <div>
        <h3>Source values from the ERP</h3>
        <table className="data">
          <tbody>
            <tr><th scope="row">Net price</th><td>{source.netPrice ?? '—'} {source.currency ?? ''}</td></tr>
            <tr><th scope="row">ERP VAT rate</th><td>{source.vatRate ? `${source.vatRate} %` : '—'}</td></tr>
            <tr><th scope="row">Pricing date</th><td>{source.date ?? '—'}</td></tr>
            {(source.fx ?? []).map((r) => (
              <tr key={`${r.currency}-${r.date}`}>
                <th scope="row">Rate {r.currency}</th>
                <td>{r.multiplier > 1 ? `${r.multiplier} ` : '1 '}{r.currency} = {r.value} RON <span className="muted small">({r.source}, {r.date})</span></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div>
        <h3>How the {l.market} price was worked out</h3>
        <p className="small">
          Mapping:{' '}
          {l.mappingVersion ? <Link href={`/mappings/${l.mappingVersion.mapping.id}/versions/${l.mappingVersion.number}`}>{l.mappingVersion.mapping.name}, version {l.mappingVersion.number}</Link> : 'none recorded'}
        </p>
        {error ? <p className="muted">The rule could not be loaded.</p> : null}
        {fetching || (l.mappingVersion && steps === null && !error) ? <Loading label="Replaying the price rule…" /> : null}
        {typeof steps === 'string' ? <p className="muted">{steps}</p> : null}
        {Array.isArray(steps) ? (
          <table className="data" data-testid="price-steps">
            <thead><tr><th>Step</th><th className="num">Value</th></tr></thead>
            <tbody>
              {steps.map((s, i) => (
                <tr key={i}>
                  <td title={s.expression}>
                    {i + 1}. {s.label} <code className="small muted">{s.expression.split(' ~> ').pop()}</code>
                  </td>
                  <td className="num">{s.value}</td>
                </tr>
              ))}
              <tr><th scope="row">Sent to CDON</th><td className="num"><strong>{l.lastPushedPrice ?? '—'} {l.currency ?? ''}</strong></td></tr>
            </tbody>
          </table>
        ) : null}
      </div>
    </div>
  );
}
