import { SCOPE_HEADER } from '../control/connections.js';
import { CONTROL_PREFIX, handleControl } from '../control/control-routes.js';
import type { Fault } from '../control/faults.js';
import type { JournalEntry } from '../control/journal.js';
import { serveCassette } from './cassette/serve.js';
import { corsHeaders, corsKind } from './cors.js';
import type { IncomingCall, ResponseSink } from './api/call.js';
import { decodeBody } from './api/decode.js';
import type { OllamaFake } from './fake.js';
import { errorReply, handle } from './handlers.js';
import { modelNameMatches } from './catalog/model-name.js';
import { JSON_CONTENT_TYPE, type Reply } from './api/replies.js';
import { matchRoute, type RouteDef } from './router.js';

/**
 * The transport-neutral request pipeline: control plane, routing, journal, faults, cassettes, the
 * pure handlers, and writing the reply (with per-chunk faults and client-abort detection). The HTTP
 * server and the in-process fetch adapter both drive it through a ResponseSink.
 */
/**
 * Whether the pipeline will read the request body: the control plane and routes that take one. Others
 * (unknown paths, wrong methods, GET routes) are answered without waiting for a body, as Go's server
 * answers them before any handler reads it.
 */
export function needsBody(method: string, rawUrl: string): boolean {
  const path = rawUrl.split('?')[0] as string;
  if (path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`)) return true;
  const match = matchRoute(method, path);
  return match.kind === 'route' && (match.route.json || method === 'POST');
}

/**
 * Serves one call and never rejects: whatever escapes the route's own error handling becomes a 500
 * (or, once the reply has started, a dropped connection) and a log line, so no request can take the
 * process down.
 */
export async function serveRequest(fake: OllamaFake, call: IncomingCall, sink: ResponseSink): Promise<void> {
  try {
    await serve(fake, call, sink);
  } catch (error) {
    fake.log.error(`${call.method} ${call.url.slice(0, 200)} failed in the fake (a bug: please report it)`, error);
    try {
      sink.writeHead(500, { 'content-type': JSON_CONTENT_TYPE });
      sink.end(JSON.stringify({ error: `fake server error: ${(error as Error).message}` }));
    } catch {
      sink.destroy();
    }
  }
}

// Go's net/http refuses a request whose path has a malformed %-escape before any handler runs.
const BAD_ESCAPE = /%(?![0-9a-fA-F]{2})/;

async function serve(fake: OllamaFake, call: IncomingCall, sink: ResponseSink): Promise<void> {
  let url: URL;
  try {
    url = new URL(call.url, 'http://fake.invalid');
  } catch {
    return writeBadRequest(sink);
  }
  const path = url.pathname;
  if (BAD_ESCAPE.test(call.url.split('?')[0] as string)) return writeBadRequest(sink);
  if (path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`)) return serveControl(fake, call, url, sink);
  const corsMode = corsKind(call.method, call.headers);
  if (corsMode === 'forbidden') return void sink.end(writeEmpty(sink, 403));
  const cors = corsMode === 'none' ? {} : corsHeaders(call.headers.origin as string, corsMode);
  if (corsMode === 'preflight') return void sink.end(writeEmpty(sink, 204, cors));

  const match = matchRoute(call.method, path);
  if (match.kind !== 'route') {
    const text = match.kind === 'not-found' ? '404 page not found' : '405 method not allowed';
    sink.writeHead(match.kind === 'not-found' ? 404 : 405, { 'content-type': 'text/plain', ...cors });
    return void sink.end(text);
  }
  const { route } = match;
  const decoded = route.json ? decodeBody(call.body) : undefined;
  const body = decoded?.ok ? decoded.value : undefined;
  const model = modelOf(body);
  const entry = fake.journal.record({
    at: fake.clock.now(),
    method: call.method,
    path,
    route: route.name,
    model,
    body,
    stream: isStreaming(route, body),
    scope: call.headers[SCOPE_HEADER],
  });
  const untrack = fake.trackRequest(sink.gone);
  const gone = sink.gone.signal;
  try {
    if (fake.cassette) {
      const fail = (status: number, message: string) => writeReply(errorReply(route, status, message), undefined, 0, entry, sink, gone, cors);
      return await serveCassette(fake.cassette, fake.closing, call, body, entry, sink, gone, cors, fail);
    }
    const fault = fake.faults.take(route.name, model, modelNameMatches);
    if (fault) entry.fault = fault.kind;
    if (fault && (await applyEarlyFault(fault, route, entry, sink, gone, cors))) return;
    const reply = handle({ method: call.method, route, params: match.params, decoded, raw: call.body }, fake.context, fake.known);
    if (reply.kind === 'json' && reply.status === 404 && model !== undefined) hintUnknownModel(fake, model);
    if (reply.delayMs && !(await sleep(reply.delayMs, gone))) return markAborted(entry, sink);
    await writeReply(reply, fault, fake.config.timing.tokenDelayMs, entry, sink, gone, cors);
  } catch (error) {
    fake.log.error(`${call.method} ${path} failed in the fake (a bug: please report it)`, error);
    if (entry.status === undefined) {
      await writeReply(errorReply(route, 500, `fake server error: ${(error as Error).message}`), undefined, 0, entry, sink, gone, cors);
    } else sink.destroy();
  } finally {
    untrack();
  }
}

