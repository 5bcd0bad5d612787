/**
 * The machine the demo tests on. As root: a guest-lab guest (real sshd and the real cloud-init
 * CLI in its own network and mount namespaces) that boots like a cloud VM while readiness
 * watches — banner before the key is authorised, an sshd bounce, cloud-init running then done.
 * Without root: an sshd of the user's own on a free loopback port; there is no cloud-init to
 * wait for there.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'ssh2';
import { startLab, timelines, type Lab, type ScenarioRun } from '../../test/lab/index.ts';

export interface DemoTarget {
  /** What it is, for the log. */
  readonly description: string;
  /** `host` or `host:port`, as provision's `ssh` provider and readiness take it. */
  readonly host: string;
  readonly user: string;
  /** The key that logs in (the lab's client key, or one made for the loopback sshd). */
  readonly privateKeyPath: string;
  /** readiness's `cloud-init` input: what there is to wait for on this target. */
  readonly cloudInit: 'wait' | 'skip';
  /** Why `cloudInit` is what it is, when it is not the default. */
  readonly cloudInitNote: string | undefined;
  /** The guest-lab id, when the target is in the lab. */
  readonly labId: string | undefined;
  /** Power on: a lab guest starts its boot timeline now. */
  boot(): void;
  /** Remove everything; resolves with what could not be removed. */
  close(): Promise<string[]>;
}

export type TargetKind = 'guest-lab' | 'loopback';

export function defaultTargetKind(): TargetKind {
  return process.getuid?.() === 0 ? 'guest-lab' : 'loopback';
}

export async function startTarget(
  kind: TargetKind,
  workDir: string,
  log: (line: string) => void,
): Promise<DemoTarget> {
  return kind === 'guest-lab' ? startLabGuest(log) : startLoopbackSshd(workDir);
}

async function startLabGuest(log: (line: string) => void): Promise<DemoTarget> {
  // The demo handles Ctrl-C itself and runs the post steps against the guest before closing it.
  const lab: Lab = await startLab({ keepOnSignal: true, log: (m) => log(`guest lab: ${m}`) });
  let run: ScenarioRun | undefined;
  try {
    // Powered off: nothing listens until boot() starts the timeline.
    const guest = await lab.addGuest({ sshd: false });
    return {
      description: `guest-lab guest ${guest.address} (lab ${lab.id}: real sshd and cloud-init ${guest.namespace})`,
      host: guest.address,
      user: 'root',
      privateKeyPath: lab.clientKey.privateKeyPath,
      cloudInit: 'wait',
      cloudInitNote: undefined,
      labId: lab.id,
      boot() {
        run = lab.play(guest, timelines.cloudBoot());
      },
      async close() {
        run?.stop();
        try {
          await lab.close();
          return [];
        } catch (error) {
          return [error instanceof Error ? error.message : String(error)];
        }
      },
    };
  } catch (error) {
    await lab.close().catch(() => undefined);
    throw error;
  }
}

