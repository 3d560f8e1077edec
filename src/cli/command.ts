/** One subcommand of the CLI; `commands.ts` lists them all. */
export interface Command {
  summary: string;
  help: string;
  /** Resolves with an exit code, or never (long-running commands exit on signals). */
  run(args: string[]): Promise<number | undefined>;
}
