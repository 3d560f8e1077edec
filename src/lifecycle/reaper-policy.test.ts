import { describe, expect, test } from 'vitest';
import { defaultGateway, refusal } from './reaper-policy.js';

const local = new Set(['172.17.0.1', '127.0.0.1', '::1']);

describe('who may register what with a reaper', () => {
  test("a run's reaper takes only filters with its run label and its secret", () => {
    const policy = { requiredLabel: 'fakecontainers.run-id=ab12', secret: 's3cret' };
    expect(refusal(policy, 'secret=s3cret&label=fakecontainers.run-id=ab12', '10.0.0.9')).toBeUndefined();
    expect(refusal(policy, 'label=fakecontainers.run-id=ab12', '172.17.0.1')).toBe('a wrong or missing secret');
    expect(refusal(policy, 'secret=s3cret&label=com.docker.compose.project', '172.17.0.1')).toBe('the filter does not include fakecontainers.run-id=ab12');
    expect(refusal(policy, 'secret=nope!!&label=fakecontainers.run-id=ab12', '172.17.0.1')).toBe('a wrong or missing secret');
  });

  test("the testcontainers reaper takes testcontainers' own random labels, from this machine only", () => {
    const policy = { allowedPeers: local };
    expect(refusal(policy, 'label=org.testcontainers.session-id=0b2c1e86-5c1d', '::ffff:172.17.0.1')).toBeUndefined();
    expect(refusal(policy, 'label=com.docker.compose.project=testcontainers-8f1b', '172.17.0.1')).toBeUndefined();
    expect(refusal(policy, 'label=probe.victim=1', '172.17.0.1')).toBe("a filter on probe.victim=1, which is not one of testcontainers' own labels");
    expect(refusal(policy, 'label=com.docker.compose.project=my-app', '172.17.0.1')).toMatch(/not one of testcontainers' own labels/);
    expect(refusal(policy, 'label=org.testcontainers.session-id=', '172.17.0.1')).toMatch(/not one of/);
    expect(refusal(policy, 'label=org.testcontainers.session-id=0b2c', '192.0.2.77')).toBe('a peer from 192.0.2.77, which is not this machine');
    expect(refusal(policy, 'hello', '172.17.0.1')).toBe('no label filter');
  });

  test('the gateway comes from /proc/net/route (little-endian hex)', () => {
    const table = 'Iface\tDestination\tGateway \tFlags\n eth0\t00000000\t010011AC\t0003\n eth0\t000011AC\t00000000\t0001\n';
    expect(defaultGateway(table)).toBe('172.17.0.1');
    expect(defaultGateway('Iface\tDestination\tGateway\n')).toBeUndefined();
  });
});
