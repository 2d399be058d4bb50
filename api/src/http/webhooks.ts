/**
 * POST /hooks/:integrationId/:source — a push wake-up from an external system.
 *
 * The sender signs `<timestamp>.<raw body>` with HMAC-SHA256 under the tenant's webhook
 * secret and sends `x-megzo-timestamp: <unix seconds>` and
 * `x-megzo-signature: sha256=<hex>`. A request outside the timestamp tolerance, with a
 * wrong signature, an unknown integration or a source that is not one of the
 * integration's connectors is refused with one clear message and changes nothing.
 */
import { createHmac } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { FlowId } from '@megzo/domain';
import type { AppDeps } from '../deps.ts';
import { safeEqual } from '../auth/tokens.ts';
import { wakeUpIntegration } from '../commands/wake-up.ts';
import { InputError, NotFoundError } from '../errors.ts';
import { PayloadTooLargeError, header, readBody, sendJson } from './node.ts';

export const SIGNATURE_HEADER = 'x-megzo-signature';
export const TIMESTAMP_HEADER = 'x-megzo-timestamp';

export function signWebhook(secret: string, timestamp: number, body: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`;
}

const Body = z.object({ flow: FlowId.optional(), event: z.string().max(200).optional() }).passthrough();

export async function handleWebhook(req: IncomingMessage, res: ServerResponse, deps: AppDeps, path: string): Promise<void> {
  const m = /^\/hooks\/([A-Za-z0-9_-]{1,64})\/([a-z0-9-]{1,64})\/?$/.exec(path);
  if (!m) return sendJson(res, 404, { error: 'Webhook URL must be /hooks/<integrationId>/<source>' });
  if (req.method !== 'POST') return sendJson(res, 405, { error: 'Webhooks must be POSTed' }, { allow: 'POST' });
  const [, integrationId = '', source = ''] = m;
  const reject = (status: number, error: string) => {
    deps.metrics.webhooks.inc({ result: String(status) });
    sendJson(res, status, { error });
  };

  let raw: Buffer;
  try {
    raw = await readBody(req, deps.config.bodyLimit);
  } catch (e) {
    if (e instanceof PayloadTooLargeError) return reject(413, e.message);
    throw e;
  }
  const tsHeader = header(req, TIMESTAMP_HEADER);
  const sigHeader = header(req, SIGNATURE_HEADER);
  if (!tsHeader || !/^\d{9,12}$/.test(tsHeader)) return reject(401, `Missing or malformed ${TIMESTAMP_HEADER} header (unix seconds)`);
  if (!sigHeader || !/^sha256=[0-9a-f]{64}$/.test(sigHeader)) return reject(401, `Missing or malformed ${SIGNATURE_HEADER} header (sha256=<hex>)`);
  const ts = Number(tsHeader);
  const skew = Math.abs(deps.now().getTime() / 1000 - ts);
  if (skew > deps.config.webhookToleranceSeconds)
    return reject(401, `Webhook timestamp is outside the tolerance of ${deps.config.webhookToleranceSeconds} s`);

  const integration = await deps.prisma.integration.findUnique({
    where: { id: integrationId },
    select: { id: true, tenantId: true, tenant: { select: { webhookSecret: true } } },
  });
  const cipher = integration?.tenant.webhookSecret;
  // Unknown integration and a tenant with no secret answer like a bad signature: nothing leaks.
  const expected = cipher ? signWebhook(deps.secrets.decrypt(cipher), ts, raw) : null;
  if (!integration || !expected || !safeEqual(expected, sigHeader)) return reject(401, 'Webhook signature does not match');

  let body: z.infer<typeof Body> = {};
  if (raw.length > 0) {
    let json: unknown;
    try {
      json = JSON.parse(raw.toString('utf8'));
    } catch {
      return reject(400, 'Webhook body must be JSON');
    }
    const parsed = Body.safeParse(json);
    if (!parsed.success) return reject(400, `Webhook body: ${parsed.error.issues[0]?.path.join('.') || 'body'} ${parsed.error.issues[0]?.message}`);
    body = parsed.data;
  }
  try {
    const result = await wakeUpIntegration(deps, {
      tenantId: integration.tenantId,
      integrationId: integration.id,
      source,
      flow: body.flow,
      reason: `webhook ${source}${body.event ? ` ${body.event}` : ''}`,
    });
    deps.metrics.webhooks.inc({ result: '202' });
    sendJson(res, 202, { accepted: true, flows: result.flows });
  } catch (e) {
    if (e instanceof InputError) return reject(400, e.message);
    if (e instanceof NotFoundError) return reject(404, e.message);
    throw e;
  }
}
