/**
 * fakecontainers: deterministic fake Ollama and Milvus servers for tests.
 */
export { FakecontainersError } from './common/errors.js';
export type { FakecontainersErrorCode } from './common/errors.js';
export { FixedClock, systemClock } from './common/clock.js';
export type { Clock } from './common/clock.js';
export type { LogLevel } from './common/log.js';

export { startFakeOllama, createFakeOllamaFetch } from './fakes/ollama/server.js';
export type {
  FakeOllamaOptions,
  FakeOllamaControl,
  FakeOllamaFetch,
  StartedFakeOllama,
} from './fakes/ollama/server.js';
export type { FakeOllamaConfig } from './fakes/ollama/config.js';

export { startFakeMilvus } from './fakes/milvus/index.js';
export type { FakeMilvusOptions, FakeMilvusControl, StartedFakeMilvus, SeedDescription } from './fakes/milvus/index.js';
export type { ModelSpec, Capability } from './fakes/ollama/catalog/default-models.js';
export type { RuleSpec, RuleReply } from './fakes/ollama/generation/rules.js';
export type { Timing } from './fakes/ollama/api/context.js';
export type { FetchLike } from './fakes/ollama/fetch-transport.js';
export type { FaultSpec, FaultKind, Fault } from './fakes/control/faults.js';
export type { JournalEntry } from './fakes/control/journal.js';
export type { ConnectionInfo } from './fakes/control/connections.js';
export type { ControlAccess } from './fakes/control/control-routes.js';
