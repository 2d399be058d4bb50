import type { AuthPlugin } from './http.ts';

export function basicAuth(username: string, password: string): AuthPlugin {
  const value = `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
  return {
    apply: async (headers) => {
      headers.Authorization = value;
    },
  };
}

export function apiKeyAuth(header: string, key: string): AuthPlugin {
  return {
    apply: async (headers) => {
      headers[header] = key;
    },
  };
}

export interface Token {
  accessToken: string;
  expiresInSeconds: number;
}

/**
 * Bearer token from a token endpoint (OAuth2 client credentials). The token is cached
 * until shortly before it expires, fetched once for concurrent callers, and refreshed
 * once on a 401 (e.g. TOKEN_EXPIRED).
 */
export function bearerTokenAuth(fetchToken: () => Promise<Token>, now: () => number = Date.now): AuthPlugin {
  let token: { value: string; expiresAt: number } | undefined;
  let inflight: Promise<void> | undefined;
  const load = async () => {
    inflight ??= fetchToken()
      .then((t) => {
        token = { value: t.accessToken, expiresAt: now() + Math.max(1, t.expiresInSeconds - 30) * 1000 };
      })
      .finally(() => {
        inflight = undefined;
      });
    await inflight;
  };
  return {
    apply: async (headers) => {
      if (!token || token.expiresAt <= now()) await load();
      headers.Authorization = `Bearer ${token?.value ?? ''}`;
    },
    refresh: async () => {
      token = undefined;
      await load();
      return true;
    },
  };
}
