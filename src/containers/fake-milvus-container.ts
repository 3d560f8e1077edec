import { mergeLayers } from '../common/option-layers.js';
import { MILVUS_ADDITIVE, milvusConfigFromEnv, milvusVariables } from '../fakes/milvus/env-config.js';
import { hostVariables } from './host-settings.js';
import { FakecontainersError } from '../common/errors.js';
import type { FaultSpec } from '../fakes/control/faults.js';
import { parseFaultSpec } from '../fakes/control/faults.js';
import type { SeedDescription } from '../fakes/milvus/engine/seed.js';
import { validateSeed } from '../fakes/milvus/engine/seed-schema.js';
import { milvusConfigSchema } from '../fakes/milvus/config-schema.js';
import * as v from 'valibot';
import { assertShape } from '../common/shape.js';

const containerConfigSchema = v.pick(milvusConfigSchema, ['seed', 'faults', 'version', 'auth']);
import { FakeContainerBase } from './fake-container-base.js';
import { imageRef } from './image-catalog.js';
import { StartedFakeMilvusContainer } from './started-fake-milvus-container.js';
import { Wait } from './testcontainers.js';

export const MILVUS_PORT = 19530;
export const MILVUS_HEALTH_PORT = 9091;

/** Settings of the fake Milvus that a container takes (its `milvus` config section). */
export interface FakeMilvusContainerConfig {
  seed?: SeedDescription;
  faults?: FaultSpec[];
  version?: string;
  /** Require `user:password` credentials on every call (FAKE_MILVUS_AUTH). */
  auth?: boolean;
}

/**
 * The fake Milvus in Docker, in testcontainers' module style.
 *
 * @example
 * await using milvus = await new FakeMilvusContainer().withSeed({ collections: [{ name: 'docs', dimension: 4 }] }).start();
 * const client = new MilvusClient({ address: milvus.getAddress() });
 */
export class FakeMilvusContainer extends FakeContainerBase {
  #config: FakeMilvusContainerConfig = {};

  constructor(image: string = imageRef('milvus')) {
    super(image, 'milvus');
    this.withExposedPorts(MILVUS_PORT, MILVUS_HEALTH_PORT)
      .withWaitStrategy(Wait.forHttp('/healthz', MILVUS_HEALTH_PORT).forStatusCode(200))
      .withStartupTimeout(30_000);
  }

  /** Databases, collections, indexes and rows created before the first client connects. */
  withSeed(seed: SeedDescription): this {
    // Checked here, shape and a dry run, so a bad seed fails now instead of a container that exits.
    return this.#merge({ seed: validateSeed(seed, 'withSeed') });
  }

  withFaults(faults: readonly FaultSpec[]): this {
    try {
      faults.forEach(parseFaultSpec);
    } catch (error) {
      throw new FakecontainersError('INVALID_OPTION', `withFaults: ${(error as Error).message}`);
    }
    return this.#merge({ faults: [...(this.#config.faults ?? []), ...faults] });
  }

  /** Require credentials (`root:Milvus` or a created user) on every call, as authorizationEnabled does. */
  withAuth(enabled = true): this {
    return this.#merge({ auth: enabled });
  }

  /** Other settings of the fake (version, auth), merged over earlier ones. */
  withFakeConfig(config: FakeMilvusContainerConfig): this {
    assertShape(containerConfigSchema, config, 'withFakeConfig');
    if (config.seed) this.withSeed(config.seed);
    if (config.faults) this.withFaults(config.faults);
    if (config.version !== undefined) this.#merge({ version: config.version });
    if (config.auth !== undefined) this.withAuth(config.auth);
    return this;
  }

  #merge(change: FakeMilvusContainerConfig): this {
    this.#config = { ...this.#config, ...change };
    return this.withEnvironment({ FAKE_MILVUS_CONFIG_JSON: JSON.stringify({ milvus: this.#config }) });
  }

  public override async start(): Promise<StartedFakeMilvusContainer> {
    // This machine's FAKE_MILVUS_* settings, under the container's own (options > config file > variables);
    // a seed file named here is read here.
    const env = process.env;
    this.withEnvironment(hostVariables('FAKE_MILVUS_', env, this.environment));
    const seedFile = env.FAKE_MILVUS_SEED_FILE ? { seed: milvusVariables({ FAKE_MILVUS_SEED_FILE: env.FAKE_MILVUS_SEED_FILE }).seed } : {};
    const hostFile = milvusConfigFromEnv(env);
    if (Object.keys(hostFile).length > 0 || seedFile.seed !== undefined) {
      const merged = mergeLayers(MILVUS_ADDITIVE, seedFile, hostFile, this.#config);
      this.withEnvironment({ FAKE_MILVUS_CONFIG_JSON: JSON.stringify({ milvus: merged }) });
    }
    const started = await this.startFake('fake Milvus container');
    return new StartedFakeMilvusContainer(started);
  }
}
