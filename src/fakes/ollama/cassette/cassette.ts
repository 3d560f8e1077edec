import { readFile, rename, writeFile } from 'node:fs/promises';
import { FakecontainersError } from '../../../common/errors.js';
import { stableJson } from '../api/inference-input.js';

/**
 * Record and replay. Recording proxies every API request to a real Ollama and keeps request ->
 * response pairs in a JSON file; replaying answers from that file, byte for byte, in recorded order
 * for repeated identical requests (the last answer repeats once they are used up).
 */
export interface CassetteEntry {
  request: { method: string; path: string; body?: unknown };
  response: { status: number; contentType?: string; chunks: string[] };
}

interface CassetteFile {
  version: 1;
  entries: CassetteEntry[];
}

export class Cassette {
  readonly mode: 'record' | 'replay';
  readonly file: string;
  readonly upstream?: string;
  readonly #entries: CassetteEntry[];
  readonly #cursor = new Map<string, number>();
  readonly #recording = new Set<Promise<unknown>>();
  #saving: Promise<void> = Promise.resolve();

  private constructor(mode: 'record' | 'replay', file: string, entries: CassetteEntry[], upstream?: string) {
    this.mode = mode;
    this.file = file;
    this.#entries = entries;
    this.upstream = upstream?.replace(/\/+$/, '');
  }

  static async replay(file: string): Promise<Cassette> {
    let parsed: CassetteFile;
    try {
      parsed = JSON.parse(await readFile(file, 'utf8')) as CassetteFile;
    } catch (error) {
      throw new FakecontainersError('INVALID_CONFIG', `cannot read cassette ${file}: ${(error as Error).message}`);
    }
    if (parsed?.version !== 1 || !Array.isArray(parsed.entries)) {
      throw new FakecontainersError('INVALID_CONFIG', `cassette ${file} is not a fakecontainers cassette (version 1)`);
    }
    return new Cassette('replay', file, parsed.entries);
  }

  static async record(file: string, upstream: string): Promise<Cassette> {
    if (!/^https?:\/\//.test(upstream)) {
      throw new FakecontainersError('INVALID_OPTION', `--upstream must be an http(s) URL of an Ollama server; got ${upstream}`);
    }
    const cassette = new Cassette('record', file, [], upstream);
    await cassette.#save();
    return cassette;
  }

  /** The recorded answer for a request, or undefined. */
  find(method: string, path: string, body: unknown): CassetteEntry | undefined {
    const key = requestKey(method, path, body);
    const matches = this.#entries.filter((e) => requestKey(e.request.method, e.request.path, e.request.body) === key);
    if (matches.length === 0) return undefined;
    const index = this.#cursor.get(key) ?? 0;
    this.#cursor.set(key, index + 1);
    return matches[Math.min(index, matches.length - 1)];
  }

  /** Notes a recording in progress, so that closing the fake can let it finish. */
  track(recording: Promise<unknown>): void {
    this.#recording.add(recording);
    void recording.finally(() => this.#recording.delete(recording)).catch(() => {});
  }

  /**
   * Resolves once the recordings in progress are on disk, or after `budgetMs`. A client may stop
   * reading at `done: true` while the upstream reply is still ending; closing the fake right then
   * must not lose that entry.
   */
  async settled(budgetMs: number): Promise<void> {
    if (this.#recording.size === 0) return this.#saving;
    let timer: NodeJS.Timeout | undefined;
    const budget = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, budgetMs);
      timer.unref();
    });
    await Promise.race([Promise.allSettled([...this.#recording]), budget]);
    clearTimeout(timer);
    await this.#saving;
  }

  /** Adds a recorded pair and rewrites the file (atomically, one write at a time). */
  add(entry: CassetteEntry): Promise<void> {
    this.#entries.push(entry);
    this.#saving = this.#saving.then(() => this.#save());
    return this.#saving;
  }

  async #save(): Promise<void> {
    const temp = `${this.file}.tmp-${process.pid}`;
    await writeFile(temp, `${JSON.stringify({ version: 1, entries: this.#entries } satisfies CassetteFile, null, 2)}\n`);
    await rename(temp, this.file);
  }
}

function requestKey(method: string, path: string, body: unknown): string {
  return `${method} ${path} ${body === undefined ? '' : stableJson(body)}`;
}

/** Splits a recorded body into stream chunks: one per NDJSON line or SSE frame. */
export function splitRecorded(text: string, contentType: string | undefined): string[] {
  if (contentType?.includes('ndjson')) return text.split(/(?<=\n)/).filter((c) => c !== '');
  if (contentType?.includes('event-stream')) return text.split(/(?<=\n\n)/).filter((c) => c !== '');
  return [text];
}
