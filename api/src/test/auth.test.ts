import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './harness.ts';
import { PASSWORD, seedTenant, type SeededTenant } from './fixtures.ts';
import { gql, signInAs, type GqlResponse } from './client.ts';

let t: TestApp;
let a: SeededTenant;

beforeAll(async () => {
  t = await startTestApp();
  a = await seedTenant(t.db.prisma, t.deps.secrets, 'auth-a');
});
afterAll(() => t?.close());

describe('auth', () => {
  it('answers { health } without sign-in', async () => {
    const r = await gql(t.gql, '{ health }');
    expect(r.status).toBe(200);
    expect(r.body.data).toEqual({ health: 'ok' });
  });

  it('signs in, sets httpOnly SameSite=Lax cookies and returns the CSRF token', async () => {
    const res = await fetch(t.gql, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation { signIn(email: "' + a.users.admin + '", password: "' + PASSWORD + '") { __typename ... on SignInSuccess { csrfToken user { email role } } } }',
      }),
    });
    const body = await res.json();
    expect(body.data.signIn.__typename).toBe('SignInSuccess');
    expect(body.data.signIn.user).toEqual({ email: a.users.admin, role: 'ADMIN' });
    const cookies = res.headers.getSetCookie();
    const session = cookies.find((c) => c.startsWith('megzo_session='));
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Lax/);
    expect(cookies.find((c) => c.startsWith('megzo_csrf='))).toContain(body.data.signIn.csrfToken);
  });

  it('rejects a wrong password with a typed error', async () => {
    const r = await gql(t.gql, 'mutation { signIn(email: "' + a.users.viewer + '", password: "nope") { __typename ... on Error { message } } }');
    expect(r.body.data?.signIn).toEqual({ __typename: 'InvalidCredentialsError', message: 'E-mail or password is wrong' });
  });

  it('validates sign-in input (zod) into a typed InputError naming each field', async () => {
    const r = await gql(t.gql, 'mutation { signIn(email: "nope", password: "") { __typename ... on InputError { issues { path message } } } }');
    expect(r.body.data?.signIn).toEqual({
      __typename: 'InputError',
      issues: [
        { path: 'email', message: 'must be an e-mail address' },
        { path: 'password', message: 'must not be empty' },
      ],
    });
  });

  it('requires the CSRF header on cookie-authenticated POSTs', async () => {
    const s = await signInAs(t.gql, a.users.viewer, PASSWORD);
    const ok = await gql(t.gql, '{ me { email } }', {}, s);
    expect(ok.body.data).toEqual({ me: { email: a.users.viewer } });
    const noCsrf = await gql(t.gql, '{ tenant { id } }', {}, null, { cookie: s.cookie });
    expect(noCsrf.body.errors?.[0]?.message).toMatch(/CSRF/);
    const wrongCsrf = await gql(t.gql, '{ tenant { id } }', {}, { cookie: s.cookie, csrf: 'forged' });
    expect(wrongCsrf.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('authenticates API keys and refuses unknown ones', async () => {
    const ok = await gql(t.gql, '{ tenant { slug } }', {}, { apiKey: a.keys.readAll });
    expect(ok.body.data).toEqual({ tenant: { slug: 'auth-a' } });
    const bad = await gql(t.gql, '{ tenant { slug } }', {}, { apiKey: 'mgz_AAAAAAAA_' + 'A'.repeat(43) });
    expect(bad.body.errors?.[0]?.message).toMatch(/unknown or revoked/);
  });

  it('rate-limits sign-in attempts per e-mail', async () => {
    type R = { signIn: { __typename: string; retryAfterSeconds?: number } };
    let last: GqlResponse<R> | undefined;
    for (let i = 0; i < 12; i++) {
      last = await gql<R>(t.gql, 'mutation { signIn(email: "' + a.users.editor + '", password: "wrong") { __typename ... on RateLimitedError { retryAfterSeconds } } }');
    }
    expect(last?.body.data?.signIn.__typename).toBe('RateLimitedError');
    expect(last?.body.data?.signIn.retryAfterSeconds).toBeGreaterThan(0);
  });
});
