/**
 * CSRF token for cookie-authenticated POSTs. The API hands it out at sign-in (and
 * on `me`); we keep it for the tab's lifetime and fall back to a readable cookie.
 */
const KEY = 'megzo.csrf';
let memory: string | null = null;

export function setCsrfToken(token: string | null | undefined): void {
  memory = token ?? null;
  if (typeof window === 'undefined') return;
  if (token) window.sessionStorage.setItem(KEY, token);
  else window.sessionStorage.removeItem(KEY);
}

export function getCsrfToken(): string | null {
  if (memory) return memory;
  if (typeof window === 'undefined') return null;
  const stored = window.sessionStorage.getItem(KEY);
  if (stored) return (memory = stored);
  const cookie = document.cookie.split('; ').find((c) => /^(megzo[._-])?csrf(_token|-token)?=/i.test(c));
  return cookie ? decodeURIComponent(cookie.slice(cookie.indexOf('=') + 1)) : null;
}
