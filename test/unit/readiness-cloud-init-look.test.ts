/**
 * The cheap cloud-init look: its parser, and the real shell script run by /bin/sh (dash on Debian) on a fake file
 * tree (the `root` option moves /run, /etc and /proc under a temporary directory), so that every
 * branch of cloud-init's disable rules is exercised without a machine to disable. The guest lab
 * runs the same script against the real cloud-init CLI's files (test/integration/readiness).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { cloudInitLookCommand, parseCloudInitLook } from '../../src/readiness/cloud-init-look.ts';

const run = promisify(execFile);

const CLEAN = JSON.stringify({
  v1: {
    datasource: 'DataSourceNoCloud',
    stage: null,
    init: { errors: [], start: 1, finished: 2 },
    'modules-final': { errors: [], start: 3, finished: 4 },
  },
});
const FAILED = CLEAN.replace('"modules-final":{"errors":[]', '"modules-final":{"errors":["boom"]');

describe('parseCloudInitLook', () => {
  test('absent and disabled are decided by the look', () => {
    const absent = parseCloudInitLook(0, '__ci=absent\n');
    assert.equal(absent.kind === 'seen' && absent.observation.state, 'absent');
    const disabled = parseCloudInitLook(0, '__ci=disabled by the cloud-init generator\n');
    assert.ok(disabled.kind === 'seen' && !disabled.pending);
    assert.equal(disabled.observation.state, 'disabled');
    assert.match(disabled.observation.detail, /by the cloud-init generator/);
  });

  test('running and not started are pending, never done', () => {
    for (const [out, state] of [
      ['__ci=running\n', 'running'],
      ['__ci=not-started\n', 'not-started'],
    ] as const) {
      const look = parseCloudInitLook(0, out);
      assert.ok(look.kind === 'seen' && look.pending, out);
      assert.equal(look.observation.state, state);
    }
  });

  test('a clean finish is done; any other finish is left to cloud-init status', () => {
    const done = parseCloudInitLook(0, `__ci=finished\n${CLEAN}\n__ci_end\n`);
    assert.ok(done.kind === 'seen' && !done.pending);
    assert.equal(done.observation.state, 'done');
    assert.equal(parseCloudInitLook(0, `__ci=finished\n${FAILED}\n__ci_end\n`).kind, 'undecided');
    // result.json without a readable status.json
    assert.equal(parseCloudInitLook(0, '__ci=finished\n\n__ci_end\n').kind, 'undecided');
    const undecided = parseCloudInitLook(0, '__ci=undecided disabled by x, but …\n');
    assert.equal(undecided.kind, 'undecided');
  });

  test('an answer cut short is a cut session; an unknown one is unreadable', () => {
    assert.equal(parseCloudInitLook(null, '').kind, 'cut');
    assert.equal(parseCloudInitLook(null, `__ci=finished\n${CLEAN.slice(0, 20)}`).kind, 'cut');
    const fish = parseCloudInitLook(127, 'fish: Unknown command: [\n');
    assert.ok(fish.kind === 'unreadable');
    assert.match(fish.detail, /fish/);
    assert.equal(parseCloudInitLook(0, '__ci=sleeping\n').kind, 'unreadable');
  });
});

describe('the look script, run by /bin/sh (dash on Debian) on a fake tree', () => {
  let dir: string;
  let root: string;
  let withCloudInit: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ci-look-'));
    // A PATH whose only cloud-init is a stub the look must never run.
    withCloudInit = join(dir, 'bin');
    await mkdir(withCloudInit);
    await writeFile(join(withCloudInit, 'cloud-init'), '#!/bin/sh\necho RAN >&2\nexit 99\n');
    await chmod(join(withCloudInit, 'cloud-init'), 0o755);
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  let n = 0;
  /** A fresh fake root: `files` maps paths (relative to /) to contents, '/' ending = directory. */
  async function tree(files: Record<string, string>, cmdline = 'ro quiet'): Promise<string> {
    root = join(dir, `root${String(n++)}`);
    await mkdir(join(root, 'proc'), { recursive: true });
    await mkdir(join(root, 'run/cloud-init'), { recursive: true });
    await writeFile(join(root, 'proc/cmdline'), `${cmdline}\n`);
    for (const [path, content] of Object.entries(files)) {
      if (path.endsWith('/')) await mkdir(join(root, path), { recursive: true });
      else {
        await mkdir(join(root, path, '..'), { recursive: true });
        await writeFile(join(root, path), content);
      }
    }
    return root;
  }

  async function look(
    at: string,
    options: { looks?: number; path?: string } = {},
  ): Promise<{ code: number; stdout: string; stderr: string }> {
    const command = cloudInitLookCommand(options.looks ?? 2, 10, at);
    const { stdout, stderr } = await run('/bin/sh', ['-c', command], {
      env: { PATH: options.path ?? `${withCloudInit}:/usr/bin:/bin` },
    });
    return { code: 0, stdout, stderr };
  }

  const state = (out: { code: number; stdout: string }): string => {
    const parsed = parseCloudInitLook(out.code, out.stdout);
    return parsed.kind === 'seen' ? parsed.observation.state : parsed.kind;
  };

  test('no cloud-init on the PATH: absent, as exit 127 was', async () => {
    assert.equal(state(await look(await tree({}), { path: join(dir, 'empty') })), 'absent');
  });

  test('nothing in /run/cloud-init: not started; status.json alone: running', async () => {
    assert.equal(state(await look(await tree({}))), 'not-started');
    assert.equal(state(await look(await tree({ 'run/cloud-init/status.json': CLEAN }))), 'running');
  });

  test('result.json and a clean status.json: done, without running cloud-init', async () => {
    const finished = await tree({
      'run/cloud-init/status.json': CLEAN,
      'run/cloud-init/result.json': '{"v1": {"errors": []}}',
    });
    const out = await look(finished);
    assert.equal(state(out), 'done');
    assert.doesNotMatch(out.stderr, /RAN/);
    const failed = await tree({
      'run/cloud-init/status.json': FAILED,
      'run/cloud-init/result.json': '{}',
    });
    assert.equal(state(await look(failed)), 'undecided');
  });

  test('disabled under systemd by the file, the kernel command line or the generator', async () => {
    const systemd = { 'run/systemd/system/': '' };
    const byFile = await look(await tree({ ...systemd, 'etc/cloud/cloud-init.disabled': '' }));
    assert.equal(state(byFile), 'disabled');
    assert.match(byFile.stdout, /cloud-init\.disabled/);
    const byCmdline = await look(await tree(systemd, 'ro quiet cloud-init=disabled'));
    assert.equal(state(byCmdline), 'disabled');
    assert.match(byCmdline.stdout, /kernel command line/);
    const byGenerator = await look(await tree({ ...systemd, 'run/cloud-init/disabled': '' }));
    assert.equal(state(byGenerator), 'disabled');
    assert.match(byGenerator.stdout, /generator/);
  });

  test('not disabled: without systemd, or with cloud-init=enabled on the command line', async () => {
    const marker = { 'etc/cloud/cloud-init.disabled': '', 'run/cloud-init/disabled': '' };
    assert.equal(state(await look(await tree(marker, 'cloud-init=disabled'))), 'not-started');
    const enabled = await tree({ ...marker, 'run/systemd/system/': '' }, 'cloud-init=enabled');
    assert.equal(state(await look(enabled)), 'not-started');
    // a look-alike word is not the parameter
    const lookAlike = await tree({ 'run/systemd/system/': '' }, 'xcloud-init=disabled');
    assert.equal(state(await look(lookAlike)), 'not-started');
  });

  test('disabled although a stage has written status.json: left to cloud-init status', async () => {
    const both = await tree({
      'run/systemd/system/': '',
      'run/cloud-init/disabled': '',
      'run/cloud-init/status.json': CLEAN,
    });
    assert.equal(state(await look(both)), 'undecided');
  });

  test('the loop answers as soon as cloud-init finishes, not when its rounds run out', async () => {
    const at = await tree({ 'run/cloud-init/status.json': CLEAN });
    // 100 000 rounds of 10 ms would take over 16 minutes: only an early answer ends the test.
    const pending = run('/bin/sh', ['-c', cloudInitLookCommand(100_000, 10, at)], {
      env: { PATH: `${withCloudInit}:/usr/bin:/bin` },
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await writeFile(join(at, 'run/cloud-init/result.json'), '{}');
    const { stdout } = await pending;
    assert.equal(state({ code: 0, stdout }), 'done');
  });
});