async function serveControl(fake: OllamaFake, call: IncomingCall, url: URL, sink: ResponseSink): Promise<void> {
  const decoded = call.body.byteLength > 0 ? decodeBody(call.body) : undefined;
  if (decoded && !decoded.ok) return writeJson(sink, 400, { error: `invalid JSON body: ${decoded.message}` });
  const response = await handleControl(fake.controlPlane(), {
    method: call.method,
    path: url.pathname.slice(CONTROL_PREFIX.length) || '/',
    query: url.searchParams,
    body: decoded?.ok ? decoded.value : undefined,
    remoteAddress: call.remoteAddress,
    connectionId: call.connectionId,
    authorization: call.headers.authorization,
  });
  return writeJson(sink, response.status, response.body ?? {});
}

/** Faults that act before a reply exists. Returns true when the request is finished. */
async function applyEarlyFault(
  fault: Fault,
  route: RouteDef,
  entry: JournalEntry,
  sink: ResponseSink,
  gone: AbortSignal,
  cors: Record<string, string>,
): Promise<boolean> {
  switch (fault.kind) {
    case 'hang':
      await sleep(Infinity, gone);
      markAborted(entry, sink);
      return true;
    case 'drop':
      if (fault.afterChunks !== undefined) return false;
      entry.aborted = true;
      sink.destroy();
      return true;
    case 'delay':
      if (!(await sleep(fault.delayMs ?? 0, gone))) {
        markAborted(entry, sink);
        return true;
      }
      return false;
    case 'status': {
      const status = fault.status ?? 500;
      const reply = errorReply(route, status, fault.message ?? `injected fault: status ${status}`);
      await writeReply(reply, undefined, 0, entry, sink, gone, cors);
      return true;
    }
    default:
      return false;
  }
}

