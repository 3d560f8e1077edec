/**
 * Type checker: turns the syntax tree into an executable predicate, enforcing the same rules (and raising
 * the same messages) as planparserv2's ParserVisitor. Template values are substituted as constants here,
 * so `{ids}` behaves exactly like the literal list it stands for.
 */
import { checkSpatial } from './check-spatial.js';
import type { Node } from './ast.js';
import type { CheckerHost } from './checker-host.js';
import { checkArith, checkComparison, checkRange, checkTerm } from './check-compare.js';
import { checkCall, checkContains, checkExists, checkLike, checkNullTest } from './check-functions.js';
import { checkArrayLength, checkPhraseMatch, checkTextMatch } from './check-functions.js';
import { checkTimestamptz } from './check-timestamptz.js';
import { logical } from './check-logic.js';
import { CheckFailure, fail } from './errors.js';
import { foldPower, negate, type ArithOp } from './fold.js';
import { decodeRawStringLiteral, decodeStringLiteral, parseFloatLiteral, parseIntegerLiteral } from './literals.js';
import type { Pred } from './plan.js';
import type { SchemaView } from './resolve.js';
import { spanText } from './token-stream.js';
import type { Token } from './tokens.js';
import { foldedConst, isExecutable, literalConst, dataTypeOf, type Typed } from './typed.js';
import { arrayConst, templateConst, type CmpOp } from './values.js';

const ARITH: ReadonlySet<string> = new Set(['ADD', 'SUB', 'MUL', 'DIV', 'MOD']);
const COMPARE: ReadonlySet<string> = new Set(['EQ', 'NE', 'LT', 'LE', 'GT', 'GE']);
const UNSUPPORTED_BINARY: Readonly<Record<string, string>> = {
  SHL: 'shift', SHR: 'shift', BAND: 'BitAnd', BXOR: 'BitXor', BOR: 'BitOr',
};

export class Checker implements CheckerHost {
  constructor(
    readonly schema: SchemaView,
    private readonly templates: Readonly<Record<string, unknown>> | undefined,
    private readonly tokens: readonly Token[],
    readonly source: string,
    private readonly timezone: string = 'UTC',
  ) {}

  /** The whole filter as a predicate, or Milvus' "predicate is not a boolean expression". */
  predicate(node: Node): Pred {
    const typed = this.check(node);
    if (typed.k === 'pred') return typed.p;
    if (isExecutable(typed) && typed.k === 'const' && typed.c.t === 'Bool') return { k: 'const', value: typed.c.v };
    throw new CheckFailure(
      `predicate is not a boolean expression: ${this.source}, data type: ${dataTypeOf(typed)}`,
      false,
    );
  }

  /** ANTLR-style text of a node (tokens joined without whitespace), as Milvus quotes it. */
  text(node: Node): string {
    return spanText(this.tokens, node.span);
  }

  check(node: Node): Typed {
    switch (node.k) {
      case 'int':
        return literalConst({ t: 'Int64', v: parseIntegerLiteral(node.text, false) });
      case 'float':
        return literalConst({ t: 'Double', v: parseFloatLiteral(node.text) });
      case 'bool':
        return literalConst({ t: 'Bool', v: node.value });
      case 'str':
        return literalConst({ t: 'VarChar', v: node.raw ? decodeRawStringLiteral(node.token) : decodeStringLiteral(node.token) });
      case 'ident':
        return { k: 'column', col: this.schema.identifier(node.name) };
      case 'path':
        return { k: 'column', col: this.schema.path(node.base, node.steps, this.text(node)) };
      case 'template':
        return this.template(node.name);
      case 'array':
        return this.array(node.items);
      case 'unary':
        return this.unary(node);
      case 'binary':
        return this.binary(node);
      case 'term':
        return checkTerm(this, node);
      case 'range':
        return checkRange(this, node);
      case 'like':
        return checkLike(this, node);
      case 'exists':
        return checkExists(this, node);
      case 'nullTest':
        return checkNullTest(this, node);
      case 'contains':
        return checkContains(this, node);
      case 'arrayLength':
        return checkArrayLength(this, node);
      case 'textMatch':
        return checkTextMatch(this, node);
      case 'phraseMatch':
        return checkPhraseMatch(this, node);
      case 'call':
        return checkCall(this, node);
      case 'spatial':
        return checkSpatial(this, node);
      case 'timestamptz':
        return checkTimestamptz(this, node, this.timezone);
      case 'unsupported':
        return fail(`${node.what} is not supported by the fakecontainers Milvus fake`);
    }
  }

