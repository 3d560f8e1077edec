// A containerised run (startRun in container mode) that prints its run id and then waits to be killed.
import { startRun } from '../../dist/lifecycle/index.js';

const run = await startRun({ mode: 'container' });
process.stdout.write(`run=${run.runId}\n`);
setInterval(() => {}, 1 << 30);
