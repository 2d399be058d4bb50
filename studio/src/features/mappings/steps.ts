/** The steps a non-developer can add in the visual editor, in plain words. */

export type ParamKind = { kind: 'number' } | { kind: 'text' } | { kind: 'expr' } | { kind: 'choice'; options: Array<{ value: string; label: string }>; custom?: boolean } | { kind: 'table' };

export type StepSpec = {
  fn: string;
  label: string;
  help: string;
  params: Array<{ name: string; label: string; type: ParamKind; default: string; optional?: boolean }>;
};

const ROUND_MODES = [
  { value: 'half-up', label: 'to nearest (halves up)' },
  { value: 'half-even', label: "to nearest (banker's)" },
  { value: 'up', label: 'always up' },
  { value: 'down', label: 'always down' },
];
const ENDINGS = ['.00', '.90', '.95', '.99', '9', '99'].map((e) => ({ value: e, label: e.startsWith('.') ? `…${e}` : `…${e} (whole)` }));

export const STEPS: StepSpec[] = [
  { fn: 'convert', label: 'Convert currency', help: 'Converts with the BNR rate of the run date.', params: [
    { name: 'from', label: 'From currency', type: { kind: 'expr' }, default: 'currency' },
    { name: 'to', label: 'To currency', type: { kind: 'expr' }, default: '$currency' },
  ] },
  { fn: 'vatAdd', label: 'Add VAT', help: 'Net price → price including VAT.', params: [{ name: 'ratePercent', label: 'VAT %', type: { kind: 'expr' }, default: '$vatRate' }] },
  { fn: 'vatStrip', label: 'Remove VAT', help: 'Price including VAT → net price.', params: [{ name: 'ratePercent', label: 'VAT %', type: { kind: 'expr' }, default: '$vatRate' }] },
  { fn: 'round', label: 'Round', help: 'Exact decimal rounding.', params: [
    { name: 'decimals', label: 'Decimals', type: { kind: 'number' }, default: '2' },
    { name: 'mode', label: 'Rounding', type: { kind: 'choice', options: ROUND_MODES }, default: 'half-up' },
  ] },
  { fn: 'priceEnding', label: 'Price ending', help: 'Makes prices end the same way, e.g. …9 or ….90.', params: [
    { name: 'ending', label: 'Ending', type: { kind: 'choice', options: ENDINGS, custom: true }, default: '.90' },
    { name: 'mode', label: 'Direction', type: { kind: 'choice', options: [{ value: 'up', label: 'up' }, { value: 'down', label: 'down' }, { value: 'nearest', label: 'nearest' }] }, default: 'up', optional: true },
  ] },
  { fn: 'mul', label: 'Multiply (markup)', help: 'e.g. 1.15 adds 15 %.', params: [{ name: 'b', label: 'Factor', type: { kind: 'number' }, default: '1.1' }] },
  { fn: 'add', label: 'Add an amount', help: 'Adds a fixed amount.', params: [{ name: 'b', label: 'Amount', type: { kind: 'number' }, default: '0' }] },
  { fn: 'lookup', label: 'Look up in a table', help: 'Replaces the value with the one from a lookup table.', params: [
    { name: 'table', label: 'Table', type: { kind: 'table' }, default: '' },
    { name: 'default', label: 'If not found', type: { kind: 'text' }, default: '', optional: true },
  ] },
  { fn: 'truncateWords', label: 'Shorten text', help: 'Cuts at a word boundary.', params: [{ name: 'max', label: 'Max characters', type: { kind: 'number' }, default: '150' }] },
  { fn: 'stripHtml', label: 'Remove HTML', help: 'Keeps only the text.', params: [] },
  { fn: 'fixDiacritics', label: 'Fix Romanian letters', help: 'ş ţ → ș ț.', params: [] },
  { fn: 'normalizeSpace', label: 'Tidy spaces', help: 'Trims and collapses spaces.', params: [] },
];

export function stepSpec(fn: string): StepSpec | undefined {
  return STEPS.find((s) => s.fn === fn);
}

/** Parameters whose value is text are written quoted in the expression. */
export function isQuoted(t: ParamKind): boolean {
  return t.kind === 'choice' || t.kind === 'text' || t.kind === 'table';
}
