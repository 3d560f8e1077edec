import type { Clock } from '../../common/clock.js';
import type { LogLevel } from '../../common/log.js';
import type { Environment } from '../../common/option-layers.js';
import type { ControlAccess } from '../control/control-routes.js';
import type { FaultSpec } from '../control/faults.js';
import type { SeedDescription } from './engine/seed.js';

/** What startFakeMilvus() takes: the fake's configuration plus where and how it runs. */
export interface FakeMilvusOptions {
  /** TCP port for gRPC, HTTP and `/_fake/*` (0 = any free port). @default 0 */
  port?: number;
  /** @default loopback, both 127.0.0.1 and ::1 */
  host?: string;
  clock?: Clock;
  /** Databases, collections, indexes and rows to create before the first client connects. */
  seed?: SeedDescription;
  logLevel?: LogLevel;
  /** Extra `/healthz` port (9091 in containers); off when undefined. */
  healthPort?: number;
  /** Version string GetVersion and `build_tags` report. @default 'v2.6.6' */
  version?: string;
  /** Faults active from the start (see `/_fake/faults`); `route` is the RPC name, `model` the collection. */
  faults?: FaultSpec[];
  /** Requests kept in the journal. @default 1000 */
  journalSize?: number;
  /**
   * Require credentials on every gRPC and REST call (Connect, health and `/_fake/*` stay open), as a
   * server with `common.security.authorizationEnabled: true` does: `user:password` of a stored user
   * (`root:Milvus` exists from the start). @default false
   */
  auth?: boolean;
  /** Who may use `/_fake/*`: loopback only by default. */
  control?: ControlAccess;
  /**
   * Where `FAKE_MILVUS_*` settings are read from, under these options (a config file named by
   * FAKE_MILVUS_CONFIG / FAKE_MILVUS_CONFIG_JSON, then the single variables); `false` reads none.
   * Port, host and health port are never taken from it. @default process.env
   */
  env?: Environment | false;
}