  private template(name: string): Typed {
    const templates = this.templates ?? {};
    if (!Object.prototype.hasOwnProperty.call(templates, name) || templates[name] === undefined) {
      throw new CheckFailure(`the value of expression template variable name {${name}} is not found`, false);
    }
    return { k: 'const', c: templateConst(name, templates[name]), literal: true, template: true };
  }

  private array(items: readonly Node[]): Typed {
    const values = items.map((item) => {
      const typed = this.check(item);
      if (typed.k !== 'const') return fail(`array element type must be generic value, but got: ${this.text(item)}`);
      return typed.c;
    });
    return literalConst(arrayConst(values));
  }

  private unary(node: Extract<Node, { k: 'unary' }>): Typed {
    if (node.op === 'SUB' && node.operand.k === 'int') {
      return foldedConst({ t: 'Int64', v: parseIntegerLiteral(node.operand.text, true) });
    }
    const child = this.check(node.operand);
    const opText = this.tokens[node.span.from]?.text ?? node.op;
    if (child.k === 'const') {
      if (node.op === 'ADD') return child;
      if (node.op === 'SUB') return foldedConst(negate(child.c) ?? fail(`unsupported expression: ${this.source}`));
      if (node.op === 'NOT' && child.c.t === 'Bool') return foldedConst({ t: 'Bool', v: !child.c.v });
      if (node.op === 'NOT') return fail('not can only apply on boolean');
      return fail(`unexpected op: ${opText}`);
    }
    if (child.k === 'column' && child.col.type === 'Array' && child.col.path.length === 0) {
      return fail('can not comparisons array fields directly');
    }
    if (node.op === 'ADD') return child;
    if (node.op !== 'NOT') return fail(`unexpected op: ${opText}`);
    if (child.k !== 'pred') return fail('not op can only be applied on boolean expression');
    return { k: 'pred', p: { k: 'not', child: child.p } };
  }

  /**
   * Binary operators. The left spine is walked with a loop, not recursion, so a generated filter such as
   * `id == 1 or id == 2 or ...` with thousands of terms cannot exhaust the stack.
   */
  private binary(node: BinaryNode): Typed {
    const spine: BinaryNode[] = [];
    let leftmost: Node = node;
    while (leftmost.k === 'binary') {
      spine.push(leftmost);
      leftmost = leftmost.left;
    }
    let acc = this.check(leftmost);
    // Items of an and/or built in this loop; later terms of the same operator are appended in place,
    // keeping a chain of n terms O(n) instead of copying the list at every step.
    let growing: Pred[] | undefined;
    for (let i = spine.length - 1; i >= 0; i--) {
      const step = spine[i] as BinaryNode;
      const right = this.check(step.right);
      const kind = step.op === 'AND' ? 'and' : step.op === 'OR' ? 'or' : undefined;
      if (growing && acc.k === 'pred' && acc.p.k === kind && right.k === 'pred') {
        if (right.p.k === kind) growing.push(...right.p.items);
        else growing.push(right.p);
        continue;
      }
      const next = this.combine(step, acc, right);
      const fresh = next !== acc && next !== right && next.k === 'pred' && (next.p.k === 'and' || next.p.k === 'or');
      growing = fresh && next.k === 'pred' && (next.p.k === 'and' || next.p.k === 'or') ? (next.p.items as Pred[]) : undefined;
      acc = next;
    }
    return acc;
  }

  private combine(node: BinaryNode, left: Typed, right: Typed): Typed {
    const unsupported = UNSUPPORTED_BINARY[node.op];
    if (unsupported) return fail(`${unsupported} is not supported: ${this.text(node)}`);
    if (node.op === 'AND' || node.op === 'OR') return logical(node.op, left, right);
    if (node.op === 'POW') {
      if (left.k !== 'const' || right.k !== 'const') return fail(`power can only apply on constants: ${this.text(node)}`);
      return foldedConst(foldPower(left.c, right.c) ?? fail(`unsupported expression: ${this.source}`));
    }
    const opText = this.tokens[node.left.span.to]?.text ?? node.op;
    if (ARITH.has(node.op)) return checkArith(this, node.op as ArithOp, left, right, opText);
    if (COMPARE.has(node.op)) return checkComparison(this, node, node.op as CmpOp, left, right, opText);
    return fail(`unexpected op: ${opText}`);
  }
}

type BinaryNode = Extract<Node, { k: 'binary' }>;
