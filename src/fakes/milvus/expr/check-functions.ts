/**
 * `like`, `exists`, `is [not] null`, the contains family, `array_length` and `text_match`, with
 * planparserv2's restrictions and messages.
 */
import { isStringType, isVectorType } from '../schema/data-types.js';
import type { Node } from './ast.js';
import type { CheckerHost } from './checker-host.js';
import { fail } from './errors.js';
import { valueType, type ColumnRef, type Pred } from './plan.js';
import { fieldAnalyzer } from './text.js';
import { canBeCompared, type Typed } from './typed.js';
import { castValue, type Const } from './values.js';

const pred = (p: Pred): Typed => ({ k: 'pred', p });

export function checkLike(ch: CheckerHost, node: Extract<Node, { k: 'like' }>): Typed {
  const operand = ch.check(node.operand);
  if (operand.k !== 'column') return fail('like operation on complicated expr is unsupported');
  const { col } = operand;
  if (col.type === 'Array' && col.path.length === 0) return fail('can not comparisons array fields directly');
  const type = valueType(col);
  if (!isStringType(type) && type !== 'JSON') return fail('like operation on non-string or no-json field is unsupported');
  const pattern = ch.check(node.pattern);
  if (pattern.k !== 'const' || pattern.c.t !== 'VarChar') {
    return fail(`the pattern of like must be a string, but got: ${ch.text(node.pattern)}`);
  }
  return pred({ k: 'like', col, pattern: pattern.c.v });
}

export function checkExists(ch: CheckerHost, node: Extract<Node, { k: 'exists' }>): Typed {
  const operand = ch.check(node.operand);
  if (operand.k !== 'column') {
    return fail(`exists operations are only supported on single fields now, got: ${ch.text(node.operand)}`);
  }
  if (operand.col.type !== 'JSON') return fail(`exists operations are only supportted on json field, got:${operand.col.type}`);
  if (operand.col.path.length === 0) return fail('exists operations are only supportted on json key');
  return pred({ k: 'exists', col: operand.col });
}

/**
 * On a JSON path (or a dynamic key) `is null` means "key missing or null", i.e. `not exists`, as Milvus
 * rewrites it; on a field it tests the field's own null.
 */
export function checkNullTest(ch: CheckerHost, node: Extract<Node, { k: 'nullTest' }>): Typed {
  const column = ch.check(node.column);
  if (column.k !== 'column') return fail(`is null operations are only supported on single fields, got: ${ch.text(node.column)}`);
  const { col } = column;
  if (isVectorType(col.type)) return fail(`is null operations are not supported on vector field: ${col.field}`);
  if (col.type === 'Array' && col.path.length > 0) return fail(`is null operations are not supported on array elements: ${ch.text(node.column)}`);
  const base: Pred = col.path.length > 0 ? { k: 'exists', col } : { k: 'isNull', col };
  const positive = col.path.length > 0 ? node.negated : !node.negated;
  return pred(positive ? base : { k: 'not', child: base });
}

const CONTAINS_NAMES = { one: 'contains', all: 'contains_all', any: 'contains_any' } as const;
const OP_NAMES = { one: 'Contains', all: 'ContainsAll', any: 'ContainsAny' } as const;

export function checkContains(ch: CheckerHost, node: Extract<Node, { k: 'contains' }>): Typed {
  const name = CONTAINS_NAMES[node.mode];
  const target = ch.check(node.target);
  const col = target.k === 'column' ? target.col : undefined;
  if (!col || !(col.type === 'JSON' || (col.type === 'Array' && col.path.length === 0))) {
    return fail(`${name} operation are only supported on json or array fields now, got: ${ch.text(node.target)}`);
  }
  const element = ch.check(node.element);
  if (element.k !== 'const') {
    return fail(`${name} operation are only supported explicitly specified element, got: ${ch.text(node.element)}`);
  }
  const value = element.c;
  if (node.mode !== 'one' && value.t !== 'Array') return fail(`${OP_NAMES[node.mode]} operation element must be an array`);
  const elements = node.mode === 'one' ? [value] : value.t === 'Array' ? value.v : [];
  return pred({ k: 'contains', col, mode: node.mode, elements: containsElements(col, node.mode, elements) });
}

