/**
 * A request as every transport hands it to the pipeline (HTTP server, in-process fetch) and the sink
 * the reply is written to. Transport-neutral: no `http` import.
 */
export interface IncomingCall {
  method: string;
  /** Path and query, e.g. `/api/chat?x=1`. */
  url: string;
  headers: Readonly<Record<string, string | undefined>>;
  /** Peer address; '' for in-process calls. */
  remoteAddress: string;
  /** The tracked connection the request came on (none for in-process calls). */
  connectionId?: number;
  body: Uint8Array;
}

export interface ResponseSink {
  /** `streaming`: chunks follow, so the headers should reach the client now. */
  writeHead(status: number, headers: Readonly<Record<string, string>>, streaming?: boolean): void;
  /** Resolves once the chunk is handed to the socket (after a drain when the buffer is full). */
  write(chunk: string | Uint8Array): Promise<void>;
  end(last?: string | Uint8Array): void;
  /** Drops the connection without a proper end. */
  destroy(): void;
  /**
   * Aborted when the client goes away. The pipeline also aborts it when the fake shuts down, so one
   * controller per request serves both.
   */
  readonly gone: AbortController;
}
