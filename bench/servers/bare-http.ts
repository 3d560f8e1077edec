// The reference: a bare node:http server answering every request with a fixed JSON body.
import { createServer } from 'node:http';

const size = Number(process.argv[2] ?? 0);
const body = size > 0 ? Buffer.from(JSON.stringify({ data: 'x'.repeat(size) })) : Buffer.from(
  JSON.stringify({ model: 'llama3.2', created_at: '2026-01-01T00:00:00Z', message: { role: 'assistant', content: 'Here is a short answer about the sky.' }, done: true }),
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
  process.stdout.write(`port=${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.stdin.resume();
process.stdin.on('end', () => server.close(() => process.exit(0)));
