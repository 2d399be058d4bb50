'use client';

import * as monaco from 'monaco-editor';
import { loader } from '@monaco-editor/react';

let configured = false;

/** Point @monaco-editor/react at the bundled monaco-editor instead of its CDN default. */
export function configureMonaco(): typeof monaco {
  if (configured) return monaco;
  configured = true;
  self.MonacoEnvironment = {
    getWorker: () => new Worker(new URL('./monaco.worker.ts', import.meta.url), { type: 'module' }),
  };
  loader.config({ monaco });
  return monaco;
}

export type Monaco = typeof monaco;
