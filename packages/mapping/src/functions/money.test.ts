import { describe, expect, it } from 'vitest';
import { run } from '../test-helpers.ts';

describe('$round', () => {
  it.each([
    // value, decimals, mode, expected
    ['2.345', 2, 'half-up', '2.35'],
    ['2.345', 2, 'half-even', '2.34'],
    ['10.125', 2, 'half-up', '10.13'],
    ['10.125', 2, 'half-even', '10.12'],
    ['0.125', 2, 'half-up', '0.13'],
    ['0.125', 2, 'half-even', '0.12'],
    ['2.355', 2, 'half-even', '2.36'],
    ['2.345', 2, 'half-down', '2.34'],
    ['2.341', 2, 'up', '2.35'],
    ['2.349', 2, 'down', '2.34'],
    ['-2.345', 2, 'half-up', '-2.35'],
    ['-2.345', 2, 'half-even', '-2.34'],
    ['-2.341', 2, 'up', '-2.35'],
    ['-2.349', 2, 'down', '-2.34'],
    ['-2.341', 2, 'ceiling', '-2.34'],
    ['-2.341', 2, 'floor', '-2.35'],
    ['2.5', 0, 'half-up', '3'],
    ['-2.5', 0, 'half-up', '-3'],
    ['2.5', 0, 'half-even', '2'],
    ['3.5', 0, 'half-even', '4'],
    ['0', 2, 'half-up', '0.00'],
    ['-0.001', 2, 'half-up', '0.00'],
    ['123456789012345678901234567890.125', 2, 'half-up', '123456789012345678901234567890.13'],
  ])('%s to %i places %s → %s', async (value, decimals, mode, expected) => {
    expect(await run(`$round("${value}", ${decimals}, '${mode}')`)).toBe(expected);
  });

  it('defaults to 0 places half-up and shadows the builtin (which is half-even)', async () => {
    expect(await run('$round(2.5)')).toBe('3');
    expect(await run('$round(0.5)')).toBe('1');
  });

  it('rounds the decimal a user wrote, not its binary approximation', async () => {
    expect(await run('$round(1.005, 2)')).toBe('1.01');
    expect(1.005.toFixed(2)).toBe('1.00'); // what binary floating point would have done
    expect(await run('$round(1.255, 2)')).toBe('1.26');
  });

  it('handles huge numbers and works in a pipeline', async () => {
    expect(await run('$round(1e21, 2)')).toBe('1000000000000000000000.00');
    expect(await run("x ~> $round(2, 'half-even')", { x: 10.125 })).toBe('10.12');
  });

  it('refuses bad input with a clear message', async () => {
    await expect(run('$round("abc", 2)')).rejects.toThrow(/\$round: the value must be a number, got the text "abc"/);
    // values from the record (literal mistakes are already caught by validation, see validate.test.ts)
    await expect(run('$round(1.5, 2, m)', { m: 'sideways' })).rejects.toThrow(/rounding mode must be one of half-up/);
    await expect(run('$round(1.5, d)', { d: 2.5 })).rejects.toThrow(/decimals must be a whole number/);
    await expect(run('$round(1.5, d)', { d: -1 })).rejects.toThrow(/decimals must be a whole number from 0 to 20/);
  });

  it('passes a missing value through as missing', async () => {
    const out = await run('{"r": $round(nothing, 2)}');
    expect(out).toEqual({});
  });
});

describe('exact arithmetic', () => {
  it('0.1 + 0.2 chains stay exact', async () => {
    expect(await run('$add(0.1, 0.2)')).toBe('0.3');
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(await run('$add(0.1, 0.2) ~> $add(0.3) ~> $sub(0.6)')).toBe('0');
    expect(await run('$mul(0.1, 3)')).toBe('0.3');
    expect(await run('$div(1, 3) ~> $mul(3) ~> $round(2)')).toBe('1.00');
    // JSONata's own + is binary floating point; $round still yields the exact decimal
    expect(await run('$round(0.1 + 0.2, 2)')).toBe('0.30');
  });
  it('refuses division by zero', async () => {
    await expect(run('$div(1, 0)')).rejects.toThrow(/cannot divide by zero/);
  });
});

