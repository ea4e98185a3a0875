/**
 * The HTTP contract of the ops server: zod schemas for every response body, event and
 * request body, the types inferred from them, and the route registry. The console imports
 * types only from here (lint-enforced); nothing here imports a service.
 */
export * from './common.js';
export * from './core.js';
export * from './settings.js';
export * from './costs.js';
export * from './costs-keys.js';
export * from './costs-claude-code.js';
export * from './costs-orgs.js';
export * from './costs-forecast.js';
export * from './runs.js';
export * from './workflows.js';
export * from './scopes.js';
export * from './specs.js';
export * from './status.js';
export * from './telemetry.js';
export * from './routes.js';
