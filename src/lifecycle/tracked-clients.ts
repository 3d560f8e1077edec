import { Agent as HttpAgent, type ClientRequest } from 'node:http';
import { randomUUID } from 'node:crypto';
import { Ollama } from 'ollama';
import { Agent, fetch as undiciFetch } from 'undici';
import { FakecontainersError } from '../common/errors.js';
import { CLIENT_HEADER, SCOPE_HEADER } from '../fakes/control/connections.js';
import type { FetchLike } from '../fakes/ollama/fetch-transport.js';
import { deferredCreationSite } from './creation-site.js';
import type { ResourceOwner } from './resource-owner.js';

/**
 * Clients owned by a scope. Each scope has its own undici Agent, so closing the scope destroys its
 * keep-alive sockets; every request carries the scope's signal (even non-streaming calls abort when the
 * scope closes) and the `x-fakecontainers-scope` / `x-fakecontainers-client` headers, so the fakes can
 * attribute each connection to the scope and the line that created the client.
 */
export interface ClientRecord {
  id: string;
  kind: 'ollama' | 'milvus' | 'fetch' | 'http-agent';
  scope: string;
  createdAt: string;
  /**
   * Set on its first request, except the Connect handshake a Milvus client sends by itself (finished
   * before the client is handed out). A client that sent nothing else cannot have left a call or a
   * connection open, nor changed what the server holds: its scope needs no leak check, and its
   * per-test database is as it was.
   */
  used: boolean;
}

const agents = new WeakMap<ResourceOwner, Agent>();
const records = new WeakMap<ResourceOwner, ClientRecord[]>();

/** Clients a scope has handed out, with where each was created (for leak reports). */
export function clientRecords(scope: ResourceOwner): readonly ClientRecord[] {
  return records.get(scope) ?? [];
}

function record(scope: ResourceOwner, kind: ClientRecord['kind']): ClientRecord {
  const site = deferredCreationSite();
  const entry: ClientRecord = {
    id: randomUUID().slice(0, 8),
    kind,
    scope: scope.id,
    get createdAt() {
      return site();
    },
    used: false,
  };
  const list = records.get(scope) ?? [];
  list.push(entry);
  records.set(scope, list);
  return entry;
}

function agentOf(scope: ResourceOwner): Agent {
  let agent = agents.get(scope);
  if (!agent) {
    const created = new Agent({ keepAliveTimeout: 4_000, connections: 64 });
    agent = scope.track(created, (a) => a.destroy(), { name: `HTTP agent of scope ${scope.path}` });
    agents.set(scope, agent);
  }
  return agent;
}

/** A fetch bound to the scope: its agent, its signal and its attribution headers. */
export function scopedFetch(scope: ResourceOwner, client: ClientRecord = record(scope, 'fetch')): FetchLike {
  const clientId = client.id;
  return (input, init = {}) => {
    if (scope.state !== 'open') return Promise.reject(scope.signal.reason);
    client.used = true;
    const headers = new Headers(init.headers ?? (input instanceof Request ? input.headers : undefined));
    headers.set(SCOPE_HEADER, scope.id);
    headers.set(CLIENT_HEADER, clientId);
    const signal = init.signal ? AbortSignal.any([init.signal, scope.signal]) : scope.signal;
    const url = input instanceof Request ? input.url : input;
    const options = { ...(init as object), headers: Object.fromEntries(headers), signal, dispatcher: agentOf(scope) };
    return undiciFetch(url, options as unknown as Parameters<typeof undiciFetch>[1]) as unknown as Promise<Response>;
  };
}

/** An `Ollama` client (ollama-js) bound to the scope's fake. */
export function scopedOllama(scope: ResourceOwner, host: string | undefined, options: { headers?: Record<string, string> } = {}): Ollama {
  if (!host) throw new FakecontainersError('INVALID_OPTION', `scope "${scope.path}" has no fake Ollama endpoint; start one or set FAKECONTAINERS_OLLAMA_URL`);
  const entry = record(scope, 'ollama');
  const { id } = entry;
  const client = new Ollama({ host, headers: options.headers, fetch: scopedFetch(scope, entry) as typeof fetch });
  return scope.track(client, (c) => c.abort(), { name: `Ollama client ${id}` });
}

/**
 * A Node `http.Agent` for code that uses node-fetch or `http.request`: it adds the scope headers to
 * every request and is destroyed (with all its sockets) when the scope closes.
 */
export function scopedHttpAgent(scope: ResourceOwner): HttpAgent {
  const entry = record(scope, 'http-agent');
  const { id } = entry;
  const agent = new ScopeHttpAgent(scope.id, entry);
  return scope.track(agent, (a) => a.destroy(), { name: `http.Agent ${id}` });
}

class ScopeHttpAgent extends HttpAgent {
  readonly #scopeId: string;
  readonly #client: ClientRecord;

  constructor(scopeId: string, client: ClientRecord) {
    super({ keepAlive: true });
    this.#scopeId = scopeId;
    this.#client = client;
  }

  // Called while the request is being constructed, before any header is written.
  addRequest(request: ClientRequest, options: object): void {
    if (!request.headersSent) {
      request.setHeader(SCOPE_HEADER, this.#scopeId);
      request.setHeader(CLIENT_HEADER, this.#client.id);
    }
    this.#client.used = true;
    (HttpAgent.prototype as unknown as { addRequest(r: ClientRequest, o: object): void }).addRequest.call(this, request, options);
  }
}

export { record as recordClient };
