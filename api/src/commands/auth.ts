/** Sign-in / sign-out for studio users: argon2id passwords, rate-limited, session rows with a CSRF token. */
import { z } from 'zod';
import type { AppDeps } from '../deps.ts';
import { dummyPasswordHash, verifyPassword } from '../auth/password.ts';
import { randomToken, sha256 } from '../auth/tokens.ts';
import { InputError, InvalidCredentialsError, RateLimitedError } from '../errors.ts';

export const SignInInput = z.object({
  email: z.string().trim().toLowerCase().email('must be an e-mail address').max(254),
  password: z.string().min(1, 'must not be empty').max(1024),
});

export interface SignInResult {
  userId: string;
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

export async function signIn(deps: AppDeps, input: { email: string; password: string }, ip: string): Promise<SignInResult> {
  const parsed = SignInInput.safeParse(input);
  if (!parsed.success) throw InputError.fromZod(parsed.error);
  const { email, password } = parsed.data;
  const keys = [`ip:${ip}`, `email:${email}`];
  const wait = Math.max(...keys.map((k) => deps.signInLimiter.retryAfter(k)));
  if (wait > 0) throw new RateLimitedError(wait);

  const user = await deps.prisma.user.findUnique({ where: { email }, select: { id: true, passwordHash: true } });
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!user || !ok) {
    for (const k of keys) deps.signInLimiter.hit(k);
    throw new InvalidCredentialsError();
  }
  deps.signInLimiter.reset(`email:${email}`);
  const token = randomToken();
  const csrfToken = randomToken();
  const expiresAt = new Date(deps.now().getTime() + deps.config.sessionTtlMs);
  await deps.prisma.session.create({ data: { userId: user.id, tokenHash: sha256(token), csrfToken, expiresAt } });
  return { userId: user.id, token, csrfToken, expiresAt };
}

export async function signOut(deps: AppDeps, sessionId: string): Promise<void> {
  await deps.prisma.session.deleteMany({ where: { id: sessionId } });
  deps.authenticator.invalidate();
}
