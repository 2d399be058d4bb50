'use client';

import Link from 'next/link';
import { useEffect, type ReactNode } from 'react';
import { useParams, usePathname, useRouter } from 'next/navigation';
import { useMutation, useQuery } from 'urql';
import { ME_QUERY, SIGN_OUT, type Me } from '@/features/auth/auth.gql';
import { SessionProvider } from '@/features/auth/session';
import { INTEGRATIONS_QUERY, type IntegrationSummary } from '@/features/integrations/integrations.gql';
import { setCsrfToken } from '@/graphql/csrf';
import { isUnauthenticated } from '@/lib/errors';
import { ErrorMessage, Loading } from '@/components/ui';

const LAST_KEY = 'megzo.integration';

function NavLink({ href, children, exact }: { href: string; children: ReactNode; exact?: boolean }) {
  const path = usePathname();
  const active = exact ? path === href : path === href || path.startsWith(href + '/');
  return (
    <li>
      <Link href={href} aria-current={active ? 'page' : undefined}>
        {children}
      </Link>
    </li>
  );
}

export function AppShell({ children }: { children: ReactNode }) {
  const router = useRouter();
  const path = usePathname();
  const params = useParams<{ integrationId?: string }>();
  const [me] = useQuery<{ me: Me | null; csrfToken: string | null }>({ query: ME_QUERY, requestPolicy: 'network-only' });
  const [ints] = useQuery<{ integrations: IntegrationSummary[] }>({ query: INTEGRATIONS_QUERY, pause: !me.data?.me });
  const [, signOut] = useMutation(SIGN_OUT);

  const csrf = me.data?.csrfToken;
  useEffect(() => {
    if (csrf) setCsrfToken(csrf);
  }, [csrf]);

  const signedOut = !me.fetching && (isUnauthenticated(me.error) || (me.data && !me.data.me));
  useEffect(() => {
    if (signedOut) router.replace(`/signin?next=${encodeURIComponent(path)}`);
  }, [signedOut, router, path]);

  const list = ints.data?.integrations ?? [];
  const fromUrl = params.integrationId;
  useEffect(() => {
    if (fromUrl) window.localStorage.setItem(LAST_KEY, fromUrl);
  }, [fromUrl]);
  const stored = typeof window !== 'undefined' ? window.localStorage.getItem(LAST_KEY) : null;
  const current = fromUrl ?? (list.some((i) => i.id === stored) ? stored : list[0]?.id) ?? null;

  if (me.fetching && !me.data) return <div className="signin-wrap"><Loading label="Opening the studio…" /></div>;
  if (me.error && !signedOut)
    return (
      <div className="signin-wrap">
        <div className="stack" style={{ alignItems: 'center' }}>
          <ErrorMessage error={me.error} />
          <button type="button" onClick={() => window.location.reload()}>
            Try again
          </button>
        </div>
      </div>
    );
  if (!me.data?.me) return <div className="signin-wrap"><Loading label="Taking you to sign in…" /></div>;
  const user = me.data.me;
  const base = current ? `/integrations/${current}` : null;

  return (
    <SessionProvider me={user}>
      <div className="shell">
        <aside className="sidebar" aria-label="Studio navigation">
          <div className="brand">
            MEGZO IV <small>Integration studio</small>
          </div>
          <div>
            <label className="section-label" htmlFor="integration-picker">
              Integration
            </label>
            <select
              id="integration-picker"
              data-testid="integration-picker"
              value={current ?? ''}
              onChange={(e) => router.push(`/integrations/${e.target.value}`)}
              disabled={list.length === 0}
            >
              {list.length === 0 ? <option value="">No integrations yet</option> : null}
              {list.map((i) => (
                <option key={i.id} value={i.id}>
                  {i.name}
                  {i.enabled ? '' : ' (paused)'}
                </option>
              ))}
            </select>
          </div>
          <nav aria-label="Main">
            {base ? (
              <ul>
                <NavLink href={base} exact>Dashboard</NavLink>
                <NavLink href={`${base}/runs`}>Runs</NavLink>
                <NavLink href={`${base}/orders`}>Orders</NavLink>
                <NavLink href={`${base}/catalog`}>Catalog</NavLink>
                <NavLink href={`${base}/stock`}>Stock buffers</NavLink>
              </ul>
            ) : null}
            <div className="section-label" style={{ marginTop: 16 }}>Setup</div>
            <ul>
              <NavLink href="/mappings">Mappings</NavLink>
              <NavLink href="/connections">Connections</NavLink>
            </ul>
          </nav>
          <div className="user" data-testid="current-user">
            <div>{user.name}</div>
            <div>
              {user.email} · <span data-testid="current-role">{user.role.toLowerCase()}</span>
            </div>
            <button
              type="button"
              onClick={async () => {
                await signOut({});
                setCsrfToken(null);
                router.replace('/signin');
              }}
            >
              Sign out
            </button>
          </div>
        </aside>
        <main id="main" className="main">
          {children}
        </main>
      </div>
    </SessionProvider>
  );
}
