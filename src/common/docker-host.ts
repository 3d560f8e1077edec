import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

/**
 * The Docker engine address testcontainers will use, chosen in its order so that code talking to the
 * engine without testcontainers (the exit hook, mode detection, `up`, the reaper choice) reaches the same
 * engine: `tc.host` in ~/.testcontainers.properties (what Testcontainers Desktop and Cloud's agent
 * write: a TCP proxy on loopback), then DOCKER_HOST, then `docker.host` in that file. undefined: the
 * default socket.
 *
 * @example
 * dockerHostSetting({ DOCKER_HOST: 'tcp://10.0.0.5:2375' }, '/nonexistent'); // 'tcp://10.0.0.5:2375'
 */
export function dockerHostSetting(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string | undefined {
  const properties = testcontainersProperties(home);
  return properties.get('tc.host') || env.DOCKER_HOST || properties.get('docker.host') || undefined;
}

/** `key=value` (or `key: value`) lines of ~/.testcontainers.properties; an unreadable file is empty. */
function testcontainersProperties(home: string): Map<string, string> {
  let text: string;
  try {
    text = readFileSync(path.join(home, '.testcontainers.properties'), 'utf8');
  } catch {
    return new Map();
  }
  const entries = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    const match = /^([^=:\s]+)\s*[=:\s]\s*(.*)$/.exec(line);
    if (match) entries.set(match[1] as string, (match[2] as string).trim());
  }
  return entries;
}
