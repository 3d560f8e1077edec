import { apiError } from '../api/replies.js';

/**
 * OpenAI chat messages -> Ollama messages, as openai.FromChatRequest translates them: string
 * content is one message; each part of array content becomes a message of its own (text, or an
 * image); content may only be missing when the message carries tool calls; a tool message is named
 * by `name` or by the id of the call it answers (the last call with that id wins).
 */
export function toNativeMessages(messages: readonly unknown[]): Record<string, unknown>[] {
  const toolNames = new Map<string, string>();
  for (const raw of messages) {
    for (const call of toolCallsOf(raw)) {
      const fn = call.function as { name?: unknown } | undefined;
      if (typeof call.id === 'string' && typeof fn?.name === 'string') toolNames.set(call.id, fn.name);
    }
  }
  return messages.flatMap((raw) => translate(raw, toolNames));
}

function translate(raw: unknown, toolNames: ReadonlyMap<string, string>): Record<string, unknown>[] {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw apiError(400, 'invalid message format');
  const m = raw as Record<string, unknown>;
  const role = typeof m.role === 'string' ? m.role : '';
  const thinking = typeof m.reasoning === 'string' && m.reasoning !== '' ? { thinking: m.reasoning } : {};
  let toolName = '';
  if (role.toLowerCase() === 'tool') {
    toolName =
      typeof m.name === 'string' && m.name !== '' ? m.name : (toolNames.get(String(m.tool_call_id ?? '')) ?? '');
  }
  const named = toolName === '' ? {} : { tool_name: toolName };
  const calls = Array.isArray(m.tool_calls) ? nativeToolCalls(m.tool_calls) : undefined;
  const withCalls = calls === undefined ? {} : { tool_calls: calls };
  if (typeof m.content === 'string') return [{ role, content: m.content, ...thinking, ...withCalls, ...named }];
  if (Array.isArray(m.content)) {
    const out = m.content.map((part) => partMessage(role, part));
    const last = out[out.length - 1];
    if (last && calls !== undefined && calls.length > 0) Object.assign(last, withCalls, named, thinking);
    return out;
  }
  if (m.tool_calls === undefined || m.tool_calls === null) {
    throw apiError(400, `invalid message content type: ${goTypeName(m.content)}`);
  }
  return [{ role, content: '', ...thinking, ...withCalls }];
}

function partMessage(role: string, part: unknown): Record<string, unknown> {
  if (typeof part !== 'object' || part === null || Array.isArray(part)) throw apiError(400, 'invalid message format');
  const p = part as Record<string, unknown>;
  if (p.type === 'text') {
    if (typeof p.text !== 'string') throw apiError(400, 'invalid message format');
    return { role, content: p.text };
  }
  if (p.type === 'image_url') return { role, content: '', images: [imageData(p.image_url)] };
  throw apiError(400, 'invalid message format');
}

function nativeToolCalls(calls: unknown[]): Record<string, unknown>[] {
  return calls.map((call) => {
    const fn = ((call as { function?: unknown })?.function ?? {}) as { name?: unknown; arguments?: unknown };
    let args: unknown;
    try {
      args = JSON.parse(typeof fn.arguments === 'string' ? fn.arguments : '');
    } catch {
      throw apiError(400, 'invalid tool call arguments');
    }
    return { function: { name: typeof fn.name === 'string' ? fn.name : '', arguments: args ?? {} } };
  });
}

function toolCallsOf(raw: unknown): Record<string, unknown>[] {
  const calls = typeof raw === 'object' && raw !== null ? (raw as { tool_calls?: unknown }).tool_calls : undefined;
  return Array.isArray(calls)
    ? calls.filter((c): c is Record<string, unknown> => typeof c === 'object' && c !== null)
    : [];
}

function imageData(value: unknown): string {
  const url =
    typeof value === 'string'
      ? value
      : typeof value === 'object' && value !== null
        ? (value as { url?: unknown }).url
        : undefined;
  if (typeof url !== 'string') throw apiError(400, 'invalid message format');
  return imageFromDataUrl(url, 'invalid message format');
}

/**
 * openai.decodeImageURL: base64 data URIs of png/jpeg/webp (or no type) only; http(s) URLs and other
 * prefixes are refused with Ollama's words. `badData` is the caller's message for invalid base64.
 */
export function imageFromDataUrl(url: string, badData: string): string {
  if (/^https?:\/\//i.test(url)) throw apiError(400, 'image URLs are not currently supported, please use base64 encoded data instead');
  const match = /^data:(?:image\/(?:png|jpeg|jpg|webp))?;base64,(.*)$/s.exec(url);
  if (!match) throw apiError(400, 'invalid image input');
  const data = match[1] as string;
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(data) || data.length % 4 !== 0) throw apiError(400, badData);
  return data;
}

/** The Go type name `%T` prints for a decoded JSON value. */
function goTypeName(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (typeof value === 'number') return 'float64';
  if (typeof value === 'boolean') return 'bool';
  return 'map[string]interface {}';
}
