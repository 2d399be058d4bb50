/** The one place the studio reads its environment. */
export const API_URL: string = process.env.NEXT_PUBLIC_API_URL ?? 'http://localhost:4000/graphql';

/** graphql-ws endpoint: same path as HTTP, ws(s) scheme. */
export function wsUrl(httpUrl: string = API_URL): string {
  return httpUrl.replace(/^http(s?):\/\//, (_m, s: string) => `ws${s}://`);
}
