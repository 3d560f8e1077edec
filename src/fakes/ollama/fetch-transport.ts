import type { OllamaFake } from './fake.js';
import type { ResponseSink } from './api/call.js';
import { serveRequest, writeBodyTooLarge } from './pipeline.js';

/** A `fetch`-compatible function that answers from the fake in-process, with no socket. */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

export function createOllamaFetch(fake: OllamaFake): FetchLike {
  return async (input, init) => {
    const request = new Request(input, init);
    if (request.signal.aborted) throw abortError(request.signal);
    const url = new URL(request.url);
    const body = new Uint8Array(await request.arrayBuffer());
    const headers: Record<string, string> = {};
    request.headers.forEach((value, key) => {
      headers[key] = value;
    });
    return new Promise<Response>((resolve, reject) => {
      const gone = new AbortController();
      const encoder = new TextEncoder();
      let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
      let headSent = false;
      let finished = false;
      const stream = new ReadableStream<Uint8Array>({
        start(c) {
          controller = c;
        },
        cancel() {
          gone.abort();
        },
      });
      request.signal.addEventListener(
        'abort',
        () => {
          gone.abort();
          if (!headSent) reject(abortError(request.signal));
          else if (!finished) {
            finished = true;
            controller?.error(abortError(request.signal));
          }
        },
        { once: true },
      );
      const sink: ResponseSink = {
        gone,
        writeHead(status, responseHeaders) {
          headSent = true;
          const noBody = NULL_BODY_STATUSES.has(status) || request.method === 'HEAD';
          if (noBody) finished = true;
          resolve(new Response(noBody ? null : stream, { status, headers: responseHeaders }));
        },
        async write(chunk) {
          if (finished) return;
          controller?.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
        },
        end(last) {
          if (finished) return;
          if (last !== undefined) controller?.enqueue(typeof last === 'string' ? encoder.encode(last) : last);
          finished = true;
          controller?.close();
        },
        destroy() {
          gone.abort();
          if (!headSent) reject(new TypeError('fetch failed', { cause: new Error('other side closed') }));
          else if (!finished) {
            finished = true;
            controller?.error(new TypeError('terminated', { cause: new Error('other side closed') }));
          }
        },
      };
      if (body.byteLength > fake.config.maxBodyBytes) return writeBodyTooLarge(fake, sink);
      serveRequest(fake, { method: request.method, url: url.pathname + url.search, headers, remoteAddress: '', body }, sink).catch(
        reject,
      );
    });
  };
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}
