/**
 * `npm run bench`: every figure beside a reference measured in the same run, as a ratio.
 * `npm run bench -- --only ollama,milvus` runs some groups; `--json file` also writes the raw figures.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { containerFigures } from './containers.js';
import { type Figure, format, ratio } from './figure.js';
import { lifecycleFigures } from './lifecycle.js';
import { milvusFigures } from './milvus.js';
import { ollamaFigures } from './ollama.js';

const GROUPS: Record<string, () => Promise<Figure[]>> = {
  ollama: ollamaFigures,
  milvus: milvusFigures,
  containers: containerFigures,
  lifecycle: lifecycleFigures,
};

const { values } = parseArgs({ options: { only: { type: 'string' }, json: { type: 'string' } } });
const selected = values.only ? values.only.split(',') : Object.keys(GROUPS);
const all: Figure[] = [];
for (const name of selected) {
  const group = GROUPS[name];
  if (!group) throw new Error(`unknown bench group ${name}; have ${Object.keys(GROUPS).join(', ')}`);
  process.stderr.write(`bench: ${name}...\n`);
  all.push(...(await group()));
}

const rows = all.map((f) => {
  const r = ratio(f);
  return [
    f.group,
    f.name,
    `${format(f.value)} ${f.unit}`,
    f.reference ? `${format(f.reference.value)} ${f.unit} (${f.reference.name})` : '-',
    r === undefined ? '-' : `${r.toFixed(2)}x`,
    f.target ?? '-',
  ];
});
const header = ['group', 'figure', 'value', 'reference (same run)', 'ratio', 'target'];
process.stdout.write(`| ${header.join(' | ')} |\n| ${header.map(() => '---').join(' | ')} |\n`);
for (const row of rows) process.stdout.write(`| ${row.join(' | ')} |\n`);
process.stdout.write(`\nNode ${process.version}, ${new Date().toISOString().slice(0, 10)}\n`);
if (values.json) writeFileSync(values.json, JSON.stringify(all, null, 2));
process.exit(0);
