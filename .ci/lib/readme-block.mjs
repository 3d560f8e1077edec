// Prints the code block of README.md that follows `<!-- <kind>: <name> -->` (kind: walkthrough, runners),
// so the CI scripts run the README's files exactly as written.
//   node .ci/lib/readme-block.mjs <README.md> <kind> <name> > <name>
import { readFileSync } from 'node:fs';

const [readme, kind, name] = process.argv.slice(2);
const text = readFileSync(readme, 'utf8');
const at = text.indexOf(`<!-- ${kind}: ${name} -->`);
const block = at < 0 ? null : /```[a-z]*\n([\s\S]*?)```/.exec(text.slice(at));
if (!block) {
  console.error(`README.md has no ${kind} block ${name}`);
  process.exit(1);
}
process.stdout.write(block[1]);
