import { readFileSync } from 'node:fs';
import { FakecontainersError } from './errors.js';

/**
 * The `--config` / `FAKE_*_CONFIG` file: JSON with one section per fake,
 * `{ "ollama": { ...FakeOllamaConfig }, "milvus": { ...FakeMilvusConfig } }`.
 */
export interface ConfigFile {
  ollama?: Record<string, unknown>;
  milvus?: Record<string, unknown>;
}

export function loadConfigFile(path: string): ConfigFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new FakecontainersError('INVALID_CONFIG', `cannot read config file ${path}: ${(error as Error).message}`);
  }
  return parseConfigText(text, `config file ${path}`);
}

/** Parses config JSON; `source` names it in errors (a file path or an environment variable). */
export function parseConfigText(text: string, source: string): ConfigFile {
  const path = source;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new FakecontainersError('INVALID_CONFIG', `${path} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new FakecontainersError('INVALID_CONFIG', `${path} must hold a JSON object with "ollama" and/or "milvus" sections`);
  }
  const unknown = Object.keys(parsed).filter((key) => key !== 'ollama' && key !== 'milvus' && key !== '$schema');
  if (unknown.length > 0) {
    throw new FakecontainersError(
      'INVALID_CONFIG',
      `${path} has unknown top-level keys ${unknown.join(', ')}; put settings under "ollama" or "milvus"`,
    );
  }
  return parsed as ConfigFile;
}
