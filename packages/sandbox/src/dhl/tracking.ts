/** Shipment state and the checkpoint schedule that the sandbox clock walks through. */

export type Script = 'normal' | 'NH' | 'BA' | 'HP' | 'RD' | 'DD' | 'void';

export interface Shipment {
  awb: string;
  pieceIds: string[];
  productCode: string;
  createdAt: number;
  /** Added to elapsed time by the advance hook (jump to the next checkpoint). */
  boostMs: number;
  origin: { countryCode: string; postalCode: string; cityName: string };
  destination: { countryCode: string; postalCode: string; cityName: string };
  receiverName: string;
  description: string;
  weightKg: number;
  references: string[];
  script: Script;
  labelPdf: string;
}

export interface Checkpoint {
  afterH: number;
  typeCode: string;
  description: string;
  at: 'origin' | 'hub' | 'dest';
}

const AREAS: Record<string, { code: string; description: string; locality: string }> = {
  RO: { code: 'OTP', description: 'Bucharest-RO', locality: 'BUCHAREST - ROMANIA' },
  SE: { code: 'MMX', description: 'Malmo-SE', locality: 'MALMO - SWEDEN' },
  DK: { code: 'CPH', description: 'Copenhagen-DK', locality: 'COPENHAGEN - DENMARK' },
  FI: { code: 'HEL', description: 'Helsinki-FI', locality: 'HELSINKI - FINLAND' },
  NO: { code: 'OSL', description: 'Oslo-NO', locality: 'OSLO - NORWAY' },
};
const HUB = { code: 'LEJ', description: 'Leipzig-DE', locality: 'LEIPZIG - GERMANY' };

export function areaOf(s: Shipment, at: Checkpoint['at']): { code: string; description: string; locality: string } {
  if (at === 'hub') return HUB;
  const cc = at === 'origin' ? s.origin.countryCode : s.destination.countryCode;
  return AREAS[cc] ?? { code: cc, description: `${cc}`, locality: cc };
}

const DESCRIPTIONS: Record<string, string> = {
  PU: 'Shipment picked up', PL: 'Processed at location', DF: 'Departed Facility', AF: 'Arrived at Sort Facility',
  IC: 'Clearance processing', CR: 'Clearance event', AR: 'Arrived at Delivery Facility', WC: 'With delivery courier',
  OK: 'Delivered', NH: 'Not home - customer was not available', BA: 'Bad address', HP: 'Held for payment',
  RD: 'Refused delivery', RT: 'Returned to shipper', DD: 'Delivered damaged',
};

function cp(afterH: number, typeCode: string, at: Checkpoint['at']): Checkpoint {
  return { afterH, typeCode, description: DESCRIPTIONS[typeCode] ?? typeCode, at };
}

export function schedule(s: Shipment): Checkpoint[] {
  if (s.script === 'void') return [];
  const base = [cp(2, 'PU', 'origin'), cp(4, 'PL', 'origin'), cp(6, 'DF', 'origin'), cp(20, 'AF', 'hub'), cp(22, 'PL', 'hub'), cp(24, 'DF', 'hub')];
  if (s.destination.countryCode === 'NO') {
    base.push(cp(30, 'IC', 'dest'));
    if (s.script === 'HP') return [...base, cp(32, 'HP', 'dest')];
    base.push(cp(34, 'CR', 'dest'));
  }
  base.push(cp(36, 'AR', 'dest'));
  switch (s.script) {
    case 'BA': return [...base, cp(40, 'BA', 'dest'), cp(60, 'RT', 'origin')];
    case 'NH': return [...base, cp(44, 'WC', 'dest'), cp(48, 'NH', 'dest'), cp(68, 'WC', 'dest'), cp(72, 'OK', 'dest')];
    case 'RD': return [...base, cp(44, 'WC', 'dest'), cp(48, 'RD', 'dest'), cp(70, 'RT', 'origin')];
    case 'DD': return [...base, cp(44, 'WC', 'dest'), cp(50, 'DD', 'dest')];
    default: return [...base, cp(44, 'WC', 'dest'), cp(50, 'OK', 'dest')];
  }
}

export interface HappenedEvent extends Checkpoint {
  timestamp: number;
}

/** Checkpoints that have happened by `now` (oldest first). */
export function eventsAt(s: Shipment, now: number): HappenedEvent[] {
  const elapsedH = (now - s.createdAt + s.boostMs) / 3_600_000;
  return schedule(s)
    .filter((c) => c.afterH <= elapsedH)
    .map((c) => ({ ...c, timestamp: s.createdAt + c.afterH * 3_600_000 }));
}

/** Move a shipment to its next checkpoint now. Returns false when there is none left. */
export function advanceToNext(s: Shipment, now: number): boolean {
  const elapsedH = (now - s.createdAt + s.boostMs) / 3_600_000;
  const next = schedule(s).find((c) => c.afterH > elapsedH);
  if (!next) return false;
  s.boostMs += (next.afterH - elapsedH) * 3_600_000 + 1;
  return true;
}

export function unifiedStatusCode(typeCode: string | undefined): 'pre-transit' | 'transit' | 'delivered' | 'failure' {
  if (typeCode === undefined) return 'pre-transit';
  if (typeCode === 'OK' || typeCode === 'DD') return 'delivered';
  if (['NH', 'BA', 'HP', 'RD', 'RT'].includes(typeCode)) return 'failure';
  return 'transit';
}

export function isDelivered(s: Shipment, now: number): boolean {
  return eventsAt(s, now).some((e) => e.typeCode === 'OK' || e.typeCode === 'DD');
}

/** DHL Express waybill: 9 digits + check digit (mod 7). */
export function awbFromSequence(n: number): string {
  const body = String(110_373_390 + n).padStart(9, '0').slice(-9);
  return body + String(Number(body) % 7);
}
