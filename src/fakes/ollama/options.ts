import type { Clock } from '../../common/clock.js';
import type { LogLevel } from '../../common/log.js';
import type { Environment } from '../../common/option-layers.js';
import type { FakeOllamaConfig } from './config.js';

/** What startFakeOllama() takes: the fake's configuration plus where and how it runs. */
export interface FakeOllamaOptions extends FakeOllamaConfig {
  /** @default 0 (a free port) */
  port?: number;
  /** @default loopback, both 127.0.0.1 and ::1 */
  host?: string;
  /** Time source for `created_at` and friends; a FixedClock makes replies byte-identical. */
  clock?: Clock;
  logLevel?: LogLevel;
  /** Proxy to a real Ollama and record request -> response pairs into `cassette`. */
  record?: { cassette: string; upstream: string };
  /** Answer from a recorded cassette. */
  replay?: { cassette: string };
  /**
   * Where `FAKE_OLLAMA_*` settings are read from, under these options (a config file named by
   * FAKE_OLLAMA_CONFIG / FAKE_OLLAMA_CONFIG_JSON, then the single variables); `false` reads none.
   * Port and host are never taken from it. @default process.env
   */
  env?: Environment | false;
}