function containsElements(col: ColumnRef, mode: 'one' | 'all' | 'any', elements: readonly Const[]): readonly Const[] {
  if (col.type !== 'Array') return elements;
  const elementType = col.elementType ?? 'None';
  return elements.map((item) => {
    if (mode === 'one') return castValue(elementType, item);
    if (!canBeCompared(elementType, item.t)) {
      return fail(`${OP_NAMES[mode]} operation can't compare between array element type: ${elementType} and ${item.t}`);
    }
    return item.t === 'Int64' && (elementType === 'Float' || elementType === 'Double') ? castValue(elementType, item) : item;
  });
}

export function checkArrayLength(ch: CheckerHost, node: Extract<Node, { k: 'arrayLength' }>): Typed {
  const column = ch.check(node.column);
  const col = column.k === 'column' ? column.col : undefined;
  if (!col || !(col.type === 'JSON' || (col.type === 'Array' && col.path.length === 0))) {
    return fail(`array_length operation are only supported on json or array fields now, got: ${ch.text(node)}`);
  }
  return { k: 'arrayLength', col };
}

export function checkTextMatch(ch: CheckerHost, node: Extract<Node, { k: 'textMatch' }>): Typed {
  const column = ch.check({ k: 'ident', name: node.field, span: node.span });
  const col = column.k === 'column' ? column.col : undefined;
  if (!col || !isStringType(col.type) || col.path.length > 0) return fail('text match operation on non-string is unsupported');
  if (ch.schema.field(col.field)?.enableMatch !== true) return fail(`field "${node.field}" does not enable match`);
  const query = ch.check(node.query);
  if (query.k !== 'const' || query.c.t !== 'VarChar') {
    return fail(`the query of text_match must be a string, but got: ${ch.text(node.query)}`);
  }
  let minShouldMatch = 1;
  if (node.minShouldMatch !== undefined) {
    const text = node.minShouldMatch;
    const value = /^0[xX]|^0[bB]/.test(text) ? Number(text) : Number.parseInt(text, /^0\d/.test(text) ? 8 : 10);
    if (!Number.isSafeInteger(value)) return fail(`invalid minimum_should_match value: ${text}`);
    if (value < 1) return fail(`minimum_should_match should be >= 1, got ${value}`);
    if (value > 1000) return fail(`minimum_should_match should be <= 1000, got ${value}`);
    minShouldMatch = value;
  }
  const analyzerParams = ch.schema.field(col.field)?.analyzerParams;
  const tokens = [...new Set(fieldAnalyzer(analyzerParams).terms(query.c.v))];
  return pred({ k: 'textMatch', col, tokens, minShouldMatch, ...(analyzerParams !== undefined ? { analyzerParams } : {}) });
}

/**
 * `phrase_match(field, 'text'[, slop])`: like text_match it needs a string field with `enable_match`;
 * the slop must be a non-negative integer constant (the refusals are in the fake's words).
 */
export function checkPhraseMatch(ch: CheckerHost, node: Extract<Node, { k: 'phraseMatch' }>): Typed {
  const column = ch.check({ k: 'ident', name: node.field, span: node.span });
  const col = column.k === 'column' ? column.col : undefined;
  if (!col || !isStringType(col.type) || col.path.length > 0) return fail('phrase match operation on non-string is unsupported');
  if (ch.schema.field(col.field)?.enableMatch !== true) return fail(`field "${node.field}" does not enable match`);
  const query = ch.check(node.query);
  if (query.k !== 'const' || query.c.t !== 'VarChar') {
    return fail(`the query of phrase_match must be a string, but got: ${ch.text(node.query)}`);
  }
  let slop = 0;
  if (node.slop !== undefined) {
    const value = ch.check(node.slop);
    if (value.k !== 'const' || value.c.t !== 'Int64') return fail(`slop of phrase_match must be an integer, but got: ${ch.text(node.slop)}`);
    const n = Number(value.c.v);
    if (n < 0) return fail(`slop of phrase_match must be non-negative, got ${n}`);
    slop = n;
  }
  const analyzerParams = ch.schema.field(col.field)?.analyzerParams;
  return pred({ k: 'phraseMatch', col, query: query.c.v, slop, ...(analyzerParams !== undefined ? { analyzerParams } : {}) });
}

/**
 * Milvus parses any `name(args)` as a generic call and resolves it in the query node; the fake knows no
 * such functions, so it refuses them at planning time instead of failing later.
 */
export function checkCall(ch: CheckerHost, node: Extract<Node, { k: 'call' }>): Typed {
  node.args.forEach((arg) => ch.check(arg));
  return fail(`function ${node.name.toLowerCase()} is not supported by the fakecontainers Milvus fake`);
}
