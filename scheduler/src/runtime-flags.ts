/**
 * V8 limits the scheduler runs with, in `npm start` and in the sync benchmark
 * alike, so the measured footprint (under 300 MB for a 100,000-SKU publish) is
 * the shipped one. The worker streams records page by page, so a small old space
 * suffices; a small semi-space keeps the young generation from ballooning.
 */
export const SCHEDULER_NODE_FLAGS: readonly string[] = ['--max-old-space-size=160', '--max-semi-space-size=2'];
