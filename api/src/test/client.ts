/** A tiny GraphQL-over-HTTP client for tests: cookie sessions (with CSRF) or API keys. */
export type Auth = { cookie: string; csrf: string } | { apiKey: string } | null;

export interface GqlResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: { data?: T | null; errors?: { message: string; extensions?: Record<string, unknown>; path?: unknown[] }[] };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary response shapes
export async function gql<T = Record<string, any>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  auth: Auth = null,
  extraHeaders: Record<string, string> = {},
): Promise<GqlResponse<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...extraHeaders };
  if (auth && 'apiKey' in auth) headers.authorization = `Bearer ${auth.apiKey}`;
  if (auth && 'cookie' in auth) {
    headers.cookie = auth.cookie;
    headers['x-csrf-token'] = auth.csrf;
  }
  const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const text = await res.text();
  let body: GqlResponse<T>['body'];
  try {
    body = JSON.parse(text) as GqlResponse<T>['body'];
  } catch {
    body = { errors: [{ message: text }] };
  }
  return { status: res.status, headers: res.headers, body };
}

/** Signs in and returns the cookie header + CSRF token for later requests. */
export async function signInAs(url: string, email: string, password: string): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation($e:String!,$p:String!){ signIn(email:$e,password:$p){ __typename ... on SignInSuccess { csrfToken } ... on Error { message } } }',
      variables: { e: email, p: password },
    }),
  });
  const body = (await res.json()) as { data?: { signIn: { __typename: string; csrfToken?: string; message?: string } } };
  const r = body.data?.signIn;
  if (r?.__typename !== 'SignInSuccess' || !r.csrfToken) throw new Error(`sign-in failed: ${JSON.stringify(body)}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { cookie, csrf: r.csrfToken };
}
