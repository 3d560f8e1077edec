/**
 * A request sent as raw bytes over one TCP connection and the answer read back whole, so a fuzz case
 * controls every byte (framing, encodings, header oddities) and the check sees exactly what the server
 * wrote: a status line, headers and a body that is complete (chunked streams end with their last
 * chunk; `content-length` bodies have every byte), or a connection the server closed without an answer.
 */
import net from 'node:net';

export interface RawAnswer {
  /** `answered`: a complete response; `closed`: the server closed without one; `truncated`: a response cut short; `timeout`. */
  outcome: 'answered' | 'closed' | 'truncated' | 'timeout';
  status?: number;
  headers: Record<string, string>;
  body: Buffer;
  ms: number;
}

export interface SendOptions {
  timeoutMs: number;
  /** Half-close after writing (the client sends nothing more). @default true */
  end?: boolean;
}

export function sendRaw(port: number, bytes: Buffer, options: SendOptions): Promise<RawAnswer> {
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    // A HEAD answer has headers only, whatever its content-length says.
    const head = bytes.subarray(0, 5).toString('latin1') === 'HEAD ';
    let settled = false;
    const finish = (timedOut: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const answer = parseResponse(Buffer.concat(chunks), head);
      resolve({ ...answer, outcome: timedOut && answer.outcome !== 'answered' ? 'timeout' : answer.outcome, ms: performance.now() - started });
    };
    const timer = setTimeout(() => finish(true), options.timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      // A complete answer ends the exchange even when the server keeps the connection open.
      if (parseResponse(Buffer.concat(chunks), head).outcome === 'answered') finish(false);
    });
    socket.on('error', () => finish(false));
    socket.on('close', () => finish(false));
    socket.on('connect', () => {
      socket.write(bytes);
      if (options.end ?? true) socket.end();
    });
  });
}

type Parsed = Omit<RawAnswer, 'ms'>;

/** Parses one HTTP/1.1 response (the first, if the server pipelined several). */
export function parseResponse(data: Buffer, head = false): Parsed {
  const headEnd = data.indexOf('\r\n\r\n');
  if (headEnd < 0) return { outcome: data.length === 0 ? 'closed' : 'truncated', headers: {}, body: Buffer.alloc(0) };
  const [statusLine = '', ...lines] = data.subarray(0, headEnd).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1]);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const rest = data.subarray(headEnd + 4);
  if (!Number.isFinite(status)) return { outcome: 'truncated', headers, body: rest };
  if (head) return { outcome: 'answered', status, headers, body: Buffer.alloc(0) };
  if (headers['transfer-encoding']?.toLowerCase() === 'chunked') {
    const decoded = decodeChunked(rest);
    return decoded ? { outcome: 'answered', status, headers, body: decoded } : { outcome: 'truncated', status, headers, body: rest };
  }
  const length = headers['content-length'] === undefined ? undefined : Number(headers['content-length']);
  if (length === undefined || status === 204 || status === 304) {
    return { outcome: 'answered', status, headers, body: rest };
  }
  if (rest.length < length) return { outcome: 'truncated', status, headers, body: rest };
  return { outcome: 'answered', status, headers, body: rest.subarray(0, length) };
}

function decodeChunked(data: Buffer): Buffer | undefined {
  const out: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', at);
    if (lineEnd < 0) return undefined;
    const size = Number.parseInt(data.subarray(at, lineEnd).toString('latin1'), 16);
    if (!Number.isFinite(size)) return undefined;
    at = lineEnd + 2;
    if (size === 0) return data.indexOf('\r\n', at) >= 0 ? Buffer.concat(out) : undefined;
    if (data.length < at + size + 2) return undefined;
    out.push(data.subarray(at, at + size));
    at += size + 2;
  }
}

/** A request's bytes: request line, `host`, `connection: close`, the given headers, then the body. */
export function requestBytes(method: string, target: string, headers: Record<string, string>, body?: Buffer): Buffer {
  const all: Record<string, string> = { host: '127.0.0.1', connection: 'close', ...headers };
  if (body && !Object.keys(all).some((h) => h.toLowerCase() === 'content-length' || h.toLowerCase() === 'transfer-encoding')) {
    all['content-length'] = String(body.length);
  }
  const head = `${method} ${target} HTTP/1.1\r\n${Object.entries(all).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), body ?? Buffer.alloc(0)]);
}
