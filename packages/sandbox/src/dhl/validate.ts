import { isRecord } from '../common/http.ts';

/** JSON-schema style problems (→ 422) with DHL's JSON-pointer wording. */
export function schemaProblems(body: unknown): string[] {
  const out: string[] = [];
  if (!isRecord(body)) return ['#: expected type: JSONObject, found: ' + (Array.isArray(body) ? 'JSONArray' : typeof body)];
  const req = (obj: Record<string, unknown>, ptr: string, keys: string[]): void => {
    for (const k of keys) if (obj[k] === undefined || obj[k] === null) out.push(`${ptr}: required key [${k}] not found`);
  };
  const type = (v: unknown, ptr: string, t: 'string' | 'number' | 'boolean' | 'array' | 'object'): boolean => {
    const ok = t === 'array' ? Array.isArray(v) : t === 'object' ? isRecord(v) : typeof v === t;
    if (!ok && v !== undefined && v !== null) out.push(`${ptr}: expected type: ${t === 'object' ? 'JSONObject' : t === 'array' ? 'JSONArray' : t[0]?.toUpperCase() + t.slice(1)}, found: ${Array.isArray(v) ? 'JSONArray' : typeof v}`);
    return ok;
  };
  req(body, '#', ['plannedShippingDateAndTime', 'pickup', 'productCode', 'accounts', 'customerDetails', 'content']);
  type(body.plannedShippingDateAndTime, '#/plannedShippingDateAndTime', 'string');
  if (type(body.productCode, '#/productCode', 'string') && !/^[A-Z0-9]$/.test(body.productCode as string)) out.push('#/productCode: string [' + String(body.productCode) + '] does not match pattern ^[A-Z0-9]$');
  if (type(body.pickup, '#/pickup', 'object')) {
    const p = body.pickup as Record<string, unknown>;
    req(p, '#/pickup', ['isRequested']);
    type(p.isRequested, '#/pickup/isRequested', 'boolean');
  }
  if (type(body.accounts, '#/accounts', 'array')) {
    const accounts = body.accounts as unknown[];
    if (accounts.length === 0) out.push('#/accounts: expected minimum item count: 1, found: 0');
    accounts.forEach((a, i) => {
      if (!type(a, `#/accounts/${i}`, 'object')) return;
      req(a as Record<string, unknown>, `#/accounts/${i}`, ['typeCode', 'number']);
    });
  }
  if (type(body.customerDetails, '#/customerDetails', 'object')) {
    const cd = body.customerDetails as Record<string, unknown>;
    req(cd, '#/customerDetails', ['shipperDetails', 'receiverDetails']);
    for (const role of ['shipperDetails', 'receiverDetails']) {
      const d = cd[role];
      if (!type(d, `#/customerDetails/${role}`, 'object')) continue;
      const det = d as Record<string, unknown>;
      req(det, `#/customerDetails/${role}`, ['postalAddress', 'contactInformation']);
      if (type(det.postalAddress, `#/customerDetails/${role}/postalAddress`, 'object')) {
        const pa = det.postalAddress as Record<string, unknown>;
        req(pa, `#/customerDetails/${role}/postalAddress`, ['postalCode', 'cityName', 'countryCode', 'addressLine1']);
        if (typeof pa.countryCode === 'string' && !/^[A-Z]{2}$/.test(pa.countryCode)) out.push(`#/customerDetails/${role}/postalAddress/countryCode: string [${pa.countryCode}] does not match pattern ^[A-Z]{2}$`);
      }
      if (type(det.contactInformation, `#/customerDetails/${role}/contactInformation`, 'object')) {
        req(det.contactInformation as Record<string, unknown>, `#/customerDetails/${role}/contactInformation`, ['phone', 'companyName', 'fullName']);
      }
    }
  }
  if (type(body.content, '#/content', 'object')) {
    const c = body.content as Record<string, unknown>;
    req(c, '#/content', ['packages', 'isCustomsDeclarable', 'description', 'incoterm', 'unitOfMeasurement']);
    type(c.isCustomsDeclarable, '#/content/isCustomsDeclarable', 'boolean');
    if (c.unitOfMeasurement !== undefined && c.unitOfMeasurement !== 'metric' && c.unitOfMeasurement !== 'imperial') out.push(`#/content/unitOfMeasurement: ${String(c.unitOfMeasurement)} is not a valid enum value`);
    if (type(c.packages, '#/content/packages', 'array')) {
      const pk = c.packages as unknown[];
      if (pk.length === 0) out.push('#/content/packages: expected minimum item count: 1, found: 0');
      pk.forEach((p, i) => {
        const ptr = `#/content/packages/${i}`;
        if (!type(p, ptr, 'object')) return;
        const pkg = p as Record<string, unknown>;
        req(pkg, ptr, ['weight']);
        if (type(pkg.weight, `${ptr}/weight`, 'number') && (pkg.weight as number) <= 0) out.push(`${ptr}/weight: ${String(pkg.weight)} is not greater than 0`);
        if (pkg.dimensions !== undefined && type(pkg.dimensions, `${ptr}/dimensions`, 'object')) {
          const dim = pkg.dimensions as Record<string, unknown>;
          req(dim, `${ptr}/dimensions`, ['length', 'width', 'height']);
          for (const k of ['length', 'width', 'height']) if (type(dim[k], `${ptr}/dimensions/${k}`, 'number') && (dim[k] as number) < 0.001) out.push(`${ptr}/dimensions/${k}: ${String(dim[k])} is less than minimum 0.001`);
        }
      });
    }
  }
  return out;
}

