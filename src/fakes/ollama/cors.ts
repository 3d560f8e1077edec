/**
 * CORS as Ollama configures it: loopback web origins and app schemes are allowed (plus
 * OLLAMA_ORIGINS on a real server); a request from any other origin is refused with 403.
 */
const ALLOWED = [
  /^https?:\/\/(localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\])(:\d+)?$/i,
  /^(app|file|tauri|vscode-webview|vscode-file):\/\//i,
];

const ALLOW_HEADERS = [
  'Authorization',
  'Content-Type',
  'User-Agent',
  'Accept',
  'X-Requested-With',
  'OpenAI-Beta',
  'x-stainless-arch',
  'x-stainless-async',
  'x-stainless-lang',
  'x-stainless-os',
  'x-stainless-package-version',
  'x-stainless-retry-count',
  'x-stainless-runtime',
  'x-stainless-runtime-version',
  'x-stainless-timeout',
  'x-fakecontainers-scope',
].join(',');

export function originAllowed(origin: string): boolean {
  return ALLOWED.some((re) => re.test(origin));
}

export function isPreflight(method: string, headers: Readonly<Record<string, string | undefined>>): boolean {
  return method === 'OPTIONS' && headers.origin !== undefined && headers['access-control-request-method'] !== undefined;
}

export function corsHeaders(origin: string): Record<string, string> {
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-methods': 'GET,POST,PUT,PATCH,DELETE,HEAD,OPTIONS',
    'access-control-allow-headers': ALLOW_HEADERS,
    'access-control-max-age': '43200',
    vary: 'Origin',
  };
}
