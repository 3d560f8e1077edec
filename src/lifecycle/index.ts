/**
 * fakecontainers/lifecycle: scopes that own clients, fakes and containers and guarantee their
 * teardown; runs that start the fakes with every safety net.
 */
export { Scope, createScope } from './scope.js';
export type { ScopeOptions, ScopeState, TrackOptions } from './scope.js';
export { ScopeClosedError, DisposeError } from './errors.js';
export { LeakError, findLeaks, formatLeaks } from './leaks.js';
export type { Leak, LeakReport } from './leaks.js';
export { startRun } from './run.js';
export type { RunOptions, StartedRun } from './run.js';
export { chooseMode, resolveMode } from './mode.js';
export type { FakesMode, ModeChoice } from './mode.js';
export type { FakeEndpoints } from './endpoints.js';
export { endpointEnvironment } from './environment.js';
export type { FakeKind, FakeConfigs } from './launchers.js';
export type { ScopedMilvusOptions } from './scoped-milvus.js';
export { clientRecords } from './tracked-clients.js';
export type { ClientRecord } from './tracked-clients.js';
