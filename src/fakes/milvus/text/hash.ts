/**
 * Token hashes as the BM25 function and RunAnalyzer report them: `typeutil.HashString2LessUint32`, the
 * CRC-32/IEEE of the token's first 100 UTF-8 bytes modulo 2^32 − 1 (so 0xFFFFFFFF becomes 0).
 */
const TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

const encoder = new TextEncoder();
const cache = new Map<string, number>();

/**
 * @example
 * tokenHash('milvus'); // a uint32 below 4294967295
 */
export function tokenHash(token: string): number {
  let hash = cache.get(token);
  if (hash !== undefined) return hash;
  const bytes = encoder.encode(token);
  const n = Math.min(bytes.length, 100);
  let crc = 0xffffffff;
  for (let i = 0; i < n; i++) crc = (TABLE[(crc ^ (bytes[i] as number)) & 0xff] as number) ^ (crc >>> 8);
  hash = ((crc ^ 0xffffffff) >>> 0) % 0xffffffff;
  if (cache.size > 200_000) cache.clear();
  cache.set(token, hash);
  return hash;
}
