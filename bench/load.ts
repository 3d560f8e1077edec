import { Pool } from 'undici';

/**
 * Drives `method path body` against a server for `seconds` with `concurrency` keep-alive connections;
 * returns completed requests per second. Every response body is read to the end.
 */
export async function requestsPerSecond(
  port: number,
  request: { method: 'GET' | 'POST'; path: string; body?: string },
  seconds: number,
  concurrency = 16,
): Promise<number> {
  const pool = new Pool(`http://127.0.0.1:${port}`, { connections: concurrency, pipelining: 1, keepAliveTimeout: 10_000 });
  const deadline = Date.now() + seconds * 1000;
  let done = 0;
  const worker = async () => {
    while (Date.now() < deadline) {
      const res = await pool.request({
        method: request.method,
        path: request.path,
        body: request.body,
        headers: request.body ? { 'content-type': 'application/json' } : {},
      });
      await res.body.arrayBuffer();
      if (res.statusCode !== 200) throw new Error(`status ${res.statusCode} for ${request.path}`);
      done++;
    }
  };
  const started = Date.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (Date.now() - started) / 1000;
  await pool.close();
  return done / elapsed;
}
