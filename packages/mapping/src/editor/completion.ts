/**
 * Completion, hover and diagnostic data for the studio's Monaco editor, as
 * plain shapes (the studio maps them onto Monaco types).
 */
import { CONTEXT_VARIABLES, JSONATA_BUILTINS, LIBRARY, type FunctionDoc } from '../functions/library.ts';
import type { SourceField } from '../fields.ts';
import type { Diagnostic, MappingVersionContent } from '../types.ts';

export type CompletionKind = 'field' | 'function' | 'variable' | 'keyword' | 'table';

export interface CompletionItem {
  label: string;
  kind: CompletionKind;
  /** Text to insert; `${1:…}` placeholders use Monaco snippet syntax when `isSnippet`. */
  insertText: string;
  isSnippet?: boolean;
  detail?: string;
  documentation?: string;
  /** 0-based offsets of the text the item replaces. */
  replaceStart: number;
  replaceEnd: number;
}

export interface Hover {
  /** Markdown paragraphs. */
  contents: string[];
  startOffset: number;
  endOffset: number;
}

/** Monaco marker shape (MarkerSeverity: Error 8, Warning 4, Info 2). */
export interface MonacoMarker {
  severity: 8 | 4 | 2;
  message: string;
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
  code?: string;
}

export function toMonacoMarkers(diagnostics: readonly Diagnostic[], target?: string): MonacoMarker[] {
  return diagnostics
    .filter((d) => target === undefined || d.target === target)
    .map((d) => ({
      severity: d.severity === 'error' ? 8 : d.severity === 'warning' ? 4 : 2,
      message: d.message,
      startLineNumber: d.startLine,
      startColumn: d.startColumn,
      endLineNumber: d.endLine,
      endColumn: d.endColumn,
      code: d.code,
    }));
}

function docMarkdown(f: FunctionDoc): string[] {
  const params = f.params.map((p) => `- \`${p.name}\`${p.optional ? ' (optional)' : ''}: ${p.doc}`).join('\n');
  return [`\`${f.signature}\` → ${f.returns}`, f.doc, params, `Example: \`${f.example}\``].filter((s) => s !== '');
}

function snippetFor(f: FunctionDoc): string {
  const required = f.params.filter((p) => !p.optional);
  return `${f.name}(${required.map((p, i) => `\${${i + 1}:${p.name}}`).join(', ')})`;
}

const WORD = /[\w$-]/;

/** Completion items for the cursor at `offset` in `text`. */
export function completionsAt(
  text: string, offset: number, fields: readonly SourceField[], content?: Pick<MappingVersionContent, 'lookups'>,
): CompletionItem[] {
  let start = offset;
  while (start > 0 && WORD.test(text[start - 1] ?? '')) start--;
  const word = text.slice(start, offset);
  const range = { replaceStart: start, replaceEnd: offset };

  // inside the first quoted argument of $lookup(' / $lookupIn(x, ' → table names
  const before = text.slice(0, offset);
  const tableCtx = /\$lookup\(\s*['"]([\w-]*)$/.exec(before) ?? /\$lookupIn\([^,()]*,\s*['"]([\w-]*)$/.exec(before);
  if (tableCtx && content) {
    const partial = tableCtx[1] ?? '';
    return Object.keys(content.lookups ?? {}).map((t) => ({
      label: t, kind: 'table' as const, insertText: t, detail: `lookup table, ${Object.keys(content.lookups[t] ?? {}).length} entries`,
      replaceStart: offset - partial.length, replaceEnd: offset,
    }));
  }

  if (word.startsWith('$')) {
    const fns: CompletionItem[] = LIBRARY.map((f) => ({
      label: `$${f.name}`, kind: 'function' as const, insertText: `$${snippetFor(f)}`, isSnippet: true,
      detail: f.signature, documentation: docMarkdown(f).join('\n\n'), ...range,
    }));
    const builtins: CompletionItem[] = JSONATA_BUILTINS.filter((n) => !LIBRARY.some((f) => f.name === n) && !['eval', 'now', 'millis', 'random', 'shuffle'].includes(n)).map((n) => ({
      label: `$${n}`, kind: 'function' as const, insertText: `$${n}($1)`, isSnippet: true, detail: 'JSONata function', ...range,
    }));
    const vars: CompletionItem[] = CONTEXT_VARIABLES.map((v) => ({ label: `$${v.name}`, kind: 'variable' as const, insertText: `$${v.name}`, detail: 'context', documentation: v.doc, ...range }));
    return [...vars, ...fns, ...builtins].filter((i) => i.label.toLowerCase().startsWith(word.toLowerCase()));
  }

  // after "a.b." → children of a.b; otherwise top-level fields
  const pathMatch = /([A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*)\.([\w-]*)$/.exec(before);
  const parent = pathMatch && pathMatch[2] === word ? pathMatch[1] ?? '' : '';
  const items = fields
    .filter((f) => {
      if (parent === '') return !f.path.includes('.');
      return f.path.startsWith(`${parent}.`) && !f.path.slice(parent.length + 1).includes('.');
    })
    .map((f) => {
      const name = parent === '' ? f.path : f.path.slice(parent.length + 1);
      return {
        label: name, kind: 'field' as const, insertText: /^[A-Za-z_]\w*$/.test(name) ? name : `\`${name}\``,
        detail: f.type, documentation: f.example !== undefined ? `Example: ${f.example}` : undefined, ...range,
      };
    });
  const keywords: CompletionItem[] = parent === '' ? ['true', 'false', 'null', 'and', 'or'].map((k) => ({ label: k, kind: 'keyword' as const, insertText: k, ...range })) : [];
  return [...items, ...keywords].filter((i) => i.label.toLowerCase().startsWith(word.toLowerCase()));
}

/** Hover text for a function, context variable or field under the cursor. */
export function hoverAt(text: string, offset: number, fields: readonly SourceField[]): Hover | null {
  let s = offset;
  let e = offset;
  while (s > 0 && /[\w$]/.test(text[s - 1] ?? '')) s--;
  while (e < text.length && /[\w]/.test(text[e] ?? '')) e++;
  const word = text.slice(s, e);
  if (!word) return null;
  if (word.startsWith('$')) {
    const name = word.slice(1);
    const f = LIBRARY.find((x) => x.name === name);
    if (f) return { contents: docMarkdown(f), startOffset: s, endOffset: e };
    const v = CONTEXT_VARIABLES.find((x) => x.name === name);
    if (v) return { contents: [`\`$${v.name}\``, v.doc], startOffset: s, endOffset: e };
    if (JSONATA_BUILTINS.includes(name)) return { contents: [`\`$${name}()\` — JSONata built-in function`], startOffset: s, endOffset: e };
    return null;
  }
  // dotted path ending at this word
  let ps = s;
  while (ps > 0 && /[\w.]/.test(text[ps - 1] ?? '')) ps--;
  const path = text.slice(ps, e).replace(/^\.+/, '');
  const field = fields.find((f) => f.path === path) ?? fields.find((f) => f.path.endsWith(`.${word}`) || f.path === word);
  if (!field) return null;
  return { contents: [`**${field.path}** (${field.type})`, ...(field.example !== undefined ? [`Example: \`${field.example}\``] : [])], startOffset: s, endOffset: e };
}
