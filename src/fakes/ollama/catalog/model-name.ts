/**
 * Ollama model names: `[host/][namespace/]model[:tag]`, with defaults `registry.ollama.ai`, `library`
 * and `latest` (ollama types/model/name.go). Names compare case-insensitively.
 */
export interface ModelName {
  host: string;
  namespace: string;
  model: string;
  tag: string;
}

export const DEFAULT_HOST = 'registry.ollama.ai';
export const DEFAULT_NAMESPACE = 'library';
export const DEFAULT_TAG = 'latest';

const HOST_PART = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,349}$/;
const NAMESPACE_PART = /^[A-Za-z0-9][A-Za-z0-9_-]{0,79}$/;
const MODEL_PART = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$/;
const TAG_PART = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,79}$/;

/** Parses a name; undefined when it is not a valid Ollama model name. */
export function parseModelName(input: string): ModelName | undefined {
  const text = input.trim();
  if (text === '') return undefined;
  const slash = text.split('/');
  if (slash.length > 3) return undefined;
  const last = slash[slash.length - 1] as string;
  const colon = last.lastIndexOf(':');
  const model = colon >= 0 ? last.slice(0, colon) : last;
  const tag = colon >= 0 ? last.slice(colon + 1) : DEFAULT_TAG;
  const namespace = slash.length >= 2 ? (slash[slash.length - 2] as string) : DEFAULT_NAMESPACE;
  const host = slash.length === 3 ? (slash[0] as string) : DEFAULT_HOST;
  if (!MODEL_PART.test(model) || !TAG_PART.test(tag) || !NAMESPACE_PART.test(namespace) || !HOST_PART.test(host)) {
    return undefined;
  }
  return { host, namespace, model, tag };
}

/** The shortest display form (`llama3.2:latest`, `user/model:tag`, `host/ns/model:tag`). */
export function displayName(name: ModelName): string {
  if (name.host.toLowerCase() !== DEFAULT_HOST) return `${name.host}/${name.namespace}/${name.model}:${name.tag}`;
  if (name.namespace.toLowerCase() !== DEFAULT_NAMESPACE) return `${name.namespace}/${name.model}:${name.tag}`;
  return `${name.model}:${name.tag}`;
}

/** The fully qualified form Ollama prints in capability errors. */
export function canonicalName(name: ModelName): string {
  return `${name.host}/${name.namespace}/${name.model}:${name.tag}`;
}

/** Lookup key: display form, lower-cased. */
export function modelKey(name: ModelName): string {
  return displayName(name).toLowerCase();
}

/** Whether `pattern` (a model name, tag optional) names `model` (as sent or normalised). */
export function modelNameMatches(pattern: string, model: string): boolean {
  const a = parseModelName(pattern);
  const b = parseModelName(model);
  if (!a || !b) return pattern === model;
  return modelKey(a) === modelKey(b);
}
