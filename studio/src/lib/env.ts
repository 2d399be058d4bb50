/** The default GraphQL endpoint; the server may override it at runtime (see apiUrlAtRuntime). */
export const API_URL: string = process.env.NEXT_PUBLIC_API_URL ?? 'http://localhost:4000/graphql';

/**
 * Server only: `MEGZO_API_URL` (set by the stack supervisor at `next start`) wins over the
 * build-time NEXT_PUBLIC_API_URL, so a built studio can talk to an API on any port.
 */
export function apiUrlAtRuntime(): string {
  return process.env.MEGZO_API_URL || API_URL;
}

/** graphql-ws endpoint: same path as HTTP, ws(s) scheme. */
export function wsUrl(httpUrl: string = API_URL): string {
  return httpUrl.replace(/^http(s?):\/\//, (_m, s: string) => `ws${s}://`);
}
