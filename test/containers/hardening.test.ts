/**
 * What the library publishes on the network cannot be used by a peer to delete, read or change what is
 * not its own: ports bound to loopback (the engine here is local), a control plane that wants the run's
 * token from anyone not on the container's own loopback, reapers that refuse foreign filters and
 * foreign peers, and containers with a read-only root, no capabilities and no privilege escalation.
 */
import { execFileSync } from 'node:child_process';
import net from 'node:net';
import { Ollama } from 'ollama';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildImages, FakeMilvusContainer, FakeOllamaContainer, imageRef } from '../../src/containers/index.js';
import { publishingFor } from '../../src/containers/published-ports.js';
import { getContainerRuntimeClient } from '../../src/containers/testcontainers.js';
import { startRun } from '../../src/lifecycle/run.js';
import { dockerAvailable, ensureFreshBuild } from '../support/docker.js';

const docker = dockerAvailable();
const dockerCli = (...args: string[]) => execFileSync('docker', args, { encoding: 'utf8' }).trim();
const inspect = (id: string) => JSON.parse(dockerCli('inspect', id))[0];

/** Sends one line to a reaper; resolves with what it answered before closing ('' = closed without ACK). */
function sendLine(host: string, port: number, line: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    let answer = '';
    socket.on('data', (chunk) => {
      answer += String(chunk);
      if (answer.includes('\n')) socket.end();
    });
    socket.on('connect', () => socket.write(`${line}\n`));
    socket.on('error', () => resolve(answer));
    socket.on('close', () => resolve(answer));
    setTimeout(() => socket.destroy(), 5_000);
  });
}

