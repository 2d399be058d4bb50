const fmt = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Bucharest', year: 'numeric', month: '2-digit', day: '2-digit',
  hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
});

function parts(ms: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of fmt.formatToParts(new Date(ms))) out[p.type] = p.value;
  return out;
}

/** RFC 3339 timestamp in Europe/Bucharest local time with its offset, e.g. 2025-10-21T15:03:12+03:00. */
export function bucharestIso(ms: number): string {
  const p = parts(Math.floor(ms / 1000) * 1000);
  const local = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  const offsetMin = Math.round((local - Math.floor(ms / 1000) * 1000) / 60000);
  const sign = offsetMin >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMin);
  const off = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${off}`;
}

/** Calendar date (YYYY-MM-DD) in Bucharest. */
export function bucharestDate(ms: number): string {
  const p = parts(ms);
  return `${p.year}-${p.month}-${p.day}`;
}

export function utcDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
