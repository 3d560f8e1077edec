import type { MilvusClient } from '@zilliz/milvus2-sdk-node';
import { fillVectors } from './children/vectors.mjs';

export const DIM = 768;
export const BATCH = 1000;

/** One 1000-row batch of rows as SDK users write them: `{ id, vector: number[] }`. */
function sdkRows(firstId: number): Array<{ id: number; vector: number[] }> {
  const floats = fillVectors(new Float32Array(BATCH * DIM), 7);
  return Array.from({ length: BATCH }, (_, i) => ({ id: firstId + i, vector: Array.from(floats.subarray(i * DIM, (i + 1) * DIM)) }));
}

/**
 * Rows per second of `batches` SDK inserts of 1000 rows into collection `c`, ids from `firstId`
 * (the rows are built before the clock starts).
 */
export async function sdkInsertRate(client: MilvusClient, firstId: number, batches: number): Promise<number> {
  const template = sdkRows(0);
  const prepared = Array.from({ length: batches }, (_, b) => template.map((row) => ({ id: firstId + b * BATCH + row.id, vector: row.vector })));
  const started = performance.now();
  for (const data of prepared) {
    const result = await client.insert({ collection_name: 'c', data });
    if (result.status.error_code !== 'Success') throw new Error(`insert failed: ${result.status.reason}`);
  }
  return (batches * BATCH) / ((performance.now() - started) / 1000);
}
