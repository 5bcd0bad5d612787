/**
 * A guest with its own Docker engine, as the coop-cloud-server template leaves a VM (a swarm at
 * the machine's address, the `proxy` network), seen the way our code and abra see a server: the
 * host's docker CLI with `DOCKER_HOST=ssh://root@<guest>`, which runs `docker system dial-stdio`
 * through the guest's real sshd, with the lab key and the guest's pinned host key. And the engine
 * leaves nothing behind: not after stopDocker(), not after close(), not when the process that owns
 * the lab dies. Needs root, docker.io and busybox-static; without them every test here is
 * skipped with the reason.
 */
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { BUSYBOX_IMAGE } from '../lab/busybox-image.ts';
import { cgroupExists, pidsInCgroup } from '../lab/cgroups.ts';
import { endChild, exited, holdLab } from '../lab/held.ts';
import type { Guest, Lab } from '../lab/index.ts';
import { guestDockerUnavailable, PROXY_NETWORK, startLab } from '../lab/index.ts';
import { isRunning } from '../lab/processes.ts';
import { run } from '../lab/run.ts';
import { tempDir } from '../support/temp-dir.ts';

const unavailable = guestDockerUnavailable();

/** The host's docker CLI with `env` (from lab.dockerSshEnv): every call goes through ssh. */
function dockerWith(env: object) {
  return (args: readonly string[]) =>
    run('docker', args, { env: { ...process.env, ...env }, timeoutMs: 90_000 });
}

