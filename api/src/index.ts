/** Package entry of @megzo/api: build and run the server; the retention purge for the scheduler's daily job. */
export { buildApp, PortInUseError, type App } from './app.ts';
export { createDeps, closeDeps, type DepsOverrides } from './create-deps.ts';
export { parseEnv, EnvError, type Env } from './env.ts';
export { purgeExpiredPersonalData } from './commands/gdpr.ts';
