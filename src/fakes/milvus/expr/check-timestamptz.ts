/**
 * Timestamptz comparisons (Plan.g4 TimestamptzCompareForward / Reverse, planparserv2 parser_visitor.go):
 * the column must be a Timestamptz field; the ISO literal becomes UTC microseconds, read in the request's
 * or collection's zone when it has no offset; without INTERVAL it is a plain comparison (UnaryRangeExpr),
 * with one a TimestamptzArithCompareExpr. The reversed form flips the operator.
 */
import type { Node } from './ast.js';
import type { CheckerHost } from './checker-host.js';
import { CheckFailure, fail } from './errors.js';
import { decodeStringLiteral } from './literals.js';
import type { ColumnRef } from './plan.js';
import type { Typed } from './typed.js';
import { reverseOp, type CmpOp } from './values.js';
import { MilvusError } from '../errors/status.js';
import { parseInterval, parseTimestamptz } from '../schema/timestamptz.js';

function column(host: CheckerHost, name: string): ColumnRef {
  let col: ColumnRef;
  try {
    col = host.schema.identifier(name);
  } catch (error) {
    if (error instanceof CheckFailure) return fail(`can not translate identifier: ${name}`);
    throw error;
  }
  if (col.type !== 'Timestamptz' || col.path.length > 0) return fail(`field '${name}' is not a timestamptz datatype`);
  return col;
}

function instant(literal: string, timezone: string): bigint {
  try {
    return parseTimestamptz(decodeStringLiteral(literal), timezone);
  } catch (error) {
    if (error instanceof MilvusError) return fail(error.message);
    throw error;
  }
}

export function checkTimestamptz(host: CheckerHost, node: Extract<Node, { k: 'timestamptz' }>, timezone: string): Typed {
  const col = column(host, node.field);
  const value = instant(node.literal, timezone);
  const written = node.op as CmpOp;
  const op = node.reversed ? reverseOp(written) : written;
  if (!node.interval) return { k: 'pred', p: { k: 'compare', col, op, value: { t: 'Int64', v: value } } };
  const text = decodeStringLiteral(node.interval.literal);
  const interval = parseInterval(text) ?? fail(`invalid ISO 8601 duration: ${text}`);
  return { k: 'pred', p: { k: 'tsArith', col, sign: node.interval.sign === 'ADD' ? 1 : -1, interval, op, value } };
}
