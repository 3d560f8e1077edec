#!/usr/bin/env node
/**
 * The fakecontainers command: a thin layer of flags over the same functions the library exports.
 */
import { FakecontainersError } from './common/errors.js';
import { COMMANDS, usage } from './cli/commands.js';
import { PACKAGE_VERSION } from './containers/package-info.js';

const [name, ...args] = process.argv.slice(2);
const command = name === undefined ? undefined : COMMANDS[name];
if (name === '--version' || name === '-v' || name === 'version') {
  process.stdout.write(`${PACKAGE_VERSION}\n`);
  process.exit(0);
}
if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
  process.stdout.write(usage());
  process.exit(name === undefined ? 1 : 0);
}
if (!command) {
  process.stderr.write(`fakecontainers: unknown command ${JSON.stringify(name)}\n\n${usage()}`);
  process.exit(2);
}
try {
  const code = await command.run(args);
  if (code !== undefined) process.exitCode = code;
} catch (error) {
  const parseError = String((error as { code?: unknown }).code ?? '').startsWith('ERR_PARSE_ARGS');
  if (error instanceof FakecontainersError || parseError || (error instanceof Error && error.name === 'UsageError')) {
    process.stderr.write(`fakecontainers ${name}: ${(error as Error).message}\n`);
    process.exit(2);
  }
  throw error;
}
