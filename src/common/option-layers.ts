/**
 * How the settings of a fake combine, the same way for every way of starting it (`startFake*()`,
 * `fakecontainers serve`, the images, the container classes): options given in code or on the command
 * line win over a config file (`--config`, `FAKE_*_CONFIG`, `FAKE_*_CONFIG_JSON`), which wins over
 * single `FAKE_*` variables.
 *
 * Merging, later layer over earlier: a value replaces the one below; plain objects (`timing`,
 * `limits`, `control`) merge key by key; the lists named in `additive` (rules, faults, extra models)
 * add up, lower layers first, since each layer contributes its own entries.
 */
export type Environment = Readonly<Record<string, string | undefined>>;

export function mergeLayers<T extends object>(additive: readonly string[], ...layers: ReadonlyArray<Partial<T> | undefined>): T {
  const out: Record<string, unknown> = {};
  for (const layer of layers) {
    if (!layer) continue;
    for (const [key, value] of Object.entries(layer)) {
      if (value === undefined) continue;
      const below = out[key];
      if (additive.includes(key) && Array.isArray(value) && Array.isArray(below)) out[key] = [...below, ...value];
      else if (isPlainObject(value) && isPlainObject(below)) out[key] = { ...below, ...value };
      else out[key] = value;
    }
  }
  return out as T;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
}

/** The variables of `env` that start with `prefix`, less those in `except`. */
export function variablesWithPrefix(env: Environment, prefix: string, except: ReadonlySet<string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (key.startsWith(prefix) && !except.has(key) && value !== undefined) out[key] = value;
  }
  return out;
}
