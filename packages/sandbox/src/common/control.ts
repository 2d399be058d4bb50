import { z } from 'zod';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { SimClock } from './clock.ts';
import { faultConfigSchema, type FaultInjector } from './faults.ts';
import { isInvalidBody } from './http.ts';

export interface ControlHooks {
  clock: SimClock;
  faults: FaultInjector;
  reset(): void;
  seed(products: number, seed: number): void | Promise<void>;
  /** Called after the clock moved, so time-based work runs now. */
  tick(): void;
}

const seedSchema = z.object({
  products: z.number().int().min(0).max(100_000).default(500),
  seed: z.number().int().default(42),
});
const advanceSchema = z.object({ seconds: z.number().min(0).max(10 * 365 * 86_400) });
const setSchema = z.object({ at: z.string().datetime({ offset: true }) });

/** Zod issues as {field, message} pairs naming the offending field. */
export function zodDetails(error: z.ZodError): Array<{ field: string; message: string }> {
  return error.issues.map((i) => ({ field: i.path.map(String).join('.') || '(body)', message: i.message }));
}

export function controlError(reply: FastifyReply, error: z.ZodError | string): FastifyReply {
  const details = typeof error === 'string' ? [{ field: '(body)', message: error }] : zodDetails(error);
  return reply.code(400).send({ error: 'invalid control request', details });
}

/** Parse a control body (possibly empty) with a schema; answer 400 naming the field on failure. */
export function parseControl<T>(schema: z.ZodType<T>, body: unknown, reply: FastifyReply): T | null {
  if (isInvalidBody(body)) {
    controlError(reply, `body is not valid JSON: ${body.reason}`);
    return null;
  }
  const r = schema.safeParse(body ?? {});
  if (!r.success) {
    controlError(reply, r.error);
    return null;
  }
  return r.data;
}

/** The `/_sandbox` routes common to every simulator (no auth: loopback test harness). */
export function registerControl(app: FastifyInstance, hooks: ControlHooks): void {
  app.post('/_sandbox/reset', async () => {
    // Clock first, so the fresh state is stamped with the reset time.
    hooks.clock.reset();
    hooks.faults.clear();
    hooks.reset();
    return { ok: true };
  });
  app.post('/_sandbox/seed', async (req, reply) => {
    const body = parseControl(seedSchema, req.body, reply);
    if (!body) return reply;
    await hooks.seed(body.products, body.seed);
    return { ok: true, products: body.products, seed: body.seed };
  });
  app.get('/_sandbox/faults', async () => ({ faults: hooks.faults.list(), stats: hooks.faults.stats }));
  app.post('/_sandbox/faults', async (req, reply) => {
    const schema = z.union([faultConfigSchema, z.array(faultConfigSchema)]);
    const body = parseControl(schema, req.body, reply);
    if (!body) return reply;
    for (const f of Array.isArray(body) ? body : [body]) hooks.faults.add(f);
    return { faults: hooks.faults.list() };
  });
  app.put('/_sandbox/faults', async (req, reply) => {
    const body = parseControl(z.array(faultConfigSchema), req.body, reply);
    if (!body) return reply;
    hooks.faults.set(body);
    return { faults: hooks.faults.list() };
  });
  app.delete('/_sandbox/faults', async () => {
    hooks.faults.clear();
    return { faults: [] };
  });
  app.get('/_sandbox/clock', async () => ({ now: hooks.clock.now().toISOString() }));
  app.post('/_sandbox/clock/advance', async (req, reply) => {
    const body = parseControl(advanceSchema, req.body, reply);
    if (!body) return reply;
    hooks.clock.advance(body.seconds);
    hooks.tick();
    return { now: hooks.clock.now().toISOString() };
  });
  app.post('/_sandbox/clock/set', async (req, reply) => {
    const body = parseControl(setSchema, req.body, reply);
    if (!body) return reply;
    hooks.clock.set(Date.parse(body.at));
    hooks.tick();
    return { now: hooks.clock.now().toISOString() };
  });
}
