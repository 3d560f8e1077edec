import { parseArgs } from 'node:util';
import type { BaseChoice } from '../containers/base-image.js';
import { dockerCli } from '../containers/docker-ops.js';
import { buildImagesWith } from '../containers/image-build.js';
import { type FakeImageKind, RECIPES } from '../containers/image-catalog.js';
import type { Command } from './command.js';
import { UsageError } from './usage-error.js';

const HELP = `Usage: fakecontainers images build [options]

Builds the images fakecontainers/fake-ollama, fakecontainers/fake-milvus and fakecontainers/reaper
(tags :latest and :<package version>) with the docker command. Skips an image whose inputs are unchanged.

Options:
  --base <auto|registry|local>  Node base image: the official slim image from a registry, or one made
                                from this machine's Node binary (default auto: local when no registry answers)
  --only <ollama,milvus,reaper> build only these images
  --force                       rebuild even when up to date
  -q, --quiet                   print only the result lines
  -h, --help                    this help
`;

export const imagesCommand: Command = {
  summary: 'build the Docker images (images build [--base auto|registry|local])',
  help: HELP,
  async run(args) {
    const [sub, ...rest] = args;
    if (sub === '--help' || sub === '-h' || sub === undefined) {
      process.stdout.write(HELP);
      return sub === undefined ? 2 : 0;
    }
    if (sub !== 'build') throw new UsageError(`unknown images subcommand ${JSON.stringify(sub)}; try "images build"`);
    const { values } = parseArgs({
      args: rest,
      options: {
        base: { type: 'string' },
        only: { type: 'string' },
        force: { type: 'boolean' },
        quiet: { type: 'boolean', short: 'q' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    });
    if (values.help) {
      process.stdout.write(HELP);
      return 0;
    }
    const base = values.base ?? 'auto';
    if (base !== 'auto' && base !== 'registry' && base !== 'local') throw new UsageError('--base must be auto, registry or local');
    const images = values.only?.split(',').map((s) => s.trim());
    for (const kind of images ?? []) {
      if (!(kind in RECIPES)) throw new UsageError(`--only takes ollama, milvus, reaper; got ${kind}`);
    }
    const started = Date.now();
    const built = await buildImagesWith(dockerCli, {
      base: base as BaseChoice,
      images: images as FakeImageKind[] | undefined,
      force: values.force === true,
      progress: values.quiet ? undefined : (line) => process.stderr.write(`  ${line}\n`),
    });
    for (const image of built) {
      const what = image.built ? `built in ${(image.durationMs / 1000).toFixed(1)}s` : 'up to date';
      process.stdout.write(`${image.ref} (+ :latest) ${what} [base ${image.base}]\n`);
    }
    process.stdout.write(`done in ${((Date.now() - started) / 1000).toFixed(1)}s\n`);
    return 0;
  },
};
