// The reference: a bare node:http server answering every request with a fixed JSON body
// (optionally padded to a given size in bytes).
const started = performance.now();
const { createServer } = await import('node:http');
const loaded = performance.now();
const size = Number(process.argv[2] ?? 0);
const body = Buffer.from(
  size > 0
    ? JSON.stringify({ data: 'x'.repeat(size) })
    : JSON.stringify({ model: 'llama3.2', created_at: '2026-01-01T00:00:00Z', message: { role: 'assistant', content: 'Here is a short answer about the sky.' }, done: true }),
);
const server = createServer({ keepAliveTimeout: 5_000 }, (req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(body.length) });
    res.end(body);
  });
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`port=${typeof address === 'object' && address ? address.port : 0} loaded=${(loaded - started).toFixed(1)} ready=${(performance.now() - started).toFixed(1)}\n`);
});
process.stdin.resume();
process.stdin.on('end', () => server.close(() => process.exit(0)));
