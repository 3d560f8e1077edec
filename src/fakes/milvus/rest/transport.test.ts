import http from 'node:http';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { systemClock } from '../../../common/clock.js';
import { silentLogger } from '../../../common/log.js';
import { MilvusFake } from '../engine/milvus-fake.js';
import { createRestHandler } from './transport.js';
import { FakeMilvusServer } from '../server.js';

// A server with a tiny body limit and default timeout, so both bounds are cheap to reach.
const fake = new MilvusFake({ seed: { collections: [{ name: 'docs', dimension: 2 }] } }, systemClock, silentLogger);
const server = new FakeMilvusServer({ fake, port: 0 });
server.useHttp(createRestHandler(fake, { maxBodyBytes: 64, defaultTimeoutMs: 40 }));

beforeAll(() => server.start());
afterAll(() => server.close());

function post(path: string, body: string, headers: Record<string, string> = {}, chunked = false) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }>((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port: server.port,
        path: `/v2/vectordb/${path}`,
        method: 'POST',
        headers: { ...(chunked ? {} : { 'content-length': Buffer.byteLength(body) }), ...headers },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text }));
      },
    );
    request.on('error', reject);
    if (chunked) for (let i = 0; i < body.length; i += 16) request.write(body.slice(i, i + 16));
    else request.write(body);
    request.end();
  });
}

const big = JSON.stringify({ collectionName: 'docs', padding: 'x'.repeat(100) });

test('a body over the limit is refused with 413 before parsing, whether its length is declared or chunked', async () => {
  for (const chunked of [false, true]) {
    const reply = await post('collections/has', big, {}, chunked);
    expect(reply.status).toBe(413);
    expect(reply.headers.connection).toBe('close');
    expect(JSON.parse(reply.text)).toEqual({
      code: 1102,
      message: `request body of ${big.length} bytes exceeds the fake's limit of 64 bytes: parameter too large`,
    });
  }
  expect((await post('collections/has', '{"collectionName":"docs"}')).text).toBe('{"code":0,"data":{"has":true}}');
});

test('without a usable Request-Timeout a hanging call ends at the default timeout', async () => {
  const headers: Array<Record<string, string>> = [{}, { 'Request-Timeout': '0.5' }];
  for (const header of headers) {
    fake.faults.add({ kind: 'hang', route: '/v2/vectordb/collections/has', times: 1 });
    const reply = await post('collections/has', '{"collectionName":"docs"}', header);
    expect([reply.status, reply.text]).toEqual([408, '{"code":10001,"message":"request timeout"}']);
    expect(fake.journal.list().at(-1)).toMatchObject({ status: 10001, fault: 'hang' });
  }
});

test('a client that gives up on a delayed call is journaled as aborted', async () => {
  fake.faults.add({ kind: 'delay', delayMs: 5000, route: '/v2/vectordb/collections/list', times: 1 });
  const controller = new AbortController();
  const pending = fetch(`http://127.0.0.1:${server.port}/v2/vectordb/collections/list`, {
    method: 'POST',
    body: '{}',
    headers: { 'Request-Timeout': '60' },
    signal: controller.signal,
  });
  await expect.poll(() => fake.journal.list().at(-1)?.route).toBe('/v2/vectordb/collections/list');
  controller.abort();
  await expect(pending).rejects.toThrow();
  await expect.poll(() => fake.journal.list().at(-1)?.aborted).toBe(true);
});
