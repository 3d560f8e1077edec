/**
 * The default catalog and the rules that give a pulled, unknown model plausible metadata. Figures
 * (sizes, parameter counts, context and embedding lengths) follow the real models on ollama.com.
 */
export const CAPABILITIES = ['completion', 'tools', 'insert', 'vision', 'embedding', 'thinking'] as const;
export type Capability = (typeof CAPABILITIES)[number];

/** A model as configured (config file, options, `FAKE_OLLAMA_MODELS`). Only `name` is required. */
export interface ModelSpec {
  name: string;
  capabilities?: Capability[];
  family?: string;
  families?: string[];
  parameterSize?: string;
  quantization?: string;
  contextLength?: number;
  /** Hidden size; for embedding models, the vector dimension. */
  embeddingLength?: number;
  sizeBytes?: number;
  system?: string;
  template?: string;
  license?: string;
}

export const DEFAULT_MODELS: readonly ModelSpec[] = [
  {
    name: 'llama3.2:latest',
    capabilities: ['completion', 'tools'],
    family: 'llama',
    parameterSize: '3.2B',
    quantization: 'Q4_K_M',
    contextLength: 131072,
    embeddingLength: 3072,
    sizeBytes: 2019393189,
  },
  {
    name: 'qwen3:0.6b',
    capabilities: ['completion', 'tools', 'thinking'],
    family: 'qwen3',
    parameterSize: '751.63M',
    quantization: 'Q4_K_M',
    contextLength: 40960,
    embeddingLength: 1024,
    sizeBytes: 522653767,
  },
  {
    name: 'llava:latest',
    capabilities: ['completion', 'vision'],
    family: 'llama',
    families: ['llama', 'clip'],
    parameterSize: '7B',
    quantization: 'Q4_0',
    contextLength: 32768,
    embeddingLength: 4096,
    sizeBytes: 4733363377,
  },
  {
    name: 'nomic-embed-text:latest',
    capabilities: ['embedding'],
    family: 'nomic-bert',
    parameterSize: '137M',
    quantization: 'F16',
    contextLength: 2048,
    embeddingLength: 768,
    sizeBytes: 274302450,
  },
  {
    name: 'all-minilm:latest',
    capabilities: ['embedding'],
    family: 'bert',
    parameterSize: '23M',
    quantization: 'F16',
    contextLength: 512,
    embeddingLength: 384,
    sizeBytes: 45960996,
  },
  {
    name: 'mxbai-embed-large:latest',
    capabilities: ['embedding'],
    family: 'bert',
    parameterSize: '334M',
    quantization: 'F16',
    contextLength: 512,
    embeddingLength: 1024,
    sizeBytes: 669615493,
  },
];

const EMBEDDING_HINT = /embed|minilm|bge|gte|e5-|arctic|paraphrase|nomic/i;
const VISION_HINT = /llava|vision|-vl|vl:|moondream|bakllava|minicpm-v|gemma3/i;
const THINKING_HINT = /qwen3|deepseek-r1|gpt-oss|magistral|think|phi4-reasoning|cogito/i;
const INSERT_HINT = /coder|codellama|starcoder|codegemma|codestral/i;

/** Metadata for a model pulled by a name the catalog does not know, guessed from the name. */
/**
 * Capabilities of the model families of Ollama's library, as `/api/show` reports them for the
 * published models (ollama.com/library: the "tools", "thinking", "vision" tags and the `capabilities`
 * a pulled model shows; types/model/capability.go): `llama3` and `gemma2` have no tools, so a tool
 * request gets Ollama's "does not support tools". First match wins; a family not listed gets
 * completion + tools (or vision), with thinking and insert from its name.
 */
