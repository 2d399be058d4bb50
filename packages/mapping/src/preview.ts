/**
 * Preview a version on sample records, and measure the impact of a draft
 * against the published version on the same records, per market, field by
 * field, with money deltas and a plain summary sentence.
 */
import { type CompiledMapping, compileMapping } from './compile.ts';
import { evaluate } from './evaluate.ts';
import { D, type Dec } from './functions/decimal.ts';
import { getPath } from './output.ts';
import type { EvalContext, FieldError, MappingVersionContent, TargetField } from './types.ts';

export interface PreviewRow {
  index: number;
  key: string;
  ok: boolean;
  output: Record<string, unknown>;
  errors: FieldError[];
  warnings: string[];
}

export interface PreviewOptions {
  targets?: TargetField[];
  /** Reuse a compiled mapping (from a MappingCache) instead of compiling `content`. */
  compiled?: CompiledMapping;
  /** Record label in reports; default `sku`, `channelOrderId`, `id`, else the index. */
  keyOf?: (record: unknown, index: number) => string;
}

export function defaultKey(record: unknown, index: number): string {
  if (record !== null && typeof record === 'object') {
    const r = record as Record<string, unknown>;
    for (const k of ['sku', 'channelOrderId', 'id', 'code']) if (typeof r[k] === 'string' || typeof r[k] === 'number') return String(r[k]);
  }
  return `#${index + 1}`;
}

export async function preview(
  content: MappingVersionContent, records: readonly unknown[], ctx: EvalContext = {}, opts: PreviewOptions = {},
): Promise<PreviewRow[]> {
  const compiled = opts.compiled ?? compileMapping(content, { targets: opts.targets });
  const keyOf = opts.keyOf ?? defaultKey;
  const rows: PreviewRow[] = [];
  for (let i = 0; i < records.length; i++) {
    const res = await evaluate(compiled, records[i], ctx);
    rows.push({ index: i, key: keyOf(records[i], i), ...res });
  }
  return rows;
}

export interface FieldChange {
  target: string;
  before: unknown;
  after: unknown;
  /** For money fields: after − before as a decimal string, and the percent change. */
  delta?: string;
  deltaPct?: number;
}

export type RecordImpactStatus = 'unchanged' | 'changed' | 'nowFails' | 'fixed' | 'stillFails';

export interface RecordImpact {
  index: number;
  key: string;
  market?: string;
  status: RecordImpactStatus;
  changes: FieldChange[];
  /** Errors of the draft (for nowFails/stillFails). */
  errors: FieldError[];
}

export interface MoneyImpact {
  target: string;
  /** Records where both versions produced the amount. */
  compared: number;
  changed: number;
  increased: number;
  decreased: number;
  medianPct: number | null;
  minPct: number | null;
  maxPct: number | null;
}

export interface MarketImpact {
  market?: string;
  records: number;
  changed: number;
  unchanged: number;
  nowFail: number;
  fixed: number;
  stillFail: number;
  /** Target → number of records whose value changed. */
  fieldsChanged: Record<string, number>;
  money: MoneyImpact[];
  summary: string;
}

export interface ImpactReport {
  markets: MarketImpact[];
  /** Records that differ in any way (capped by `maxRecords`, default 200). */
  records: RecordImpact[];
  summary: string[];
}

const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

function asDec(v: unknown): Dec | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return new D(String(v));
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)) return new D(v);
  return undefined;
}

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

const pct = (x: number) => `${x > 0 ? '+' : x < 0 ? '−' : '±'}${Math.abs(x).toFixed(1)} %`;
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function moneyTargets(compiled: CompiledMapping[], targets?: TargetField[]): Set<string> {
  if (targets) return new Set(targets.filter((t) => t.type === 'money').map((t) => t.name));
  const out = new Set<string>();
  for (const c of compiled) for (const r of c.content.rules) if (/price|amount/i.test(r.target)) out.add(r.target);
  return out;
}

function allTargets(c: CompiledMapping, market?: string): string[] {
  const v = (market && c.markets[market as 'SE']) || c.base;
  return v.rules.map((r) => r.target);
}

/**
 * Diff `draft` against `published` on the same records, once per context
 * (one per market). E.g. "312 of 500 SE prices change, median +2.1 %, 4 records now fail."
 */
