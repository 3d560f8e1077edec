import { request } from 'node:http';

/** Minimal Docker Engine API calls over the unix socket, for the reaper image (no dependencies). */
export interface DockerResponse {
  status: number;
  body: unknown;
}

export function dockerRequest(socketPath: string, method: string, path: string, timeoutMs = 10_000): Promise<DockerResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, method, path, timeout: timeoutMs, headers: { host: 'docker' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = text;
        try {
          body = text === '' ? undefined : JSON.parse(text);
        } catch {
          // plain-text error bodies stay text
        }
        resolve({ status: res.statusCode ?? 0, body });
      });
    });
    req.on('timeout', () => req.destroy(new Error(`docker ${method} ${path} timed out after ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}
