/** Cookie names, parsing and the Set-Cookie strings for the studio session. */
export const SESSION_COOKIE = 'megzo_session';
export const CSRF_COOKIE = 'megzo_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export function parseCookies(header: string | null | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!header) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (!name || out.has(name)) continue;
    try {
      out.set(name, decodeURIComponent(value));
    } catch {
      out.set(name, value);
    }
  }
  return out;
}

interface CookieOptions {
  secure: boolean;
  maxAgeSeconds: number;
  httpOnly: boolean;
}

function cookie(name: string, value: string, o: CookieOptions): string {
  return [
    `${name}=${encodeURIComponent(value)}`,
    'Path=/',
    `Max-Age=${o.maxAgeSeconds}`,
    'SameSite=Lax',
    o.httpOnly ? 'HttpOnly' : '',
    o.secure ? 'Secure' : '',
  ]
    .filter(Boolean)
    .join('; ');
}

/** The session cookie (httpOnly) and the CSRF cookie (readable by the studio for the double-submit header). */
export function sessionCookies(token: string, csrfToken: string, secure: boolean, maxAgeSeconds: number): string[] {
  return [
    cookie(SESSION_COOKIE, token, { secure, maxAgeSeconds, httpOnly: true }),
    cookie(CSRF_COOKIE, csrfToken, { secure, maxAgeSeconds, httpOnly: false }),
  ];
}

export function clearSessionCookies(secure: boolean): string[] {
  return [
    cookie(SESSION_COOKIE, '', { secure, maxAgeSeconds: 0, httpOnly: true }),
    cookie(CSRF_COOKIE, '', { secure, maxAgeSeconds: 0, httpOnly: false }),
  ];
}

/** The studio origin plus its loopback alias (localhost ⇄ 127.0.0.1): the same dev studio either way. */
export function studioOrigins(origin: string): string[] {
  const u = new URL(origin);
  const alias = u.hostname === 'localhost' ? '127.0.0.1' : u.hostname === '127.0.0.1' ? 'localhost' : null;
  if (!alias) return [u.origin];
  const other = new URL(u.origin);
  other.hostname = alias;
  return [u.origin, other.origin];
}
