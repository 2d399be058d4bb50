/**
 * The API's environment, parsed once at start-up. Nothing else reads process.env.
 * A malformed variable is reported in one line naming it.
 */
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const url = (protocols: string[]) =>
  z.string().refine((v) => {
    try {
      return protocols.includes(new URL(v).protocol);
    } catch {
      return false;
    }
  }, `must be a URL starting with ${protocols.join(' or ')}`);

export const EnvSchema = z.object({
  DATABASE_URL: url(['postgres:', 'postgresql:']),
  API_PORT: z.coerce.number({ error: 'must be a port number (0-65535)' }).int('must be a port number (0-65535)').min(0, 'must be a port number (0-65535)').max(65535, 'must be a port number (0-65535)').default(4000),
  API_HOST: z.string().min(1).default('127.0.0.1'),
  REDIS_URL: url(['redis:', 'rediss:']).optional(),
  /** Secure cookies (HTTPS). Off by default for plain-http localhost development. */
  COOKIE_SECURE: bool.default(false),
  STUDIO_ORIGIN: url(['http:', 'https:']).default('http://localhost:3000'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Largest accepted request body in bytes. */
  API_BODY_LIMIT: z.coerce.number({ error: 'must be a number of bytes' }).int('must be a whole number of bytes').min(1024, 'must be at least 1024 bytes').default(1_048_576),
  /** JSON file { "<sha256>": "<document>" } of persisted operations. */
  API_PERSISTED_OPERATIONS: z.string().optional(),
  /** Accept only the persisted operations (production lock-down). */
  API_PERSISTED_ONLY: bool.default(false),
});
export type Env = z.infer<typeof EnvSchema>;

export class EnvError extends Error {
  override name = 'EnvError';
}

/** Parses the environment; throws an EnvError whose message is one line naming the bad variable. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = EnvSchema.safeParse(cleaned);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const name = String(issue?.path[0] ?? 'environment');
  const detail = issue?.code === 'invalid_type' && cleaned[name] === undefined ? 'is required' : (issue?.message ?? 'is invalid');
  throw new EnvError(`${name} ${detail}${cleaned[name] !== undefined ? ` (got ${JSON.stringify(cleaned[name])})` : ''}`);
}
