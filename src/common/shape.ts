/**
 * Checking configuration and seed files against their shape before anything starts, with zod: every
 * problem at once, each with its key path (`ollama.models[0].capabilties: unknown key`), unknown keys
 * included, so a typo is an error instead of a setting silently ignored.
 */
import type { z } from 'zod';
import { FakecontainersError } from './errors.js';

/** Compile-time guard that a schema names exactly the keys of the interface it checks. */
export type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never] ? true : never;

function pathText(root: string, path: readonly PropertyKey[]): string {
  let out = root;
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out === '' ? String(part) : `.${String(part)}`;
  return out === '' ? '(top level)' : out;
}

/** One line per problem, `path: what is wrong`. */
export function shapeProblems(schema: z.ZodType, value: unknown, root = ''): string[] {
  const result = schema.safeParse(value);
  if (result.success) return [];
  return result.error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => `${pathText(root, [...issue.path, key])}: unknown key`);
    }
    return [`${pathText(root, issue.path)}: ${issue.message}`];
  });
}

/**
 * Throws INVALID_CONFIG listing every problem, or returns the value typed.
 *
 * @example
 * const seed = assertShape(seedSchema, JSON.parse(text), 'seed file seed.json', 'seed');
 */
export function assertShape<T>(schema: z.ZodType<T>, value: unknown, what: string, root = ''): T {
  const problems = shapeProblems(schema, value, root);
  if (problems.length > 0) {
    throw new FakecontainersError('INVALID_CONFIG', `${what} is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  return value as T;
}
