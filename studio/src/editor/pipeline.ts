/**
 * The visual editor's model of a rule: a source and a chain of steps joined by
 * JSONata's `~>` operator, e.g.
 *   netPrice ~> $convert(currency, $currency) ~> $vatAdd($vatRate) ~> $round(2, 'half-up')
 * Each step is `$fn(args…)`; the piped value is the function's first argument.
 * A rule that is not of this shape stays editable in the code editor only.
 */

export type PipelineStep = { fn: string; args: string[] };
export type Pipeline = { source: string; steps: PipelineStep[] };

/** Split `text` on a top-level separator, ignoring ones inside strings, (), [] and {}. */
export function splitTopLevel(text: string, sep: string): string[] | null {
  const out: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = null;
      continue;
    }
    if (ch === '"' || ch === "'" || ch === '`') quote = ch;
    else if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') {
      depth--;
      if (depth < 0) return null;
    } else if (depth === 0 && text.startsWith(sep, i)) {
      out.push(text.slice(start, i));
      start = i + sep.length;
      i += sep.length - 1;
    }
  }
  if (quote || depth !== 0) return null;
  out.push(text.slice(start));
  return out;
}

const CALL = /^\$([A-Za-z_]\w*)\s*\(([\s\S]*)\)$/;

export function expressionToPipeline(expression: string): Pipeline | null {
  if (/\/\*/.test(expression)) return null; // comments would be lost
  const parts = splitTopLevel(expression.trim(), '~>');
  if (!parts || parts.length === 0) return null;
  const source = parts[0]!.trim();
  if (!source) return null;
  const steps: PipelineStep[] = [];
  for (const raw of parts.slice(1)) {
    const m = CALL.exec(raw.trim());
    if (!m) return null;
    const inner = m[2]!.trim();
    const args = inner === '' ? [] : splitTopLevel(inner, ',');
    if (!args) return null;
    steps.push({ fn: m[1]!, args: args.map((a) => a.trim()) });
  }
  return { source, steps };
}

export function pipelineToExpression(p: Pipeline): string {
  return [p.source.trim() || '""', ...p.steps.map((s) => `$${s.fn}(${s.args.map((a) => a.trim()).filter((a, i, all) => a !== '' || all.slice(i + 1).some((b) => b.trim() !== '')).join(', ')})`)].join(' ~> ');
}

/** 'half-up' ⇄ half-up for the form inputs. */
export function unquote(arg: string | undefined): string {
  if (!arg) return '';
  const m = /^(['"])([\s\S]*)\1$/.exec(arg.trim());
  return m ? m[2]!.replace(/\\(['"\\])/g, '$1') : arg.trim();
}
export function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
