export * from './errors.ts';
export * from './money.ts';
export * from './model.ts';
export * from './flows.ts';
export * from './events.ts';
export * from './jobs.ts';
