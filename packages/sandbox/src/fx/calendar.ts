/** Banking calendars: Romanian bank holidays (BNR) and TARGET closing days (ECB). Dates are YYYY-MM-DD (UTC). */

function iso(y: number, m: number, d: number): string {
  return new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
}

function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** Western (Gregorian) Easter Sunday, anonymous Gregorian algorithm. */
export function westernEaster(y: number): string {
  const a = y % 19;
  const b = Math.floor(y / 100);
  const c = y % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return iso(y, month, day);
}

/** Orthodox Easter Sunday (Meeus Julian algorithm, shifted to the Gregorian calendar: +13 days for 1900–2099). */
export function orthodoxEaster(y: number): string {
  const a = y % 4;
  const b = y % 7;
  const c = y % 19;
  const d = (19 * c + 15) % 30;
  const e = (2 * a + 4 * b - d + 34) % 7;
  const month = Math.floor((d + e + 114) / 31);
  const day = ((d + e + 114) % 31) + 1;
  return addDays(iso(y, month, day), 13);
}

const roCache = new Map<number, Set<string>>();
const targetCache = new Map<number, Set<string>>();

export function romanianHolidays(y: number): Set<string> {
  let s = roCache.get(y);
  if (s) return s;
  const easter = orthodoxEaster(y);
  s = new Set([
    iso(y, 1, 1), iso(y, 1, 2), iso(y, 1, 6), iso(y, 1, 7), iso(y, 1, 24),
    addDays(easter, -2), easter, addDays(easter, 1),
    iso(y, 5, 1), iso(y, 6, 1), addDays(easter, 49), addDays(easter, 50),
    iso(y, 8, 15), iso(y, 11, 30), iso(y, 12, 1), iso(y, 12, 25), iso(y, 12, 26),
  ]);
  roCache.set(y, s);
  return s;
}

export function targetHolidays(y: number): Set<string> {
  let s = targetCache.get(y);
  if (s) return s;
  const easter = westernEaster(y);
  s = new Set([iso(y, 1, 1), addDays(easter, -2), addDays(easter, 1), iso(y, 5, 1), iso(y, 12, 25), iso(y, 12, 26)]);
  targetCache.set(y, s);
  return s;
}

function isWeekend(date: string): boolean {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 || d === 6;
}

export function isBnrBankingDay(date: string): boolean {
  return !isWeekend(date) && !romanianHolidays(Number(date.slice(0, 4))).has(date);
}

export function isTargetDay(date: string): boolean {
  return !isWeekend(date) && !targetHolidays(Number(date.slice(0, 4))).has(date);
}

export { addDays };
