/** Text ⇄ pipeline argument for the visual editor's inputs. */
import { PIPELINE_STEPS, type PipelineArg, type StepArgSpec, type StepSpec } from '@megzo/mapping';

export const HELP: Record<string, string> = {
  convert: 'Converts with the BNR rate of the run date.',
  vatAdd: 'Net price → price including VAT.',
  vatStrip: 'Price including VAT → net price.',
  round: 'Exact decimal rounding.',
  priceEnding: 'Makes prices end the same way, e.g. ….99 or …9.',
  mul: 'e.g. 1.15 adds 15 %.',
  lookupIn: 'Replaces the value with the one from a lookup table.',
  truncateWords: 'Cuts long text at a word boundary.',
  stripHtml: 'Keeps only the text.',
  fixDiacritics: 'ş ţ → ș ț.',
  coalesce: 'Used when the value is missing.',
};

export function stepSpec(fn: string): StepSpec | undefined {
  return PIPELINE_STEPS.find((s) => s.fn === fn);
}

/** What the input shows for an argument: strings unquoted, the rest as written. */
export function argDisplay(a: PipelineArg | undefined): string {
  if (!a) return '';
  switch (a.kind) {
    case 'string':
      return a.value;
    case 'number':
      return String(a.value);
    case 'boolean':
      return String(a.value);
    case 'variable':
      return `$${a.name}`;
    case 'field':
      return a.path;
  }
}

/**
 * Reads what a user typed: `$x` is a run variable, a number is a number, and for
 * numeric/any/currency arguments a field-like word is a source field. Text
 * arguments (endings, modes, table names) stay text.
 */
export function argFromText(text: string, spec: StepArgSpec | undefined, previous?: PipelineArg): PipelineArg {
  const t = text.trim();
  if (/^\$[A-Za-z_]\w*$/.test(t)) return { kind: 'variable', name: t.slice(1) };
  const kind = spec?.kind ?? 'any';
  if (kind === 'number' || kind === 'any') {
    if (/^-?\d+(\.\d+)?$/.test(t)) return { kind: 'number', value: Number(t) };
    if (/^(true|false)$/.test(t)) return { kind: 'boolean', value: t === 'true' };
  }
  if (kind === 'currency' && /^[A-Z]{3}$/.test(t)) return { kind: 'string', value: t };
  if ((kind === 'number' || kind === 'currency' || (kind === 'any' && previous?.kind === 'field')) && /^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)*$/.test(t)) {
    return { kind: 'field', path: t };
  }
  return { kind: 'string', value: text };
}

export function defaultArg(spec: StepArgSpec): PipelineArg {
  if (spec.options?.length) return { kind: 'string', value: spec.options[0]! };
  switch (spec.kind) {
    case 'number':
      return spec.name === 'ratePercent' ? { kind: 'variable', name: 'vatRate' } : { kind: 'number', value: spec.name === 'max' ? 150 : spec.name === 'decimals' ? 2 : 1 };
    case 'currency':
      return spec.name === 'to' ? { kind: 'variable', name: 'currency' } : { kind: 'field', path: 'currency' };
    default:
      return { kind: 'string', value: '' };
  }
}
