/**
 * The verdict on one fuzz answer: undefined when the fake answered as a real server would (a 2xx with
 * well-formed content, or a 4xx in the route's own error format), else what went wrong.
 */
import type { ErrorFormat } from './ollama-cases.js';
import type { RawAnswer } from './raw-http.js';

export interface Expectation {
  format: ErrorFormat;
  /** The server must answer (false: it may wait for bytes the client never sends, or just close). */
  mustAnswer: boolean;
  /** Transport-level oddities may get the HTTP layer's own bare 4xx. */
  transport: boolean;
  /** A HEAD request: the answer has no body to check. */
  head: boolean;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function errorShapeProblem(format: ErrorFormat, body: string): string | undefined {
  const value = parseJson(body) as Record<string, unknown> | undefined;
  if (format === 'ollama') return typeof value?.error === 'string' ? undefined : `not Ollama's {"error": "..."}: ${body.slice(0, 200)}`;
  if (format === 'openai') {
    const error = value?.error as Record<string, unknown> | undefined;
    return typeof error?.message === 'string' ? undefined : `not OpenAI's {"error": {"message"}}: ${body.slice(0, 200)}`;
  }
  if (format === 'milvus') {
    // REST v2 refusals are { code, message }; gin's timeout middleware answers 408 with the same shape.
    return typeof value?.code === 'number' && typeof value?.message === 'string' ? undefined : `not Milvus' { code, message }: ${body.slice(0, 200)}`;
  }
  if (format === 'anthropic') {
    const error = value?.error as Record<string, unknown> | undefined;
    return value?.type === 'error' && typeof error?.message === 'string' ? undefined : `not Anthropic's error: ${body.slice(0, 200)}`;
  }
  return undefined;
}

function contentProblem(contentType: string, body: string): string | undefined {
  if (contentType.startsWith('application/json')) {
    return parseJson(body) === undefined ? `invalid JSON body: ${body.slice(0, 200)}` : undefined;
  }
  if (contentType.startsWith('application/x-ndjson')) {
    const bad = body.split('\n').filter((line) => line !== '' && parseJson(line) === undefined);
    return bad.length > 0 ? `invalid NDJSON line: ${bad[0]?.slice(0, 200)}` : undefined;
  }
  if (contentType.startsWith('text/event-stream')) {
    const bad = body
      .split('\n')
      .filter((line) => line.startsWith('data:'))
      .map((line) => line.slice(5).trim())
      .filter((data) => data !== '[DONE]' && parseJson(data) === undefined);
    return bad.length > 0 ? `invalid SSE data: ${bad[0]?.slice(0, 200)}` : undefined;
  }
  return undefined;
}

export function judge(expect: Expectation, answer: RawAnswer): string | undefined {
  switch (answer.outcome) {
    case 'timeout':
      return expect.mustAnswer ? `no answer within ${Math.round(answer.ms)} ms` : undefined;
    case 'truncated':
      // Bytes that are not HTTP/1 at all (an HTTP/2 GOAWAY to a broken preface) answer raw garbage.
      if (answer.status === undefined && expect.transport && !expect.mustAnswer) return undefined;
      return `truncated answer (status ${String(answer.status)}): ${answer.body.subarray(0, 120).toString()}`;
    case 'closed':
      return expect.mustAnswer && !expect.transport ? 'closed without an answer' : undefined;
    case 'answered':
      break;
  }
  const status = answer.status as number;
  const contentType = answer.headers['content-type'] ?? '';
  const body = answer.body.toString('utf8');
  if (expect.head) return status >= 500 ? `status ${status} to HEAD` : undefined;
  // A 5xx the real server also sends (push of a missing model: Ollama's waitForStream answers 500) is
  // fine in the route's format; one that reports the fake's own failure never is.
  if (status >= 500 && (/fake server error|a bug/.test(body) || expect.format === 'text' || expect.format === 'any')) {
    return `status ${status}: ${body.slice(0, 300)}`;
  }
  if (status >= 400 || status >= 500) {
    if (expect.transport && [400, 413, 431, 501, 505].includes(status) && !contentType.startsWith('application/json')) return undefined;
    // Go's net/http refuses an unparsable request line with a bare 400; gin's CORS middleware refuses
    // a foreign Origin with an empty 403.
    if (status === 400 && body === '400 Bad Request') return undefined;
    if (status === 403 && body === '') return undefined;
    if (status === 404 || status === 405) {
      if (contentType.startsWith('text/plain')) return undefined;
    }
    if (expect.format === 'text' || expect.format === 'any') return contentType.startsWith('application/json') ? errorShapeProblem('ollama', body) && errorShapeProblem('openai', body) : undefined;
    return errorShapeProblem(expect.format, body);
  }
  const problem = contentProblem(contentType, body);
  if (problem || expect.format !== 'milvus' || !contentType.startsWith('application/json')) return problem;
  // Every REST v2 outcome is an envelope with a numeric code (0 on success).
  const code = (parseJson(body) as { code?: unknown } | undefined)?.code;
  return typeof code === 'number' ? undefined : `no numeric code in the envelope: ${body.slice(0, 200)}`;
}
