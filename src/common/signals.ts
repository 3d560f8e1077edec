/**
 * Runs until SIGINT or SIGTERM, then calls `stop` and exits. Node as PID 1 in a container ignores
 * these signals unless a handler exists, so every long-running entry point installs this. A second
 * signal while stopping exits at once.
 */
export function stopOnSignals(stop: () => Promise<void>, log: (line: string) => void = () => {}): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      log(`${signal} again: exiting now`);
      process.exit(1);
    }
    stopping = true;
    log(`${signal}: stopping`);
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`error while stopping: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
