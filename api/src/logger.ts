import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs; secrets and cookies never reach them. */
export function createLogger(level = 'info'): Logger {
  return pino({
    level,
    base: { service: 'api' },
    redact: {
      paths: ['req.headers.cookie', 'req.headers.authorization', 'password', '*.password', 'secrets', '*.secrets'],
      censor: '[redacted]',
    },
  });
}
