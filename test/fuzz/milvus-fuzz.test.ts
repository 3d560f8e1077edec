/**
 * Nothing a peer sends can crash or hang the fake Milvus: on its one port, REST v2 bodies broken every
 * way, fuzzed filter expressions (10k nested parentheses, 100k-element `in`, 1 MB strings), HTTP/2 and
 * raw garbage, then gRPC calls whose messages are garbage. Every REST answer is an envelope with a
 * numeric code (or gin's text 404), every gRPC call ends with a status, all within 5 s; the process
 * serves afterwards, and a connection flood drains.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MilvusClient } from '@zilliz/milvus2-sdk-node';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type ChildFake, startChildFake } from './child-fake.js';
import { flood, openConnections } from './flood.js';
import { runCases } from './fuzz-run.js';
import { grpcGarbage } from './grpc-garbage.js';
import { FUZZ_SEED, milvusCases } from './milvus-cases.js';

/**
 * A case that gets no answer within this long counts as a hang. Every case is answered in milliseconds on
 * an idle machine; the budget is wide so that a saturated one (the suite runs under CPU burners in
 * .ci/saturate.sh) is not mistaken for a hanging fake. A real hang never answers at all.
 */
const HANG_MS = 20_000;
const CASES = Number(process.env.FAKECONTAINERS_FUZZ_CASES ?? 600) / 2;

describe('the fake Milvus under fuzzed input', () => {
  let fake: ChildFake;
  let problems: Awaited<ReturnType<typeof runCases>>['problems'];

  beforeAll(async () => {
    const seedFile = path.join(mkdtempSync(path.join(tmpdir(), 'fuzz-milvus-')), 'seed.json');
    writeFileSync(seedFile, JSON.stringify(FUZZ_SEED));
    const result = await runCases('milvus', milvusCases(20261203, CASES), { concurrency: 4, timeoutMs: HANG_MS, env: { FAKE_MILVUS_SEED_FILE: seedFile } });
    fake = result.fake;
    problems = result.problems;
  }, 240_000);

  afterAll(async () => {
    await fake?.stop();
  });

  test(`${CASES} REST bodies, filter expressions and raw HTTP/1 and HTTP/2 bytes: no crash, no hang, every refusal an envelope`, () => {
    expect(problems.map((p) => `${p.id} ${p.kind}: ${p.problem}`)).toEqual([]);
    expect(fake.exit()).toBeUndefined();
  });

  test('300 gRPC calls with garbage messages each end with a status in time', async () => {
    const outcomes = await grpcGarbage(`127.0.0.1:${fake.port}`, 20261203, 300, HANG_MS);
    expect(outcomes.length).toBeGreaterThan(200);
    expect(outcomes.filter((o) => o.outcome === 'timeout')).toEqual([]);
    expect(fake.exit()).toBeUndefined();
  }, 120_000);

  test('serves the official SDK afterwards', async () => {
    const client = new MilvusClient({ address: `127.0.0.1:${fake.port}`, logLevel: 'error', telemetry: { enabled: false } });
    try {
      await client.connectPromise;
      // The fuzzed REST calls may have dropped or renamed the seeded collection; the server must answer.
      expect((await client.checkHealth()).isHealthy).toBe(true);
      expect((await client.showCollections()).status.error_code).toBe('Success');
    } finally {
      await client.closeConnection();
    }
  });
});

test('3,000 connections opened and dropped mid-request (HTTP/1, HTTP/2 preface, TLS hello) leave none behind', async () => {
  // A fresh fake: peers that broke the HTTP/2 protocol above are let go by the gRPC keepalive after
  // 70 s (the real server's timings), longer than this test should wait.
  const fresh = await startChildFake('milvus');
  try {
    await flood(fresh.port, 3_000);
    await expect.poll(() => openConnections(`http://127.0.0.1:${fresh.port}`), { timeout: 20_000, interval: 200 }).toEqual([]);
    expect(fresh.exit()).toBeUndefined();
  } finally {
    await fresh.stop();
  }
}, 90_000);
