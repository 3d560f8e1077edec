/**
 * CORS as Ollama configures gin-contrib/cors: loopback web origins and app schemes are allowed
 * (plus OLLAMA_ORIGINS on a real server); a request from any other origin is refused with 403. Any
 * OPTIONS request from an allowed cross origin is a preflight answered 204; an Origin equal to the
 * request's own host is not a CORS request at all (gin-contrib/cors config.go applyCors).
 */
const ALLOWED = [
  /^https?:\/\/(localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\])(:\d+)?$/i,
  /^(app|file|tauri|vscode-webview|vscode-file):\/\//i,
];

// Ollama's AllowHeaders, written as gin-contrib/cors sends them (http.CanonicalHeaderKey, joined by
// ","), plus the fake's scope header so browser code can attribute its requests.
const ALLOW_HEADERS = [
  'authorization',
  'content-type',
  'user-agent',
  'accept',
  'x-requested-with',
  'openai-beta',
  'x-stainless-arch',
  'x-stainless-async',
  'x-stainless-custom-poll-interval',
  'x-stainless-helper-method',
  'x-stainless-lang',
  'x-stainless-os',
  'x-stainless-package-version',
  'x-stainless-poll-helper',
  'x-stainless-retry-count',
  'x-stainless-runtime',
  'x-stainless-runtime-version',
  'x-stainless-timeout',
  'x-fakecontainers-scope',
]
  .map((h) => h.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase()))
  .join(',');

export type CorsKind = 'none' | 'forbidden' | 'preflight' | 'simple';

/** How CORS treats a request: not at all, refused, a preflight, or an ordinary cross-origin call. */
export function corsKind(method: string, headers: Readonly<Record<string, string | undefined>>): CorsKind {
  const origin = headers.origin;
  if (origin === undefined || origin === '') return 'none';
  const host = headers.host;
  if (host !== undefined && (origin === `http://${host}` || origin === `https://${host}`)) return 'none';
  if (!ALLOWED.some((re) => re.test(origin))) return 'forbidden';
  return method === 'OPTIONS' ? 'preflight' : 'simple';
}

export function corsHeaders(origin: string, kind: 'preflight' | 'simple'): Record<string, string> {
  if (kind === 'simple') return { vary: 'Origin', 'access-control-allow-origin': origin };
  return {
    'access-control-allow-methods': 'GET,POST,PUT,PATCH,DELETE,HEAD,OPTIONS',
    'access-control-allow-headers': ALLOW_HEADERS,
    'access-control-max-age': '43200',
    vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
    'access-control-allow-origin': origin,
  };
}
