import { describe, expect, it } from 'vitest';
import { run } from '../test-helpers.ts';
import { coalesce, fixDiacritics, stripHtml, truncateWords } from './text.ts';

describe('$truncateWords', () => {
  it('cuts at a word boundary', () => {
    expect(truncateWords('Trådlösa hörlurar med brusreducering', 20)).toBe('Trådlösa hörlurar');
    expect(truncateWords('Trådlösa hörlurar med brusreducering', 21)).toBe('Trådlösa hörlurar med');
    expect(truncateWords('short', 10)).toBe('short');
    expect(truncateWords('Exactly ten', 11)).toBe('Exactly ten');
  });
  it('adds an ellipsis within the limit and drops trailing punctuation', () => {
    expect(truncateWords('Căști wireless, bluetooth 5.3', 20, '…')).toBe('Căști wireless…');
    expect(Array.from(truncateWords('a b c d e f g h i j k', 8, '…') ?? '').length).toBeLessThanOrEqual(8);
  });
  it('cuts a single long word hard and counts code points, not UTF-16 units', () => {
    expect(truncateWords('Supercalifragilistic', 5)).toBe('Super');
    expect(truncateWords('😀😀😀 abc', 3)).toBe('😀😀😀');
  });
  it('refuses a bad length', async () => {
    await expect(run('$truncateWords("abc", 0)')).rejects.toThrow(/maximum length must be a whole number from 1/);
  });
});

describe('$stripHtml', () => {
  it('removes tags, scripts, styles and comments and decodes entities', () => {
    expect(stripHtml('<p>Sunet &amp; <b>bass</b></p><script>alert(1)</script><style>p{}</style><!-- x -->')).toBe('Sunet & bass');
    expect(stripHtml('Line 1<br/>Line 2<ul><li>A</li><li>B</li></ul>')).toBe('Line 1\nLine 2\nA\nB');
    expect(stripHtml('5 &lt; 6 &#8364; &#x20AC; &euro; &nbsp;x &unknown;')).toBe('5 < 6 € € € x &unknown;');
    expect(stripHtml('a < b and c > d')).toBe('a < b and c > d');
    expect(stripHtml('broken <a href="x')).toBe('broken');
  });
});

describe('$fixDiacritics', () => {
  it('turns cedilla ş ţ Ş Ţ into comma-below ș ț Ș Ț', () => {
    expect(fixDiacritics('Căşti, ţară, ŞTAMPILĂ, Ţepeş')).toBe('Căști, țară, ȘTAMPILĂ, Țepeș');
    expect(fixDiacritics('s\u0327i t\u0327')).toBe('și ț');
    expect(fixDiacritics('ăâî ș ț')).toBe('ăâî ș ț');
  });
  it('works in an expression', async () => {
    expect(await run('$fixDiacritics(name)', { name: 'Maşină de spălat' })).toBe('Mașină de spălat');
  });
});

describe('$coalesce and conditionals', () => {
  it('returns the first present, non-blank value', async () => {
    expect(coalesce(undefined, null, '  ', [], 'x', 'y')).toBe('x');
    expect(coalesce(0, 1)).toBe(0);
    expect(await run('$coalesce(brand, "Generic")', {})).toBe('Generic');
    expect(await run('$coalesce(brand, "Generic")', { brand: 'Sony' })).toBe('Sony');
    expect(await run('active = false ? "paused" : "for sale"', { active: false })).toBe('paused');
    expect(await run('$marketLanguage($market)', {}, { market: 'FI' })).toBe('fi-FI');
  });
});

describe('$lookup', () => {
  const lookups = { categories: { AUDIO: '1124', '42': 'answer' } };
  it('looks up named tables, with defaults', async () => {
    expect(await run("$lookup('categories', code)", { code: 'AUDIO' }, {}, lookups)).toBe('1124');
    expect(await run("$lookup('categories', n)", { n: 42 }, {}, lookups)).toBe('answer');
    expect(await run("$lookup('categories', code, 'none')", { code: 'TOYS' }, {}, lookups)).toBe('none');
  });
  it('an unknown key without default is an error naming table and key', async () => {
    await expect(run("$lookup('categories', code)", { code: 'TOYS' }, {}, lookups)).rejects.toThrow(
      'FUNCTION:UNKNOWN_KEY: $lookup: table "categories" has no entry for key "TOYS" and no default was given',
    );
    await expect(run("$lookup(t, 'red')", { t: 'colours' }, {}, lookups)).rejects.toThrow(/there is no lookup table "colours" \(tables: categories\)/);
  });
  it('keeps the builtin object form', async () => {
    expect(await run('$lookup(titles, "sv-SE")', { titles: { 'sv-SE': 'Hej' } })).toBe('Hej');
  });
});

describe('more text helpers', () => {
  it('$normalizeSpace, $lookupIn in a pipeline, $marketLanguage errors, $coalesce of nothing', async () => {
    expect(await run('$normalizeSpace(t)', { t: '  Căști \n\t wireless  ' })).toBe('Căști wireless');
    expect(await run("code ~> $lookupIn('c')", { code: 'A' }, {}, { c: { A: '1' } })).toBe('1');
    expect(await run("code ~> $lookupIn('c', 'none')", { code: 'B' }, {}, { c: { A: '1' } })).toBe('none');
    await expect(run("code ~> $lookupIn('c')", { code: 'B' }, {}, { c: { A: '1' } })).rejects.toThrow(/table "c" has no entry for key "B"/);
    await expect(run("$marketLanguage('XX')")).rejects.toThrow(/unknown market "XX"/);
    expect(await run('{"v": $coalesce(a, b)}', {})).toEqual({});
    await expect(run('$stripHtml(obj)', { obj: { a: 1 } })).rejects.toThrow(/\$stripHtml: expected text, got object/);
  });
});
