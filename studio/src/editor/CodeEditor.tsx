'use client';

import Editor, { type OnMount } from '@monaco-editor/react';
import { useEffect, useRef } from 'react';
import type { SourceField } from '@megzo/mapping';
import { configureMonaco, type Monaco } from './monaco-setup';
import { registerMappingLanguage, MAPPING_LANGUAGE_ID, setCompletionContext, setHoverContext } from './mapping-language';

configureMonaco();

export type EditorMarker = {
  message: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  severity?: 'error' | 'warning' | 'info';
};

export type CodeEditorProps = {
  value: string;
  onChange?: (value: string) => void;
  readOnly?: boolean;
  height?: number | string;
  markers?: EditorMarker[];
  /** Source fields of the selected sample record, for completion and hover. */
  sampleRecord?: Record<string, unknown> | null;
  sourceFields?: SourceField[];
  lookupTables?: Record<string, Record<string, string>>;
  ariaLabel?: string;
  testId?: string;
};

const SEVERITY = { error: 8, warning: 4, info: 2 } as const;

/** Monaco with the mapping language: highlighting, completion, hover, diagnostics. */
export default function CodeEditor(props: CodeEditorProps) {
  const { value, onChange, readOnly, height = 320, markers, sampleRecord, sourceFields, lookupTables, ariaLabel, testId } = props;
  const monacoRef = useRef<Monaco | null>(null);
  const modelUri = useRef<string | null>(null);
  const editorRef = useRef<Parameters<OnMount>[0] | null>(null);
  const emitted = useRef<Set<string>>(new Set([value]));

  // Uncontrolled while typing (a controlled value lags a keystroke behind and would eat
  // characters); a change made elsewhere (visual editor, undoing an override) is pushed in.
  useEffect(() => {
    const ed = editorRef.current;
    // While the user types, renders can arrive with an older value: never push those back.
    if (!ed || ed.hasTextFocus() || emitted.current.has(value) || value === ed.getValue()) return;
    ed.setValue(value);
  }, [value]);

  useEffect(() => {
    setHoverContext(sampleRecord ?? null);
  }, [sampleRecord]);
  useEffect(() => {
    setCompletionContext(sourceFields ?? [], lookupTables ?? {});
  }, [sourceFields, lookupTables]);

  useEffect(() => {
    const m = monacoRef.current;
    if (!m || !modelUri.current) return;
    const model = m.editor.getModel(m.Uri.parse(modelUri.current));
    if (!model) return;
    m.editor.setModelMarkers(
      model,
      'megzo-validate',
      (markers ?? []).map((d) => ({
        message: d.message,
        severity: SEVERITY[d.severity ?? 'error'],
        startLineNumber: d.line,
        startColumn: d.column,
        endLineNumber: d.endLine ?? d.line,
        endColumn: d.endColumn ?? Math.max(d.column + 1, model.getLineMaxColumn(d.line)),
      })),
    );
  }, [markers, value]);

  const onMount: OnMount = (editor, m) => {
    editorRef.current = editor;
    monacoRef.current = m as unknown as Monaco;
    modelUri.current = editor.getModel()?.uri.toString() ?? null;
  };

  return (
    <div className="editor-box" data-testid={testId ?? 'code-editor'} data-markers={markers?.length ?? 0}>
      <Editor
        height={height}
        language={MAPPING_LANGUAGE_ID}
        defaultValue={value}
        beforeMount={(m) => registerMappingLanguage(m as unknown as Monaco)}
        onMount={onMount}
        onChange={(v) => {
          if (emitted.current.size > 200) emitted.current.clear();
          emitted.current.add(v ?? '');
          onChange?.(v ?? '');
        }}
        options={{
          readOnly,
          minimap: { enabled: false },
          fontSize: 13,
          lineNumbers: 'on',
          scrollBeyondLastLine: false,
          wordWrap: 'on',
          automaticLayout: true,
          ariaLabel: ariaLabel ?? 'Mapping expression editor',
          tabSize: 2,
          fixedOverflowWidgets: true,
        }}
      />
    </div>
  );
}
