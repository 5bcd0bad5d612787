/**
 * The readiness action as a runner runs it — `node dist/readiness/main.js` with INPUT_* and the
 * runner's files — against guest-lab hosts and a loopback web server: its outputs are usable by
 * the next step, its summary shows each host's timeline, its failures carry diagnostics, the key
 * never reaches a log, and bad inputs fail before a single connection is attempted.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { FakeActionsEnv, runProcess, type StepResult } from '../support/fake-actions-env.ts';
import type { Lab } from '../lab/index.ts';
import { startLab, timelines } from '../lab/index.ts';

const run = promisify(execFile);

let lab: Lab;
let key: string;
before(async () => {
  lab = await startLab();
  key = readFileSync(lab.clientKey.privateKeyPath, 'utf8');
});
after(async () => {
  await lab.close();
});

async function readiness(inputs: Record<string, string>): Promise<StepResult> {
  const runner = new FakeActionsEnv();
  const entry = join('dist', 'readiness', 'main.js');
  const { code, stdout, stderr } = await runProcess(
    [entry],
    runner.env('readiness', { timeout: '30s', 'connect-timeout': '2s', ...inputs }),
  );
  return runner.result(code, stdout, stderr);
}

/** The log without the mask commands, which necessarily carry the secret to the runner. */
function visibleLog(result: StepResult): string {
  return (result.stdout + result.stderr)
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n');
}

function assertKeyNeverShown(result: StepResult): void {
  const body = key.split('\n')[1] ?? '';
  assert.ok(body.length > 20);
  assert.ok(!visibleLog(result).includes(body), 'the private key is not in the log');
  assert.ok(!JSON.stringify(result.outputs).includes(body), 'nor in an output');
  assert.ok(!JSON.stringify(result.state).includes(body), 'nor in state');
  assert.ok(!result.summary.includes(body), 'nor in the summary');
}

