import type { Environment } from '../common/option-layers.js';
import { variablesWithPrefix } from '../common/option-layers.js';

/**
 * The `FAKE_<KIND>_*` settings of this machine's environment that a fake's container takes over, so
 * a container reads the same settings as `serve` and an in-process fake. Where it listens and its
 * control-plane access are the container class's to choose; variables naming files on this machine
 * (a config file, a seed file, cassettes) cannot be read inside the container: the config and seed
 * files are read here and travel in `FAKE_<KIND>_CONFIG_JSON`, cassettes need a mount and stay out.
 * A variable already set on the container (`withEnvironment`) wins.
 */
export function hostVariables(prefix: 'FAKE_OLLAMA_' | 'FAKE_MILVUS_', env: Environment, onContainer: Readonly<Record<string, string>>): Record<string, string> {
  const kept = new Set(
    ['PORT', 'HOST', 'HEALTH_PORT', 'CONTROL_TOKEN', 'CONTROL_ALLOW_REMOTE', 'CONFIG', 'CONFIG_JSON', 'SEED_FILE', 'RECORD', 'UPSTREAM', 'REPLAY'].map(
      (name) => `${prefix}${name}`,
    ),
  );
  for (const key of Object.keys(onContainer)) kept.add(key);
  return variablesWithPrefix(env, prefix, kept);
}