async function writeReply(
  reply: Reply,
  fault: Fault | undefined,
  tokenDelayMs: number,
  entry: JournalEntry,
  sink: ResponseSink,
  gone: AbortSignal,
  cors: Record<string, string>,
): Promise<void> {
  entry.status = reply.kind === 'stream' ? 200 : reply.status;
  switch (reply.kind) {
    case 'json': {
      const length = typeof reply.body === 'string' ? Buffer.byteLength(reply.body) : reply.body.byteLength;
      sink.writeHead(reply.status, { 'content-type': JSON_CONTENT_TYPE, 'content-length': String(length), ...cors, ...(reply.headers ?? {}) });
      return void sink.end(reply.body);
    }
    case 'text':
      sink.writeHead(reply.status, { 'content-type': reply.contentType ?? 'text/plain; charset=utf-8', ...cors });
      return void sink.end(reply.body);
    case 'empty':
      return void sink.end(writeEmpty(sink, reply.status, { ...cors, ...(reply.headers ?? {}) }));
    case 'stream':
      break;
  }
  sink.writeHead(200, { 'content-type': reply.format === 'sse' ? 'text/event-stream' : 'application/x-ndjson', ...cors }, true);
  const delay = fault?.kind === 'slow' ? (fault.tokenDelayMs ?? 0) : tokenDelayMs;
  const cutAt = fault?.afterChunks ?? (fault?.kind === 'truncate' ? reply.chunks.length - 1 : undefined);
  for (let i = 0; i < reply.chunks.length; i++) {
    if (gone.aborted) return markAborted(entry, sink);
    if (cutAt !== undefined && i === cutAt) {
      if (fault?.kind === 'drop') {
        entry.aborted = true;
        return sink.destroy();
      }
      if (fault?.kind === 'error-mid-stream') {
        await sink.write(reply.errorFrame(fault.message ?? 'injected fault: error mid-stream'));
        return sink.end();
      }
      if (fault?.kind === 'truncate') return sink.end();
    }
    await sink.write(reply.chunks[i] as string);
    entry.chunksSent++;
    if (delay > 0 && i < reply.chunks.length - 1 && !(await sleep(delay, gone))) return markAborted(entry, sink);
  }
  if (fault?.kind === 'error-mid-stream' && (cutAt === undefined || cutAt >= reply.chunks.length)) {
    await sink.write(reply.errorFrame(fault.message ?? 'injected fault: error mid-stream'));
  }
  sink.end();
}

/** The fake's own body limit (a real Ollama has none): 413 with a JSON error, and the connection closed. */
export function writeBodyTooLarge(fake: OllamaFake, sink: ResponseSink): void {
  sink.writeHead(413, { 'content-type': JSON_CONTENT_TYPE, connection: 'close' });
  sink.end(JSON.stringify({ error: `request body exceeds the fake's limit of ${fake.config.maxBodyBytes} bytes` }));
}

const hinted = new WeakMap<OllamaFake, Set<string>>();

/**
 * The 404 stays Ollama's own words (a client may assert on them); the fake's log says, once per
 * name, where the model would come from.
 */
function hintUnknownModel(fake: OllamaFake, model: string): void {
  if (fake.context.catalog.resolve(model)) return;
  const seen = hinted.get(fake) ?? new Set<string>();
  hinted.set(fake, seen);
  if (seen.has(model) || seen.size > 100) return;
  seen.add(model);
  const names = fake.context.catalog.list().map((m) => m.name);
  fake.log.warn(
    `model ${JSON.stringify(model)} is not in the fake's catalog (${names.join(', ')}): add it with the "extraModels" ` +
      `(or "models") option, FAKE_OLLAMA_EXTRA_MODELS, or pull it first (POST /api/pull adds any valid name)`,
  );
}

/** As Go's server answers a request line it cannot parse. */
function writeBadRequest(sink: ResponseSink): void {
  sink.writeHead(400, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
  sink.end('400 Bad Request');
}

function writeJson(sink: ResponseSink, status: number, value: unknown): void {
  sink.writeHead(status, { 'content-type': JSON_CONTENT_TYPE });
  sink.end(JSON.stringify(value));
}

function writeEmpty(sink: ResponseSink, status: number, headers: Record<string, string> = {}): undefined {
  sink.writeHead(status, { 'content-length': '0', ...headers });
  return undefined;
}

function markAborted(entry: JournalEntry, sink: ResponseSink): void {
  entry.aborted = true;
  sink.destroy();
}

/** Resolves true after `ms`, or false as soon as `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const timer = Number.isFinite(ms) ? setTimeout(done, ms, true) : undefined;
    function done(value: boolean) {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      resolve(value);
    }
    function onAbort() {
      done(false);
    }
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function modelOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const b = body as { model?: unknown; name?: unknown };
  return typeof b.model === 'string' ? b.model : typeof b.name === 'string' ? b.name : undefined;
}

function isStreaming(route: RouteDef, body: unknown): boolean {
  const stream = typeof body === 'object' && body !== null ? (body as { stream?: unknown }).stream : undefined;
  if (route.format !== 'ollama') return stream === true;
  return ['generate', 'chat', 'pull', 'push', 'create'].includes(route.name) && stream !== false;
}
