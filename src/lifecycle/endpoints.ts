import { FakeControlClient } from '../fakes/control/control-client.js';

/** Where the fakes of a run are reached; the same shape for every mode. */
export interface FakeEndpoints {
  /** `http://host:port` of the fake Ollama. */
  ollamaUrl?: string;
  /** `host:port` of the fake Milvus (gRPC, REST v2 and the control plane on one port). */
  milvusAddress?: string;
  /** The token the fakes' control planes require (`Authorization: Bearer`); undefined when open. */
  controlToken?: string;
}

/** The HTTP base of a fake Milvus' control plane and REST API (served on its gRPC port). */
export function milvusHttpUrl(address: string): string {
  return address.startsWith('http') ? address : `http://${address}`;
}

/** Clients for the fakes' control planes (faults, journal, reset), one per fake the endpoints name. */
export interface FakeControls {
  ollamaControl?: FakeControlClient;
  milvusControl?: FakeControlClient;
}

export function controlClients(endpoints: FakeEndpoints): FakeControls {
  return {
    ollamaControl: endpoints.ollamaUrl ? new FakeControlClient(endpoints.ollamaUrl, endpoints.controlToken) : undefined,
    milvusControl: endpoints.milvusAddress ? new FakeControlClient(milvusHttpUrl(endpoints.milvusAddress), endpoints.controlToken) : undefined,
  };
}
