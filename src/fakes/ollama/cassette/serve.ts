import type { JournalEntry } from '../../control/journal.js';
import type { Cassette } from './cassette.js';
import { splitRecorded } from './cassette.js';
import type { IncomingCall, ResponseSink } from '../api/call.js';

/** Answers an error in the route's own format (supplied by the pipeline). */
export type FailWith = (status: number, message: string) => Promise<void>;

/**
 * Serves a request from the fake's cassette: replays the recorded answer byte for byte, or (record
 * mode) proxies it to the upstream Ollama and keeps the request -> response pair.
 */
export async function serveCassette(
  cassette: Cassette,
  /** Aborted when the fake shuts down: a recording in progress is cut then. */
  closing: AbortSignal,
  call: IncomingCall,
  body: unknown,
  entry: JournalEntry,
  sink: ResponseSink,
  gone: AbortSignal,
  cors: Record<string, string>,
  fail: FailWith,
): Promise<void> {
  const path = new URL(call.url, 'http://fake.invalid').pathname;
  entry.cassette = cassette.mode;
  if (cassette.mode === 'record') {
    const recording = record(closing, cassette, call, path, body, entry, sink, gone, cors, fail);
    cassette.track(recording);
    return recording;
  }
  const hit = cassette.find(call.method, path, body);
  if (!hit)
    return fail(404, `no recorded response for ${call.method} ${path} with this body in cassette ${cassette.file}`);
  entry.status = hit.response.status;
  sink.writeHead(hit.response.status, { ...contentTypeHeader(hit.response.contentType), ...cors });
  for (const chunk of hit.response.chunks) {
    if (gone.aborted) return abort(entry, sink);
    await sink.write(chunk);
    entry.chunksSent++;
  }
  sink.end();
}

async function record(
  closing: AbortSignal,
  cassette: Cassette,
  call: IncomingCall,
  path: string,
  body: unknown,
  entry: JournalEntry,
  sink: ResponseSink,
  gone: AbortSignal,
  cors: Record<string, string>,
  fail: FailWith,
): Promise<void> {
  // A client that leaves before the upstream answers cancels the upstream call. Once it answers, the
  // whole reply is read and kept even if the client stops reading early (ollama-js releases the body
  // at done:true), so the cassette never holds half an answer; only shutting the fake down cuts it.
  const upstreamCall = new AbortController();
  const cancel = () => upstreamCall.abort();
  gone.addEventListener('abort', cancel, { once: true });
  let upstream: Response;
  try {
    upstream = await fetch(`${cassette.upstream}${call.url}`, {
      method: call.method,
      headers: { 'content-type': 'application/json', accept: call.headers.accept ?? 'application/json' },
      body: call.method === 'GET' || call.method === 'HEAD' ? undefined : Buffer.from(call.body),
      signal: upstreamCall.signal,
    });
  } catch (error) {
    if (gone.aborted) return abort(entry, sink);
    return fail(502, `cannot record: upstream ${cassette.upstream} did not answer (${(error as Error).message})`);
  } finally {
    gone.removeEventListener('abort', cancel);
  }
  closing.addEventListener('abort', cancel, { once: true });
  try {
    const contentType = upstream.headers.get('content-type') ?? undefined;
    entry.status = upstream.status;
    sink.writeHead(upstream.status, { ...contentTypeHeader(contentType), ...cors });
    let text = '';
    const decoder = new TextDecoder();
    for await (const piece of upstream.body ?? []) {
      text += decoder.decode(piece as Uint8Array, { stream: true });
      if (gone.aborted) continue;
      await sink.write(piece as Uint8Array);
      entry.chunksSent++;
    }
    text += decoder.decode();
    // On disk before the client sees the end of the reply: a suite that stops the fake as soon as its
    // last call returns must still find that call on the cassette.
    await cassette.add({
      request: { method: call.method, path, ...(body === undefined ? {} : { body }) },
      response: { status: upstream.status, contentType, chunks: splitRecorded(text, contentType) },
    });
    if (gone.aborted) return abort(entry, sink);
    sink.end();
  } finally {
    closing.removeEventListener('abort', cancel);
  }
}

function contentTypeHeader(contentType: string | undefined): Record<string, string> {
  return contentType ? { 'content-type': contentType } : {};
}

function abort(entry: JournalEntry, sink: ResponseSink): void {
  entry.aborted = true;
  sink.destroy();
}
