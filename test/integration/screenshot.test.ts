/**
 * The screenshot after install, for real. recipe-suite is bundled fresh into a folder outside the
 * repository — no node_modules anywhere above it, so puppeteer-core has to come from the bundle —
 * and runs the example notes recipe the way a runner runs it. On a lab guest (provision and
 * readiness hand it over), the system's Chromium opens http://notes.example.test:<port>/ with that
 * name mapped to the guest's address, where alone the app listens; the PNG is read back: the
 * viewport's size, many colours, the app's own header colour where its header is. Then what must
 * not gate: no browser, an HTTP error, a wait that runs out are warnings with install passed; and
 * a cancel during the screenshot leaves no browser running. Needs root and Debian's chromium.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, parse } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Guest, Lab } from '../lab/index.ts';
import { startLab } from '../lab/index.ts';
import { findBrowser } from '../../src/screenshot/browser.ts';
import { FakeActionsEnv, runProcess, type StepResult } from '../support/fake-actions-env.ts';
import { distinctColours, PNG_SIGNATURE, readPng } from '../support/png.ts';
import { recipeRepo } from '../support/recipe-repo.ts';
import { tempDir } from '../support/temp-dir.ts';

/** The fixture's page: the header's background, and the page's own below it. */
const HEADER_RGB = [0x24, 0x59, 0x7f];
const PAGE_RGB = [0xf3, 0xef, 0xe4];
/** A PNG of one flat colour at 1280x800 is about 4 KiB; the notes page is several times that. */
const MIN_PNG_BYTES = 8 * 1024;

const bundle = join(tempDir('recipe-ci-bundle-'), 'dist');
before(() => {
  const browser = findBrowser();
  assert.ok(
    !('error' in browser),
    `${'error' in browser ? browser.error : ''} (test/lab/setup.sh)`,
  );
  execFileSync(process.execPath, ['scripts/build.mjs', '--outdir', bundle], { stdio: 'ignore' });
  for (let dir = dirname(bundle); dir !== parse(dir).root; dir = dirname(dir)) {
    assert.equal(existsSync(join(dir, 'node_modules')), false, `no node_modules in ${dir}`);
  }
});

/** A step of recipe-suite from the fresh bundle, in this job's runner env. */
async function suiteStep(
  runner: FakeActionsEnv,
  phase: 'main' | 'post',
  inputs: Record<string, string>,
  options: {
    state?: Record<string, string>;
    env?: NodeJS.ProcessEnv;
    onStdout?: Parameters<typeof runProcess>[2];
  } = {},
): Promise<StepResult> {
  const { code, stdout, stderr } = await runProcess(
    [join(bundle, 'recipe-suite', `${phase}.js`)],
    { ...runner.env('recipe-suite', inputs, options.state), ...options.env },
    options.onStdout,
  );
  return runner.result(code, stdout, stderr);
}

interface Results {
  tiers: { tier: string; status: string }[];
  screenshot?: { file?: string; url: string; error?: string };
}

function resultsOf(main: StepResult): { results: Results; dir: string } {
  const file = main.outputs.results ?? '';
  return { results: JSON.parse(readFileSync(file, 'utf8')) as Results, dir: dirname(file) };
}

/** The example recipe with its `screenshot:` block replaced by `block` (YAML, or ''). */
function recipeWithScreenshot(block: string): string {
  return recipeRepo({
    candidate: '1.1.0+1.1',
    change: (dir) => {
      const file = join(dir, '.recipe-ci.yml');
      const config = readFileSync(file, 'utf8');
      const edited = config.replace(/^screenshot:\n(?: {2}.*\n)+/m, block);
      assert.notEqual(edited, config, 'the fixture has a screenshot block');
      writeFileSync(file, edited);
    },
  });
}

/** Browsers started from `dir` (their profile is in it) still running. */
function browsersIn(dir: string): string[] {
  try {
    return execFileSync('pgrep', ['-f', '-a', '--', `--user-data-dir=${dir}/`], {
      encoding: 'utf8',
    })
      .split('\n')
      .filter(Boolean);
  } catch (error) {
    // pgrep exits 1 when nothing matches; 2 and more are its errors, not "no browser".
    if ((error as { status?: unknown }).status === 1) return [];
    throw error;
  }
}

