/** Minimal leveled logger to stderr; level from the constructor or FAKECONTAINERS_LOG_LEVEL. */
export type LogLevel = 'silent' | 'error' | 'warn' | 'info' | 'debug';

const ORDER: Record<LogLevel, number> = { silent: 0, error: 1, warn: 2, info: 3, debug: 4 };

export interface Logger {
  error(message: string, detail?: unknown): void;
  warn(message: string, detail?: unknown): void;
  info(message: string, detail?: unknown): void;
  debug(message: string, detail?: unknown): void;
}

export function isLogLevel(value: unknown): value is LogLevel {
  return typeof value === 'string' && value in ORDER;
}

/** A logger writing `[name] message` lines; `sink` defaults to stderr. */
export function createLogger(name: string, level?: LogLevel, sink: (line: string) => void = writeStderr): Logger {
  const envLevel = process.env.FAKECONTAINERS_LOG_LEVEL;
  const effective: LogLevel = level ?? (isLogLevel(envLevel) ? envLevel : 'warn');
  const emit = (at: LogLevel) => (message: string, detail?: unknown) => {
    if (ORDER[at] > ORDER[effective]) return;
    const suffix = detail === undefined ? '' : ` ${formatDetail(detail)}`;
    sink(`[${name}] ${at}: ${message}${suffix}`);
  };
  return { error: emit('error'), warn: emit('warn'), info: emit('info'), debug: emit('debug') };
}

export const silentLogger: Logger = createLogger('silent', 'silent');

function formatDetail(detail: unknown): string {
  if (detail instanceof Error) return detail.stack ?? detail.message;
  if (typeof detail === 'string') return detail;
  try {
    return JSON.stringify(detail);
  } catch {
    return String(detail);
  }
}

function writeStderr(line: string): void {
  process.stderr.write(`${line}\n`);
}
