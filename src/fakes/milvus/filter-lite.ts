/**
 * Interim filter evaluator covering the common subset of Milvus' grammar (comparisons, `in`, `like`,
 * `and`/`or`/`not`, `is [not] null`, JSON paths, dynamic keys, `{templates}`), used until the full
 * evaluator from the `expr` branch is merged. Same contract, so swapping it is a one-line change.
 */
import { MilvusError } from './status.js';
import type { CompiledFilter, ExprSchema, RowAccessor, TemplateValues } from './filter-contract.js';

type Node =
  | { k: 'lit'; v: unknown }
  | { k: 'path'; field: string; path: Array<string | number> }
  | { k: 'list'; items: Node[] }
  | { k: 'not'; e: Node }
  | { k: 'bin'; op: string; l: Node; r: Node }
  | { k: 'in'; e: Node; list: Node; neg: boolean }
  | { k: 'like'; e: Node; pattern: string }
  | { k: 'null'; e: Node; neg: boolean };

const fail = (message: string) => new MilvusError(1100, `cannot parse expression: ${message}: invalid parameter`);

function tokenize(src: string): string[] {
  const re = /\s*(\d+\.\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?|\d+(?:[eE][-+]?\d+)?|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|==|!=|<=|>=|&&|\|\||[<>()[\],!{}]|\$?[A-Za-z_][A-Za-z0-9_]*)/y;
  const out: string[] = [];
  let pos = 0;
  while (pos < src.length) {
    if (/^\s*$/.test(src.slice(pos))) break;
    re.lastIndex = pos;
    const m = re.exec(src);
    if (!m) throw fail(`unexpected character at ${pos} in ${src}`);
    out.push(m[1] as string);
    pos = re.lastIndex;
  }
  return out;
}

function parseNumber(text: string): number | bigint {
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    return Number.isSafeInteger(n) ? n : BigInt(text);
  }
  return Number(text);
}

function unquote(token: string): string {
  return token.slice(1, -1).replace(/\\(.)/g, (_, c: string) => ({ n: '\n', t: '\t', r: '\r' })[c] ?? c);
}

class Parser {
  #i = 0;
  constructor(private readonly t: string[], private readonly schema: ExprSchema, private readonly tpl: TemplateValues) {}

