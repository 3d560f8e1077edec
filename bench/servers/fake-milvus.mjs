// A fake Milvus in its own process (from the built package): prints its port and the time from
// process start to ready; exits when stdin closes.
const started = performance.now();
const { startFakeMilvus } = await import('../../dist/fakes/milvus/index.js');
const loaded = performance.now();
const fake = await startFakeMilvus({ logLevel: 'error', host: '127.0.0.1' });
process.stdout.write(`port=${fake.port} loaded=${(loaded - started).toFixed(1)} ready=${(performance.now() - started).toFixed(1)}\n`);
process.stdin.resume();
process.stdin.on('end', () => void fake.close().then(() => process.exit(0)));