export async function impact(
  draft: MappingVersionContent, published: MappingVersionContent, records: readonly unknown[], ctxPerMarket: EvalContext[],
  opts: { targets?: TargetField[]; keyOf?: (record: unknown, index: number) => string; maxRecords?: number } = {},
): Promise<ImpactReport> {
  const d = compileMapping(draft, { targets: opts.targets });
  const p = compileMapping(published, { targets: opts.targets });
  const money = moneyTargets([d, p], opts.targets);
  const keyOf = opts.keyOf ?? defaultKey;
  const maxRecords = opts.maxRecords ?? 200;
  const report: ImpactReport = { markets: [], records: [], summary: [] };
  const contexts = ctxPerMarket.length ? ctxPerMarket : [{}];
  for (const ctx of contexts) {
    const targets = [...new Set([...allTargets(p, ctx.market), ...allTargets(d, ctx.market)])];
    const m: MarketImpact = { market: ctx.market, records: records.length, changed: 0, unchanged: 0, nowFail: 0, fixed: 0, stillFail: 0, fieldsChanged: {}, money: [], summary: '' };
    const pcts = new Map<string, { compared: number; list: number[]; up: number; down: number }>();
    for (const t of money) pcts.set(t, { compared: 0, list: [], up: 0, down: 0 });
    for (let i = 0; i < records.length; i++) {
      const [before, after] = await Promise.all([evaluate(p, records[i], ctx), evaluate(d, records[i], ctx)]);
      const changes: FieldChange[] = [];
      for (const t of targets) {
        const b = getPath(before.output, t);
        const a = getPath(after.output, t);
        const acc = pcts.get(t);
        const bd = asDec(b);
        const ad = asDec(a);
        if (acc && bd && ad) acc.compared++;
        if (same(a, b)) continue;
        const change: FieldChange = { target: t, before: b, after: a };
        if (acc && bd && ad) {
          change.delta = ad.minus(bd).toFixed();
          if (!bd.isZero()) {
            change.deltaPct = ad.minus(bd).div(bd.abs()).times(100).toNumber();
            acc.list.push(change.deltaPct);
          }
          if (ad.gt(bd)) acc.up++;
          else acc.down++;
        }
        changes.push(change);
        m.fieldsChanged[t] = (m.fieldsChanged[t] ?? 0) + 1;
      }
      let status: RecordImpactStatus;
      if (!after.ok && before.ok) status = 'nowFails';
      else if (after.ok && !before.ok) status = 'fixed';
      else if (!after.ok) status = 'stillFails';
      else status = changes.length ? 'changed' : 'unchanged';
      if (status === 'nowFails') m.nowFail++;
      else if (status === 'fixed') m.fixed++;
      else if (status === 'stillFails') m.stillFail++;
      if (changes.length) m.changed++;
      else m.unchanged++;
      if (status !== 'unchanged' && report.records.length < maxRecords) {
        report.records.push({ index: i, key: keyOf(records[i], i), market: ctx.market, status, changes, errors: after.errors });
      }
    }
    const where = ctx.market ? `${ctx.market} ` : '';
    const parts: string[] = [];
    for (const [t, acc] of pcts) {
      const changed = m.fieldsChanged[t] ?? 0;
      const mi: MoneyImpact = {
        target: t, compared: acc.compared, changed, increased: acc.up, decreased: acc.down,
        medianPct: median(acc.list), minPct: acc.list.length ? Math.min(...acc.list) : null, maxPct: acc.list.length ? Math.max(...acc.list) : null,
      };
      m.money.push(mi);
      const noun = /price/i.test(t) ? 'prices' : `"${t}" amounts`;
      parts.push(`${changed} of ${records.length} ${where}${noun} change${mi.medianPct !== null && changed ? `, median ${pct(mi.medianPct)}` : ''}`);
    }
    if (parts.length === 0) parts.push(`${m.changed} of ${records.length} ${where}records change`);
    if (m.nowFail) parts.push(`${plural(m.nowFail, 'record now fails', 'records now fail')}`);
    if (m.stillFail) parts.push(`${plural(m.stillFail, 'record fails', 'records fail')} in both versions`);
    if (m.fixed) parts.push(`${plural(m.fixed, 'record is fixed', 'records are fixed')}`);
    m.summary = `${parts.join(', ')}.`;
    report.markets.push(m);
    report.summary.push(m.summary);
  }
  return report;
}
