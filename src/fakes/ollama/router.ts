/**
 * The route table of the fake (mirrors Ollama's GenerateRoutes). Unknown paths and wrong methods are
 * answered like gin does: `404 page not found` / `405 method not allowed` as text/plain.
 */
export const ROUTE_NAMES = [
  'root',
  'version',
  'status',
  'tags',
  'ps',
  'show',
  'generate',
  'chat',
  'embed',
  'embeddings',
  'pull',
  'push',
  'create',
  'copy',
  'delete',
  'blobs',
  'openai.chat',
  'openai.completions',
  'openai.embeddings',
  'openai.models',
  'openai.model',
  'openai.responses',
  'anthropic.messages',
] as const;
export type RouteName = (typeof ROUTE_NAMES)[number];

export interface RouteDef {
  name: RouteName;
  pattern: RegExp;
  methods: readonly string[];
  /** Error format of the route: Ollama's `{error}`, OpenAI's `{error: {...}}` or Anthropic's `{type: "error", error}`. */
  format: 'ollama' | 'openai' | 'anthropic';
  /** Whether the body is JSON to decode (blobs take raw bytes). */
  json: boolean;
}

/** Every route, in match order (exported for tests that walk the whole surface). */
export const ROUTE_TABLE: readonly RouteDef[] = [
  { name: 'root', pattern: /^\/$/, methods: ['GET', 'HEAD'], format: 'ollama', json: false },
  { name: 'version', pattern: /^\/api\/version$/, methods: ['GET', 'HEAD'], format: 'ollama', json: false },
  { name: 'status', pattern: /^\/api\/status$/, methods: ['GET'], format: 'ollama', json: false },
  { name: 'tags', pattern: /^\/api\/tags$/, methods: ['GET', 'HEAD'], format: 'ollama', json: false },
  { name: 'ps', pattern: /^\/api\/ps$/, methods: ['GET'], format: 'ollama', json: false },
  { name: 'show', pattern: /^\/api\/show$/, methods: ['POST'], format: 'ollama', json: true },
  { name: 'generate', pattern: /^\/api\/generate$/, methods: ['POST'], format: 'ollama', json: true },
  { name: 'chat', pattern: /^\/api\/chat$/, methods: ['POST'], format: 'ollama', json: true },
  { name: 'embed', pattern: /^\/api\/embed$/, methods: ['POST'], format: 'ollama', json: true },
  { name: 'embeddings', pattern: /^\/api\/embeddings$/, methods: ['POST'], format: 'ollama', json: true },
  { name: 'pull', pattern: /^\/api\/pull$/, methods: ['POST'], format: 'ollama', json: true },
  { name: 'push', pattern: /^\/api\/push$/, methods: ['POST'], format: 'ollama', json: true },
  { name: 'create', pattern: /^\/api\/create$/, methods: ['POST'], format: 'ollama', json: true },
  { name: 'copy', pattern: /^\/api\/copy$/, methods: ['POST'], format: 'ollama', json: true },
  { name: 'delete', pattern: /^\/api\/delete$/, methods: ['DELETE'], format: 'ollama', json: true },
  { name: 'blobs', pattern: /^\/api\/blobs\/(?<digest>[^/]+)$/, methods: ['HEAD', 'POST'], format: 'ollama', json: false },
  { name: 'openai.chat', pattern: /^\/v1\/chat\/completions$/, methods: ['POST'], format: 'openai', json: true },
  { name: 'openai.completions', pattern: /^\/v1\/completions$/, methods: ['POST'], format: 'openai', json: true },
  { name: 'openai.embeddings', pattern: /^\/v1\/embeddings$/, methods: ['POST'], format: 'openai', json: true },
  { name: 'openai.models', pattern: /^\/v1\/models$/, methods: ['GET'], format: 'openai', json: false },
  { name: 'openai.model', pattern: /^\/v1\/models\/(?<model>[^/]+)$/, methods: ['GET'], format: 'openai', json: false },
  { name: 'openai.responses', pattern: /^\/v1\/responses$/, methods: ['POST'], format: 'openai', json: true },
  { name: 'anthropic.messages', pattern: /^\/v1\/messages$/, methods: ['POST'], format: 'anthropic', json: true },
];

export type RouteMatch =
  | { kind: 'route'; route: RouteDef; params: Record<string, string> }
  | { kind: 'not-found' }
  | { kind: 'method-not-allowed' };

export function matchRoute(method: string, path: string): RouteMatch {
  let pathMatched = false;
  for (const route of ROUTE_TABLE) {
    const m = route.pattern.exec(path);
    if (!m) continue;
    pathMatched = true;
    if (!route.methods.includes(method)) continue;
    const params: Record<string, string> = {};
    for (const [key, value] of Object.entries(m.groups ?? {})) params[key] = decodePathParam(value);
    return { kind: 'route', route, params };
  }
  return pathMatched ? { kind: 'method-not-allowed' } : { kind: 'not-found' };
}

/** gin unescapes path parameters; bytes that are not UTF-8 stay as they are rather than throwing. */
function decodePathParam(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
