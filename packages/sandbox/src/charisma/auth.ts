import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { SimClock } from '../common/clock.ts';
import { isRecord } from '../common/http.ts';
import { API_KEY_HEADER, COMPANY, COMPANY_HEADER, TOKEN_PATH } from './contract.ts';
import { fail } from './errors.ts';
import type { CharismaState } from './state.ts';

export interface CharismaCredentials {
  clientId: string;
  clientSecret: string;
  apiKey: string;
}

/** OAuth2 client-credentials token endpoint plus the Bearer / X-Api-Key guard on every API call. */
export function installAuth(app: FastifyInstance, state: () => CharismaState, clock: SimClock, creds: CharismaCredentials): void {
  app.post(TOKEN_PATH, async (req, reply) => {
    const b = isRecord(req.body) ? req.body : {};
    // Client credentials may come in the form body or as HTTP Basic (RFC 6749 §2.3.1).
    let id = typeof b.client_id === 'string' ? b.client_id : undefined;
    let secret = typeof b.client_secret === 'string' ? b.client_secret : undefined;
    const h = req.headers.authorization;
    if (h?.startsWith('Basic ')) {
      const [u, p] = Buffer.from(h.slice(6), 'base64').toString('utf8').split(':');
      id = u ? decodeURIComponent(u) : id;
      secret = p ? decodeURIComponent(p) : secret;
    }
    if (b.grant_type !== 'client_credentials') {
      return reply.code(400).send({ error: 'unsupported_grant_type', error_description: 'grant_type must be client_credentials' });
    }
    if (id !== creds.clientId || secret !== creds.clientSecret) {
      return reply.code(401).send({ error: 'invalid_client', error_description: 'Client authentication failed' });
    }
    const token = randomBytes(24).toString('base64url');
    const s = state();
    s.tokens.set(token, clock.nowMs() + s.options.tokenTtlS * 1000);
    return { access_token: token, token_type: 'Bearer', expires_in: s.options.tokenTtlS, ...(typeof b.scope === 'string' ? { scope: b.scope } : {}) };
  });

  app.addHook('preHandler', async (req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    if (path.startsWith('/_sandbox') || path === TOKEN_PATH) return;
    const s = state();
    const key = req.headers[API_KEY_HEADER];
    if (typeof key === 'string') {
      if (!s.options.apiKeyEnabled || key !== creds.apiKey) return fail(req, reply, 'UNAUTHENTICATED', 'Invalid API key');
    } else {
      const h = req.headers.authorization;
      if (!h || !h.startsWith('Bearer ')) return fail(req, reply, 'UNAUTHENTICATED', 'Missing bearer token');
      const exp = s.tokens.get(h.slice(7).trim());
      if (exp === undefined) return fail(req, reply, 'UNAUTHENTICATED', 'Invalid bearer token');
      if (exp <= clock.nowMs()) return fail(req, reply, 'TOKEN_EXPIRED', 'The access token has expired');
    }
    // One company database per adapter instance; an X-Company naming another CIF is refused.
    const company = req.headers[COMPANY_HEADER];
    if (typeof company === 'string' && company.replace(/^RO/i, '').trim() !== COMPANY.cif.replace(/^RO/i, '')) {
      return fail(req, reply, 'FORBIDDEN', `Company ${company} is not served by this adapter`, [{ field: 'X-Company', issue: 'unknown company' }]);
    }
    return undefined;
  });
}