const FAMILIES: ReadonlyArray<{ pattern: RegExp; family: string; capabilities: readonly Capability[] }> = [
  { pattern: /^llama3\.2-vision$/, family: 'mllama', capabilities: ['completion', 'vision'] },
  { pattern: /^llama3\.[123]$/, family: 'llama', capabilities: ['completion', 'tools'] },
  { pattern: /^llama4$/, family: 'llama4', capabilities: ['completion', 'vision', 'tools'] },
  { pattern: /^(llama3|llama2|llama2-uncensored|tinyllama|orca-mini|vicuna|wizardlm2?)$/, family: 'llama', capabilities: ['completion'] },
  { pattern: /^(codellama|deepseek-coder|starcoder2?|codegemma|stable-code)$/, family: 'llama', capabilities: ['completion', 'insert'] },
  { pattern: /^(qwen2\.5-coder|deepseek-coder-v2|codestral)$/, family: 'qwen2', capabilities: ['completion', 'tools', 'insert'] },
  { pattern: /^(qwen3|qwen3-coder|qwq)$/, family: 'qwen3', capabilities: ['completion', 'tools', 'thinking'] },
  { pattern: /^(qwen2\.5|qwen2)$/, family: 'qwen2', capabilities: ['completion', 'tools'] },
  { pattern: /^qwen$/, family: 'qwen2', capabilities: ['completion'] },
  { pattern: /^(qwen2\.5vl|qwen2\.5-vl|qwen3-vl)$/, family: 'qwen25vl', capabilities: ['completion', 'vision'] },
  { pattern: /^(gemma|gemma2|gemma3n)$/, family: 'gemma2', capabilities: ['completion'] },
  { pattern: /^gemma3$/, family: 'gemma3', capabilities: ['completion', 'vision'] },
  { pattern: /^(phi|phi3|phi3\.5|phi4)$/, family: 'phi3', capabilities: ['completion'] },
  { pattern: /^phi4-mini$/, family: 'phi3', capabilities: ['completion', 'tools'] },
  { pattern: /^phi4-reasoning$/, family: 'phi3', capabilities: ['completion', 'thinking'] },
  { pattern: /^(mistral|mistral-nemo|mistral-small|mixtral|mistral-large)$/, family: 'llama', capabilities: ['completion', 'tools'] },
  { pattern: /^magistral$/, family: 'llama', capabilities: ['completion', 'tools', 'thinking'] },
  { pattern: /^deepseek-r1$/, family: 'qwen2', capabilities: ['completion', 'tools', 'thinking'] },
  { pattern: /^gpt-oss$/, family: 'gptoss', capabilities: ['completion', 'tools', 'thinking'] },
  { pattern: /^(llava|llava-llama3|llava-phi3|bakllava|moondream|minicpm-v|granite3\.2-vision)$/, family: 'llama', capabilities: ['completion', 'vision'] },
  { pattern: /^(command-r|command-r-plus|command-r7b|granite3\.[0-3]|granite4|smollm2|hermes3|nemotron-mini|firefunction-v2|athene-v2)$/, family: 'llama', capabilities: ['completion', 'tools'] },
];

/** `library/llama3:8b-instruct` -> `llama3`. */
function baseName(name: string): string {
  const withoutTag = name.split(':')[0] as string;
  return (withoutTag.split('/').pop() as string).toLowerCase();
}

export function inferModelSpec(name: string): ModelSpec {
  if (EMBEDDING_HINT.test(name)) {
    const dims = /minilm/i.test(name) ? 384 : /large|bge-m3|mxbai/i.test(name) ? 1024 : 768;
    return {
      name,
      capabilities: ['embedding'],
      family: 'bert',
      parameterSize: dims === 1024 ? '334M' : dims === 384 ? '23M' : '137M',
      quantization: 'F16',
      contextLength: 512,
      embeddingLength: dims,
      sizeBytes: dims * 650_000,
    };
  }
  const known = FAMILIES.find((f) => f.pattern.test(baseName(name)));
  const capabilities: Capability[] = known ? [...known.capabilities] : ['completion', ...(VISION_HINT.test(name) ? (['vision'] as const) : (['tools'] as const))];
  if (!known && THINKING_HINT.test(name)) capabilities.push('thinking');
  if (!known && INSERT_HINT.test(name)) capabilities.push('insert');
  const family = known?.family ?? (/qwen3/i.test(name) ? 'qwen3' : /qwen/i.test(name) ? 'qwen2' : /gemma/i.test(name) ? 'gemma3' : 'llama');
  return {
    name,
    capabilities,
    family,
    parameterSize: '7.6B',
    quantization: 'Q4_K_M',
    contextLength: 32768,
    embeddingLength: 3584,
    sizeBytes: 4683087332,
  };
}
