/** Studio sign-in: session cookie (httpOnly) + CSRF token for the x-csrf-token header. */
import { builder } from '../builder.ts';
import { signIn, signOut } from '../commands/auth.ts';
import { clearSessionCookies, sessionCookies } from '../auth/cookies.ts';
import { InputError, InvalidCredentialsError, RateLimitedError } from '../errors.ts';
import { UserRef } from './user.ts';

interface SignInShape {
  userId: string;
  csrfToken: string;
  expiresAt: Date;
}

const SignInSuccess = builder.objectRef<SignInShape>('SignInSuccess').implement({
  fields: (t) => ({
    csrfToken: t.exposeString('csrfToken', {
      description: 'Send as the x-csrf-token header on every POST made with the session cookie.',
    }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime' }),
    user: t.prismaField({
      type: 'User',
      resolve: (query, parent, _args, ctx) => ctx.prisma.user.findUniqueOrThrow({ ...query, where: { id: parent.userId } }),
    }),
  }),
});
void UserRef;

builder.queryField('csrfToken', (t) =>
  t.string({
    nullable: true,
    description: "The current session's CSRF token (null without a session).",
    resolve: async (_root, _args, ctx) => {
      if (ctx.principal?.kind !== 'user' || !ctx.principal.sessionId) return null;
      const s = await ctx.prisma.session.findUnique({ where: { id: ctx.principal.sessionId }, select: { csrfToken: true } });
      return s?.csrfToken ?? null;
    },
  }),
);

builder.mutationFields((t) => ({
  signIn: t.field({
    type: SignInSuccess,
    description: 'Sign in with e-mail and password; sets the session cookie. Rate-limited per address and e-mail.',
    errors: { types: [InputError, InvalidCredentialsError, RateLimitedError], directResult: true },
    args: {
      email: t.arg.string({ required: true, validate: { email: [true, { message: 'must be an e-mail address' }], maxLength: 254 } }),
      password: t.arg.string({ required: true, validate: { minLength: [1, { message: 'must not be empty' }], maxLength: 1024 } }),
    },
    resolve: async (_root, args, ctx) => {
      const r = await signIn(ctx.deps, args, ctx.ip);
      const maxAge = Math.floor(ctx.deps.config.sessionTtlMs / 1000);
      ctx.responseCookies.push(...sessionCookies(r.token, r.csrfToken, ctx.deps.config.cookieSecure, maxAge));
      return { userId: r.userId, csrfToken: r.csrfToken, expiresAt: r.expiresAt };
    },
  }),
  signOut: t.boolean({
    description: 'End the current session and clear its cookies.',
    resolve: async (_root, _args, ctx) => {
      if (ctx.principal?.kind === 'user' && ctx.principal.sessionId) await signOut(ctx.deps, ctx.principal.sessionId);
      ctx.responseCookies.push(...clearSessionCookies(ctx.deps.config.cookieSecure));
      return true;
    },
  }),
}));
