// Runs one job of a .gitlab-ci.yml here as a GitLab runner's shell would: `script:` lines in one
// `bash -eo pipefail` shell, then `after_script:` in a fresh shell whatever happened, with the job's
// `variables:` (a variable of this environment named in FAKECONTAINERS_RECIPE_OVERRIDE wins, e.g. the
// DOCKER_HOST of the engine standing in for a service). `image:` and `services:` are the caller's to
// provide; the job must name them, so the file stays a complete recipe.
//
//   node run-gitlab-job.mjs <.gitlab-ci.yml> <job> <project dir>     (needs the `yaml` package resolvable)
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

const [file, jobName, projectDir] = process.argv.slice(2);
if (!file || !jobName || !projectDir) throw new Error('usage: run-gitlab-job.mjs <.gitlab-ci.yml> <job> <project dir>');
const job = parse(readFileSync(file, 'utf8'))?.[jobName];
if (!job) throw new Error(`${file} has no job "${jobName}"`);
for (const key of ['image', 'services', 'script']) if (!job[key]) throw new Error(`${file}: job "${jobName}" has no ${key}:`);
const lines = (value) => (Array.isArray(value) ? value : value ? [value] : []).map(String);
const overrides = (process.env.FAKECONTAINERS_RECIPE_OVERRIDE ?? '').split(',').filter(Boolean);
const variables = Object.fromEntries(Object.entries(job.variables ?? {}).filter(([name]) => !overrides.includes(name)).map(([k, v]) => [k, String(v)]));
const env = { ...process.env, ...variables, CI: 'true', GITLAB_CI: 'true' };

function shell(what, script) {
  console.log(`\n[${what}]\n${script.map((l) => `$ ${l}`).join('\n')}`);
  const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script.join('\n')], { cwd: projectDir, env, stdio: 'inherit', timeout: 20 * 60_000 });
  return result.status === 0;
}

const passed = shell('script', lines(job.script));
const cleaned = job.after_script ? shell('after_script', lines(job.after_script)) : true;
console.log(`\njob ${jobName}: ${passed ? 'passed' : 'failed'}${cleaned ? '' : ' (after_script failed)'}`);
process.exit(passed && cleaned ? 0 : 1);
