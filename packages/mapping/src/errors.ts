/**
 * Errors raised by the mapping engine. Every message is written for the person
 * editing the mapping (plain words, names the offending field or value).
 */
import { ConfigError, RecordError } from '@megzo/domain';
import type { Diagnostic } from './types.ts';

/** A mapping function was called with bad input, e.g. `$vatAdd("abc", 25)`. */
export class MappingFunctionError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'MappingFunctionError';
    this.code = code;
  }
}

/** A mapping version failed to compile; `diagnostics` say where and why. */
export class MappingCompileError extends ConfigError {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[]) {
    const first = diagnostics.find((d) => d.severity === 'error') ?? diagnostics[0];
    const more = diagnostics.length > 1 ? ` (and ${diagnostics.length - 1} more problem(s))` : '';
    super({
      message: first ? `Mapping rule "${first.target}": ${first.message}${more}` : 'The mapping could not be compiled',
      code: 'MAPPING_COMPILE',
      path: first?.target,
    });
    this.name = 'MappingCompileError';
    this.diagnostics = diagnostics;
  }
}

/** A draft/published state transition that is not allowed (e.g. editing a published version). */
export class MappingStateError extends ConfigError {
  constructor(message: string, code = 'MAPPING_STATE') {
    super({ message, code });
    this.name = 'MappingStateError';
  }
}

/** Thrown by `evaluateOrThrow` when a record fails; carries per-field errors. */
export class MappingRecordError extends RecordError {
  readonly fieldErrors: Array<{ target: string; message: string; code: string }>;
  constructor(fieldErrors: Array<{ target: string; message: string; code: string }>) {
    const first = fieldErrors[0];
    super({
      message: first ? `Field "${first.target}": ${first.message}` : 'The record could not be mapped',
      code: first?.code ?? 'MAPPING_FAILED',
      path: first?.target,
    });
    this.name = 'MappingRecordError';
    this.fieldErrors = fieldErrors;
  }
}

export function fail(code: string, message: string): never {
  throw new MappingFunctionError(code, message);
}
