'use client';

/**
 * Registers the mapping language with Monaco from @megzo/mapping's editor data:
 * Monarch tokens, language configuration, completion (source fields, functions
 * with docs, context variables, lookup tables) and hover. Hover over a field shows
 * its value on the sample record selected in the studio.
 */
import {
  MAPPING_LANGUAGE_ID,
  completionsAt,
  discoverSourceFields,
  hoverAt,
  languageConfiguration,
  monarchLanguage,
  type CompletionKind,
  type MappingVersionContent,
  type SourceField,
} from '@megzo/mapping';
import type { Monaco } from './monaco-setup';

export { MAPPING_LANGUAGE_ID };

let sampleFields: SourceField[] = [];
let allFields: SourceField[] = [];
let lookups: Pick<MappingVersionContent, 'lookups'> = { lookups: {} };

/** The selected sample record: hover shows its values. */
export function setHoverContext(record: Record<string, unknown> | null): void {
  sampleFields = record ? discoverSourceFields([record]) : [];
}

/** Source fields (from all sample records) and lookup table names offered by completion. */
export function setCompletionContext(fields: SourceField[], tables: Record<string, Record<string, string>>): void {
  allFields = fields;
  lookups = { lookups: tables };
}

let registered = false;

export function registerMappingLanguage(monaco: Monaco): void {
  if (registered) return;
  registered = true;
  monaco.languages.register({ id: MAPPING_LANGUAGE_ID });
  monaco.languages.setMonarchTokensProvider(MAPPING_LANGUAGE_ID, monarchLanguage as never);
  monaco.languages.setLanguageConfiguration(MAPPING_LANGUAGE_ID, languageConfiguration as never);
  const K = monaco.languages.CompletionItemKind;
  const kinds: Record<CompletionKind, number> = { field: K.Field, function: K.Function, variable: K.Variable, keyword: K.Keyword, table: K.Constant };

  monaco.languages.registerCompletionItemProvider(MAPPING_LANGUAGE_ID, {
    triggerCharacters: ['.', '$', "'", '"'],
    provideCompletionItems(model, position) {
      const text = model.getValue();
      const offset = model.getOffsetAt(position);
      const items = completionsAt(text, offset, allFields.length ? allFields : sampleFields, lookups);
      return {
        suggestions: items.map((i) => {
          const start = model.getPositionAt(i.replaceStart);
          const end = model.getPositionAt(i.replaceEnd);
          return {
            label: i.label,
            kind: kinds[i.kind],
            insertText: i.insertText,
            insertTextRules: i.isSnippet ? monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet : undefined,
            detail: i.detail,
            documentation: i.documentation ? { value: i.documentation } : undefined,
            range: { startLineNumber: start.lineNumber, startColumn: start.column, endLineNumber: end.lineNumber, endColumn: end.column },
          };
        }),
      };
    },
  });

  monaco.languages.registerHoverProvider(MAPPING_LANGUAGE_ID, {
    provideHover(model, position) {
      const h = hoverAt(model.getValue(), model.getOffsetAt(position), sampleFields.length ? sampleFields : allFields);
      if (!h) return null;
      const start = model.getPositionAt(h.startOffset);
      const end = model.getPositionAt(h.endOffset);
      // A field's hover ("**path** (type)") shows its value on the selected sample record.
      const isField = h.contents[0]?.startsWith('**') ?? false;
      const contents = h.contents.map((value) => ({ value: isField && sampleFields.length ? value.replace(/^Example: /, 'On the selected sample: ') : value }));
      return { range: { startLineNumber: start.lineNumber, startColumn: start.column, endLineNumber: end.lineNumber, endColumn: end.column }, contents };
    },
  });
}
