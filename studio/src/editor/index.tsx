'use client';

import dynamic from 'next/dynamic';
import type { CodeEditorProps } from './CodeEditor';

export type { CodeEditorProps, EditorMarker } from './CodeEditor';

/** Monaco never renders on the server; it loads the bundled copy in the browser. */
export const CodeEditor = dynamic<CodeEditorProps>(() => import('./CodeEditor'), {
  ssr: false,
  loading: () => <div className="editor-box empty">Loading the editor…</div>,
});