/** The PNG's RGB at (x, y). */
function rgbAt(png: ReturnType<typeof readPng>, x: number, y: number): number[] {
  const at = (y * png.width + x) * png.channels;
  return [...png.pixels.subarray(at, at + 3)];
}

describe('the screenshot after install, on the machine the app was deployed to', () => {
  let lab: Lab;
  let guest: Guest;
  before(async () => {
    lab = await startLab();
    guest = await lab.addGuest({ authorized: true, cloudInitPhase: { status: 'done' } });
  });
  after(async () => {
    await lab.close();
  });

  it('install passes and screenshot.png beside results.json shows the app, at the viewport size', async (t) => {
    const provision = await new FakeActionsEnv().run('provision', 'main', {
      provider: 'ssh',
      host: guest.address,
      'private-key-path': lab.clientKey.privateKeyPath,
    });
    assert.equal(provision.code, 0, provision.stdout);
    const readiness = await new FakeActionsEnv().run('readiness', 'main', {
      hosts: provision.outputs.hosts ?? '',
      'private-key-path': provision.outputs['private-key-path'] ?? '',
      timeout: '60s',
      interval: '250ms',
    });
    assert.equal(readiness.code, 0, readiness.stdout);
    const runner = new FakeActionsEnv();
    const inputs = {
      recipe: 'notes',
      'recipe-path': recipeRepo({ candidate: '1.1.0+1.1' }),
      backend: 'command',
      domain: 'notes-shot1.ci.example.test',
      tiers: 'install',
      host: provision.outputs.hosts ?? '',
      'private-key-path': provision.outputs['private-key-path'] ?? '',
      'known-hosts': readiness.outputs['known-hosts'] ?? '',
    };
    const main = await suiteStep(runner, 'main', inputs);
    try {
      assert.equal(main.code, 0, main.stdout + main.stderr);
      const saved = JSON.parse(main.state['suite-run'] ?? '{}') as { env: Record<string, string> };
      assert.equal(saved.env.RECIPE_CI_HOST, guest.address, 'the app ran on the guest');
      const port = saved.env.RECIPE_CI_PORT ?? '';
      const { results, dir } = resultsOf(main);
      assert.deepEqual(
        results.tiers.map((r) => `${r.tier}:${r.status}`),
        [
          'install:passed',
          'upgrade:skipped',
          'backup:skipped',
          'restore:skipped',
          'custom:skipped',
        ],
      );
      assert.deepEqual(results.screenshot, {
        file: 'screenshot.png',
        url: `http://notes.example.test:${port}/`,
      });
      const took = new RegExp(
        `screenshot of http://notes\\.example\\.test:${port}/: ${dir}/screenshot\\.png \\(([^)]+)\\)`,
      ).exec(main.stdout);
      assert.ok(took, main.stdout);
      t.diagnostic(`screenshot (cold Chromium start, page, capture): ${took[1] ?? ''}`);

      const data = readFileSync(join(dir, 'screenshot.png'));
      assert.ok(data.subarray(0, 8).equals(PNG_SIGNATURE), 'a PNG signature');
      assert.ok(data.length > MIN_PNG_BYTES, `${String(data.length)} bytes`);
      const png = readPng(data);
      assert.deepEqual([png.width, png.height], [1280, 800], "the config's viewport");
      assert.ok(distinctColours(png) >= 20, `${String(distinctColours(png))} colours: not blank`);
      assert.deepEqual(rgbAt(png, 4, 4), HEADER_RGB, "the app's header, so its CSS was applied");
      assert.deepEqual(rgbAt(png, 4, 790), PAGE_RGB, "the app's page background");
    } finally {
      const post = await suiteStep(runner, 'post', inputs, { state: main.state });
      assert.equal(post.code, 0, post.stdout);
    }
  });
});

