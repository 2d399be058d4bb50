/**
 * validateMapping: everything a non-developer needs to fix before publishing,
 * as diagnostics with line/column ranges inside each rule's expression.
 * Errors block compile/publish; warnings are advice.
 */
import { structuralDiagnostics } from './compile.ts';
import type { Diagnostic, MappingVersionContent, TargetField } from './types.ts';

export function validateMapping(
  content: MappingVersionContent,
  opts: { sourceFields?: string[]; targets?: TargetField[] } = {},
): Diagnostic[] {
  let fields: Set<string> | undefined;
  if (opts.sourceFields) {
    fields = new Set<string>();
    for (const f of opts.sourceFields) {
      // every prefix of a known path is known too (raw.titles.sv → raw, raw.titles)
      const parts = f.split('.');
      for (let i = 1; i <= parts.length; i++) fields.add(parts.slice(0, i).join('.'));
    }
  }
  return structuralDiagnostics(content, { targets: opts.targets, sourceFields: fields });
}

/** True when no diagnostic is an error. */
export function isPublishable(diagnostics: readonly Diagnostic[]): boolean {
  return !diagnostics.some((d) => d.severity === 'error');
}
