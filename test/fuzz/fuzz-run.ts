/**
 * Runs fuzz cases against a fake in a child process, a few at a time, and collects every problem: a
 * crash (the process exits; the cases in flight are named), an answer the judge refuses, or no answer
 * in time. With `restart`, a crashed fake is started again so one run finds every crasher.
 */
import { type ChildFake, startChildFake } from './child-fake.js';
import type { FuzzCase } from './ollama-cases.js';
import { judge } from './judge.js';
import { sendRaw } from './raw-http.js';

export interface Problem {
  id: string;
  kind: string;
  problem: string;
}

export interface RunOptions {
  concurrency: number;
  /** Per-case budget for an answer. */
  timeoutMs: number;
  restart?: boolean;
  env?: Record<string, string>;
}

export interface RunResult {
  problems: Problem[];
  fake: ChildFake;
  crashes: number;
}

/** A connection closed without an answer may be the process dying: give its exit a moment to arrive. */
async function exitedSoon(fake: ChildFake): Promise<boolean> {
  for (let i = 0; i < 10 && !fake.exit(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  return fake.exit() !== undefined;
}

export async function runCases(kind: 'ollama' | 'milvus', cases: readonly FuzzCase[], options: RunOptions): Promise<RunResult> {
  let fake = await startChildFake(kind, options.env);
  const problems: Problem[] = [];
  let crashes = 0;
  let next = 0;
  let restarting: Promise<void> | undefined;
  const worker = async (): Promise<void> => {
    while (next < cases.length) {
      if (restarting) await restarting;
      if (fake.exit()) return;
      const c = cases[next++] as FuzzCase;
      const current = fake;
      const answer = await sendRaw(current.port, c.bytes, { timeoutMs: options.timeoutMs, end: c.end });
      if (current.exit() || (answer.outcome !== 'answered' && (await exitedSoon(current)))) {
        if (current === fake && !restarting) {
          crashes++;
          const lastLines = current.output().split('\n').slice(-8).join('\n');
          problems.push({ id: c.id, kind: c.kind, problem: `the fake exited (${JSON.stringify(current.exit())}) with this case or one beside it in flight:\n${lastLines}` });
          if (options.restart) {
            restarting = startChildFake(kind, options.env).then((started) => {
              fake = started;
              restarting = undefined;
            });
          }
        }
        continue;
      }
      const verdict = judge({ format: c.format, mustAnswer: c.mustAnswer, transport: c.kind.startsWith('transport:'), head: c.bytes.subarray(0, 5).toString('latin1') === 'HEAD ' }, answer);
      if (verdict) problems.push({ id: c.id, kind: c.kind, problem: verdict });
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return { problems, fake, crashes };
}
