/**
 * Faults: transport misbehaviour injected on purpose, so a suite can test its retries, timeouts and
 * stream handling. Count-based (`times`) so that a client's own retries (the OpenAI SDK retries 5xx
 * twice) cannot hide a fault that should be seen; without `times` a fault stays until removed.
 */
export const FAULT_KINDS = ['delay', 'status', 'error-mid-stream', 'truncate', 'drop', 'hang', 'slow'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultSpec {
  kind: FaultKind;
  /** Route (`chat`, `generate`, `embed`, `openai.chat`, ...) or gRPC method (`Search`); omitted: any. */
  route?: string;
  /** Ollama model name (tag optional) or Milvus collection; omitted: any. */
  model?: string;
  /** Apply this many times, then retire. Omitted: until removed or reset. */
  times?: number;
  /** `delay`: milliseconds before the response headers. */
  delayMs?: number;
  /** `status`: HTTP status (Ollama) or Milvus error code. */
  status?: number;
  /** `status` and `error-mid-stream`: the error message. */
  message?: string;
  /** `error-mid-stream`, `truncate`, `drop`: chunks written first (`drop` without it: before any byte). */
  afterChunks?: number;
  /** `slow`: milliseconds between stream chunks. */
  tokenDelayMs?: number;
}

export interface Fault extends FaultSpec {
  id: string;
  /** Times the fault was applied. */
  hits: number;
}

/** Thrown for a fault description that cannot be applied; the control plane answers it with a 400. */
export class FaultSpecError extends Error {
  override name = 'FaultSpecError';
}

const LIMIT_MS = 10 * 60_000;

/** Validates an untrusted fault description (from JSON) into a FaultSpec. */
export function parseFaultSpec(input: unknown): FaultSpec {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new FaultSpecError('a fault must be a JSON object with a "kind"');
  }
  const raw = input as Record<string, unknown>;
  const kind = raw.kind;
  if (typeof kind !== 'string' || !(FAULT_KINDS as readonly string[]).includes(kind)) {
    throw new FaultSpecError(`fault "kind" must be one of ${FAULT_KINDS.join(', ')}; got ${JSON.stringify(kind)}`);
  }
  const spec: FaultSpec = { kind: kind as FaultKind };
  const str = (key: 'route' | 'model' | 'message') => {
    const v = raw[key];
    if (v === undefined) return;
    if (typeof v !== 'string' || v === '') throw new FaultSpecError(`fault "${key}" must be a non-empty string`);
    spec[key] = v;
  };
  const int = (key: 'times' | 'delayMs' | 'status' | 'afterChunks' | 'tokenDelayMs', min: number, max: number) => {
    const v = raw[key];
    if (v === undefined) return;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      throw new FaultSpecError(`fault "${key}" must be an integer from ${min} to ${max}; got ${JSON.stringify(v)}`);
    }
    spec[key] = v;
  };
  str('route');
  str('model');
  str('message');
  int('times', 1, 1_000_000);
  int('delayMs', 0, LIMIT_MS);
  int('status', 1, 65535);
  int('afterChunks', 0, 1_000_000);
  int('tokenDelayMs', 0, LIMIT_MS);
  if (spec.kind === 'delay' && spec.delayMs === undefined) throw new FaultSpecError('a "delay" fault needs "delayMs"');
  if (spec.kind === 'status' && spec.status === undefined) throw new FaultSpecError('a "status" fault needs "status"');
  if (spec.kind === 'slow' && spec.tokenDelayMs === undefined) {
    throw new FaultSpecError('a "slow" fault needs "tokenDelayMs"');
  }
  return spec;
}

/** The active faults of one fake, matched in insertion order. */
export class FaultBook {
  #faults: Fault[] = [];
  #nextId = 1;

  add(spec: FaultSpec): Fault {
    const fault: Fault = { ...spec, id: `fault-${this.#nextId++}`, hits: 0 };
    this.#faults.push(fault);
    return fault;
  }

  /**
   * The first fault matching the route and model, counted as applied (and retired when its `times` are
   * used up), or undefined. `modelMatches` lets each fake compare names its own way.
   */
  take(route: string, model: string | undefined, modelMatches: (pattern: string, model: string) => boolean = Object.is) {
    const index = this.#faults.findIndex(
      (f) =>
        (f.route === undefined || f.route === route) &&
        (f.model === undefined || (model !== undefined && modelMatches(f.model, model))),
    );
    if (index < 0) return undefined;
    const fault = this.#faults[index] as Fault;
    fault.hits++;
    if (fault.times !== undefined && fault.hits >= fault.times) this.#faults.splice(index, 1);
    return { ...fault };
  }

  list(): Fault[] {
    return this.#faults.map((f) => ({ ...f }));
  }

  remove(id: string): boolean {
    const before = this.#faults.length;
    this.#faults = this.#faults.filter((f) => f.id !== id);
    return this.#faults.length !== before;
  }

  clear(): void {
    this.#faults = [];
  }
}
