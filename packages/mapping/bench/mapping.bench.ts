/**
 * Benchmark: the default Charisma → CDON catalog mapping (SE market) on
 * 100,000 synthetic Product records.
 *
 * - engine:   compileMapping once, then evaluate(compiled, record, ctx) per record
 *             (all rules combined in one JSONata evaluation, bounds and type checks on).
 * - baseline: plain `jsonata(expr)` — each rule compiled once with the same function
 *             library registered — and `expr.evaluate(record, bindings)` per rule per
 *             record, assembling the same output object (no type checks, no bounds).
 *
 * Run: npx tsx packages/mapping/bench/mapping.bench.ts [records]
 * Output: one JSON object per line; the last is {"bench":"mapping",...}.
 */
import { availableParallelism, loadavg } from 'node:os';
import jsonata from 'jsonata';
import { compileMapping, evaluate, DEFAULT_MAPPINGS, type EvalContext } from '../src/index.ts';
import { registerLibrary } from '../src/functions/library.ts';
import { STATE_BINDING, type EvalState } from '../src/functions/state.ts';
import { setPath } from '../src/output.ts';

const N = Number(process.argv[2] ?? 100_000);
const ctx: EvalContext = {
  market: 'SE', currency: 'SEK', vatRate: 25, date: '2025-10-21',
  fx: [
    { currency: 'SEK', date: '2025-10-20', value: '0.4650', multiplier: 1, source: 'BNR' },
    { currency: 'SEK', date: '2025-10-21', value: '0.4641', multiplier: 1, source: 'BNR' },
    { currency: 'EUR', date: '2025-10-21', value: '5.0832', multiplier: 1, source: 'BNR' },
  ],
};
const CATEGORIES = ['AUDIO', 'CASTI', 'TELEFOANE', 'ACCESORII', 'ELECTROCASNICE'];

function product(i: number) {
  return {
    sku: `ART-${String(i).padStart(6, '0')}`,
    name: `Căşti wireless model ${i} cu <b>bluetooth</b> şi anulare zgomot`,
    description: `<p>Produs ${i}: sunet &amp; bass, autonomie ${i % 40} ore.</p><ul><li>Bluetooth 5.3</li></ul>`,
    ean: String(5941234000000 + i),
    brand: i % 3 ? 'Sony' : undefined,
    categoryCode: CATEGORIES[i % CATEGORIES.length],
    netPrice: (10 + (i % 5000) / 7).toFixed(2),
    currency: 'RON',
    vatRate: '21.00',
    images: [`https://img.example/${i}.jpg`],
    active: i % 17 !== 0,
    updatedAt: '2025-10-21T09:12:00+03:00',
    raw: i % 2 ? { titles: { 'sv-SE': `Trådlösa hörlurar ${i}` } } : {},
  };
}

const records = Array.from({ length: N }, (_, i) => product(i));
const { content, targets } = DEFAULT_MAPPINGS.catalog;
const line = (o: Record<string, unknown>) => console.log(JSON.stringify(o));

async function runEngine(): Promise<{ ms: number; ok: number }> {
  const compiled = compileMapping(content, { targets });
  let ok = 0;
  const t0 = performance.now();
  for (const r of records) if ((await evaluate(compiled, r, ctx)).ok) ok++;
  return { ms: performance.now() - t0, ok };
}

async function runBaseline(): Promise<{ ms: number; ok: number }> {
  const exprs = content.rules.map((r) => {
    const e = jsonata(r.expression);
    registerLibrary(e);
    return { target: r.target, e };
  });
  let ok = 0;
  const t0 = performance.now();
  for (const r of records) {
    const state: EvalState = { fx: ctx.fx, date: ctx.date, fxMaxAgeDays: 7, warnings: [], lookups: content.lookups };
    const bindings = { market: ctx.market, currency: ctx.currency, vatRate: ctx.vatRate, language: 'sv-SE', date: ctx.date, vars: {}, [STATE_BINDING]: state };
    const out: Record<string, unknown> = {};
    let good = true;
    for (const { target, e } of exprs) {
      try {
        const v: unknown = await e.evaluate(r, bindings);
        if (v !== undefined) setPath(out, target, v);
      } catch {
        good = false;
      }
    }
    if (good) ok++;
  }
  return { ms: performance.now() - t0, ok };
}

// warm up both paths on a slice so JIT state is comparable
const all = records.splice(0);
records.push(...all.slice(0, 2000));
await runEngine();
await runBaseline();
records.splice(0, records.length, ...all);

const engine = await runEngine();
line({ bench: 'mapping.engine', records: N, rules: content.rules.length, ms: Math.round(engine.ms), records_per_s: Math.round((N / engine.ms) * 1000), ok: engine.ok });
const baseline = await runBaseline();
line({
  bench: 'mapping.baseline', baseline: 'plain jsonata(expr).evaluate per rule per record; each rule compiled once with the same function library registered',
  records: N, ms: Math.round(baseline.ms), records_per_s: Math.round((N / baseline.ms) * 1000), ok: baseline.ok,
});
const rps = (N / engine.ms) * 1000;
const brps = (N / baseline.ms) * 1000;
line({
  bench: 'mapping', mapping: 'default catalog (Charisma item → CDON article), market SE', records: N, rules: content.rules.length,
  records_per_s: Math.round(rps), baseline_records_per_s: Math.round(brps), ratio: Number((rps / brps).toFixed(2)),
  baseline: 'each rule compiled once by plain jsonata(expr), evaluated per record with the same function library',
  cpus: availableParallelism(), load1: Number((loadavg()[0] ?? 0).toFixed(2)),
});
