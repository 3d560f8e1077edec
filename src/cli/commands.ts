import { imagesCommand } from './images.js';
import { runCommand } from './run.js';
import { serveCommand } from './serve.js';
import type { Command } from './command.js';
import { downCommand, logsCommand, psCommand } from './down-ps-logs.js';
import { upCommand } from './up.js';

export const COMMANDS: Readonly<Record<string, Command>> = {
  serve: serveCommand,
  up: upCommand,
  down: downCommand,
  ps: psCommand,
  logs: logsCommand,
  run: runCommand,
  images: imagesCommand,
};

export function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(14)} ${c.summary}`);
  return `Usage: fakecontainers <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun "fakecontainers <command> --help" for a command's options; "fakecontainers --version" prints the version.\n`;
}
