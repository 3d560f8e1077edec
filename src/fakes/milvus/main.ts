/**
 * Process entry of the fake Milvus (container image and `npm start`). Configuration from the
 * environment: FAKE_MILVUS_PORT (19530), FAKE_MILVUS_HOST (0.0.0.0), FAKE_MILVUS_HEALTH_PORT (9091,
 * "off" to disable), FAKE_MILVUS_SEED_FILE (JSON, see seed.ts), FAKE_MILVUS_LOG_LEVEL,
 * FAKE_MILVUS_VERSION, FAKE_MILVUS_CONTROL_TOKEN, FAKE_MILVUS_CONTROL_ALLOW_REMOTE (default true in
 * here: peers arrive through the container bridge). Logs the endpoint once ready; exits promptly on
 * SIGTERM/SIGINT.
 */
import { readFileSync } from 'node:fs';
import { FakecontainersError, describeError } from '../../common/errors.js';
import { createLogger, isLogLevel } from '../../common/log.js';
import { stopOnSignals } from '../../common/signals.js';
import { startFakeMilvus } from './index.js';
import type { SeedDescription } from './seed.js';

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new FakecontainersError('INVALID_CONFIG', `${name} must be a port number, got "${raw}"`);
  }
  return value;
}

async function main(): Promise<void> {
  const levelRaw = process.env.FAKE_MILVUS_LOG_LEVEL;
  const logLevel = isLogLevel(levelRaw) ? levelRaw : 'info';
  const logger = createLogger('fake-milvus', logLevel);
  const healthRaw = process.env.FAKE_MILVUS_HEALTH_PORT;
  const healthPort = healthRaw === 'off' ? undefined : intFromEnv('FAKE_MILVUS_HEALTH_PORT', 9091);
  const seedFile = process.env.FAKE_MILVUS_SEED_FILE;
  let seed: SeedDescription | undefined;
  if (seedFile) {
    try {
      seed = JSON.parse(readFileSync(seedFile, 'utf8')) as SeedDescription;
    } catch (error) {
      throw new FakecontainersError('INVALID_CONFIG', `cannot read seed file ${seedFile}: ${describeError(error)}`, { cause: error });
    }
  }
  const token = process.env.FAKE_MILVUS_CONTROL_TOKEN;
  const allowRemote = (process.env.FAKE_MILVUS_CONTROL_ALLOW_REMOTE ?? 'true').toLowerCase();
  const host = process.env.FAKE_MILVUS_HOST || '0.0.0.0';
  const milvus = await startFakeMilvus({
    port: intFromEnv('FAKE_MILVUS_PORT', 19530),
    host,
    logLevel,
    control: { allowRemote: allowRemote === 'true' || allowRemote === '1', ...(token ? { token } : {}) },
    ...(process.env.FAKE_MILVUS_VERSION ? { version: process.env.FAKE_MILVUS_VERSION } : {}),
    ...(healthPort !== undefined ? { healthPort } : {}),
    ...(seed ? { seed } : {}),
  });
  const health = milvus.healthPort !== undefined ? `, /healthz on ${host}:${milvus.healthPort}` : '';
  logger.info(`Milvus (fake) listening on ${host}:${milvus.port} (gRPC, HTTP and /_fake)${health}`);
  // Bounded even if a client holds a stream open: close() force-ends calls within its own budget.
  stopOnSignals(() => milvus.close(), (line) => logger.info(line));
}

main().catch((error: unknown) => {
  process.stderr.write(`[fake-milvus] error: ${describeError(error)}\n`);
  process.exit(1);
});