/** Poll `probe` until it returns a value (or fail after `timeoutMs`, with the last error). */
async function until<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${String(last)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** How many logins the guest's sshd has let in with a key so far. */
async function logins(guest: Guest): Promise<number> {
  return (await guest.sshdLog())
    .split('\n')
    .filter((l) => l.includes('Accepted publickey for root')).length;
}

/** What a command printed, for a failed assertion's message. */
function shown(result: { code: number | null; stdout: string; stderr: string }): string {
  return `exit ${String(result.code)}\n${result.stdout}${result.stderr}`;
}

/** The mount namespace of a process, as `readlink /proc/<pid>/ns/mnt` prints it. */
function mountNamespace(pid: number | string): string | undefined {
  try {
    return readlinkSync(`/proc/${pid}/ns/mnt`);
  } catch {
    return undefined;
  }
}

/** What an engine of a guest left on the host. */
interface EngineTrace {
  /** The guest's namespace: also its engine's cgroup tree. */
  readonly namespace: string;
  readonly labDir: string;
  /** dockerd and its containers' processes. */
  readonly pids: readonly number[];
  /** The guest's mount namespace, where dockerd, containerd and the shims lived. */
  readonly mountNs: string;
}

/** Everything of `trace` still present on the host (empty when all is gone). */
function remnants(trace: EngineTrace): string[] {
  const found: string[] = [];
  found.push(...trace.pids.filter(isRunning).map((p) => `pid ${p}`));
  found.push(...pidsInCgroup(trace.namespace).map((p) => `pid ${p} in its cgroup`));
  if (cgroupExists(trace.namespace)) found.push(`cgroup ${trace.namespace}`);
  for (const entry of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    if (mountNamespace(entry) === trace.mountNs) found.push(`pid ${entry} in the guest's mounts`);
  }
  const mounts = readFileSync('/proc/self/mounts', 'utf8').split('\n');
  found.push(...mounts.filter((m) => m.includes(trace.labDir)).map((m) => `mount ${m}`));
  if (existsSync(`/run/netns/${trace.namespace}`)) found.push(`netns ${trace.namespace}`);
  if (existsSync(trace.labDir)) found.push(`dir ${trace.labDir}`);
  return found;
}

/** A container that ignores SIGTERM, started on the engine at `host`; returns its pid. */
async function sleeper(host: string): Promise<number> {
  const docker = (args: string[]) => run('docker', ['-H', host, ...args], { timeoutMs: 60_000 });
  const started = await docker(['run', '-d', '--network', 'none', BUSYBOX_IMAGE, 'sleep', '600']);
  assert.equal(started.code, 0, started.stderr);
  const pid = await docker(['inspect', '--format', '{{.State.Pid}}', started.stdout.trim()]);
  return Number(pid.stdout.trim());
}

/** A lab with one Docker guest in a process of its own (hold.ts), and a container on it. */
async function heldLab(): Promise<{ child: ChildProcess; trace: EngineTrace }> {
  const { child, state } = await holdLab(['1', '--docker']);
  try {
    const [namespace = '', host = '', holder = 0] = [
      state.namespaces[0],
      state.dockerHosts?.[0],
      state.holderPids[0],
    ];
    const trace: EngineTrace = {
      namespace,
      labDir: state.dir,
      pids: [await sleeper(host)],
      mountNs: mountNamespace(holder) ?? '',
    };
    return { child, trace };
  } catch (error) {
    // The lab is up but not as the test needs it: its owner ends it.
    await endChild(child);
    throw error;
  }
}

describe('a guest with its own Docker engine, reached over SSH', { skip: unavailable }, () => {
  let lab: Lab;
  let guest: Guest;
  let startMs = 0;

  before(async () => {
    lab = await startLab();
    guest = await lab.addGuest({ authorized: true, cloudInitPhase: { status: 'done' } });
    const started = Date.now();
    await guest.startDocker();
    startMs = Date.now() - started;
  });
  after(async () => {
    await lab.close();
  });

  it('answers `docker -H ssh://root@<guest> info` through sshd: a swarm at the guest’s address, proxy, busybox', async (t) => {
    t.diagnostic(
      `engine, swarm, proxy network and image ready in ${(startMs / 1000).toFixed(1)} s`,
    );
    const env = await lab.dockerSshEnv(guest);
    assert.equal(env.DOCKER_HOST, `ssh://root@${guest.address}`);
    const docker = dockerWith(env);
    const before = await logins(guest);
    const info = await docker(['info', '--format', '{{json .}}']);
    assert.equal(info.code, 0, info.stderr);
    const engine = JSON.parse(info.stdout) as {
      ID: string;
      DockerRootDir: string;
      Swarm: { LocalNodeState: string; NodeAddr: string; ControlAvailable: boolean };
    };
    assert.equal(engine.Swarm.LocalNodeState, 'active');
    assert.equal(engine.Swarm.NodeAddr, guest.address);
    assert.equal(engine.Swarm.ControlAvailable, true, 'a manager, as `swarm init` makes it');
    assert.equal(engine.DockerRootDir, '/var/lib/docker');
    const onSocket = await guest.docker?.must(['info', '--format', '{{.ID}}']);
    assert.equal(engine.ID, onSocket?.trim(), 'the engine behind ssh is the guest’s');
    assert.ok((await logins(guest)) > before, 'sshd let the docker CLI in');

    const proxy = await docker([
      ...['network', 'inspect', PROXY_NETWORK],
      ...['--format', '{{.Driver}} {{.Scope}} {{.Attachable}}'],
    ]);
    assert.equal(proxy.stdout.trim(), 'overlay swarm true', proxy.stderr);
    const images = await docker(['image', 'ls', '--format', '{{.Repository}}:{{.Tag}}']);
    assert.ok(images.stdout.split('\n').includes(BUSYBOX_IMAGE), images.stdout + images.stderr);
  });

  it('goes through sshd and the pinned host key: refused without sshd or with another key', async () => {
    const docker = dockerWith(await lab.dockerSshEnv(guest));
    // Sessions dropped as in a reboot: the engine is not a session, and stays.
    await guest.sshdDown({ dropSessions: true });
    const down = await docker(['info', '--format', '{{.ID}}']);
    await guest.sshdUp();
    assert.notEqual(down.code, 0);
    assert.match(down.stderr, /ssh: connect to host .* Connection refused/);
    const back = await docker(['info', '--format', '{{.Swarm.LocalNodeState}}']);
    assert.equal(back.stdout.trim(), 'active', back.stderr);

    await guest.changeHostKey();
    const changed = await docker(['info', '--format', '{{.ID}}']);
    assert.notEqual(changed.code, 0);
    assert.match(changed.stderr, /Host key verification failed|REMOTE HOST IDENTIFICATION/);
    const repinned = await dockerWith(await lab.dockerSshEnv(guest))(['info']);
    assert.equal(repinned.code, 0, repinned.stderr);
  });

  it('runs a stack deployed over SSH, published on the guest’s address in host mode', async () => {
    const docker = dockerWith(await lab.dockerSshEnv(guest));
    const marker = `hello from ${guest.namespace}`;
    const compose = join(tempDir('recipe-ci-guest-stack-'), 'compose.yml');
    // Swarm's ingress routing mesh needs IPVS (and Docker's iptables rules); host mode is a
    // docker-proxy listening in the guest's network namespace (see the README).
    writeFileSync(
      compose,
      JSON.stringify({
        version: '3.8',
        services: {
          app: {
            image: BUSYBOX_IMAGE,
            command: [
              'sh',
              '-c',
              `mkdir -p /www && echo '${marker}' > /www/index.html && exec httpd -f -p 8080 -h /www`,
            ],
            networks: [PROXY_NETWORK],
            ports: [{ target: 8080, published: 8080, protocol: 'tcp', mode: 'host' }],
          },
        },
        networks: { [PROXY_NETWORK]: { external: true } },
      }),
    );
    const deployed = await docker(['stack', 'deploy', '--compose-file', compose, 'web']);
    assert.equal(deployed.code, 0, deployed.stderr);
    await until(async () => {
      const services = await docker(['service', 'ls', '--format', '{{.Name}} {{.Replicas}}']);
      return services.stdout.includes('web_app 1/1') ? true : undefined;
    }, 'web_app 1/1');
    const body = await until(async () => {
      const response = await fetch(`http://${guest.address}:8080/`, {
        signal: AbortSignal.timeout(2000),
      });
      return response.ok ? await response.text() : undefined;
    }, `HTTP on ${guest.address}:8080`);
    assert.equal(body.trim(), marker);
    const removed = await docker(['stack', 'rm', 'web']);
    assert.equal(removed.code, 0, removed.stderr);
  });

  it('stopDocker() ends every engine process and container, and unmounts and removes its data; the guest stays up', async () => {
    const engine = guest.docker;
    assert.ok(engine);
    const container = await sleeper(engine.host);
    const trace = { namespace: engine.cgroup, pids: [engine.pid, container] };
    assert.ok(pidsInCgroup(trace.namespace).includes(container), 'the container is in its cgroup');
    await guest.stopDocker();
    assert.equal(guest.docker, undefined);
    assert.deepEqual(trace.pids.filter(isRunning), []);
    assert.deepEqual(pidsInCgroup(trace.namespace), []);
    assert.equal(cgroupExists(trace.namespace), false);
    // Both exit 1 for "none found"; 2 or more is an error, which must not pass for "none".
    const processes = await guest.exec(
      'pgrep --nslist net --ns $$ -a "dockerd|containerd|docker-proxy"',
    );
    assert.equal(processes.code, 1, `no engine process left inside the guest: ${shown(processes)}`);
    const mounts = await guest.exec(
      'grep -E " /(var/lib/docker|run/docker|run/containerd|etc/docker|sys/fs/cgroup)" /proc/self/mounts',
    );
    assert.equal(mounts.code, 1, `no engine mount left inside the guest: ${shown(mounts)}`);
    for (const path of ['var/lib/docker', 'run/docker', 'run/docker.sock', 'run/docker.pid']) {
      assert.equal(existsSync(join(guest.dir, 'root', path)), false, path);
    }
    assert.equal((await lab.ssh(guest, 'true')).code, 0, 'sshd still lets us in');
    const noEngine = await dockerWith(await lab.dockerSshEnv(guest))(['info']);
    assert.notEqual(noEngine.code, 0, 'nothing answers dial-stdio any more');
  });
});

describe('a guest engine’s cleanup', { skip: unavailable }, () => {
  it('lab.close() leaves no engine process, container, cgroup, mount or namespace', async () => {
    const hadGwbridge = existsSync('/sys/class/net/docker_gwbridge');
    const lab = await startLab();
    let trace: EngineTrace | undefined;
    try {
      const guest = await lab.addGuest({ docker: true });
      const engine = guest.docker;
      assert.ok(engine);
      // A service publishing a port (a docker-proxy, docker_gwbridge) and a plain container.
      await engine.must([
        ...['service', 'create', '--detach', '--name', 'web', '--network', PROXY_NETWORK],
        ...['--publish', 'mode=host,target=8080,published=8080'],
        ...[BUSYBOX_IMAGE, 'httpd', '-f', '-p', '8080'],
      ]);
      const task = await until(async () => {
        const ids = (await engine.must(['ps', '-q', '--filter', 'name=web'])).trim();
        return ids === '' ? undefined : ids;
      }, 'the web task');
      const taskPid = Number(
        (await engine.must(['inspect', '--format', '{{.State.Pid}}', task])).trim(),
      );
      trace = {
        namespace: guest.namespace,
        labDir: lab.dir,
        pids: [engine.pid, taskPid, await sleeper(engine.host)],
        mountNs: mountNamespace(guest.holderPid) ?? '',
      };
      assert.ok(remnants(trace).length > 0, 'the engine left no trace to look for');
    } finally {
      await lab.close();
    }
    assert.ok(trace);
    assert.deepEqual(remnants(trace), []);
    assert.equal(
      existsSync('/sys/class/net/docker_gwbridge'),
      hadGwbridge,
      'host network as before',
    );
    const named = await run('pgrep', ['-a', '-f', `rcilab-${lab.id}-`]);
    assert.equal(named.code, 1, `no process names the lab: ${shown(named)}`);
  });

  it('is stopped when the process that owns the lab gets SIGTERM', async () => {
    const { child, trace } = await heldLab();
    try {
      assert.ok(remnants(trace).length > 0);
      const end = await endChild(child);
      assert.equal(end.signal, 'SIGTERM', 'the owner ended on SIGTERM, not the SIGKILL after it');
      assert.deepEqual(remnants(trace), []);
    } finally {
      await endChild(child);
    }
  });

  it('is swept with a SIGKILLed owner’s lab when the next lab starts', async () => {
    const { child, trace } = await heldLab();
    child.kill('SIGKILL');
    await exited(child);
    assert.ok(trace.pids.every(isRunning), 'a container outlives its killed owner');
    const messages: string[] = [];
    const next = await startLab({ log: (m) => messages.push(m) });
    try {
      assert.deepEqual(remnants(trace), []);
      assert.ok(
        messages.some((m) => m.startsWith('swept dead lab')),
        messages.join('\n'),
      );
    } finally {
      await next.close();
    }
  });
});
