/**
 * Partition-key routing: a row goes to partition `hash(key) % num_partitions`, with the hashes Milvus
 * uses for keys (murmur3 x86_32 of the little-endian int64 for Int64 keys, CRC-32/IEEE of the UTF-8
 * bytes for VarChar keys), so rows of one key always share a partition.
 */
import { crc32 } from '../../../common/crc32.js';
export { crc32 };

export function murmur3(bytes: Uint8Array, seed = 0): number {
  let h = seed >>> 0;
  const c1 = 0xcc9e2d51;
  const c2 = 0x1b873593;
  const blocks = bytes.length >>> 2;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < blocks; i++) {
    let k = view.getUint32(i * 4, true);
    k = Math.imul(k, c1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, c2);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) >>> 0;
  }
  let k = 0;
  const tail = blocks * 4;
  const rest = bytes.length & 3;
  if (rest >= 3) k ^= (bytes[tail + 2] as number) << 16;
  if (rest >= 2) k ^= (bytes[tail + 1] as number) << 8;
  if (rest >= 1) {
    k ^= bytes[tail] as number;
    k = Math.imul(k, c1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, c2);
    h ^= k;
  }
  h ^= bytes.length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Partition index for one partition-key value (null keys go to partition 0). */
export function partitionForKey(key: unknown, partitions: number): number {
  if (partitions <= 1 || key === null || key === undefined) return 0;
  if (typeof key === 'bigint' || typeof key === 'number') {
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setBigInt64(0, BigInt(key), true);
    return murmur3(bytes) % partitions;
  }
  return crc32(new TextEncoder().encode(String(key))) % partitions;
}
