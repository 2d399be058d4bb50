/**
 * Visual pipeline ⇄ expression. A pipeline-shaped expression is a source
 * (field path, context variable or literal) followed by `~>` steps, each a
 * call of a pipeline function whose arguments are literals, variables or
 * field paths:
 *
 *   netPrice ~> $convert('RON', $currency) ~> $vatAdd($vatRate) ~> $round(2, 'half-up')
 *
 * `expressionToPipeline` returns null for anything else (the studio then
 * shows the code editor). `pipelineToExpression` writes the canonical form,
 * so expression → pipeline → expression is the identity on canonical text
 * and pipeline → expression → pipeline is always the identity.
 */
import jsonata from 'jsonata';
import { LIBRARY } from '../functions/library.ts';

export type PipelineArg =
  | { kind: 'field'; path: string }
  | { kind: 'variable'; name: string }
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean };

export interface PipelineStep {
  /** Function name without `$`, e.g. `round`. */
  fn: string;
  /** Arguments after the piped value. */
  args: PipelineArg[];
}

export interface Pipeline {
  source: PipelineArg;
  steps: PipelineStep[];
}

export interface StepArgSpec {
  name: string;
  kind: 'number' | 'text' | 'currency' | 'roundMode' | 'endingMode' | 'table' | 'any';
  optional?: boolean;
  options?: string[];
}

export interface StepSpec {
  fn: string;
  label: string;
  args: StepArgSpec[];
}

/** Steps the visual editor offers, with their argument editors. */
export const PIPELINE_STEPS: StepSpec[] = [
  { fn: 'convert', label: 'Convert currency', args: [{ name: 'from', kind: 'currency' }, { name: 'to', kind: 'currency' }, { name: 'date', kind: 'text', optional: true }] },
  { fn: 'vatAdd', label: 'Add VAT', args: [{ name: 'ratePercent', kind: 'number' }] },
  { fn: 'vatStrip', label: 'Remove VAT', args: [{ name: 'ratePercent', kind: 'number' }] },
  { fn: 'mul', label: 'Multiply (markup)', args: [{ name: 'factor', kind: 'number' }] },
  { fn: 'add', label: 'Add', args: [{ name: 'amount', kind: 'number' }] },
  { fn: 'sub', label: 'Subtract', args: [{ name: 'amount', kind: 'number' }] },
  { fn: 'div', label: 'Divide', args: [{ name: 'divisor', kind: 'number' }] },
  { fn: 'round', label: 'Round', args: [{ name: 'decimals', kind: 'number', optional: true }, { name: 'mode', kind: 'roundMode', optional: true, options: ['half-up', 'half-even', 'half-down', 'up', 'down', 'ceiling', 'floor'] }] },
  { fn: 'priceEnding', label: 'Price ending', args: [{ name: 'ending', kind: 'text', options: ['.00', '.90', '.95', '.99', '9', '99'] }, { name: 'mode', kind: 'endingMode', optional: true, options: ['up', 'down', 'nearest'] }] },
  { fn: 'percentToFraction', label: 'Percent → fraction', args: [] },
  { fn: 'fractionToPercent', label: 'Fraction → percent', args: [] },
  { fn: 'lookupIn', label: 'Look up in table', args: [{ name: 'table', kind: 'table' }, { name: 'default', kind: 'any', optional: true }] },
  { fn: 'truncateWords', label: 'Truncate at a word', args: [{ name: 'max', kind: 'number' }, { name: 'ellipsis', kind: 'text', optional: true }] },
  { fn: 'stripHtml', label: 'Strip HTML', args: [] },
  { fn: 'fixDiacritics', label: 'Fix Romanian diacritics', args: [] },
  { fn: 'normalizeSpace', label: 'Normalise spaces', args: [] },
  { fn: 'coalesce', label: 'Default value', args: [{ name: 'fallback', kind: 'any' }] },
  { fn: 'uppercase', label: 'UPPER CASE', args: [] },
  { fn: 'lowercase', label: 'lower case', args: [] },
  { fn: 'trim', label: 'Trim', args: [] },
  { fn: 'number', label: 'To number', args: [] },
  { fn: 'string', label: 'To text', args: [] },
];

