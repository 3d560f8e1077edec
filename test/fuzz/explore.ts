/**
 * `node --import tsx test/fuzz/explore.ts ollama 5000 [seed]`: a long fuzz run that restarts a
 * crashed fake and prints every problem grouped by kind (the suite runs a bounded version).
 */
import { ollamaCases } from './ollama-cases.js';
import { runCases } from './fuzz-run.js';

const [kind = 'ollama', countText = '2000', seedText = '1'] = process.argv.slice(2);
const cases = ollamaCases(Number(seedText), Number(countText));
const started = performance.now();
const { problems, fake, crashes } = await runCases(kind as 'ollama', cases, { concurrency: Number(process.env.FUZZ_CONCURRENCY ?? 4), timeoutMs: 5_000, restart: true });
await fake.stop();
const byKind = new Map<string, string[]>();
for (const p of problems) {
  const key = `${p.kind} | ${p.problem.split('\n')[0]?.slice(0, 140)}`;
  byKind.set(key, [...(byKind.get(key) ?? []), p.id]);
}
for (const [key, ids] of [...byKind].sort((a, b) => b[1].length - a[1].length)) console.log(`${ids.length}\t${key}\t${ids.slice(0, 3).join(' ')}`);
console.log(`${cases.length} cases, ${problems.length} problems, ${crashes} crashes, ${Math.round(performance.now() - started)} ms`);