  peek(): string | undefined {
    return this.t[this.#i];
  }
  next(): string {
    const token = this.t[this.#i++];
    if (token === undefined) throw fail('unexpected end of expression');
    return token;
  }
  expect(token: string): void {
    if (this.next() !== token) throw fail(`expected ${token}`);
  }
  done(): boolean {
    return this.#i >= this.t.length;
  }

  or(): Node {
    let left = this.and();
    while (this.peek() === 'or' || this.peek() === 'OR' || this.peek() === '||') {
      this.next();
      left = { k: 'bin', op: 'or', l: left, r: this.and() };
    }
    return left;
  }
  and(): Node {
    let left = this.unary();
    while (this.peek() === 'and' || this.peek() === 'AND' || this.peek() === '&&') {
      this.next();
      left = { k: 'bin', op: 'and', l: left, r: this.unary() };
    }
    return left;
  }
  unary(): Node {
    const p = this.peek();
    if (p === 'not' || p === 'NOT' || p === '!') {
      this.next();
      return { k: 'not', e: this.unary() };
    }
    return this.comparison();
  }
  comparison(): Node {
    const left = this.primary();
    const op = this.peek();
    if (op === '==' || op === '!=' || op === '<' || op === '<=' || op === '>' || op === '>=') {
      this.next();
      return { k: 'bin', op, l: left, r: this.primary() };
    }
    if (op === 'in' || op === 'IN') {
      this.next();
      return { k: 'in', e: left, list: this.primary(), neg: false };
    }
    if ((op === 'not' || op === 'NOT') && /^(in|IN)$/.test(this.t[this.#i + 1] ?? '')) {
      this.next();
      this.next();
      return { k: 'in', e: left, list: this.primary(), neg: true };
    }
    if (op === 'like' || op === 'LIKE') {
      this.next();
      const pattern = this.next();
      if (!/^["']/.test(pattern)) throw fail('like needs a string pattern');
      return { k: 'like', e: left, pattern: unquote(pattern) };
    }
    if (op === 'is' || op === 'IS') {
      this.next();
      let neg = false;
      if (this.peek() === 'not' || this.peek() === 'NOT') {
        this.next();
        neg = true;
      }
      const word = this.next();
      if (word !== 'null' && word !== 'NULL') throw fail('expected null');
      return { k: 'null', e: left, neg };
    }
    return left;
  }
  primary(): Node {
    const token = this.next();
    if (token === '(') {
      const e = this.or();
      this.expect(')');
      return e;
    }
    if (token === '[') {
      const items: Node[] = [];
      while (this.peek() !== ']') {
        items.push(this.primary());
        if (this.peek() === ',') this.next();
      }
      this.next();
      return { k: 'list', items };
    }
    if (token === '{') {
      const name = this.next();
      this.expect('}');
      if (!(name in this.tpl)) throw fail(`the value of expression template variable name {${name}} is not found`);
      return { k: 'lit', v: this.tpl[name] };
    }
    if (token === '-') return { k: 'lit', v: -(this.primary() as { v: number }).v };
    if (/^[\d.]/.test(token)) return { k: 'lit', v: parseNumber(token) };
    if (/^["']/.test(token)) return { k: 'lit', v: unquote(token) };
    if (/^(true|True|TRUE)$/.test(token)) return { k: 'lit', v: true };
    if (/^(false|False|FALSE)$/.test(token)) return { k: 'lit', v: false };
    return this.path(token);
  }
  path(name: string): Node {
    const path: Array<string | number> = [];
    while (this.peek() === '[') {
      this.next();
      const key = this.next();
      path.push(/^["']/.test(key) ? unquote(key) : Number(key));
      this.expect(']');
    }
    const known = this.schema.fields.some((f) => f.name === name);
    if (known || name === '$meta') return { k: 'path', field: name, path };
    if (!this.schema.dynamicField) throw fail(`field ${name} not exist`);
    return { k: 'path', field: '$meta', path: [name, ...path] };
  }
}

function read(node: Node, row: RowAccessor): unknown {
  switch (node.k) {
    case 'lit':
      return node.v;
    case 'list':
      return node.items.map((n) => read(n, row));
    case 'path': {
      let value: unknown = row(node.field);
      for (const step of node.path) {
        if (value === null || value === undefined || typeof value !== 'object') return undefined;
        value = (value as Record<string | number, unknown>)[step];
      }
      return value;
    }
    default:
      return evaluate(node, row);
  }
}

const numeric = (v: unknown): v is number | bigint => typeof v === 'number' || typeof v === 'bigint';

function equal(a: unknown, b: unknown): boolean {
  if (numeric(a) && numeric(b)) return a == b; // eslint-disable-line eqeqeq -- bigint vs number by value
  return a === b;
}

function compare(op: string, a: unknown, b: unknown): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return false;
  if (op === '==') return equal(a, b);
  if (op === '!=') return !equal(a, b);
  const same = (numeric(a) && numeric(b)) || (typeof a === 'string' && typeof b === 'string');
  if (!same) return false;
  const x = a as number;
  const y = b as number;
  return op === '<' ? x < y : op === '<=' ? x <= y : op === '>' ? x > y : x >= y;
}

function likeToRegex(pattern: string): RegExp {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '\\' && i + 1 < pattern.length) out += (pattern[++i] as string).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else if (c === '%') out += '[\\s\\S]*';
    else if (c === '_') out += '[\\s\\S]';
    else out += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

function evaluate(node: Node, row: RowAccessor): boolean {
  switch (node.k) {
    case 'not':
      return !evaluate(node.e, row);
    case 'bin':
      if (node.op === 'and') return evaluate(node.l, row) && evaluate(node.r, row);
      if (node.op === 'or') return evaluate(node.l, row) || evaluate(node.r, row);
      return compare(node.op, read(node.l, row), read(node.r, row));
    case 'in': {
      const value = read(node.e, row);
      if (value === null || value === undefined) return false;
      const list = read(node.list, row);
      const hit = Array.isArray(list) && list.some((item) => equal(value, item));
      return node.neg ? !hit : hit;
    }
    case 'like': {
      const value = read(node.e, row);
      return typeof value === 'string' && likeToRegex(node.pattern).test(value);
    }
    case 'null': {
      const value = read(node.e, row);
      const isNull = value === null || value === undefined;
      return node.neg ? !isNull : isNull;
    }
    case 'lit':
      return node.v === true;
    default:
      return read(node, row) === true;
  }
}

function pkHint(node: Node, schema: ExprSchema): ReadonlyArray<bigint | string> | undefined {
  const pk = schema.fields.find((f) => f.isPrimaryKey);
  if (!pk) return undefined;
  const isPk = (n: Node) => n.k === 'path' && n.field === pk.name && n.path.length === 0;
  const norm = (v: unknown): bigint | string | undefined =>
    pk.type === 'Int64' ? (numeric(v) && Number.isInteger(Number(v)) ? BigInt(v) : undefined) : typeof v === 'string' ? v : undefined;
  let values: unknown[] | undefined;
  if (node.k === 'in' && !node.neg && isPk(node.e) && node.list.k === 'list' && node.list.items.every((i) => i.k === 'lit')) {
    values = node.list.items.map((i) => (i as { v: unknown }).v);
  } else if (node.k === 'in' && !node.neg && isPk(node.e) && node.list.k === 'lit' && Array.isArray(node.list.v)) {
    values = node.list.v;
  } else if (node.k === 'bin' && node.op === '==' && isPk(node.l) && node.r.k === 'lit') {
    values = [node.r.v];
  }
  if (!values) return undefined;
  const keys = values.map(norm);
  return keys.every((k) => k !== undefined) ? (keys as Array<bigint | string>) : undefined;
}

function collectFields(node: Node, out: Set<string>): void {
  if (node.k === 'path') out.add(node.field);
  for (const child of Object.values(node)) {
    if (child && typeof child === 'object' && 'k' in child) collectFields(child as Node, out);
    if (Array.isArray(child)) for (const c of child) if (c && typeof c === 'object' && 'k' in c) collectFields(c as Node, out);
  }
}

/** Same signature as the expr module's `compileFilter`. */
export function compileFilterLite(source: string, schema: ExprSchema, templates: TemplateValues = {}): CompiledFilter {
  const trimmed = source.trim();
  if (trimmed === '') return { source, matchesAll: true, matches: () => true, fields: new Set() };
  const parser = new Parser(tokenize(trimmed), schema, templates);
  const ast = parser.or();
  if (!parser.done()) throw fail(`unexpected token ${String(parser.peek())}`);
  const fields = new Set<string>();
  collectFields(ast, fields);
  const primaryKeys = pkHint(ast, schema);
  return {
    source,
    matchesAll: false,
    matches: (row) => evaluate(ast, row),
    fields,
    ...(primaryKeys ? { primaryKeys } : {}),
  };
}
