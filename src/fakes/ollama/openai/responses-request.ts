import { apiError } from '../api/replies.js';
import { jsonKind } from '../api/decode.js';
import { thinkForEffort } from './chat.js';
import { imageFromDataUrl } from './messages.js';

/**
 * `POST /v1/responses` request -> native chat request, as Ollama's openai.FromResponsesRequest
 * translates it (openai/responses.go, Ollama >= 0.13.3). What Ollama's ResponsesRequest struct does not
 * have is ignored, as encoding/json ignores unknown keys: `previous_response_id`, `store`, `metadata`,
 * `tool_choice`, `seed`, `parallel_tool_calls`, `top_logprobs`; `include`, `truncation`, `background`
 * and `reasoning.summary` are only echoed. Errors here are the middleware's (400, before the model is
 * looked up), worded as the Go decoder and FromResponsesRequest word them.
 */
export interface ResponsesTranslation {
  native: Record<string, unknown>;
  /** Whether any function tools were sent (the response echoes them). */
  tools: Record<string, unknown>[];
}

export function toNativeResponses(body: Record<string, unknown>): ResponsesTranslation {
  const messages: Record<string, unknown>[] = [];
  if (typeof body.instructions === 'string' && body.instructions !== '') messages.push({ role: 'system', content: body.instructions });
  const input = body.input;
  if (typeof input === 'string') messages.push({ role: 'user', content: input });
  else if (Array.isArray(input)) messages.push(...inputItems(input));
  else if (input !== undefined && input !== null) throw apiError(400, `input must be a string or array: json: cannot unmarshal ${jsonKind(input)} into Go value of type []openai.ResponsesInputItem`);

  const options: Record<string, unknown> = { temperature: typeof body.temperature === 'number' ? body.temperature : 1.0 };
  // top_p goes through only when given (the model's default applies otherwise); the response still echoes 1.0.
  if (typeof body.top_p === 'number') options.top_p = body.top_p;
  if (typeof body.max_output_tokens === 'number') options.num_predict = body.max_output_tokens;

  const native: Record<string, unknown> = { model: body.model, messages, stream: body.stream === true, options };
  const tools = Array.isArray(body.tools) ? body.tools.map(tool) : [];
  if (tools.length > 0) native.tools = tools.map(nativeTool);
  const format = textFormat(body.text);
  if (format !== undefined) native.format = format;
  const effort = reasoningField(body.reasoning, 'effort');
  if (effort !== undefined && effort !== '') native.think = thinkForEffort(effort);
  return { native, tools };
}

function inputItems(items: readonly unknown[]): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  let pendingThinking: string | undefined;
  const attachThinking = (message: Record<string, unknown>) => {
    if (pendingThinking !== undefined) message.thinking = pendingThinking;
    pendingThinking = undefined;
  };
  items.forEach((raw, i) => {
    const fail = (message: string): never => {
      throw apiError(400, `input[${i}]: ${message}`);
    };
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail(`json: cannot unmarshal ${jsonKind(raw)} into Go value of type map[string]json.RawMessage`);
    const item = raw as Record<string, unknown>;
    const type = typeof item.type === 'string' ? item.type : item.role !== undefined ? 'message' : undefined;
    switch (type) {
      case 'message': {
        const role = typeof item.role === 'string' ? item.role : '';
        const { content, images } = messageContent(item.content, fail);
        const message: Record<string, unknown> = { role, content, ...(images.length > 0 ? { images } : {}) };
        if (role === 'assistant') attachThinking(message);
        out.push(message);
        return;
      }
      case 'function_call': {
        let args: unknown;
        try {
          args = JSON.parse(typeof item.arguments === 'string' ? item.arguments : '');
        } catch (error) {
          throw apiError(400, `failed to parse function call arguments: ${(error as Error).message}`);
        }
        const call = { id: String(item.call_id ?? ''), function: { name: String(item.name ?? ''), arguments: args ?? {} } };
        const last = out[out.length - 1];
        // Consecutive calls join the assistant message before them, as one turn with several calls.
        if (last?.role === 'assistant' && pendingThinking === undefined) {
          last.tool_calls = [...((last.tool_calls as unknown[] | undefined) ?? []), call];
        } else {
          const message: Record<string, unknown> = { role: 'assistant', content: '', tool_calls: [call] };
          attachThinking(message);
          out.push(message);
        }
        return;
      }
      case 'function_call_output': {
        const { content, images } = callOutput(item.output, fail);
        out.push({ role: 'tool', content, ...(images.length > 0 ? { images } : {}), tool_call_id: String(item.call_id ?? '') });
        return;
      }
      case 'reasoning':
        pendingThinking = typeof item.encrypted_content === 'string' ? item.encrypted_content : '';
        return;
      case undefined:
        return fail("input item missing required 'type' field");
      default:
        return fail(`unknown input item type: ${JSON.stringify(type)}`);
    }
  });
  if (pendingThinking !== undefined) out.push({ role: 'assistant', content: '', thinking: pendingThinking });
  return out;
}

