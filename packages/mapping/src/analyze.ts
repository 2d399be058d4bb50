/**
 * Static analysis of one rule expression: syntax errors, unknown functions,
 * reserved/unknown variables, unknown source fields — each with a 1-based
 * line/column range inside the expression and a plain-language message.
 */
import jsonata from 'jsonata';
import { CONTEXT_VARIABLES, FORBIDDEN_BUILTINS, JSONATA_BUILTINS, LIBRARY_NAMES } from './functions/library.ts';
import { regexProblem } from './functions/regex.ts';
import type { Diagnostic, Severity } from './types.ts';

type Node = Record<string, unknown> & { type?: string; value?: unknown; position?: number };

export interface AnalyzeOptions {
  /** Dotted source paths known to exist (arrays flattened: `lines.sku`). Omit to skip field checks. */
  sourceFields?: ReadonlySet<string>;
  /** Names of the version's lookup tables; literal table names are checked against them. */
  lookupTables?: ReadonlySet<string>;
}

const ROUND_MODE_NAMES = ['half-up', 'half-even', 'half-down', 'up', 'down', 'ceiling', 'floor'];

/** Which argument (0-based, counting the piped value) holds what, for literal checks. */
const LITERAL_ARGS: Record<string, Array<{ index: number; check: 'table' | 'roundMode' | 'decimals' | 'ending' | 'endingMode' | 'rate' | 'currency' }>> = {
  lookup: [{ index: 0, check: 'table' }],
  lookupIn: [{ index: 1, check: 'table' }],
  round: [{ index: 1, check: 'decimals' }, { index: 2, check: 'roundMode' }],
  priceEnding: [{ index: 1, check: 'ending' }, { index: 2, check: 'endingMode' }],
  vatAdd: [{ index: 1, check: 'rate' }],
  vatStrip: [{ index: 1, check: 'rate' }],
  vatAmount: [{ index: 1, check: 'rate' }],
  convert: [{ index: 1, check: 'currency' }, { index: 2, check: 'currency' }],
}

const KNOWN_FUNCTIONS = new Set([...LIBRARY_NAMES, ...JSONATA_BUILTINS]);
const CONTEXT_NAMES = new Set(CONTEXT_VARIABLES.map((v) => v.name));

export function lineCol(text: string, offset: number): { line: number; column: number } {
  const o = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let col = 1;
  for (let i = 0; i < o; i++) {
    if (text[i] === '\n') {
      line++;
      col = 1;
    } else col++;
  }
  return { line, column: col };
}

export function rangeDiag(
  text: string, target: string, severity: Severity, code: string, message: string, start: number, end: number,
): Diagnostic {
  const s = lineCol(text, start);
  const e = lineCol(text, Math.max(end, start + 1));
  return { target, severity, code, message, startLine: s.line, startColumn: s.column, endLine: e.line, endColumn: e.column };
}

/** Edit distance with adjacent transpositions (optimal string alignment), case-insensitive. */
function distance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  const d: number[][] = Array.from({ length: x.length + 1 }, (_, i) => Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const at = (i: number, j: number) => (d[i] as number[])[j] as number;
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let v = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) v = Math.min(v, at(i - 2, j - 2) + 1);
      (d[i] as number[])[j] = v;
    }
  }
  return at(x.length, y.length);
}

export function suggest(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = distance(name, c);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best !== undefined && bestD <= Math.max(1, Math.floor(name.length / 3)) ? best : undefined;
}

interface JsonataErr {
  code?: string;
  position?: number;
  token?: string;
  message?: string;
}

const SYNTAX_HINTS: Record<string, string> = {
  S0101: 'a text value is not closed — add the missing quote',
  S0102: 'a number is too large',
  S0103: 'unknown escape sequence in text',
  S0105: 'a quoted field name is not closed — add the missing backtick',
  S0106: 'a comment is not closed — add */',
  S0201: 'unexpected text here',
  S0202: 'a bracket or parenthesis does not match',
  S0203: 'a bracket or parenthesis is not closed',
  S0204: 'unknown operator',
  S0211: 'this symbol cannot start an expression',
};

/** Parse an expression; returns the AST or a syntax diagnostic. */
export function parseRule(text: string, target: string): { ast?: Node; diagnostic?: Diagnostic } {
  if (text.trim() === '') {
    return { diagnostic: rangeDiag(text, target, 'error', 'EMPTY', 'The rule is empty — write an expression, e.g. a field name', 0, 0) };
  }
  try {
    return { ast: jsonata(text).ast() as unknown as Node };
  } catch (e) {
    const err = e as JsonataErr;
    const pos = typeof err.position === 'number' ? err.position : text.length;
    const tok = typeof err.token === 'string' ? err.token : '';
    const hint = (err.code && SYNTAX_HINTS[err.code]) ?? 'the expression cannot be read';
    const message = `Syntax error: ${hint}${err.message ? ` (${err.message})` : ''}`;
    return { diagnostic: rangeDiag(text, target, 'error', 'SYNTAX', message, Math.max(0, pos - tok.length), pos) };
  }
}

