/**
 * CSRF token for cookie-authenticated POSTs (double submit). The API sets a
 * readable `megzo_csrf` cookie next to the httpOnly session cookie and also
 * returns the token from `signIn` / `csrfToken`; the cookie wins when present.
 */
const KEY = 'megzo.csrf';
let memory: string | null = null;

export function setCsrfToken(token: string | null | undefined): void {
  memory = token ?? null;
  if (typeof window === 'undefined') return;
  if (token) window.sessionStorage.setItem(KEY, token);
  else window.sessionStorage.removeItem(KEY);
}

function fromCookie(): string | null {
  const c = document.cookie.split('; ').find((x) => x.startsWith('megzo_csrf='));
  return c ? decodeURIComponent(c.slice('megzo_csrf='.length)) : null;
}

export function getCsrfToken(): string | null {
  if (typeof window === 'undefined') return memory;
  return fromCookie() ?? memory ?? window.sessionStorage.getItem(KEY);
}
