/**
 * An `ollama` command inside the fake Ollama image, so code written for the real image works:
 * `ollama pull <model>` (what @testcontainers/ollama tells users to exec), `ollama list`, `ollama ps`,
 * `ollama rm <model>`, `ollama show <model>`, `ollama --version`. It talks to the fake on localhost.
 */
const base = `http://127.0.0.1:${process.env.FAKE_OLLAMA_PORT ?? '11434'}`;
const [command, ...args] = process.argv.slice(2);

async function call(path: string, init?: RequestInit): Promise<unknown> {
  const res = await fetch(`${base}${path}`, init);
  const text = await res.text();
  const body = text === '' ? {} : (JSON.parse(text.trim().split('\n').pop() as string) as { error?: string });
  if (!res.ok || (body as { error?: string }).error) throw new Error((body as { error?: string }).error ?? `HTTP ${res.status}`);
  return body;
}

function post(path: string, body: unknown, method = 'POST'): Promise<unknown> {
  return call(path, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

function humanSize(bytes: number): string {
  return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(1)} GB` : `${Math.round(bytes / 1e6)} MB`;
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) => r.map((cell, i) => cell.padEnd((widths[i] ?? 0) + 4)).join('').trimEnd()).join('\n');
}

async function main(): Promise<void> {
  switch (command) {
    case 'pull':
      if (!args[0]) throw new Error('usage: ollama pull MODEL');
      await post('/api/pull', { model: args[0], stream: false });
      console.log('success');
      return;
    case 'list':
    case 'ls': {
      const { models } = (await call('/api/tags')) as { models: { name: string; digest: string; size: number }[] };
      const rows = models.map((m) => [m.name, m.digest.slice(0, 12), humanSize(m.size), 'just now']);
      console.log(table([['NAME', 'ID', 'SIZE', 'MODIFIED'], ...rows]));
      return;
    }
    case 'ps': {
      const { models } = (await call('/api/ps')) as { models: { name: string; digest: string }[] };
      console.log(table([['NAME', 'ID', 'PROCESSOR', 'UNTIL'], ...models.map((m) => [m.name, m.digest.slice(0, 12), '100% GPU', '4 minutes from now'])]));
      return;
    }
    case 'rm':
      for (const model of args) {
        await post('/api/delete', { model }, 'DELETE');
        console.log(`deleted '${model}'`);
      }
      return;
    case 'show':
      console.log(JSON.stringify(await post('/api/show', { model: args[0] }), null, 2));
      return;
    case '--version':
    case '-v':
    case 'version': {
      const { version } = (await call('/api/version')) as { version: string };
      console.log(`ollama version is ${version}`);
      return;
    }
    case 'serve':
      throw new Error('the fake server is already running in this container');
    default:
      throw new Error(`usage: ollama pull|list|ps|rm|show|--version (got ${command ?? 'nothing'})`);
  }
}

main().catch((error: unknown) => {
  console.error(`Error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
