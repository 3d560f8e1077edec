// A fake Ollama in its own process (from the built package): prints its port and the time from
// process start to ready; exits when stdin closes.
const started = performance.now();
const { startFakeOllama } = await import('../../dist/fakes/ollama/server.js');
const loaded = performance.now();
const fake = await startFakeOllama({ logLevel: 'error' });
process.stdout.write(`port=${fake.port} loaded=${(loaded - started).toFixed(1)} ready=${(performance.now() - started).toFixed(1)}\n`);
process.stdin.resume();
process.stdin.on('end', () => void fake.close().then(() => process.exit(0)));
