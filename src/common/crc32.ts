/** CRC-32/IEEE (the polynomial zlib and Go's `hash/crc32.ChecksumIEEE` use), over bytes [0, length). */
const TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/**
 * @example
 * crc32(new TextEncoder().encode('hello')); // 0x3610a686
 */
export function crc32(bytes: Uint8Array, length = bytes.length): number {
  let crc = 0xffffffff;
  const n = Math.min(length, bytes.length);
  for (let i = 0; i < n; i++) crc = (TABLE[(crc ^ (bytes[i] as number)) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
