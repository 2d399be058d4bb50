'use client';

import { CONTEXT_VARIABLES, LIBRARY } from '@megzo/mapping';
import type { Monaco } from './monaco-setup';

export const MAPPING_LANGUAGE_ID = 'megzo-mapping';

let hoverRecord: Record<string, unknown> | null = null;
let knownFields: Array<{ path: string; type: string; example?: string }> = [];
let lookupTables: string[] = [];

/** The selected sample record: hover shows its values. */
export function setHoverContext(record: Record<string, unknown> | null): void {
  hoverRecord = record;
}

/** Source fields (from sample records) and lookup table names offered by completion. */
export function setCompletionContext(fields: Array<{ path: string; type: string; example?: string }>, tables: string[]): void {
  knownFields = fields;
  lookupTables = tables;
}

function lookupPath(record: Record<string, unknown>, path: string): unknown {
  let cur: unknown = record;
  for (const part of path.split('.')) {
    if (cur && typeof cur === 'object' && part in (cur as Record<string, unknown>)) {
      cur = (cur as Record<string, unknown>)[part];
    } else return undefined;
  }
  return cur;
}

function flattenFields(record: Record<string, unknown>, prefix = ''): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(record)) {
    const path = prefix ? `${prefix}.${k}` : k;
    out.push(path);
    if (v && typeof v === 'object' && !Array.isArray(v)) out.push(...flattenFields(v as Record<string, unknown>, path));
  }
  return out;
}

let registered = false;

export function registerMappingLanguage(monaco: Monaco): void {
  if (registered) return;
  registered = true;
  monaco.languages.register({ id: MAPPING_LANGUAGE_ID });
  monaco.languages.setMonarchTokensProvider(MAPPING_LANGUAGE_ID, {
    tokenizer: {
      root: [
        [/\/\*/, 'comment', '@comment'],
        [/\$[a-zA-Z_]\w*(?=\s*\()/, 'keyword'],
        [/\$[a-zA-Z_]\w*/, 'variable'],
        [/"([^"\\]|\\.)*"/, 'string'],
        [/'([^'\\]|\\.)*'/, 'string'],
        [/\d+(\.\d+)?/, 'number'],
        [/\b(and|or|in|true|false|null|function)\b/, 'keyword'],
        [/[a-zA-Z_][\w]*/, 'identifier'],
        [/[{}()[\]]/, '@brackets'],
        [/[&?:=<>!+\-*/%~.|]+/, 'operator'],
      ],
      comment: [
        [/[^/*]+/, 'comment'],
        [/\*\//, 'comment', '@pop'],
        [/[/*]/, 'comment'],
      ],
    },
  });
  monaco.languages.registerCompletionItemProvider(MAPPING_LANGUAGE_ID, {
    triggerCharacters: ['.', '$'],
    provideCompletionItems(model, position) {
      const word = model.getWordUntilPosition(position);
      const range = {
        startLineNumber: position.lineNumber,
        endLineNumber: position.lineNumber,
        startColumn: word.startColumn,
        endColumn: word.endColumn,
      };
      const before = model.getLineContent(position.lineNumber).slice(0, word.startColumn - 1);
      const afterDollar = before.endsWith('$');
      const dollarRange = afterDollar ? { ...range, startColumn: range.startColumn - 1 } : range;
      const fields = knownFields.length ? knownFields : hoverRecord ? flattenFields(hoverRecord).map((path) => ({ path, type: '', example: undefined })) : [];
      const K = monaco.languages.CompletionItemKind;
      const suggestions = [
        ...LIBRARY.map((f) => ({
          label: `$${f.name}`,
          kind: K.Function,
          insertText: `$${f.name}($0)`,
          insertTextRules: monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet,
          detail: f.signature,
          documentation: { value: `${f.doc}\n\n**Returns** ${f.returns}\n\n${f.params.map((p) => `- \`${p.name}\`${p.optional ? ' (optional)' : ''}: ${p.doc}`).join('\n')}\n\nExample: \`${f.example}\`` },
          range: dollarRange,
          sortText: `1${f.name}`,
        })),
        ...CONTEXT_VARIABLES.map((v) => ({ label: `$${v.name}`, kind: K.Variable, insertText: `$${v.name}`, detail: 'run variable', documentation: v.doc, range: dollarRange, sortText: `2${v.name}` })),
        ...(afterDollar
          ? []
          : [
              ...fields.map((f) => ({
                label: f.path,
                kind: K.Field,
                insertText: f.path,
                detail: `source field${f.type ? ` · ${f.type}` : ''}`,
                documentation: hoverRecord ? `On the selected sample: ${JSON.stringify(lookupPath(hoverRecord, f.path))}` : f.example ? `e.g. ${f.example}` : undefined,
                range,
                sortText: `0${f.path}`,
              })),
              ...lookupTables.map((t) => ({ label: `'${t}'`, kind: K.Constant, insertText: `'${t}'`, detail: 'lookup table', range, sortText: `3${t}` })),
            ]),
      ];
      return { suggestions };
    },
  });
  monaco.languages.registerHoverProvider(MAPPING_LANGUAGE_ID, {
    provideHover(model, position) {
      const line = model.getLineContent(position.lineNumber);
      const fnWord = /\$([A-Za-z_]\w*)/g;
      let f: RegExpExecArray | null;
      while ((f = fnWord.exec(line))) {
        const start = f.index + 1;
        const end = start + f[0].length;
        if (position.column >= start && position.column <= end) {
          const doc = LIBRARY.find((x) => x.name === f![1]);
          const v = CONTEXT_VARIABLES.find((x) => x.name === f![1]);
          if (!doc && !v) return null;
          return {
            range: { startLineNumber: position.lineNumber, endLineNumber: position.lineNumber, startColumn: start, endColumn: end },
            contents: doc ? [{ value: `**${doc.signature}**` }, { value: doc.doc }, { value: `Example: \`${doc.example}\`` }] : [{ value: `**$${v!.name}**` }, { value: v!.doc }],
          };
        }
      }
      if (!hoverRecord) return null;
      const re = /(?<![$\w'"])[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)*/g;
      let m: RegExpExecArray | null;
      while ((m = re.exec(line))) {
        const start = m.index + 1;
        const end = start + m[0].length;
        if (position.column >= start && position.column <= end) {
          const value = lookupPath(hoverRecord, m[0]);
          if (value === undefined) return null;
          return {
            range: { startLineNumber: position.lineNumber, endLineNumber: position.lineNumber, startColumn: start, endColumn: end },
            contents: [{ value: `**${m[0]}** on the selected sample record` }, { value: '```\n' + JSON.stringify(value, null, 2) + '\n```' }],
          };
        }
      }
      return null;
    },
  });
}
