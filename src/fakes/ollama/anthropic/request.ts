import { jsonKind } from '../api/decode.js';
import { apiError } from '../api/replies.js';

/**
 * Anthropic Messages request -> native chat request, as Ollama's anthropic.FromMessagesRequest and
 * middleware.AnthropicMessagesMiddleware translate it (anthropic/anthropic.go, middleware/anthropic.go).
 * Checked in Ollama's order: the JSON bind, `model`, `max_tokens`, `messages`. Ollama parses and ignores
 * `tool_choice`, `metadata`, `thinking.budget_tokens`, `tool_result.is_error` and thinking signatures;
 * it never reads the `x-api-key` / `anthropic-version` headers; unknown block types are skipped.
 */
export interface MessagesTranslation {
  native: Record<string, unknown>;
  /** Whether `thinking` asked for thinking: dropped, not refused, on a model that cannot think. */
  thinkingRequested: boolean;
  /** Ollama's estimate of the prompt for `message_start` (characters / 4, at least 1). */
  estimatedInputTokens: number;
}

export function toNativeMessages(body: Record<string, unknown>): MessagesTranslation {
  if (typeof body.model !== 'string' || body.model === '') throw apiError(400, 'model is required');
  if (typeof body.max_tokens !== 'number' || body.max_tokens <= 0) throw apiError(400, 'max_tokens is required and must be positive');
  if (!Array.isArray(body.messages) || body.messages.length === 0) throw apiError(400, 'messages is required');

  const estimate = { chars: 0 };
  const messages: Record<string, unknown>[] = [];
  const system = systemText(body.system);
  estimate.chars += system.length;
  if (system !== '') messages.push({ role: 'system', content: system });
  for (const raw of body.messages) messages.push(...message(raw, estimate));

  const options: Record<string, unknown> = { num_predict: body.max_tokens };
  if (typeof body.temperature === 'number') options.temperature = body.temperature;
  if (typeof body.top_p === 'number') options.top_p = body.top_p;
  if (typeof body.top_k === 'number') options.top_k = body.top_k;
  if (Array.isArray(body.stop_sequences)) options.stop = body.stop_sequences.filter((s): s is string => typeof s === 'string');

  const native: Record<string, unknown> = { model: body.model, messages, options, stream: body.stream === true };
  if (Array.isArray(body.tools) && body.tools.length > 0) {
    native.tools = body.tools.map((raw) => {
      const t = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
      const name = typeof t.name === 'string' ? t.name : '';
      if (t.input_schema !== undefined && (typeof t.input_schema !== 'object' || t.input_schema === null || Array.isArray(t.input_schema))) {
        throw apiError(400, `invalid input_schema for tool "${name}": json: cannot unmarshal ${jsonKind(t.input_schema)} into Go value of type api.ToolFunctionParameters`);
      }
      estimate.chars += name.length + (typeof t.description === 'string' ? t.description.length : 0) + JSON.stringify(t.input_schema ?? {}).length;
      return {
        type: 'function',
        function: {
          name,
          ...(typeof t.description === 'string' ? { description: t.description } : {}),
          parameters: t.input_schema ?? { type: 'object', properties: {} },
        },
      };
    });
  }
  const thinking = body.thinking as { type?: unknown } | undefined;
  let thinkingRequested = false;
  if (thinking?.type === 'enabled') {
    native.think = true;
    thinkingRequested = true;
  } else if (thinking?.type === 'disabled') native.think = false;
  return { native, thinkingRequested, estimatedInputTokens: Math.max(1, Math.floor(estimate.chars / 4)) };
}

function systemText(system: unknown): string {
  if (typeof system === 'string') return system;
  if (!Array.isArray(system)) return '';
  // Only text blocks count, joined with no separator.
  return system
    .map((b) => (typeof b === 'object' && b !== null && (b as { type?: unknown }).type === 'text' ? String((b as { text?: unknown }).text ?? '') : ''))
    .join('');
}

function message(raw: unknown, estimate: { chars: number }): Record<string, unknown>[] {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw apiError(400, `json: cannot unmarshal ${jsonKind(raw)} into Go value of type anthropic.MessageParam`);
  }
  const m = raw as Record<string, unknown>;
  const role = typeof m.role === 'string' ? m.role.toLowerCase() : '';
  estimate.chars += role.length;
  if (typeof m.content === 'string') {
    estimate.chars += m.content.length;
    return [{ role, content: m.content }];
  }
  if (!Array.isArray(m.content)) return [{ role, content: '' }];
  let text = '';
  let thinking: string | undefined;
  const images: string[] = [];
  const calls: Record<string, unknown>[] = [];
  const results: Record<string, unknown>[] = [];
  for (const rawBlock of m.content) {
    const block = (typeof rawBlock === 'object' && rawBlock !== null ? rawBlock : {}) as Record<string, unknown>;
    switch (block.type) {
      case 'text':
        text += typeof block.text === 'string' ? block.text : '';
        estimate.chars += typeof block.text === 'string' ? block.text.length : 0;
        break;
      case 'image':
        images.push(imageData(block.source, 'invalid image source'));
        break;
      case 'tool_use': {
        if (typeof block.id !== 'string' || block.id === '') throw apiError(400, "tool_use block missing required 'id' field");
        if (typeof block.name !== 'string' || block.name === '') throw apiError(400, "tool_use block missing required 'name' field");
        estimate.chars += JSON.stringify(block).length;
        calls.push({ id: block.id, function: { name: block.name, arguments: block.input ?? {} } });
        break;
      }
      case 'tool_result': {
        estimate.chars += JSON.stringify(block).length;
        results.push({ role: 'tool', ...toolResultContent(block.content), tool_call_id: String(block.tool_use_id ?? '') });
        break;
      }
      case 'thinking':
        thinking = typeof block.thinking === 'string' ? block.thinking : '';
        estimate.chars += thinking.length;
        break;
      default:
        // redacted_thinking, document, ...: skipped, as Ollama skips them.
        break;
    }
  }
  const out: Record<string, unknown>[] = [...results];
  if (text !== '' || images.length > 0 || calls.length > 0 || thinking !== undefined || results.length === 0) {
    out.push({
      role,
      content: text,
      ...(images.length > 0 ? { images } : {}),
      ...(calls.length > 0 ? { tool_calls: calls } : {}),
      ...(thinking !== undefined ? { thinking } : {}),
    });
  }
  return out;
}

function toolResultContent(content: unknown): { content: string; images?: string[] } {
  if (typeof content === 'string') return { content };
  if (!Array.isArray(content)) return { content: '' };
  let text = '';
  const images: string[] = [];
  for (const raw of content) {
    const block = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    if (block.type === 'text' && typeof block.text === 'string') text += block.text;
    if (block.type === 'image') images.push(imageData(block.source, 'invalid tool_result image source'));
  }
  return images.length > 0 ? { content: text, images } : { content: text };
}

/** Base64 sources only; `url` sources are refused with Ollama's words. */
function imageData(source: unknown, missing: string): string {
  if (typeof source !== 'object' || source === null) throw apiError(400, missing);
  const s = source as { type?: unknown; data?: unknown };
  if (s.type !== 'base64') throw apiError(400, `invalid image source type: ${String(s.type ?? '')}. Only base64 images are supported.`);
  const data = typeof s.data === 'string' ? s.data : '';
  const bad = /[^A-Za-z0-9+/=]/.exec(data)?.index ?? (data.length % 4 !== 0 ? data.length - (data.length % 4) : undefined);
  if (bad !== undefined) throw apiError(400, `invalid base64 image data: illegal base64 data at input byte ${bad}`);
  return data;
}
