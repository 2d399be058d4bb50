/**
 * Monaco support as plain data (no monaco-editor import): register with
 *   monaco.languages.register({ id: MAPPING_LANGUAGE_ID });
 *   monaco.languages.setMonarchTokensProvider(MAPPING_LANGUAGE_ID, monarchLanguage);
 *   monaco.languages.setLanguageConfiguration(MAPPING_LANGUAGE_ID, languageConfiguration);
 */
import { CONTEXT_VARIABLES, JSONATA_BUILTINS, LIBRARY } from '../functions/library.ts';

export const MAPPING_LANGUAGE_ID = 'megzo-mapping';

export const monarchLanguage = {
  defaultToken: '',
  tokenPostfix: '.mapping',
  keywords: ['and', 'or', 'in', 'function', 'true', 'false', 'null'],
  libraryFunctions: LIBRARY.map((f) => `$${f.name}`),
  builtinFunctions: JSONATA_BUILTINS.map((n) => `$${n}`),
  contextVariables: CONTEXT_VARIABLES.map((v) => `$${v.name}`),
  operators: ['~>', ':=', '!=', '<=', '>=', '..', '=', '<', '>', '+', '-', '*', '/', '%', '&', '?', ':', '.', '@', '#', '^'],
  symbols: /[=><!~?:&|+\-*/^%@#.]+/,
  escapes: /\\(?:["'\\/bfnrt]|u[0-9A-Fa-f]{4})/,
  tokenizer: {
    root: [
      [/\/\*/, 'comment', '@comment'],
      [/"/, 'string', '@dstring'],
      [/'/, 'string', '@sstring'],
      [/`[^`]*`/, 'identifier.quoted'],
      [/\$\$|\$(?![A-Za-z_])/, 'variable.predefined'],
      [/\$[A-Za-z_]\w*/, { cases: { '@libraryFunctions': 'support.function', '@builtinFunctions': 'predefined', '@contextVariables': 'variable.predefined', '@default': 'variable' } }],
      [/\d+(\.\d+)?([eE][-+]?\d+)?/, 'number'],
      [/[A-Za-z_]\w*/, { cases: { '@keywords': 'keyword', '@default': 'identifier' } }],
      [/[{}()[\]]/, '@brackets'],
      [/[,;]/, 'delimiter'],
      [/@symbols/, { cases: { '@operators': 'operator', '@default': '' } }],
      [/\s+/, 'white'],
    ],
    comment: [
      [/[^/*]+/, 'comment'],
      [/\*\//, 'comment', '@pop'],
      [/[/*]/, 'comment'],
    ],
    dstring: [
      [/[^\\"]+/, 'string'],
      [/@escapes/, 'string.escape'],
      [/\\./, 'string.escape.invalid'],
      [/"/, 'string', '@pop'],
    ],
    sstring: [
      [/[^\\']+/, 'string'],
      [/@escapes/, 'string.escape'],
      [/\\./, 'string.escape.invalid'],
      [/'/, 'string', '@pop'],
    ],
  },
};

export const languageConfiguration = {
  comments: { blockComment: ['/*', '*/'] as [string, string] },
  brackets: [['{', '}'], ['[', ']'], ['(', ')']] as Array<[string, string]>,
  autoClosingPairs: [
    { open: '{', close: '}' }, { open: '[', close: ']' }, { open: '(', close: ')' },
    { open: '"', close: '"', notIn: ['string'] }, { open: "'", close: "'", notIn: ['string'] }, { open: '`', close: '`' },
  ],
  surroundingPairs: [{ open: '(', close: ')' }, { open: '[', close: ']' }, { open: '"', close: '"' }, { open: "'", close: "'" }],
  wordPattern: /(\$?[A-Za-z_][\w-]*)|(-?\d*\.\d\w*)/,
};