function collectBound(node: unknown, out: Set<string>): void {
  if (Array.isArray(node)) {
    for (const n of node) collectBound(n, out);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const n = node as Node;
  if (n.type === 'bind') {
    const lhs = n.lhs as Node | undefined;
    if (lhs && typeof lhs.value === 'string') out.add(lhs.value);
  }
  if (n.type === 'lambda' && Array.isArray(n.arguments)) {
    for (const a of n.arguments as Node[]) if (typeof a.value === 'string') out.add(a.value);
  }
  if (typeof n.focus === 'string') out.add(n.focus);
  if (typeof n.index === 'string') out.add(n.index);
  for (const [k, v] of Object.entries(n)) if (k !== 'position' && typeof v === 'object') collectBound(v, out);
}

/** Analyse a parsed rule. */
export function analyzeAst(text: string, target: string, ast: Node, opts: AnalyzeOptions): Diagnostic[] {
  const diags: Diagnostic[] = [];
  const bound = new Set<string>();
  collectBound(ast, bound);
  const fields = opts.sourceFields;
  const reported = new Set<string>();
  /** Function-call nodes on the right of `~>` (their first argument is the piped value). */
  const piped = new WeakSet<Node>();

  const literalProblem = (check: string, lit: Node): string | null => {
    const v = lit.value;
    switch (check) {
      case 'table': {
        if (typeof v !== 'string' || !opts.lookupTables) return null;
        if (opts.lookupTables.has(v)) return null;
        const hint = suggest(v, opts.lookupTables);
        return `There is no lookup table "${v}"${hint ? ` — did you mean "${hint}"?` : opts.lookupTables.size ? ` (tables: ${[...opts.lookupTables].join(', ')})` : ''}`;
      }
      case 'roundMode':
        return typeof v === 'string' && !ROUND_MODE_NAMES.includes(v) ? `Unknown rounding mode "${v}" — use one of ${ROUND_MODE_NAMES.join(', ')}` : null;
      case 'decimals':
        return typeof v === 'number' && (!Number.isInteger(v) || v < 0 || v > 20) ? `Decimals must be a whole number from 0 to 20, not ${v}` : null;
      case 'ending':
        return typeof v === 'string' && !/^(\.\d{1,2}|\d{1,4})$/.test(v) ? `Price ending "${v}" should look like ".90", ".99", ".00", "9" or "99"` : null;
      case 'endingMode':
        return typeof v === 'string' && !['up', 'down', 'nearest'].includes(v) ? `Price-ending mode "${v}" should be "up", "down" or "nearest"` : null;
      case 'rate':
        return typeof v === 'number' && v > 0 && v < 1 ? `VAT rate ${v} looks like a fraction. Rates are percentages: write ${+(v * 100).toFixed(6)} for ${+(v * 100).toFixed(6)} %` : null;
      case 'currency':
        return typeof v === 'string' && !/^[A-Za-z]{3}$/.test(v) ? `"${v}" is not a currency code — use 3 letters like "SEK"` : null;
      default:
        return null;
    }
  };

  const checkLiteralArgs = (name: string, args: Node[], piped: boolean) => {
    for (const spec of LITERAL_ARGS[name] ?? []) {
      const lit = args[piped ? spec.index - 1 : spec.index];
      if (!lit || (lit.type !== 'string' && lit.type !== 'number')) continue;
      const problem = literalProblem(spec.check, lit);
      if (!problem) continue;
      const end = typeof lit.position === 'number' ? lit.position : 0;
      const len = lit.type === 'string' ? String(lit.value).length + 2 : String(lit.value).length;
      diags.push(rangeDiag(text, target, 'error', 'BAD_ARGUMENT', problem, Math.max(0, end - len), end));
    }
  };

  const varRange = (n: Node, name: string): [number, number] => {
    const end = typeof n.position === 'number' ? n.position : 0;
    return [Math.max(0, end - name.length - 1), end];
  };

  const checkField = (n: Node, path: string) => {
    if (!fields || fields.has(path) || reported.has(path)) return;
    // `raw.*` marks an open object: any field below it is accepted
    for (let i = path.indexOf('.'); i > 0; i = path.indexOf('.', i + 1)) if (fields.has(`${path.slice(0, i)}.*`)) return;
    const parent = path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : '';
    const name = String(n.value);
    // only flag when the parent is known (so one typo gives one message)
    if (parent !== '' && !fields.has(parent)) return;
    reported.add(path);
    const siblings = [...fields].filter((f) => (parent === '' ? !f.includes('.') : f.startsWith(`${parent}.`) && !f.slice(parent.length + 1).includes('.')));
    const hint = suggest(name, siblings.map((s) => s.slice(parent === '' ? 0 : parent.length + 1)));
    const end = typeof n.position === 'number' ? n.position : 0;
    const where = parent === '' ? 'The source records have no field' : `"${parent}" has no field`;
    diags.push(rangeDiag(text, target, parent === '' ? 'error' : 'warning', 'UNKNOWN_FIELD', `${where} "${name}"${hint ? ` — did you mean "${hint}"?` : ''}`, end - name.length, end));
  };

  const visit = (node: unknown, ctx: string | null): void => {
    if (Array.isArray(node)) {
      for (const n of node) visit(n, ctx);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const n = node as Node;
    switch (n.type) {
      case 'path': {
        let cur: string | null = ctx;
        for (const step of (n.steps as Node[] | undefined) ?? []) {
          if (step.type === 'name' && typeof step.value === 'string') {
            cur = cur === null ? null : cur === '' ? step.value : `${cur}.${step.value}`;
            if (cur !== null) checkField(step, cur);
            visitExtras(step, cur);
          } else if (step.type === 'variable' && step.value === '') {
            visitExtras(step, cur);
          } else if (step.type === 'variable' && step.value === '$') {
            cur = '';
            visitExtras(step, cur);
          } else {
            visit({ ...step, stages: undefined, predicate: undefined, group: undefined }, cur);
            cur = null;
            visitExtras(step, cur);
          }
        }
        if (n.group) visit(n.group, cur);
        return;
      }
      case 'name':
        if (typeof n.value === 'string' && ctx !== null) checkField(n, ctx === '' ? n.value : `${ctx}.${n.value}`);
        visitExtras(n, ctx);
        return;
      case 'variable': {
        const name = String(n.value);
        if (name.startsWith('__')) {
          const [s, e] = varRange(n, name);
          diags.push(rangeDiag(text, target, 'error', 'RESERVED', `$${name} is reserved for the engine`, s, e));
        } else if (name !== '' && name !== '$' && !bound.has(name) && !CONTEXT_NAMES.has(name) && !KNOWN_FUNCTIONS.has(name)) {
          const [s, e] = varRange(n, name);
          const hint = suggest(name, [...CONTEXT_NAMES, ...bound]);
          diags.push(rangeDiag(text, target, 'warning', 'UNKNOWN_VARIABLE', `$${name} is not defined here, so it is always empty${hint ? ` — did you mean $${hint}?` : ''}`, s, e));
        }
        visitExtras(n, ctx);
        return;
      }
      case 'function':
      case 'partial': {
        const proc = n.procedure as Node | undefined;
        if (proc && proc.type === 'variable' && typeof proc.value === 'string') {
          const name = proc.value;
          const [s, e] = varRange(proc, name);
          if (name.startsWith('__')) {
            diags.push(rangeDiag(text, target, 'error', 'RESERVED', `$${name} is reserved for the engine`, s, e));
          } else if (FORBIDDEN_BUILTINS.has(name) && !bound.has(name)) {
            diags.push(rangeDiag(text, target, 'error', 'FORBIDDEN_FUNCTION', `$${name}() is not allowed in mappings (results must be repeatable and safe)`, s, e));
          } else if (!KNOWN_FUNCTIONS.has(name) && !bound.has(name)) {
            const hint = suggest(name, KNOWN_FUNCTIONS);
            diags.push(rangeDiag(text, target, 'error', 'UNKNOWN_FUNCTION', `There is no function $${name}()${hint ? ` — did you mean $${hint}()?` : ''}`, s, e));
          } else if (!bound.has(name) && n.type === 'function') {
            checkLiteralArgs(name, (n.arguments as Node[] | undefined) ?? [], piped.has(n));
          }
        } else if (proc) visit(proc, ctx);
        visit(n.arguments, ctx);
        visitExtras(n, ctx);
        return;
      }
      case 'lambda':
        visit(n.body, null);
        return;
      case 'apply': {
        const rhs = n.rhs as Node | undefined;
        if (rhs && rhs.type === 'function') piped.add(rhs);
        visit(n.lhs, ctx);
        visit(rhs, ctx);
        visitExtras(n, ctx);
        return;
      }
      case 'regex': {
        const re = n.value as RegExp | undefined;
        const problem = re ? regexProblem(re.source) : null;
        if (problem) {
          const end = typeof n.position === 'number' ? n.position : 0;
          diags.push(rangeDiag(text, target, 'error', 'SLOW_PATTERN', `The pattern /${re?.source ?? ''}/ is not allowed: ${problem}`, Math.max(0, end - (re?.source.length ?? 0) - 2), end));
        }
        visitExtras(n, ctx);
        return;
      }
      default:
        for (const [k, v] of Object.entries(n)) {
          if (k === 'position' || k === 'stages' || k === 'predicate' || k === 'group') continue;
          if (typeof v === 'object') visit(v, ctx);
        }
        visitExtras(n, ctx);
    }
  };

  /** Predicates/stages/group of a node are evaluated against the node's own result. */
  const visitExtras = (n: Node, ctx: string | null) => {
    for (const key of ['stages', 'predicate'] as const) {
      const list = n[key] as Node[] | undefined;
      if (Array.isArray(list)) for (const st of list) visit(st.expr ?? st, ctx);
    }
    if (n.group) visit(n.group, ctx);
  };

  visit(ast, '');
  return diags;
}
