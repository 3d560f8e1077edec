import { chatReply, runChat } from './native/chat.js';
import type { HandlerContext } from './api/context.js';
import type { Decoded } from './api/decode.js';
import { embedReply, legacyEmbeddings, runEmbed } from './native/embed.js';
import { generateReply, runGenerate } from './native/generate.js';
import { type SpecLookup, copy, create, createBlob, headBlob, ps, pull, push, remove, show, tags } from './native/models.js';
import { anthropicError, anthropicMessages } from './anthropic/messages.js';
import { openaiChat } from './openai/chat.js';
import { openaiResponses } from './openai/responses.js';
import { openaiError } from './openai/format.js';
import { openaiCompletions, openaiEmbeddings, openaiModel, openaiModels } from './openai/misc.js';
import { type Reply, ApiError, jsonReply, ollamaError } from './api/replies.js';
import type { RouteDef } from './router.js';

/** A request as handlers see it: already routed and decoded, with no socket in sight. */
export interface ApiCall {
  method: string;
  route: RouteDef;
  params: Readonly<Record<string, string>>;
  /** Decoded JSON body for JSON routes (undefined for the others). */
  decoded?: Decoded;
  /** The raw body (blob uploads). */
  raw: Uint8Array;
}

/**
 * Pure dispatch: (call, context) -> reply. Protocol errors thrown as ApiError become replies in the
 * route's own format; anything else propagates to the transport, which logs it and answers 500.
 */
export function handle(call: ApiCall, ctx: HandlerContext, known: SpecLookup): Reply {
  try {
    return route(call, ctx, known);
  } catch (error) {
    if (error instanceof ApiError) return errorReply(call.route, error.status, error.message, error.phase);
    throw error;
  }
}

export function errorReply(route: RouteDef, status: number, message: string, phase: ApiError['phase'] = 'handler'): Reply {
  if (route.format === 'anthropic') return anthropicError(status, message, phase);
  return route.format === 'openai' ? openaiError(status, message, phase) : ollamaError(status, message);
}

function route(call: ApiCall, ctx: HandlerContext, known: SpecLookup): Reply {
  const { decoded } = call;
  switch (call.route.name) {
    case 'root':
      return { kind: 'text', status: 200, body: 'Ollama is running' };
    case 'version':
      return jsonReply(200, { version: ctx.version });
    case 'status':
      return jsonReply(200, { cloud: { disabled: true, source: 'fakecontainers' } });
    case 'tags':
      return tags(ctx);
    case 'ps':
      return ps(ctx);
    case 'show':
      return show(decoded, ctx);
    case 'generate':
      return generateReply(runGenerate(decoded, ctx, 'generate'), ctx);
    case 'chat':
      return chatReply(runChat(decoded, ctx, 'chat'), ctx);
    case 'embed':
      return embedReply(runEmbed(decoded, ctx), ctx);
    case 'embeddings':
      return legacyEmbeddings(decoded, ctx);
    case 'pull':
      return pull(decoded, ctx, known);
    case 'push':
      return push(decoded, ctx);
    case 'create':
      return create(decoded, ctx, known);
    case 'copy':
      return copy(decoded, ctx);
    case 'delete':
      return remove(decoded, ctx);
    case 'blobs':
      return call.method === 'HEAD'
        ? headBlob(call.params.digest ?? '', ctx)
        : createBlob(call.params.digest ?? '', call.raw, ctx);
    case 'openai.chat':
      return openaiChat(decoded, ctx);
    case 'openai.completions':
      return openaiCompletions(decoded, ctx);
    case 'openai.embeddings':
      return openaiEmbeddings(decoded, ctx);
    case 'openai.models':
      return openaiModels(ctx);
    case 'openai.model':
      return openaiModel(call.params.model ?? '', ctx);
    case 'openai.responses':
      return openaiResponses(decoded, ctx);
    case 'anthropic.messages':
      return anthropicMessages(decoded, ctx);
  }
}