describe('$vatAdd / $vatStrip', () => {
  it('adds and strips percent VAT exactly', async () => {
    expect(await run('$vatAdd(100, 25)')).toBe('125');
    expect(await run('$vatAdd(19.6726, 25.5)')).toBe('24.689113');
    expect(await run('$vatAdd("100.00", "21.00")')).toBe('121');
    expect(await run('$vatAdd(100, 0)')).toBe('100');
    expect(await run('$vatAdd(-10, 25)')).toBe('-12.5');
    expect(await run('$vatAdd(0, 25)')).toBe('0');
  });

  it('round-trips the RO 21 % strip example of fx-and-vat.md', async () => {
    expect(await run('$vatStrip(99.99, 21) ~> $round(2)')).toBe('82.64');
    expect(await run('$sub(99.99, $vatStrip(99.99, 21) ~> $round(2))')).toBe('17.35');
    expect(await run('$vatAdd(82.64, 21)')).toBe('99.9944');
    expect(await run('$vatAdd(82.64, 21) ~> $round(2)')).toBe('99.99');
  });

  it('refuses a fraction rate as ambiguous, and out-of-range rates', async () => {
    await expect(run('$vatAdd(100, 0.25)')).rejects.toThrow(/VAT rate 0.25 looks like a fraction. Rates are percentages: write 25 for 25 %/);
    await expect(run('$vatStrip(100, 0.21)')).rejects.toThrow(/looks like a fraction/);
    await expect(run('$vatAdd(100, 125)')).rejects.toThrow(/percentage from 0 to 100/);
    await expect(run('$vatAdd(100, -5)')).rejects.toThrow(/percentage from 0 to 100/);
    await expect(run('$vatAdd(100, $vatRate)')).rejects.toThrow(/VAT rate is missing/);
  });

  it('converts between fraction and percent', async () => {
    expect(await run('$percentToFraction(25.5)')).toBe(0.255);
    expect(await run('$fractionToPercent("0.25") ~> $round(2)')).toBe('25.00');
    await expect(run('$fractionToPercent(25)')).rejects.toThrow(/expected a fraction/);
  });
});

describe('$priceEnding', () => {
  it.each([
    ['24.69', '.90', 'up', '24.90'],
    ['24.95', '.90', 'up', '25.90'],
    ['24.90', '.90', 'up', '24.90'],
    ['24.95', '.90', 'down', '24.90'],
    ['24.30', '.90', 'nearest', '23.90'],
    ['24.50', '.90', 'nearest', '24.90'],
    ['24.69', '.95', 'up', '24.95'],
    ['269.34', '.00', 'up', '270.00'],
    ['269.00', '.00', 'up', '269.00'],
    ['269.34', '.00', 'nearest', '269.00'],
    ['263.50', '9', 'up', '269.00'],
    ['269.34', '9', 'up', '279.00'],
    ['269.34', '9', 'down', '269.00'],
    ['273', '9', 'nearest', '269.00'],
    ['1234.5', '99', 'up', '1299.00'],
    ['0', '.90', 'up', '0.90'],
    ['5', '9', 'down', '9.00'],
  ])('%s ending %s (%s) → %s', async (price, ending, mode, expected) => {
    expect(await run(`$priceEnding("${price}", "${ending}", "${mode}")`)).toBe(expected);
  });

  it('refuses bad endings and negative prices', async () => {
    await expect(run('$priceEnding(10, e)', { e: 'x9' })).rejects.toThrow(/ending must look like/);
    await expect(run('$priceEnding(-10, ".90")')).rejects.toThrow(/cannot be negative/);
    await expect(run('$priceEnding(10, ".90", m)', { m: 'sideways' })).rejects.toThrow(/mode must be "up", "down" or "nearest"/);
  });
});

describe('other money helpers', () => {
  it('$vatAmount, $decimal, huge and negative values', async () => {
    expect(await run('$vatAmount(100, 25.5)')).toBe('25.5');
    expect(await run('$vatAmount(-80, 25)')).toBe('-20');
    expect(await run('$decimal("12.50")')).toBe('12.5');
    expect(await run('$decimal(1e-7)')).toBe('0.0000001');
    expect(await run('$vatAdd(1e20, 25)')).toBe('125000000000000000000');
    expect(await run('$vatAdd("99999999999999999999.99", 25) ~> $round(2)')).toBe('124999999999999999999.99');
    expect(await run('$vatStrip(-121, 21)')).toBe('-100');
    await expect(run('$decimal(true)')).rejects.toThrow(/\$decimal: the value must be a number, got true/);
    await expect(run('$decimal([1, 2])')).rejects.toThrow(/got a list of 2 values/);
  });
});