describe('the readiness action from dist/', () => {
  it('two booting hosts and an HTTP check: outputs the next step can use', async () => {
    const guests = await Promise.all([
      lab.addGuest({ sshd: false }),
      lab.addGuest({ sshd: false }),
    ]);
    const scenarios = guests.map((guest) =>
      lab.play(guest, timelines.cloudBoot({ dropSessions: true })),
    );
    let requests = 0;
    const web = http.createServer((request, response) => {
      requests++;
      const ok = requests > 2 && request.headers.host === 'app.example.test';
      response.writeHead(ok ? 200 : 503).end(ok ? 'welcome' : 'starting');
    });
    await new Promise<void>((resolve) => web.listen(80, lab.hostAddress, resolve));
    try {
      const result = await readiness({
        hosts: guests.map((g) => g.address).join('\n'),
        'private-key': key,
        http: `- url: http://app.example.test/\n  resolve: ${lab.hostAddress}\n  body: welcome`,
      });
      assert.equal(result.code, 0, visibleLog(result));
      for (const scenario of scenarios) scenario.stop();

      assert.deepEqual(
        result.outputs['ready-hosts']?.split('\n'),
        guests.map((g) => g.address),
      );
      const hostKeys = JSON.parse(result.outputs['host-keys'] ?? '{}') as Record<string, string>;
      for (const guest of guests) {
        assert.equal(hostKeys[guest.address], guest.hostKeyFingerprint(), 'pinned the final key');
      }
      assert.match(result.outputs['elapsed-seconds'] ?? '', /^\d+\.\d$/);

      // The pinned file works as-is for OpenSSH, with strict checking.
      const knownHosts = result.outputs['known-hosts'] ?? '';
      for (const guest of guests) {
        const { stdout } = await run('ssh', [
          ...['-i', lab.clientKey.privateKeyPath, '-o', 'BatchMode=yes'],
          ...['-o', 'StrictHostKeyChecking=yes', '-o', `UserKnownHostsFile=${knownHosts}`],
          `root@${guest.address}`,
          'echo pinned-ok',
        ]);
        assert.equal(stdout.trim(), 'pinned-ok');
      }

      const report = JSON.parse(readFileSync(result.outputs.report ?? '', 'utf8')) as {
        hosts: { host: string; ready: boolean; timeline: { stage: string }[] }[];
        http: { url: string; passed: boolean; attempts: number }[];
      };
      assert.deepEqual(
        report.hosts.map((h) => [h.host, h.ready]),
        guests.map((g) => [g.address, true]),
      );
      assert.ok(report.hosts.every((h) => h.timeline.some((e) => e.stage === 'settle')));
      const [check] = report.http;
      assert.ok(check);
      assert.equal(check.passed, true);
      assert.equal(check.attempts, 3, 'two 503s, then the page');

      assert.match(result.summary, /2 of 2 hosts ready/);
      assert.match(result.summary, /\| host \| result \| stage \|/);
      assert.match(result.summary, /http:\/\/app\.example\.test\/ \| passed/);
      assert.match(result.stdout, /^::group::Waiting for 2 host\(s\)$/m);
      assert.doesNotMatch(result.stdout, /^::(warning|error)::/m);
      assertKeyNeverShown(result);
    } finally {
      web.close();
    }
  });

  it('a failing host: exit 1, its stage and cloud-init’s own error, diagnostics in a group', async () => {
    const guest = await lab.addGuest({ sshd: false });
    const scenario = lab.play(
      guest,
      timelines.cloudBoot({
        outcome: { status: 'error', errors: ["('scripts_user', RuntimeError('runcmd failed'))"] },
      }),
    );
    const result = await readiness({
      hosts: guest.address,
      'private-key-path': lab.clientKey.privateKeyPath,
    });
    scenario.stop();
    assert.equal(result.code, 1, visibleLog(result));
    assert.match(
      result.stdout,
      new RegExp(
        `^::error::readiness: 1 of 1 host\\(s\\) not ready: ${guest.address.replaceAll('.', '\\.')} \\(cloud-init failed: .*runcmd failed`,
        'm',
      ),
    );
    assert.match(result.stdout, new RegExp(`^::group::Diagnostics: ${guest.address}$`, 'm'));
    assert.match(result.stdout, /== cloud-init status --long\n(.*\n)*status: error/);
    assert.match(result.summary, /NOT READY \| cloud-init/);
    assert.equal(result.outputs['ready-hosts'], '');
    assert.equal(readFileSync(result.outputs['known-hosts'] ?? '', 'utf8'), '', 'nothing pinned');
  });

  it('bad inputs fail with exit 2 before any connection is attempted', async () => {
    let connections = 0;
    const listener = net.createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    const host = `127.0.0.1:${String((listener.address() as AddressInfo).port)}`;
    const cases: [Record<string, string>, RegExp][] = [
      [{ hosts: '' }, /input "hosts" is required but empty/],
      [{ hosts: `${host}, 127.0.0.1:70000` }, /input "hosts" entry .*70000/],
      [{ hosts: host, 'cloud-init': 'sometimes' }, /input "cloud-init" must be one of wait/],
      [
        { hosts: host, timeout: '10m', 'job-timeout': '10m' },
        /input "timeout" \(10m\) plus 3m .*does not fit in job-timeout/,
      ],
      [
        { hosts: host, 'private-key-path': '/nonexistent/id' },
        /input "private-key-path" "\/nonexistent\/id" cannot be read/,
      ],
      [
        { hosts: host, 'private-key': 'garbage' },
        /input "private-key" is not a usable private key/,
      ],
      [
        { hosts: host, 'private-key-path': lab.clientKey.privateKeyPath, http: '- url: x' },
        /input "http" item 1: url "x" is not a URL/,
      ],
    ];
    try {
      for (const [inputs, message] of cases) {
        const result = await readiness(inputs);
        assert.equal(result.code, 2, `${JSON.stringify(inputs)}: ${result.stdout}`);
        assert.match(result.stdout, new RegExp(`^::error::readiness: ${message.source}`, 'm'));
      }
      assert.equal(connections, 0, 'no connection was attempted');
    } finally {
      listener.close();
    }
  });
});