async function startLoopbackSshd(workDir: string): Promise<DemoTarget> {
  const dir = join(workDir, 'loopback-sshd');
  mkdirSync(dir, { mode: 0o700 });
  const hostKey = join(dir, 'host_ed25519');
  const clientKey = join(dir, 'client_ed25519');
  for (const key of [hostKey, clientKey]) {
    execFileSync('ssh-keygen', [
      '-q',
      '-t',
      'ed25519',
      '-N',
      '',
      '-C',
      'recipe-ci-demo',
      '-f',
      key,
    ]);
  }
  const authorizedKeys = join(dir, 'authorized_keys');
  writeFileSync(authorizedKeys, readFileSync(`${clientKey}.pub`), { mode: 0o600 });
  const port = await freeLoopbackPort();
  const config = join(dir, 'sshd_config');
  writeFileSync(
    config,
    [
      `ListenAddress 127.0.0.1:${String(port)}`,
      `HostKey ${hostKey}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${authorizedKeys}`,
      'PubkeyAuthentication yes',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PermitRootLogin prohibit-password',
      'UsePAM no',
      // The key file lives in the demo's temp dir, not under ~/.ssh.
      'StrictModes no',
      'UseDNS no',
      'PrintMotd no',
      '',
    ].join('\n'),
  );
  const sshdPath = ['/usr/sbin/sshd', '/usr/local/sbin/sshd', '/sbin/sshd'].find((p) =>
    existsSync(p),
  );
  if (sshdPath === undefined) {
    throw new Error('no sshd on this machine: install OpenSSH server (Debian: openssh-server)');
  }
  const sshd: ChildProcess = spawn(sshdPath, ['-D', '-f', config, '-E', join(dir, 'sshd.log')], {
    stdio: 'ignore',
    detached: true,
  });
  const exited = new Promise<void>((resolve) => sshd.once('exit', () => resolve()));
  const stop = async (): Promise<boolean> => {
    if (sshd.exitCode === null && sshd.signalCode === null) {
      sshd.kill('SIGTERM');
      await Promise.race([exited, sleep(5000)]);
    }
    return sshd.exitCode === null && sshd.signalCode === null;
  };
  await waitForBanner(port, sshd, join(dir, 'sshd.log'));
  // An sshd that is not root lets in only the user it runs as, and only if that account may
  // log in with a key and run a command: say so now, not after readiness's two-minute wait.
  const refused = await loginRefusal(port, userInfo().username, clientKey, join(dir, 'sshd.log'));
  if (refused !== undefined) {
    await stop();
    throw new Error(
      `the loopback sshd does not let user ${userInfo().username} in (${refused}); the demo without root needs an account that can log in over SSH with a key and run commands (not locked, with a login shell) — run it as such a user, or as root for the guest lab`,
    );
  }
  // On this machine's own cloud-init (if any) the demo has nothing to wait for: it reports on
  // the machine's boot, not on a target the demo made.
  const hasCloudInit = onPath('cloud-init');
  return {
    description: `an sshd of user ${userInfo().username} on 127.0.0.1:${String(port)} (not root, so no guest lab)`,
    host: `127.0.0.1:${String(port)}`,
    user: userInfo().username,
    privateKeyPath: clientKey,
    cloudInit: hasCloudInit ? 'skip' : 'wait',
    cloudInitNote: hasCloudInit
      ? "cloud-init: skip — the cloud-init here is this machine's own, not the target's"
      : undefined,
    labId: undefined,
    boot() {
      // already listening: a loopback sshd has no boot to watch
    },
    async close() {
      return (await stop()) ? [`loopback sshd pid ${String(sshd.pid)}`] : [];
    },
  };
}

function onPath(tool: string): boolean {
  return (process.env.PATH ?? '')
    .split(':')
    .filter(Boolean)
    .some((dir) => existsSync(join(dir, tool)));
}

/**
 * Log in once with the demo's key and run `true`: undefined when that works, else why not —
 * sshd's own reason from its log (e.g. "account is locked") or the shell's (e.g. nologin).
 */
async function loginRefusal(
  port: number,
  username: string,
  keyPath: string,
  logFile: string,
): Promise<string | undefined> {
  const client = new Client();
  const failure = await new Promise<string | undefined>((resolve) => {
    client.once('error', (error) => resolve(error.message));
    client.once('ready', () => {
      client.exec('true', (error, stream) => {
        if (error) {
          resolve(error.message);
          return;
        }
        let said = '';
        const hear = (chunk: string): void => void (said += chunk);
        stream.setEncoding('utf8').on('data', hear);
        stream.stderr.setEncoding('utf8').on('data', hear);
        let code: number | null = null;
        stream.once('exit', (exitCode: number | null) => (code = exitCode));
        stream.once('close', () => {
          resolve(code === 0 ? undefined : said.trim() || `\`true\` exited ${String(code)}`);
        });
      });
    });
    client.connect({
      host: '127.0.0.1',
      port,
      username,
      privateKey: readFileSync(keyPath),
      readyTimeout: 20_000,
    });
  });
  client.end();
  if (failure === undefined) return undefined;
  const log = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
  const reason = log.split('\n').find((line) => / not allowed because /.test(line));
  return reason === undefined ? failure : `sshd: ${reason.trim()}`;
}

/** A port nothing listens on now: bound, then released (sshd binds it right after). */
async function freeLoopbackPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Until sshd sends its identification string; fails with sshd's log if it exits first. */
async function waitForBanner(port: number, sshd: ChildProcess, logFile: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (sshd.exitCode !== null || sshd.signalCode !== null) break;
    const banner = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.setTimeout(1000);
      socket.once('data', (data) => {
        socket.destroy();
        resolve(data.toString().startsWith('SSH-'));
      });
      socket.once('error', () => resolve(false));
      socket.once('timeout', () => {
        socket.destroy();
        resolve(false);
      });
    });
    if (banner) return;
    await sleep(50);
  }
  const log = existsSync(logFile) ? readFileSync(logFile, 'utf8').trim() : '';
  sshd.kill('SIGTERM');
  throw new Error(`the loopback sshd did not start${log ? `: ${log}` : ''}`);
}