export const EU = new Set(['AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE']);
const INTERNATIONAL_PRODUCTS = new Set(['P', 'D', 'T', 'Y', 'K', 'W', 'H', 'U', '7', '8']);
const VAS_ANY_LANE = new Set(['II', 'WY', 'PH', 'PR', 'TK', 'AA']);
const PLANNED_RE = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2}) GMT([+-])(\d{2}):(\d{2})$/;

export function parsePlanned(v: string): number | null {
  const m = PLANNED_RE.exec(v);
  if (!m) return null;
  const local = Date.parse(`${m[1]}T${m[2]}:${m[3]}:${m[4]}Z`);
  const off = (Number(m[6]) * 60 + Number(m[7])) * 60_000 * (m[5] === '-' ? -1 : 1);
  return Number.isNaN(local) ? null : local - off;
}

/** Business rules (→ 400 with a numeric-prefixed detail). Codes other than 998/7008 are ASSUMED. */
export function businessProblem(body: Record<string, unknown>, now: number, accountNumber: string): string | null {
  const planned = parsePlanned(String(body.plannedShippingDateAndTime));
  if (planned === null) return `998: ShipTimeStamp is not well formatted.(Expected Sample Format : '2010-02-11T17:10:09 GMT+01:00')`;
  if (planned < now - 24 * 3_600_000) return '997: The planned shipping date is in the past';
  if (planned > now + 10 * 86_400_000) return '996: The planned shipping date is more than 10 days ahead';
  const accounts = body.accounts as Array<Record<string, unknown>>;
  for (const a of accounts) {
    if (String(a.number) !== accountNumber) return `1001: Account number ${String(a.number)} is invalid or not authorised for this user`;
  }
  const cd = body.customerDetails as Record<string, Record<string, Record<string, unknown>>>;
  const from = String(cd.shipperDetails?.postalAddress?.countryCode);
  const to = String(cd.receiverDetails?.postalAddress?.countryCode);
  const product = String(body.productCode);
  const domestic = from === to;
  if (domestic ? product !== 'N' : !INTERNATIONAL_PRODUCTS.has(product)) return `7006: Product ${product} is not available for the lane ${from}-${to}`;
  const content = body.content as Record<string, unknown>;
  const crossesCustoms = !domestic && !(EU.has(from) && EU.has(to));
  if (Array.isArray(body.valueAddedServices)) {
    for (const v of body.valueAddedServices as Array<Record<string, unknown>>) {
      const code = String(v?.serviceCode);
      const ok = VAS_ANY_LANE.has(code) || (code === 'DD' && crossesCustoms);
      if (!ok) return `7008: The requested service ${code} is not available for the lane ${from}-${to}`;
    }
  }
  if (content.isCustomsDeclarable === true) {
    if (!content.exportDeclaration) return '4036: exportDeclaration is required when isCustomsDeclarable is true';
    if (content.declaredValue === undefined || content.declaredValueCurrency === undefined) return '4037: declaredValue and declaredValueCurrency are required when isCustomsDeclarable is true';
  } else if (crossesCustoms) {
    return `4035: Shipment ${from}-${to} leaves the EU customs union and must have isCustomsDeclarable true`;
  }
  return null;
}
