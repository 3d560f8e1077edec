/**
 * REST v2 at the HTTP level, with raw requests (node-fetch and fetch, as curl users send them) and
 * the HttpClient: the envelope and its status codes, body decoding and binding errors, int64 as
 * strings and the `Accept-Type-Allow-Int64` switch, `DB-Name`, `Request-Timeout`, faults, the
 * journal and request attribution, and the groups the fake does not implement.
 */
import { HttpClient } from '@zilliz/milvus2-sdk-node';
import nodeFetch from 'node-fetch';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { StartedFakeMilvus } from '../../src/fakes/milvus/index.js';
import { startTestMilvus } from './milvus-helpers.js';

let milvus: StartedFakeMilvus;
let client: HttpClient;

const raw = async (path: string, body: string | undefined, headers: Record<string, string> = {}, method = 'POST') => {
  const response = await nodeFetch(`${milvus.url}/v2/vectordb/${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body } : {}),
  });
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
};
const json = async (path: string, body: unknown, headers: Record<string, string> = {}) =>
  JSON.parse((await raw(path, JSON.stringify(body), headers)).text) as Record<string, unknown>;

beforeAll(async () => {
  milvus = await startTestMilvus({
    seed: {
      collections: [
        { name: 'docs', dimension: 2, rows: [{ id: 9007199254740993n, vector: [0, 1], html: '<b>&</b>' }] },
        {
          name: 'typed',
          schema: {
            fields: [
              { name: 'id', dataType: 'Int64', isPrimaryKey: true },
              { name: 'big', dataType: 'Int64' },
              { name: 'v', dataType: 'FloatVector', typeParams: { dim: 2 } },
            ],
          },
          indexes: [{ fieldName: 'v', metricType: 'L2' }],
        },
      ],
    },
  });
  client = new HttpClient({ endpoint: milvus.url });
});

afterAll(async () => {
  await milvus.close();
});

describe('envelope', () => {
  test('success is HTTP 200 with sorted keys; query and search replies end with a newline like json.Encoder', async () => {
    const has = await raw('collections/has', '{"collectionName":"docs"}');
    expect(has).toEqual({
      status: 200,
      type: 'application/json; charset=utf-8',
      text: '{"code":0,"data":{"has":true}}',
    });
    const query = await raw(
      'entities/query',
      '{"collectionName":"docs","filter":"","outputFields":["html"],"limit":1}',
      { 'Accept-Type-Allow-Int64': 'false' },
    );
    // Go escapes <, > and & in strings.
    expect(query.text).toBe(
      '{"code":0,"cost":0,"data":[{"html":"\\u003cb\\u003e\\u0026\\u003c/b\\u003e","id":"9007199254740993"}]}\n',
    );
  });

  test('API errors are HTTP 200 envelopes; an unknown path or a GET is a 404', async () => {
    expect(await raw('collections/describe', '{"collectionName":"nope"}')).toMatchObject({
      status: 200,
      text: '{"code":100,"message":"can\'t find collection[database=default][collection=nope]"}',
    });
    expect(await raw('collections/nope', '{}')).toEqual({
      status: 404,
      type: 'text/plain',
      text: '404 page not found',
    });
    expect((await raw('collections/list', undefined, {}, 'GET')).status).toBe(404);
    const viaSdk = (client as unknown as { POST: (url: string, data: unknown) => Promise<unknown> }).POST(
      '/vectordb/collections/nope',
      {},
    );
    await expect(viaSdk).rejects.toMatchObject({ name: 'HttpError', status: 404 });
  });

  test('any content type is read as JSON (the SDK sends text/plain)', async () => {
    const body = '{"collectionName":"docs"}';
    for (const type of ['text/plain;charset=UTF-8', 'application/json', 'application/x-www-form-urlencoded']) {
      expect((await raw('collections/has', body, { 'Content-Type': type })).text).toBe(
        '{"code":0,"data":{"has":true}}',
      );
    }
    expect((await client.hasCollection({ collectionName: 'docs' } as never)).data.has).toBe(true);
  });

  test('bodies that are not JSON are 1801, with the decoder error', async () => {
    expect(JSON.parse((await raw('collections/has', '')).text)).toEqual({
      code: 1801,
      message: 'can only accept json format request, the request body should be nil, however {} is valid',
    });
    expect(JSON.parse((await raw('collections/has', '{"collectionName": "docs",')).text)).toEqual({
      code: 1801,
      message: 'can only accept json format request, error: unexpected EOF',
    });
    expect(JSON.parse((await raw('collections/has', '{collectionName: "docs"}')).text)).toEqual({
      code: 1801,
      message:
        "can only accept json format request, error: invalid character 'c' looking for beginning of object key string",
    });
    // json.Decoder reads the first value; trailing bytes are not its business.
    expect((await raw('collections/has', '{"collectionName":"docs"} trailing')).text).toBe(
      '{"code":0,"data":{"has":true}}',
    );
  });

  test('binding: type mismatches are 1801, missing required fields 1802, keys match case-insensitively', async () => {
    expect(await json('entities/query', { collectionName: 'docs', limit: '10' })).toEqual({
      code: 1801,
      message:
        'can only accept json format request, error: json: cannot unmarshal string into Go struct field QueryReqV2.limit of type int32',
    });
    expect(await json('partitions/create', {})).toEqual({
      code: 1802,
      message:
        "missing required parameters, error: Key: 'PartitionReq.CollectionName' Error:Field validation for 'CollectionName' failed on the 'required' tag\n" +
        "Key: 'PartitionReq.PartitionName' Error:Field validation for 'PartitionName' failed on the 'required' tag",
    });
    expect(await json('collections/has', { COLLECTIONNAME: 'docs' })).toEqual({ code: 0, data: { has: true } });
  });
});

describe('int64 values', () => {
  test('ids and Int64 fields are strings unless Accept-Type-Allow-Int64 is true', async () => {
    const row = { id: 9007199254740995n, big: -9223372036854775807n, v: [1, 0] };
    const body = `{"collectionName":"typed","data":[{"id":${row.id},"big":${row.big},"v":[1,0]}]}`;
    expect((await raw('entities/insert', body, { 'Accept-Type-Allow-Int64': 'false' })).text).toBe(
      '{"code":0,"cost":0,"data":{"insertCount":1,"insertIds":["9007199254740995"]}}',
    );
    const query = '{"collectionName":"typed","filter":"big < 0","outputFields":["big"]}';
    expect((await raw('entities/query', query, { 'Accept-Type-Allow-Int64': 'false' })).text).toBe(
      '{"code":0,"cost":0,"data":[{"big":"-9223372036854775807","id":"9007199254740995"}]}\n',
    );
    const exact = '{"code":0,"cost":0,"data":[{"big":-9223372036854775807,"id":9007199254740995}]}\n';
    expect((await raw('entities/query', query, { 'Accept-Type-Allow-Int64': 'true' })).text).toBe(exact);
    const strings = '{"code":0,"cost":0,"data":[{"big":"-9223372036854775807","id":"9007199254740995"}]}\n';
    expect((await raw('entities/query', query)).text).toBe(strings);
    expect((await raw('entities/query', query, { 'Accept-Type-Allow-Int64': 'maybe' })).text).toBe(strings);
    // The SDK always sends "false": its users get strings they can pass back.
    const viaSdk = await client.query({ collectionName: 'typed', filter: 'big < 0', outputFields: ['big'] });
    expect(viaSdk.data).toEqual([{ id: '9007199254740995', big: '-9223372036854775807' }]);
    expect(
      (await client.get({ collectionName: 'typed', id: viaSdk.data.map((r) => r.id), outputFields: ['id'] } as never))
        .data,
    ).toEqual([{ id: '9007199254740995' }]);
    const search = await raw('entities/search', '{"collectionName":"typed","data":[[1,0]],"limit":1}', {
      'Accept-Type-Allow-Int64': 'true',
    });
    expect(search.text).toBe('{"code":0,"cost":0,"data":[{"distance":0,"id":9007199254740995}],"topks":[1]}\n');
  });
});

describe('database selection and timeouts', () => {
  test('the database comes from dbName, else the DB-Name header, else default', async () => {
    await client.createDatabase({ dbName: 'hdr' });
    await json('collections/create', { collectionName: 'inside', dimension: 2 }, { 'DB-Name': 'hdr' });
    expect(await json('collections/list', {}, { 'DB-Name': 'hdr' })).toEqual({ code: 0, data: ['inside'] });
    expect(await json('collections/list', { dbName: 'default' }, { 'DB-Name': 'hdr' })).toEqual({
      code: 0,
      data: ['docs', 'typed'],
    });
    expect(await json('collections/list', {})).toEqual({ code: 0, data: ['docs', 'typed'] });
    expect(await json('collections/list', {}, { 'DB-Name': 'ghost' })).toEqual({
      code: 800,
      message: 'database not found[database=ghost]',
    });
  });

  test('Request-Timeout (seconds) bounds a delayed call with a 408; shorter delays answer normally', async () => {
    milvus.addFault({ kind: 'delay', delayMs: 5000, route: '/v2/vectordb/collections/has', times: 1 });
    expect(await raw('collections/has', '{"collectionName":"docs"}', { 'Request-Timeout': '0' })).toEqual({
      status: 408,
      type: 'application/json; charset=utf-8',
      text: '{"code":10001,"message":"request timeout"}',
    });
    milvus.addFault({ kind: 'delay', delayMs: 200, route: '/v2/vectordb/collections/has', times: 1 });
    expect((await raw('collections/has', '{"collectionName":"docs"}', { 'Request-Timeout': '1' })).text).toBe(
      '{"code":0,"data":{"has":true}}',
    );
  });

  test('status faults answer in the envelope; drop faults cut the connection', async () => {
    milvus.addFault({
      kind: 'status',
      status: 8,
      message: 'rate limit exceeded',
      route: '/v2/vectordb/entities/search',
      model: 'docs',
      times: 1,
    });
    expect(await client.search({ collectionName: 'docs', data: [[0, 1]] } as never)).toEqual({
      code: 8,
      message: 'rate limit exceeded',
    });
    expect((await client.search({ collectionName: 'docs', data: [[0, 1]] } as never)).code).toBe(0);
    milvus.addFault({ kind: 'drop', route: '/v2/vectordb/collections/list', times: 1 });
    await expect(raw('collections/list', '{}')).rejects.toThrow();
  });
});

describe('journal, attribution, unsupported groups', () => {
  test('every call is journaled with its path, collection, status and scope; the connection is attributed', async () => {
    const mark = milvus.journal().length;
    await json(
      'collections/describe',
      { collectionName: 'docs' },
      { 'x-fakecontainers-scope': 'suite-r', 'x-fakecontainers-client': 'rest-1' },
    );
    await json('collections/describe', { collectionName: 'nope' });
    const entries = milvus.journal().slice(mark);
    expect(entries.map((e) => [e.method, e.path, e.route, e.model, e.status, e.scope])).toEqual([
      ['POST', '/v2/vectordb/collections/describe', '/v2/vectordb/collections/describe', 'docs', 0, 'suite-r'],
      ['POST', '/v2/vectordb/collections/describe', '/v2/vectordb/collections/describe', 'nope', 100, undefined],
    ]);
    expect(entries[0]?.body).toEqual({ dbName: 'default', collectionName: 'docs' });
    expect(milvus.journal({ scope: 'suite-r' }).length).toBe(1);
    expect(milvus.connections({ scope: 'suite-r' }).map((c) => c.client)).toContain('rest-1');
  });

  test('2.6 routes the fake does not implement (segments/describe, quotacenter/describe) answer a business error, not a 404', async () => {
    const unsupported = (path: string) => ({
      code: 3000,
      message: `REST /v2/vectordb/${path} is not supported by fakecontainers' fake Milvus: unsupported operation`,
    });
    // Both are in 2.6's routeToMethod (handler_v2.go); 3.0-only routes are a 404 (milvus-rest-text.test.ts).
    expect(await json('segments/describe', { collectionName: 'docs' })).toEqual(unsupported('segments/describe'));
    expect(await json('quotacenter/describe', {})).toEqual(unsupported('quotacenter/describe'));
    // Import jobs and resource groups are served (see milvus-admin.test.ts).
    expect(await json('resource_groups/list', {})).toEqual({ code: 0, data: ['__default_resource_group'] });
  });
});