function messageContent(content: unknown, fail: (message: string) => never): { content: string; images: string[] } {
  if (typeof content === 'string') return { content, images: [] };
  if (content === undefined || content === null) return { content: '', images: [] };
  if (!Array.isArray(content)) return fail(`json: cannot unmarshal ${jsonKind(content)} into Go value of type []openai.ResponsesContent`);
  let text = '';
  const images: string[] = [];
  content.forEach((raw, j) => {
    const part = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    switch (part.type) {
      case 'input_text':
      case 'output_text':
        text += typeof part.text === 'string' ? part.text : '';
        return;
      case 'input_image':
        if (typeof part.image_url === 'string' && part.image_url !== '') images.push(imageFromDataUrl(part.image_url, 'invalid image input'));
        return;
      case 'input_file':
        throw apiError(400, 'file inputs are not currently supported');
      default:
        return fail(`content[${j}]: unknown content type: ${String(part.type ?? '')}`);
    }
  });
  return { content: text, images };
}

function callOutput(output: unknown, fail: (message: string) => never): { content: string; images: string[] } {
  if (typeof output === 'string') return { content: output, images: [] };
  if (Array.isArray(output)) return messageContent(output, fail);
  return fail(`output must be a string or array: json: cannot unmarshal ${jsonKind(output)} into Go value of type []openai.ResponsesContent`);
}

/** The tool as the response echoes it: `{type, name, description, strict, parameters}`, nulls kept. */
function tool(raw: unknown): Record<string, unknown> {
  const t = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  return {
    type: typeof t.type === 'string' ? t.type : '',
    name: typeof t.name === 'string' ? t.name : '',
    description: typeof t.description === 'string' ? t.description : null,
    strict: typeof t.strict === 'boolean' ? t.strict : null,
    parameters: typeof t.parameters === 'object' && t.parameters !== null ? t.parameters : null,
  };
}

/** convertTool: built-in tool types are not refused; they reach the model as a nameless tool it never calls. */
function nativeTool(t: Record<string, unknown>): Record<string, unknown> {
  const fn: Record<string, unknown> = { name: t.name };
  if (t.description !== null) fn.description = t.description;
  if (t.parameters !== null) fn.parameters = t.parameters;
  return { type: t.type, function: fn };
}

/** Only `json_schema` changes the answer; `json_object` and `text` are echoed and ignored (FromResponsesRequest). */
function textFormat(text: unknown): unknown {
  if (typeof text !== 'object' || text === null) return undefined;
  const format = (text as { format?: unknown }).format;
  if (typeof format !== 'object' || format === null) return undefined;
  const f = format as { type?: unknown; schema?: unknown };
  return f.type === 'json_schema' && typeof f.schema === 'object' && f.schema !== null ? f.schema : undefined;
}

export function reasoningField(reasoning: unknown, key: 'effort' | 'summary'): string | undefined {
  if (typeof reasoning !== 'object' || reasoning === null) return undefined;
  const value = (reasoning as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : undefined;
}
