/** Text functions: word-boundary truncation, HTML stripping, Romanian diacritics, coalesce. */
import { fail } from '../errors.ts';
import { toInt } from './decimal.ts';

function textArg(v: unknown, fn: string): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return fail('NOT_TEXT', `${fn}: expected text, got ${Array.isArray(v) ? 'a list' : v === null ? 'null' : typeof v}`);
}

/**
 * $truncateWords(text, max, ellipsis = '') → at most `max` characters (code
 * points, ellipsis included), cut at the last word boundary; a single word
 * longer than `max` is cut hard. Trailing spaces/punctuation before the cut go.
 */
export function truncateWords(text: unknown, max: unknown, ellipsis?: unknown): string | undefined {
  if (text === undefined) return undefined;
  const s = textArg(text, '$truncateWords');
  const n = toInt(max, 'the maximum length', '$truncateWords', 1, 1_000_000);
  const chars = Array.from(s);
  if (chars.length <= n) return s;
  const ell = ellipsis === undefined || ellipsis === null ? '' : textArg(ellipsis, '$truncateWords');
  const room = n - Array.from(ell).length;
  if (room < 1) fail('BAD_ARGUMENT', `$truncateWords: the ellipsis ${JSON.stringify(ell)} does not fit in ${n} characters`);
  const head = chars.slice(0, room);
  // a boundary exists at the cut if the next character is whitespace
  let cut = /\s/.test(chars[room] ?? '') ? room : -1;
  if (cut < 0) {
    for (let i = head.length - 1; i > 0; i--) {
      if (/\s/.test(head[i] ?? '')) {
        cut = i;
        break;
      }
    }
  }
  const kept = (cut > 0 ? head.slice(0, cut) : head).join('').replace(/[\s,;:\-–—]+$/u, '');
  return kept + ell;
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—', hellip: '…',
  laquo: '«', raquo: '»', bdquo: '„', rdquo: '”', ldquo: '“', rsquo: '’', lsquo: '‘', euro: '€',
  copy: '©', reg: '®', trade: '™', deg: '°', times: '×', middot: '·', bull: '•',
  auml: 'ä', ouml: 'ö', aring: 'å', Auml: 'Ä', Ouml: 'Ö', Aring: 'Å', aelig: 'æ', oslash: 'ø', AElig: 'Æ', Oslash: 'Ø',
  acirc: 'â', Acirc: 'Â', icirc: 'î', Icirc: 'Î', abreve: 'ă', Abreve: 'Ă', uuml: 'ü', Uuml: 'Ü', eacute: 'é',
};

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]{1,6}|#\d{1,7}|[A-Za-z]{2,8});/g, (whole, body: string) => {
    if (body.startsWith('#')) {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[body] ?? whole;
  });
}

/**
 * $stripHtml(html) → plain text: drops <script>/<style> with their content and
 * comments, turns block tags and <br> into line breaks, removes other tags,
 * decodes entities, collapses runs of spaces and blank lines.
 */
export function stripHtml(html: unknown): string | undefined {
  if (html === undefined) return undefined;
  const s = textArg(html, '$stripHtml');
  const text = s
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/?(p|div|li|ul|ol|h[1-6]|tr|table|section|article|blockquote)\b[^>]*>/gi, '\n')
    .replace(/<\/?[A-Za-z][^>]*>/g, '')
    .replace(/<\/?[A-Za-z][\s\S]*$/, '');
  return decodeEntities(text)
    .replace(/[ \t\f\v\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{2,}/g, '\n')
    .trim();
}

const CEDILLA: Record<string, string> = { 'ş': 'ș', 'ţ': 'ț', 'Ş': 'Ș', 'Ţ': 'Ț' };

/** $fixDiacritics(text) → Romanian cedilla letters ş ţ Ş Ţ become comma-below ș ț Ș Ț (also decomposed s/t + U+0327). */
export function fixDiacritics(text: unknown): string | undefined {
  if (text === undefined) return undefined;
  return textArg(text, '$fixDiacritics')
    .replace(/([sStT])\u0327/g, (_m, c: string) => ({ s: 'ș', S: 'Ș', t: 'ț', T: 'Ț' })[c] ?? c)
    .replace(/[şţŞŢ]/g, (c) => CEDILLA[c] ?? c);
}

/** $coalesce(a, b, …) → the first argument that is not missing, null or an empty/blank string. */
export function coalesce(...values: unknown[]): unknown {
  for (const v of values) {
    if (v === undefined || v === null) continue;
    if (typeof v === 'string' && v.trim() === '') continue;
    if (Array.isArray(v) && v.length === 0) continue;
    return v;
  }
  return undefined;
}

/** $normalizeSpace(text) → trims and collapses whitespace runs to one space. */
export function normalizeSpace(text: unknown): string | undefined {
  if (text === undefined) return undefined;
  return textArg(text, '$normalizeSpace').replace(/\s+/g, ' ').trim();
}