describe.skipIf(!docker)('nothing the library publishes can be used from the network', () => {
  const victim = `probe-${process.pid}-${Date.now()}`;
  /** 127.0.0.1 on a plain machine; the docker0 gateway when this machine is a container with its own dockerd. */
  let local = '127.0.0.1';

  beforeAll(async () => {
    ensureFreshBuild();
    await buildImages({ images: ['ollama', 'milvus', 'reaper'] });
    const engine = (await getContainerRuntimeClient()).info.containerRuntime.host;
    local = (await publishingFor(engine)).bindAddress;
    expect(local).not.toBe('');
    // An unrelated container a malicious filter would target.
    dockerCli('run', '-d', '--label', `probe.victim=${victim}`, '--name', victim, '--entrypoint', 'node', imageRef('ollama'), '-e', 'setTimeout(() => {}, 600000)');
  }, 180_000);

  afterAll(() => {
    execFileSync('docker', ['rm', '-f', victim], { stdio: 'ignore' });
  });

  test("the fakes run read-only, without capabilities or privilege escalation, published on a local address only (127.0.0.1, or the docker0 gateway of a dockerd in this container)", async () => {
    await using ollama = await new FakeOllamaContainer().start();
    await using milvus = await new FakeMilvusContainer().start();
    for (const id of [ollama.getId(), milvus.getId()]) {
      const host = inspect(id).HostConfig;
      expect(host.ReadonlyRootfs).toBe(true);
      expect(host.CapDrop).toEqual(['ALL']);
      expect(host.SecurityOpt).toContain('no-new-privileges');
      for (const bindings of Object.values(inspect(id).NetworkSettings.Ports) as Array<Array<{ HostIp: string }>>) {
        expect(bindings.map((b) => b.HostIp)).toEqual([local]);
      }
    }
    expect(new URL(ollama.getEndpoint()).hostname).toBe(local);
    expect(milvus.getAddress()).toMatch(/^[\d.]+:\d+$/);
    expect(milvus.getAddress().split(':')[0]).toBe(local);
    // The endpoint names the family it was mapped on; the other family never reaches another fake.
    const v6 = await fetch(`http://[::1]:${new URL(ollama.getEndpoint()).port}/_fake/health`).then(
      async (r) => ((await r.json()) as { fake: string }).fake,
      () => 'refused',
    );
    expect(['refused', 'ollama']).toContain(v6);
    expect((await new Ollama({ host: ollama.getEndpoint() }).list()).models.length).toBeGreaterThan(0);
  });

  test("a control-plane request without the run's token is refused; the library's own clients send it", async () => {
    await using ollama = await new FakeOllamaContainer().start();
    await using milvus = await new FakeMilvusContainer().start();
    // From the host, a request reaches the container from the Docker gateway: a remote peer to the fake.
    for (const url of [ollama.getEndpoint(), milvus.getEndpoint()]) {
      expect((await fetch(`${url}/_fake/journal`)).status).toBe(401);
      expect((await fetch(`${url}/_fake/reset`, { method: 'POST' })).status).toBe(401);
      expect((await fetch(`${url}/_fake/health`)).status).toBe(200);
    }
    await ollama.control().reset();
    expect(await ollama.control().journal()).toEqual([]);
    expect(Array.isArray(await milvus.control().connections())).toBe(true);
    await expect(new FakeOllamaContainer().withControlToken(null).start().then(async (open) => {
      const status = (await fetch(`${open.getEndpoint()}/_fake/journal`)).status;
      await open.stop();
      return status;
    })).resolves.toBe(200);
  });

  test("the run's reaper listens on a local address only, refuses a foreign filter and a missing secret, and the victim survives the run", async () => {
    const run = await startRun({ mode: 'container', fakes: ['ollama'], progress: () => {} });
    const reaperId = dockerCli('ps', '-q', '--filter', `label=fakecontainers.reaper-for=${run.runId}`);
    expect(reaperId).not.toBe('');
    const binding = (inspect(reaperId).NetworkSettings.Ports['8080/tcp'] as Array<{ HostIp: string; HostPort: string }>)[0];
    expect(binding?.HostIp).toBe(local);
    const port = Number(binding?.HostPort);
    expect(await sendLine(local, port, `label=probe.victim=${victim}`)).toBe('');
    expect(await sendLine(local, port, `label=fakecontainers.run-id=${run.runId}`)).toBe('');
    expect(dockerCli('logs', reaperId)).toMatch(/refused a line .*a wrong or missing secret/);
    await run.close();
    // The reaper prunes what it accepted (the run's label) once the run's connection is gone.
    await expect.poll(() => dockerCli('ps', '-aq', '--filter', `label=fakecontainers.reaper-for=${run.runId}`), { timeout: 30_000, interval: 500 }).toBe('');
    expect(inspect(victim).State.Running).toBe(true);
  }, 90_000);

  test("testcontainers' reaper (ours) refuses filters that are not testcontainers' own, and peers from the network", async () => {
    await using ollama = await new FakeOllamaContainer().start();
    expect(ollama.getId()).not.toBe('');
    const ryuk = dockerCli('ps', '-q', '--filter', 'label=org.testcontainers.ryuk=true', '--filter', `ancestor=${imageRef('reaper')}`).split('\n')[0] as string;
    expect(ryuk).not.toBe('');
    const port = Number((inspect(ryuk).NetworkSettings.Ports['8080/tcp'] as Array<{ HostPort: string }>)[0]?.HostPort);
    expect(await sendLine(local, port, `label=probe.victim=${victim}`)).toBe('');
    expect(await sendLine(local, port, 'label=com.docker.compose.project=my-app')).toBe('');
    // Another container on the bridge is a peer from the network: refused even with a valid label.
    const ryukIp = inspect(ryuk).NetworkSettings.IPAddress as string;
    const fromPeer = dockerCli('run', '--rm', '--entrypoint', 'node', imageRef('ollama'), '-e', `
      const s = require('net').connect(8080, ${JSON.stringify(ryukIp)});
      let a = ''; s.on('data', (d) => (a += d)); s.on('connect', () => s.write('label=org.testcontainers.session-id=00000000-0000-0000-0000-000000000000\\n'));
      s.on('close', () => console.log(JSON.stringify(a))); s.on('error', () => {}); setTimeout(() => s.destroy(), 4000);`);
    expect(fromPeer).toBe('""');
    expect(inspect(victim).State.Running).toBe(true);
  }, 60_000);
});
