/**
 * Where a resource was created: the first stack frame outside fakecontainers' own modules (and
 * outside node_modules and Node internals), so leak reports and dispose errors point at the user's line.
 */
const OWN_MODULE = /[/\\](?:src|dist)[/\\](?:lifecycle|vitest|jest|node-test|containers|fakes|common)[/\\](?:[^/\\]+[/\\])*[^/\\]+\.(?:ts|js|mjs)/;
const TEST_FILE = /\.(?:test|spec)\.[cm]?[tj]s/;

export function creationSite(): string {
  return siteOf(new Error());
}

/**
 * The same site, captured now and worked out the first time it is read. Capturing a stack is cheap
 * (~2 µs); formatting it is not (~50-90 µs per stack under vitest, which source-maps every frame), and
 * a site is only read when a resource leaks or fails to close. Scopes and tracked resources, made
 * several times per test, use this.
 */
export function deferredCreationSite(): () => string {
  const captured = new Error();
  let site: string | undefined;
  return () => (site ??= siteOf(captured));
}

function siteOf(error: Error): string {
  const frames = (error.stack?.split('\n').slice(1) ?? [])
    .map((line) => line.trim().replace(/^at\s+/, ''))
    .filter((frame) => /:\d+:\d+\)?$/.test(frame));
  const user = frames.find(
    (frame) =>
      (!OWN_MODULE.test(frame) || TEST_FILE.test(frame)) &&
      !frame.includes('node_modules') &&
      !frame.startsWith('node:') &&
      !frame.includes('(node:'),
  );
  // Created by fakecontainers itself (a vitest fixture): name our frame rather than this function.
  return user ?? frames.find((frame) => !/creation-site\.[tj]s/.test(frame)) ?? 'unknown';
}
