/**
 * The images' HEALTHCHECK: the images have no shell or curl, so Node itself asks the fake's health
 * endpoint. Exit 0 when it answers 200 within the timeout, 1 otherwise (Docker's contract).
 */
import { request } from 'node:http';

const url = process.argv[2] ?? 'http://127.0.0.1:11434/_fake/health';
const timeoutMs = 1500;

const req = request(url, { method: 'GET', timeout: timeoutMs }, (res) => {
  res.resume();
  process.exit(res.statusCode === 200 ? 0 : 1);
});
req.on('timeout', () => req.destroy(new Error('timeout')));
req.on('error', () => process.exit(1));
req.end();
