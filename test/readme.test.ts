import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureFreshBuild } from './support/docker.js';

/**
 * The README's runnable examples (code blocks after a `<!-- readme-test -->` marker) run as written,
 * importing `fakecontainers` the way users do (the package resolves itself to dist/).
 */
const root = path.resolve(import.meta.dirname, '..');
const scratch = path.join(root, 'test/.readme-examples');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
// ```ts blocks run through tsx; ```js blocks run on plain Node, as a JavaScript user would run them.
const examples = [...readme.matchAll(/<!-- readme-test -->\s*```(ts|js)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1] as 'ts' | 'js', code: m[2] as string }));

beforeAll(() => {
  ensureFreshBuild();
  mkdirSync(scratch, { recursive: true });
}, 120_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('README examples', () => {
  test('there are examples to run', () => {
    expect(examples.length).toBeGreaterThanOrEqual(4);
  });

  examples.forEach(({ lang, code }, index) => {
    const firstLine = code.split('\n').find((line) => !line.startsWith('import') && line.trim() !== '') ?? '';
    test(`example ${index + 1}: ${firstLine.trim().slice(0, 60)}`, () => {
      const file = path.join(scratch, `example-${index + 1}.${lang === 'ts' ? 'mts' : 'mjs'}`);
      writeFileSync(file, code);
      const output = execFileSync(process.execPath, [...(lang === 'ts' ? ['--import', 'tsx'] : []), file], { cwd: root, encoding: 'utf8', timeout: 60_000 });
      // Every line `console.log(x); // expected` prints what its comment says, in order.
      const expected = [...code.matchAll(/^console\.log\(.*\);\s*\/\/ (.*)$/gm)].map((m) => m[1] as string);
      const printed = output.trim().split('\n');
      let at = 0;
      for (const line of expected) {
        at = printed.indexOf(line, at);
        expect(at, `expected "${line}" in the output:\n${output}`).toBeGreaterThanOrEqual(0);
      }
    }, 90_000);
  });
});

describe('README copies of the example files', () => {
  // A block after `<!-- example-file: <path> -->` is that file without its leading comment lines: the
  // CI recipes lint and run the files, so the README shows what was checked.
  const copies = [...readme.matchAll(/<!-- example-file: (\S+) -->\s*```[a-z]*\n([\s\S]*?)```/g)].map((m) => ({ file: m[1] as string, block: m[2] as string }));

  test('the CI recipes are shown from their files', () => {
    expect(copies.map((c) => c.file)).toEqual(['examples/github-actions/fakecontainers.yml', 'examples/github-actions/services.yml', 'examples/gitlab/.gitlab-ci.yml']);
  });

  copies.forEach(({ file, block }) => {
    test(`${file} as the README shows it`, () => {
      const text = readFileSync(path.join(root, file), 'utf8');
      const body = text.replace(/^(#.*\n)+\n*/, '');
      expect(block).toBe(body);
    });
  });
});
