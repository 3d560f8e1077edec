import { imagesCommand } from './images.js';
import { serveCommand } from './serve.js';

export interface Command {
  summary: string;
  help: string;
  /** Resolves with an exit code, or never (long-running commands exit on signals). */
  run(args: string[]): Promise<number | undefined>;
}

export const COMMANDS: Readonly<Record<string, Command>> = {
  serve: serveCommand,
  images: imagesCommand,
};

export function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(14)} ${c.summary}`);
  return `Usage: fakecontainers <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun "fakecontainers <command> --help" for a command's options.\n`;
}

/** A mistake in the command line: printed with the command's name, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export function intFlag(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`${flag} must be a port number (0-65535); got ${value}`);
  return n;
}
