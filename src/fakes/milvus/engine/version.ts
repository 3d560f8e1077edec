/**
 * The Milvus release the fake reports (`service.version`, default v2.6.6) decides which surfaces exist:
 * methods and REST routes that arrived with Milvus 3.0 are absent from a 2.x server, so each transport
 * answers them as a 2.x server answers an unknown method or path.
 */

/** Whether a version string (`v2.6.6`, `2.6.6`, `v3.0.0-beta`) names a 2.x or older server. */
export function predatesV3(version: string): boolean {
  const major = Number(/^v?(\d+)/.exec(version)?.[1] ?? Number.NaN);
  return Number.isFinite(major) && major < 3;
}
