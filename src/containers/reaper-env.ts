/**
 * Chooses the reaper testcontainers uses, before testcontainers is loaded: testcontainers 11 reads
 * RYUK_CONTAINER_IMAGE once, at import (testcontainers-node#1310), and its default image
 * (testcontainers/ryuk) cannot be pulled where no registry is reachable.
 *
 * The one switch, FAKECONTAINERS_REAPER:
 * - `fakecontainers` (default): our Ryuk-compatible reaper, built locally like the fakes;
 * - `testcontainers`: leave testcontainers' own choice alone (pullable testcontainers/ryuk);
 * - `off`: no reaper (TESTCONTAINERS_RYUK_DISABLED=true); containers are then removed only by
 *   the lifecycle manager's own teardown and exit hooks, never after a SIGKILL.
 * An explicit RYUK_CONTAINER_IMAGE always wins.
 *
 * Import this module before anything that imports testcontainers.
 */
import { dockerHostSetting } from '../common/docker-host.js';
import { imageRef } from './image-catalog.js';

export type ReaperMode = 'fakecontainers' | 'testcontainers' | 'off';

export function reaperMode(): ReaperMode {
  const value = process.env.FAKECONTAINERS_REAPER;
  return value === 'testcontainers' || value === 'off' ? value : 'fakecontainers';
}

/** Whether testcontainers will use our reaper image (so it must be built before a container starts). */
export function usesOurReaper(): boolean {
  return reaperMode() === 'fakecontainers' && process.env.RYUK_CONTAINER_IMAGE === imageRef('reaper');
}

/**
 * Whether the engine testcontainers picks (DOCKER_HOST, or `tc.host` / `docker.host` of
 * ~/.testcontainers.properties) is on another machine. Our testcontainers-compatible reaper admits
 * only peers from its own machine (testcontainers cannot publish its port on loopback, nor send it a
 * secret), so with a remote engine testcontainers runs without a reaper and the run's own reaper (which
 * takes a secret) guards fakecontainers' containers.
 */
export function remoteEngine(env: NodeJS.ProcessEnv = process.env, home?: string): boolean {
  const host = dockerHostSetting(env, home);
  if (!host?.startsWith('tcp://') && !host?.startsWith('ssh://')) return false;
  const name = new URL(host.replace(/^(tcp|ssh):/, 'http:')).hostname.replace(/^\[|\]$/g, '');
  return !(name === 'localhost' || name === '::1' || name.startsWith('127.'));
}

const mode = reaperMode();
if (mode === 'off') process.env.TESTCONTAINERS_RYUK_DISABLED = 'true';
else if (mode === 'fakecontainers' && !process.env.RYUK_CONTAINER_IMAGE) {
  if (remoteEngine()) process.env.TESTCONTAINERS_RYUK_DISABLED ??= 'true';
  else process.env.RYUK_CONTAINER_IMAGE = imageRef('reaper');
}
