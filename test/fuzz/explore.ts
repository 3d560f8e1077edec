/**
 * `node --import tsx test/fuzz/explore.ts ollama 5000 [seed]`: a long fuzz run that restarts a
 * crashed fake and prints every problem grouped by kind (the suite runs a bounded version).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FUZZ_SEED, milvusCases } from './milvus-cases.js';
import { ollamaCases } from './ollama-cases.js';
import { runCases } from './fuzz-run.js';

const [kind = 'ollama', countText = '2000', seedText = '1'] = process.argv.slice(2);
const cases = kind === 'milvus' ? milvusCases(Number(seedText), Number(countText)) : ollamaCases(Number(seedText), Number(countText));
const seedFile = path.join(mkdtempSync(path.join(tmpdir(), 'fuzz-')), 'seed.json');
writeFileSync(seedFile, JSON.stringify(FUZZ_SEED));
const started = performance.now();
const { problems, fake, crashes } = await runCases(kind as 'ollama' | 'milvus', cases, { concurrency: Number(process.env.FUZZ_CONCURRENCY ?? 4), timeoutMs: 5_000, restart: true, env: kind === 'milvus' ? { FAKE_MILVUS_SEED_FILE: seedFile } : {} });
await fake.stop();
const byKind = new Map<string, string[]>();
for (const p of problems) {
  const key = `${p.kind} | ${p.problem.split('\n')[0]?.slice(0, 140)}`;
  byKind.set(key, [...(byKind.get(key) ?? []), p.id]);
}
for (const [key, ids] of [...byKind].sort((a, b) => b[1].length - a[1].length)) console.log(`${ids.length}\t${key}\t${ids.slice(0, 3).join(' ')}`);
console.log(`${cases.length} cases, ${problems.length} problems, ${crashes} crashes, ${Math.round(performance.now() - started)} ms`);
