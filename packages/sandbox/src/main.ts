import { z } from 'zod';
import { DEFAULT_PORTS, startSandbox } from './index.ts';

const port = (name: string, fallback: number) =>
  z.coerce.number({ message: `${name} must be a port number` }).int(`${name} must be an integer`).min(0, `${name} must be 0..65535`).max(65535, `${name} must be 0..65535`).default(fallback);

const envSchema = z.object({
  SANDBOX_PORT_CDON: port('SANDBOX_PORT_CDON', DEFAULT_PORTS.cdon),
  SANDBOX_PORT_CHARISMA: port('SANDBOX_PORT_CHARISMA', DEFAULT_PORTS.charisma),
  SANDBOX_PORT_DHL: port('SANDBOX_PORT_DHL', DEFAULT_PORTS.dhl),
  SANDBOX_PORT_FX: port('SANDBOX_PORT_FX', DEFAULT_PORTS.fx),
  SANDBOX_HOST: z.string().min(1, 'SANDBOX_HOST must not be empty').default('127.0.0.1'),
  SANDBOX_PRODUCTS: z.coerce.number({ message: 'SANDBOX_PRODUCTS must be a number' }).int('SANDBOX_PRODUCTS must be an integer').min(0).max(100_000, 'SANDBOX_PRODUCTS must be at most 100000').default(500),
  SANDBOX_SEED: z.coerce.number({ message: 'SANDBOX_SEED must be a number' }).int('SANDBOX_SEED must be an integer').default(42),
});

function fromEnv(): z.infer<typeof envSchema> {
  const raw: Record<string, string | undefined> = {};
  for (const k of Object.keys(envSchema.shape)) {
    const v = process.env[k];
    raw[k] = v === undefined || v.trim() === '' ? undefined : v.trim();
  }
  const r = envSchema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0];
    const name = String(issue?.path[0] ?? 'environment');
    process.stderr.write(`sandbox: invalid ${name}=${JSON.stringify(raw[name] ?? '')}: ${issue?.message ?? 'invalid'}\n`);
    process.exit(2);
  }
  return r.data;
}

const env = fromEnv();
try {
  const sandbox = await startSandbox({
    host: env.SANDBOX_HOST,
    ports: { cdon: env.SANDBOX_PORT_CDON, charisma: env.SANDBOX_PORT_CHARISMA, dhl: env.SANDBOX_PORT_DHL, fx: env.SANDBOX_PORT_FX },
    products: env.SANDBOX_PRODUCTS,
    seed: env.SANDBOX_SEED,
  });
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    sandbox.close().then(() => process.exit(0), (e: unknown) => {
      process.stderr.write(`sandbox: error while closing: ${String(e)}\n`);
      process.exit(1);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.stdout.write(`${JSON.stringify({ sandbox: sandbox.urls })}\n`);
} catch (e) {
  process.stderr.write(`sandbox: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
}