const STEP_FNS = new Set([...PIPELINE_STEPS.map((s) => s.fn), ...LIBRARY.map((f) => f.name)]);
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

type Node = Record<string, unknown> & { type?: string; value?: unknown };

function plainKeys(n: Node, allowed: string[]): boolean {
  return Object.keys(n).every((k) => allowed.includes(k) || n[k] === undefined);
}

function toArg(n: Node): PipelineArg | null {
  switch (n.type) {
    case 'string':
      return plainKeys(n, ['type', 'value', 'position']) ? { kind: 'string', value: String(n.value) } : null;
    case 'number':
      return plainKeys(n, ['type', 'value', 'position']) ? { kind: 'number', value: Number(n.value) } : null;
    case 'value':
      return typeof n.value === 'boolean' && plainKeys(n, ['type', 'value', 'position']) ? { kind: 'boolean', value: n.value } : null;
    case 'variable': {
      const name = String(n.value);
      return name !== '' && name !== '$' && !name.startsWith('__') && plainKeys(n, ['type', 'value', 'position']) ? { kind: 'variable', name } : null;
    }
    case 'path': {
      if (!plainKeys(n, ['type', 'steps'])) return null;
      const steps = n.steps as Node[];
      const names: string[] = [];
      for (const s of steps) {
        if (s.type !== 'name' || typeof s.value !== 'string' || !plainKeys(s, ['type', 'value', 'position'])) return null;
        names.push(s.value);
      }
      return names.length ? { kind: 'field', path: names.join('.') } : null;
    }
    default:
      return null;
  }
}

/** The pipeline of a pipeline-shaped expression, else null (also for syntax errors). */
export function expressionToPipeline(expression: string): Pipeline | null {
  let ast: Node;
  try {
    ast = jsonata(expression).ast() as unknown as Node;
  } catch {
    return null;
  }
  const steps: PipelineStep[] = [];
  let node = ast;
  while (node.type === 'apply' && node.value === '~>') {
    const rhs = node.rhs as Node;
    if (rhs.type !== 'function' || !plainKeys(rhs, ['type', 'value', 'position', 'arguments', 'procedure'])) return null;
    const proc = rhs.procedure as Node;
    if (proc.type !== 'variable' || typeof proc.value !== 'string' || !STEP_FNS.has(proc.value)) return null;
    const args: PipelineArg[] = [];
    for (const a of rhs.arguments as Node[]) {
      const arg = toArg(a);
      if (!arg) return null;
      args.push(arg);
    }
    steps.unshift({ fn: proc.value, args });
    node = node.lhs as Node;
  }
  const source = toArg(node);
  return source ? { source, steps } : null;
}

function fieldText(path: string): string {
  return path.split('.').map((p) => (IDENT.test(p) ? p : `\`${p}\``)).join('.');
}

export function argToText(a: PipelineArg): string {
  switch (a.kind) {
    case 'field':
      return fieldText(a.path);
    case 'variable':
      return `$${a.name}`;
    case 'string':
      // single quotes unless the text holds one; JSONata strings take JSON escapes
      return a.value.includes("'") ? JSON.stringify(a.value) : `'${JSON.stringify(a.value).slice(1, -1).replace(/\\"/g, '"')}'`;
    case 'number':
      if (!Number.isFinite(a.value)) throw new Error(`Pipeline: ${a.value} is not a usable number`);
      return String(a.value);
    case 'boolean':
      return a.value ? 'true' : 'false';
  }
}

/** Canonical expression text of a pipeline. */
export function pipelineToExpression(p: Pipeline): string {
  let out = argToText(p.source);
  for (const s of p.steps) {
    if (!IDENT.test(s.fn)) throw new Error(`Pipeline: "${s.fn}" is not a function name`);
    out += ` ~> $${s.fn}(${s.args.map(argToText).join(', ')})`;
  }
  return out;
}
