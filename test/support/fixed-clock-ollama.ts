/** A fake Ollama on a fixed clock in its own process, for cross-process determinism checks: prints its port. */
import { FixedClock } from '../../src/common/clock.js';
import { startFakeOllama } from '../../src/fakes/ollama/server.js';

const fake = await startFakeOllama({ clock: new FixedClock('2026-01-01T00:00:00Z'), env: false, seed: Number(process.env.SEED ?? 0) });
process.stdout.write(`port ${fake.port}\n`);
process.on('SIGTERM', () => void fake.close().then(() => process.exit(0)));
