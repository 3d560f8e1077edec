// Runs the `run:` steps of one job of a GitHub Actions workflow here, in order, the way the runner does:
// each step in its own `bash --noprofile --norc -eo pipefail` (the workflow must say `shell: bash`),
// lines appended to $GITHUB_ENV become variables of the later steps, `if: failure()` / `if: always()`
// steps run as on GitHub, and a step without `if:` is skipped once a step failed. `uses:` steps are
// skipped (the caller has checked out the project and put Node on PATH). Anything this cannot run as
// GitHub would (an expression in a script, another `if:`, another shell) fails, so the file stays runnable.
//
//   node run-workflow.mjs <workflow.yml> <job> <project dir>     (needs the `yaml` package resolvable)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';

const [file, jobName, projectDir] = process.argv.slice(2);
if (!file || !jobName || !projectDir) throw new Error('usage: run-workflow.mjs <workflow.yml> <job> <project dir>');
const workflow = parse(readFileSync(file, 'utf8'));
const job = workflow.jobs?.[jobName];
if (!job) throw new Error(`${file} has no job "${jobName}"`);
const shell = job.defaults?.run?.shell ?? workflow.defaults?.run?.shell;
if (shell !== 'bash') throw new Error(`${file}: set \`defaults: run: shell: bash\` (GitHub then runs steps with -eo pipefail; its default shell has no pipefail)`);
const timeoutMs = (job['timeout-minutes'] ?? 360) * 60_000;
const scratch = mkdtempSync(path.join(tmpdir(), 'fc-workflow-'));
const githubEnv = path.join(scratch, 'github-env');
const added = {};
let failed = false;

for (const [index, step] of (job.steps ?? []).entries()) {
  const name = step.name ?? step.uses ?? step.run?.split('\n')[0];
  if (step.uses) {
    console.log(`\n[step ${index + 1}] ${name}: skipped (uses:)`);
    continue;
  }
  const condition = step.if === undefined ? 'success()' : String(step.if).replace(/^\$\{\{\s*|\s*\}\}$/g, '');
  if (!['success()', 'failure()', 'always()'].includes(condition)) throw new Error(`step "${name}": cannot evaluate if: ${step.if}`);
  if (step.run.includes('${{')) throw new Error(`step "${name}": expressions in run: are not executed here`);
  const runs = condition === 'always()' || (condition === 'failure()' ? failed : !failed);
  console.log(`\n[step ${index + 1}] ${name}${runs ? '' : ': skipped (if: ' + condition + ')'}`);
  if (!runs) continue;
  writeFileSync(githubEnv, '');
  const script = path.join(scratch, `step-${index + 1}.sh`);
  writeFileSync(script, step.run);
  const env = { ...process.env, ...workflow.env, ...job.env, ...added, ...step.env, GITHUB_ENV: githubEnv, CI: 'true', GITHUB_ACTIONS: 'true' };
  const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd: projectDir, env, stdio: 'inherit', timeout: timeoutMs });
  for (const line of readFileSync(githubEnv, 'utf8').split('\n').filter(Boolean)) {
    const at = line.indexOf('=');
    if (at < 1) throw new Error(`step "${name}" wrote a $GITHUB_ENV line this runner cannot read: ${line}`);
    added[line.slice(0, at)] = line.slice(at + 1);
  }
  if (result.status !== 0) {
    console.log(`[step ${index + 1}] failed: ${result.error?.message ?? `exit ${result.status ?? result.signal}`}`);
    failed = true;
  }
}
rmSync(scratch, { recursive: true, force: true });
console.log(`\njob ${jobName}: ${failed ? 'failed' : 'passed'}; $GITHUB_ENV set ${Object.keys(added).join(', ') || 'nothing'}`);
process.exit(failed ? 1 : 0);
