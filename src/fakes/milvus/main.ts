/**
 * Process entry of the fake Milvus (container image and `npm start`). Configuration from the
 * environment (see env-config.ts): FAKE_MILVUS_PORT (19530), FAKE_MILVUS_HOST (0.0.0.0),
 * FAKE_MILVUS_HEALTH_PORT (9091, "off" to disable), FAKE_MILVUS_CONFIG / FAKE_MILVUS_CONFIG_JSON,
 * FAKE_MILVUS_SEED_FILE, FAKE_MILVUS_FAULTS, FAKE_MILVUS_LOG_LEVEL, FAKE_MILVUS_VERSION,
 * FAKE_MILVUS_CONTROL_TOKEN, FAKE_MILVUS_CONTROL_ALLOW_REMOTE. Logs the endpoint once ready; exits
 * promptly on SIGTERM/SIGINT.
 */
import { describeError } from '../../common/errors.js';
import { createLogger } from '../../common/log.js';
import { stopOnSignals } from '../../common/signals.js';
import { milvusOptionsFromEnv } from './env-config.js';
import { startFakeMilvus } from './index.js';

async function main(): Promise<void> {
  const options = milvusOptionsFromEnv(process.env);
  const logLevel = options.logLevel ?? 'info';
  const logger = createLogger('fake-milvus', logLevel);
  const milvus = await startFakeMilvus({ ...options, logLevel, env: false });
  const health = milvus.healthPort !== undefined ? `, /healthz on ${options.host}:${milvus.healthPort}` : '';
  logger.info(`Milvus (fake) listening on ${options.host}:${milvus.port} (gRPC, HTTP and /_fake)${health}`);
  // Bounded even if a client holds a stream open: close() force-ends calls within its own budget.
  stopOnSignals(() => milvus.close(), (line) => logger.info(line));
}

main().catch((error: unknown) => {
  process.stderr.write(`[fake-milvus] error: ${describeError(error)}\n`);
  process.exit(1);
});
