/**
 * Token hashes as the BM25 function and RunAnalyzer report them: `typeutil.HashString2LessUint32`, the
 * CRC-32/IEEE of the token's first 100 UTF-8 bytes modulo 2^32 − 1 (so 0xFFFFFFFF becomes 0).
 */
import { crc32 } from '../../../common/crc32.js';

const encoder = new TextEncoder();
const cache = new Map<string, number>();

/**
 * @example
 * tokenHash('milvus'); // a uint32 below 4294967295
 */
export function tokenHash(token: string): number {
  let hash = cache.get(token);
  if (hash !== undefined) return hash;
  hash = crc32(encoder.encode(token), 100) % 0xffffffff;
  if (cache.size > 200_000) cache.clear();
  cache.set(token, hash);
  return hash;
}
