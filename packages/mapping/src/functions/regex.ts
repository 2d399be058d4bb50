/**
 * Regular expressions in rules run through SafeRegExp: patterns with nested
 * repetition (e.g. `(a+)+`, the classic catastrophic-backtracking shape) are
 * refused, and matching text longer than MAX_REGEX_INPUT is refused, because
 * a single regex match cannot be interrupted by the evaluation time bound.
 */
export const MAX_REGEX_INPUT = 20_000;

/** A reason the pattern is refused, or null when it is acceptable. */
export function regexProblem(source: string): string | null {
  // stack of "does this open group contain a quantifier"
  const stack: boolean[] = [];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') stack.push(false);
    else if (c === '*' || c === '+' || (c === '{' && /^\{\d*,\d*\}/.test(source.slice(i)))) {
      if (stack.length) stack[stack.length - 1] = true;
    } else if (c === ')') {
      const hadQuantifier = stack.pop() ?? false;
      const next = source[i + 1];
      const repeated = next === '*' || next === '+' || (next === '{' && /^\{\d*,\d*\}/.test(source.slice(i + 1)));
      if (hadQuantifier && repeated) return 'it repeats a group that itself repeats, which can take practically forever on some texts';
      if (hadQuantifier && stack.length) stack[stack.length - 1] = true;
    }
  }
  return null;
}

export class SafeRegExp extends RegExp {
  constructor(pattern: RegExp | string, flags?: string) {
    const source = typeof pattern === 'string' ? pattern : pattern.source;
    const problem = regexProblem(source);
    if (problem) throw { code: 'MEGZO_REGEX', message: `The pattern /${source}/ is not allowed: ${problem}` };
    super(pattern, flags);
  }

  override exec(text: string): RegExpExecArray | null {
    if (text.length > MAX_REGEX_INPUT) {
      throw { code: 'MEGZO_REGEX', message: `A pattern was applied to a text of ${text.length} characters; the limit is ${MAX_REGEX_INPUT}` };
    }
    return super.exec(text);
  }
}
