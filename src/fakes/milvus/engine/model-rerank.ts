/**
 * Model rerankers (`reranker: model`). The creation checks follow milvus
 * `internal/util/function/rerank/model_function.go`: one VarChar input, a known `provider`, a JSON
 * `queries` list; tei/vllm need an http(s) `endpoint` (`models/common.go` NewBaseURL). A standalone fake
 * reaches no model service, so a valid model reranker fails when it runs, with the message the server's
 * HTTP helper gives for a provider it cannot reach (`models/common.go` send: "Call service failed,
 * errs:[<Go error>]"; the Go error here is the one a refused connection gives).
 */
import type { Collection } from './collection.js';
import { errors, type MilvusError } from '../errors/status.js';
import { inputFields, type FunctionInput } from './rerank-inputs.js';

export interface ModelPlan {
  readonly kind: 'model';
  readonly provider: string;
  /** What the provider call answers: the unreachable-service error. */
  readonly failure: () => MilvusError;
}

const PROVIDERS = new Set(['vllm', 'tei', 'siliconflow', 'cohere', 'voyageai', 'ali', 'zilliz']);
/** Public endpoints of the key-based providers (what the server would call). */
const DEFAULT_URLS: Readonly<Record<string, string>> = {
  cohere: 'https://api.cohere.com/v2/rerank',
  voyageai: 'https://api.voyageai.com/v1/rerank',
  siliconflow: 'https://api.siliconflow.cn/v1/rerank',
  ali: 'https://dashscope.aliyuncs.com/api/v1/services/rerank/text-rerank/text-rerank',
  zilliz: 'https://api.zilliz.com/v1/rerank',
};
const fail = (message: string) => errors.unexpected(message);

function param(fn: FunctionInput, key: string): string | undefined {
  const hit = Object.keys(fn.params).find((k) => k.toLowerCase() === key);
  return hit === undefined ? undefined : fn.params[hit];
}

function endpointUrl(provider: string, endpoint: string | undefined): string {
  if (provider !== 'tei' && provider !== 'vllm') return DEFAULT_URLS[provider] ?? '';
  let url: URL | undefined;
  try {
    url = new URL(endpoint ?? '');
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.host === '') {
    throw fail(`endpoint: [${endpoint ?? ''}] is not a valid http/https link`);
  }
  return `${(endpoint ?? '').replace(/\/+$/, '')}${provider === 'tei' ? '/rerank' : '/v2/rerank'}`;
}

export function modelPlan(collection: Collection, fn: FunctionInput): ModelPlan {
  const fields = inputFields(collection, fn);
  if (fields.length !== 1) throw fail(`Rerank model only supports single input, but gets [${fn.inputFieldNames.join(' ')}] input`);
  const field = fields[0];
  if (field && field.type !== 'VarChar') throw fail(`Rerank model only support varchar, bug got [${field.type}]`);
  const rawProvider = param(fn, 'provider');
  if (rawProvider === undefined) throw fail('lost rerank params:provider ');
  const provider = rawProvider.toLowerCase();
  if (!PROVIDERS.has(provider)) throw fail(`unknown rerank model provider:${rawProvider}`);
  const url = endpointUrl(provider, param(fn, 'endpoint'));
  const queries = fn.params.queries;
  let list: unknown = [];
  if (queries !== undefined) {
    try {
      list = JSON.parse(queries);
    } catch (error) {
      throw fail(`Parse rerank params [queries] failed, err: ${(error as Error).message}`);
    }
  }
  if (!Array.isArray(list) || list.length === 0) throw fail('Rerank function lost params queries');
  const host = url.replace(/^https?:\/\//, '').split('/')[0] ?? '';
  const port = host.includes(':') ? '' : url.startsWith('https') ? ':443' : ':80';
  return {
    kind: 'model',
    provider,
    failure: () => fail(`Call service failed, errs:[Post "${url}": dial tcp ${host}${port}: connect: connection refused]`),
  };
}
