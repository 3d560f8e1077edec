/**
 * Checking configuration and seed files against their shape before anything starts, with valibot:
 * every problem at once, each with its key path (`ollama.models[0].capabilties: unknown key`), unknown
 * keys included, so a typo is an error instead of a setting silently ignored. valibot rather than zod:
 * the same checks for ~15 ms of import instead of ~90, which every fake's start would pay.
 */
import * as v from 'valibot';
import { FakecontainersError } from './errors.js';

/** Any valibot schema. */
export type Shape = v.GenericSchema;

/** Compile-time guard that a schema names exactly the keys of the interface it checks. */
export type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never] ? true : never;

function pathText(root: string, path: readonly PropertyKey[]): string {
  let out = root;
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out === '' ? String(part) : `.${String(part)}`;
  return out === '' ? '(top level)' : out;
}

/** One line per problem, `path: what is wrong`. */
export function shapeProblems(schema: Shape, value: unknown, root = ''): string[] {
  const result = v.safeParse(schema, value, { abortEarly: false });
  if (result.success) return [];
  return result.issues.map((issue) => {
    const path = (issue.path ?? []).map((item) => item.key as PropertyKey);
    if (issue.type === 'strict_object' && issue.expected === 'never') return `${pathText(root, path)}: unknown key`;
    return `${pathText(root, path)}: ${issue.message}`;
  });
}

/**
 * Throws INVALID_CONFIG listing every problem, or returns the value typed.
 *
 * @example
 * const seed = assertShape(seedSchema, JSON.parse(text), 'seed file seed.json');
 */
export function assertShape<S extends Shape>(schema: S, value: unknown, what: string, root = ''): v.InferOutput<S> {
  const problems = shapeProblems(schema, value, root);
  if (problems.length > 0) {
    throw new FakecontainersError('INVALID_CONFIG', `${what} is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  return value as v.InferOutput<S>;
}
