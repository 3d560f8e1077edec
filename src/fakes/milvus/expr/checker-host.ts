import type { Node } from './ast.js';
import type { SchemaView } from './resolve.js';
import type { Typed } from './typed.js';

/**
 * What the comparison and function checks (check-compare.ts, check-functions.ts) need of the checker:
 * recursion into sub-expressions, the schema and the source text of a node. `Checker` implements it.
 */
export interface CheckerHost {
  readonly schema: SchemaView;
  check(node: Node): Typed;
  text(node: Node): string;
}
