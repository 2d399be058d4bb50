'use client';

import { useState, type FormEvent } from 'react';
import { useRouter, useSearchParams } from 'next/navigation';
import { useMutation } from 'urql';
import { SIGN_IN } from './auth.gql';
import { setCsrfToken } from '@/graphql/csrf';
import { plainError } from '@/lib/errors';

type SignInResult = {
  signIn: { __typename: string; csrfToken?: string; message?: string } | null;
};

export function SignInForm() {
  const router = useRouter();
  const params = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [state, signIn] = useMutation<SignInResult>(SIGN_IN);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setProblem(null);
    const res = await signIn({ email: email.trim(), password });
    const payload = res.data?.signIn;
    if (res.error) return setProblem(plainError(res.error));
    if (!payload || payload.message || !payload.csrfToken) {
      return setProblem(payload?.message ?? 'That email and password do not match an account.');
    }
    setCsrfToken(payload.csrfToken);
    const next = params.get('next');
    router.replace(next && next.startsWith('/') ? next : '/');
  }

  return (
    <form className="card stack" onSubmit={submit} aria-labelledby="signin-title" data-testid="signin-form">
      <div>
        <h1 id="signin-title">Sign in to MEGZO IV</h1>
        <p className="muted">Watch your syncs and edit how fields are mapped.</p>
      </div>
      {problem ? (
        <div className="alert error" role="alert" data-testid="signin-error">
          {problem}
        </div>
      ) : null}
      <label className="field">
        Email
        <input type="email" name="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} autoFocus />
      </label>
      <label className="field">
        Password
        <input type="password" name="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
      </label>
      <button type="submit" className="primary" disabled={state.fetching} data-testid="signin-submit">
        {state.fetching ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
