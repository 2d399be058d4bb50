'use client';

import type { Monaco } from './monaco-setup';

export const MAPPING_LANGUAGE_ID = 'megzo-mapping';

let hoverRecord: Record<string, unknown> | null = null;
export function setHoverContext(record: Record<string, unknown> | null): void {
  hoverRecord = record;
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
      const fields = hoverRecord ? flattenFields(hoverRecord) : [];
      return {
        suggestions: fields.map((f) => ({
          label: f,
          kind: monaco.languages.CompletionItemKind.Field,
          insertText: f,
          detail: 'source field',
          documentation: `Sample value: ${JSON.stringify(lookupPath(hoverRecord ?? {}, f))}`,
          range,
        })),
      };
    },
  });
  monaco.languages.registerHoverProvider(MAPPING_LANGUAGE_ID, {
    provideHover(model, position) {
      if (!hoverRecord) return null;
      const line = model.getLineContent(position.lineNumber);
      const re = /[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)*/g;
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
