/**
 * Who may register what with a reaper. Ryuk (and testcontainers' use of it) acknowledges any label
 * filter from any client, so anyone who reaches its port can have it delete every container, network,
 * volume and image carrying some label when the run ends. Ours refuses, without the ACK a client waits
 * for:
 * - a run's own reaper (`FAKECONTAINERS_REAPER_LABEL`): any filter that does not include the run's label,
 *   and (`FAKECONTAINERS_REAPER_SECRET`) any line without the run's secret;
 * - the testcontainers-compatible reaper: filters on anything but testcontainers' own random labels
 *   (`org.testcontainers.session-id=<uuid>`, compose projects named `testcontainers-<uuid>`);
 * - without a secret, peers other than the container's gateway: a client on this machine reaches a
 *   published port through Docker's proxy and arrives from the gateway, a peer on the network arrives
 *   with its own address (so this stands in for a loopback binding testcontainers cannot ask for).
 */
import { timingSafeEqual } from 'node:crypto';

export interface ReaperPolicy {
  /** `key=value` every filter must include (a run's reaper), or undefined (testcontainers' reaper). */
  readonly requiredLabel?: string;
  readonly secret?: string;
  /** Addresses a peer may come from when there is no secret; undefined: anyone. */
  readonly allowedPeers?: ReadonlySet<string>;
}

const SESSION_LABEL = 'org.testcontainers.session-id=';
const COMPOSE_LABEL = 'com.docker.compose.project=testcontainers-';

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** `::ffff:172.17.0.1` and `172.17.0.1` are one peer. */
export function plainAddress(address: string): string {
  return address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
}

/**
 * Undefined when the line may be acknowledged, else why not.
 *
 * @example
 * refusal({ requiredLabel: 'fakecontainers.run-id=ab12' }, 'label=com.docker.compose.project=x', '172.17.0.1');
 * // → 'the filter does not include fakecontainers.run-id=ab12'
 */
export function refusal(policy: ReaperPolicy, line: string, peer: string): string | undefined {
  const params = new URLSearchParams(line);
  if (policy.secret !== undefined) {
    if (!sameSecret(params.get('secret') ?? '', policy.secret)) return 'a wrong or missing secret';
  } else if (policy.allowedPeers && !policy.allowedPeers.has(plainAddress(peer))) {
    return `a peer from ${plainAddress(peer)}, which is not this machine`;
  }
  const labels = params.getAll('label');
  if (labels.length === 0) return 'no label filter';
  if (policy.requiredLabel !== undefined) {
    return labels.includes(policy.requiredLabel) ? undefined : `the filter does not include ${policy.requiredLabel}`;
  }
  const foreign = labels.find((l) => !(l.startsWith(SESSION_LABEL) && l.length > SESSION_LABEL.length) && !(l.startsWith(COMPOSE_LABEL) && l.length > COMPOSE_LABEL.length));
  return foreign === undefined ? undefined : `a filter on ${foreign}, which is not one of testcontainers' own labels`;
}

/** The default gateway of this container, from the kernel's routing table (`/proc/net/route`). */
export function defaultGateway(routeTable: string): string | undefined {
  for (const line of routeTable.split('\n').slice(1)) {
    const [, destination, gateway] = line.trim().split(/\s+/);
    if (destination === '00000000' && gateway && gateway !== '00000000') {
      const n = Number.parseInt(gateway, 16);
      // Little-endian, as the kernel prints it.
      return [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff].join('.');
    }
  }
  return undefined;
}