describe('a screenshot that cannot be taken is a warning, never a failure', () => {
  /** recipe-suite main (install only, on the runner), with its own TMPDIR to look for browsers in. */
  async function installOnly(
    repo: string,
    options: {
      env?: NodeJS.ProcessEnv;
      onStdout?: Parameters<typeof runProcess>[2];
      tmp?: string;
    } = {},
  ): Promise<{ main: StepResult; tmp: string }> {
    const runner = new FakeActionsEnv();
    const tmp = options.tmp ?? tempDir('recipe-ci-shot-tmp-');
    const inputs = {
      recipe: 'notes',
      'recipe-path': repo,
      backend: 'command',
      'base-domain': 'ci.example.test',
      tiers: 'install',
    };
    const main = await suiteStep(runner, 'main', inputs, {
      env: { TMPDIR: tmp, ...options.env },
      onStdout: options.onStdout,
    });
    const post = await suiteStep(runner, 'post', inputs, { state: main.state });
    assert.equal(post.code, 0, post.stdout);
    return { main, tmp };
  }

  function assertWarned(main: StepResult, error: RegExp): void {
    assert.equal(main.code, 0, main.stdout + main.stderr);
    assert.equal(main.outputs.status, 'passed');
    const { results, dir } = resultsOf(main);
    assert.equal(results.tiers[0]?.status, 'passed');
    assert.equal(results.screenshot?.file, undefined, 'no file');
    assert.match(results.screenshot?.error ?? '', error);
    assert.match(results.screenshot?.url ?? '', /^http:\/\/notes\.example\.test:\d+\//);
    assert.equal(existsSync(join(dir, 'screenshot.png')), false);
    assert.match(main.stdout, /^::warning::no screenshot of http:\/\/notes\.example\.test:\d+\//m);
  }

  it('no browser: the error is in results.json and the log, and install passes', async () => {
    const { main } = await installOnly(recipeRepo({ candidate: '1.1.0+1.1' }), {
      env: { RECIPE_CI_CHROMIUM: '/nonexistent/chromium' },
    });
    assertWarned(main, /^RECIPE_CI_CHROMIUM=\/nonexistent\/chromium is not an executable file$/);
  });

  it('an HTTP error and a wait that runs out are errors; no browser is left running', async () => {
    const missing = await installOnly(
      recipeWithScreenshot(
        'screenshot:\n  url: http://notes.example.test:${RECIPE_CI_PORT}/missing\n  timeout: 15s\n',
      ),
    );
    assertWarned(missing.main, /^http:\/\/notes\.example\.test:\d+\/missing answered HTTP 404/);
    assert.deepEqual(browsersIn(missing.tmp), []);

    const started = Date.now();
    const never = await installOnly(
      recipeWithScreenshot(
        'screenshot:\n  url: http://notes.example.test:${RECIPE_CI_PORT}/\n  wait-for:\n    text: never on the page\n  timeout: 5s\n',
      ),
    );
    assertWarned(never.main, /^text "never on the page" was not shown on http:\/\/\S+ within \d+s/);
    assert.ok(Date.now() - started < 30_000, 'the 5s timeout held');
    assert.deepEqual(browsersIn(never.tmp), []);
    assert.deepEqual(readdirSync(never.tmp), [], "the browser's profile and HOME are gone");
  });

  it('a cancel during the screenshot stops the browser and ends the step cancelled', async () => {
    const repo = recipeWithScreenshot(
      'screenshot:\n  url: http://notes.example.test:${RECIPE_CI_PORT}/\n  wait-for: "#never"\n  timeout: 60s\n',
    );
    const tmp = tempDir('recipe-ci-shot-tmp-');
    let seen: string[] = [];
    let sent = false;
    let cancelledAt = 0;
    const { main } = await installOnly(repo, {
      tmp,
      onStdout: (out, child) => {
        if (sent || !out.includes('::group::install: passed')) return;
        sent = true;
        // Once the browser runs: then SIGTERM, as a runner's cancel sends.
        const poll = setInterval(() => {
          seen = browsersIn(tmp);
          if (seen.length === 0) return;
          clearInterval(poll);
          cancelledAt = Date.now();
          child.kill('SIGTERM');
        }, 100);
        child.once('exit', () => {
          clearInterval(poll);
        });
      },
    });
    assert.ok(sent, main.stdout);
    assert.ok(seen.length > 0, 'the browser was running when the cancel came');
    assert.equal(main.code, 130, main.stdout + main.stderr);
    assert.equal(main.state['main-outcome'], 'cancelled');
    // The step ended (results written) long before the screenshot's 60s would have run out.
    const ended = statSync(main.outputs.results ?? '').mtimeMs;
    assert.ok(ended - cancelledAt < 5000, `${String(ended - cancelledAt)}ms after the cancel`);
    const { results } = resultsOf(main);
    assert.equal(results.screenshot?.error, 'cancelled');
    assert.deepEqual(browsersIn(tmp), [], 'no browser outlived the step');
    assert.deepEqual(readdirSync(tmp), [], "the browser's profile and HOME are gone");
  });
});
