// A fake Ollama in its own process for load tests: prints its port, exits when stdin closes.
import { startFakeOllama } from '../../src/fakes/ollama/server.js';

const fake = await startFakeOllama({ logLevel: 'error' });
process.stdout.write(`port=${fake.port}\n`);
process.stdin.resume();
process.stdin.on('end', () => void fake.close().then(() => process.exit(0)));
