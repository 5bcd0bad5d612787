/**
 * The screenshot's parts that need no real browser: which browser is found, every way it cannot
 * be taken ending as an error rather than a throw (no browser, a browser that exits or never
 * gets ready, no time, a cancel), its line in the time plan, and the test PNG reader itself.
 * The real Chromium runs in test/integration/screenshot.test.ts.
 */
import assert from 'node:assert/strict';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { deflateSync } from 'node:zlib';
import { parseRecipeConfig, type ScreenshotConfig } from '../../src/recipe/config.ts';
import { BROWSER_NAMES, findBrowser } from '../../src/screenshot/browser.ts';
import { takeScreenshot } from '../../src/screenshot/take.ts';
import { budgetArithmetic, budgetRows, planBudget } from '../../src/suite/budget.ts';
import { TIERS } from '../../src/recipe/tiers.ts';
import { suiteReport } from '../../src/suite/results.ts';
import { distinctColours, PNG_SIGNATURE, readPng } from '../support/png.ts';
import { tempDir } from '../support/temp-dir.ts';

function executable(dir: string, name: string, script = '#!/bin/sh\nexit 0\n'): string {
  const file = join(dir, name);
  writeFileSync(file, script);
  chmodSync(file, 0o755);
  return file;
}

test('RECIPE_CI_CHROMIUM wins; else chromium, chromium-browser, google-chrome… on PATH', () => {
  const bin = tempDir('recipe-ci-bin-');
  const chrome = executable(bin, 'google-chrome');
  assert.deepEqual(findBrowser({ PATH: `/nonexistent:${bin}` }), { path: chrome });
  const chromium = executable(bin, 'chromium-browser');
  assert.deepEqual(findBrowser({ PATH: bin }), { path: chromium }, 'the earlier name first');
  const own = executable(tempDir('recipe-ci-own-'), 'my-chrome');
  assert.deepEqual(findBrowser({ PATH: bin, RECIPE_CI_CHROMIUM: own }), { path: own });
  assert.deepEqual(findBrowser({ PATH: bin, RECIPE_CI_CHROMIUM: 'chromium-browser' }), {
    path: chromium,
  });
  writeFileSync(join(bin, 'not-executable'), '');
  assert.deepEqual(findBrowser({ PATH: bin, RECIPE_CI_CHROMIUM: join(bin, 'not-executable') }), {
    error: `RECIPE_CI_CHROMIUM=${join(bin, 'not-executable')} is not an executable file`,
  });
  assert.deepEqual(findBrowser({ PATH: bin, RECIPE_CI_CHROMIUM: bin }), {
    error: `RECIPE_CI_CHROMIUM=${bin} is not an executable file`,
  });
});

test('no browser on PATH: an error that says what was looked for and what to do', () => {
  const found = findBrowser({ PATH: tempDir('recipe-ci-empty-') });
  assert.ok('error' in found);
  assert.equal(
    found.error,
    `no browser found: none of ${BROWSER_NAMES.join(', ')} is on PATH; install one (Debian: apt-get install chromium) or set RECIPE_CI_CHROMIUM to a Chromium or Chrome binary`,
  );
});

const SHOT = parseRecipeConfig(
  'screenshot:\n  url: http://notes.example.test:${RECIPE_CI_PORT}/\n  wait-for: h1\n',
  'x.yml',
).screenshot as ScreenshotConfig;
const ENV = { RECIPE_CI_PORT: '9', RECIPE_CI_HOST: '127.0.0.1' };
const URL_ = 'http://notes.example.test:9/';

async function shot(
  browser: Parameters<typeof takeScreenshot>[0]['browser'],
  options: { timeoutMs?: number; signal?: AbortSignal } = {},
) {
  const dir = tempDir('recipe-ci-results-');
  const result = await takeScreenshot({
    config: SHOT,
    env: ENV,
    dir,
    timeoutMs: options.timeoutMs ?? 10_000,
    signal: options.signal ?? new AbortController().signal,
    browser,
  });
  assert.equal(existsSync(join(dir, 'screenshot.png')), false, 'no file without a screenshot');
  return result;
}

test('every way a screenshot cannot be taken is an error, not a throw', async () => {
  assert.deepEqual(await shot(() => ({ error: 'no browser found: …' })), {
    url: URL_,
    error: 'no browser found: …',
  });
  const bin = tempDir('recipe-ci-fake-browser-');
  const exits = executable(
    bin,
    'exits',
    "#!/bin/sh\necho 'Missing X server or $DISPLAY' >&2\nexit 1\n",
  );
  assert.deepEqual(await shot(() => ({ path: exits })), {
    url: URL_,
    error: 'the browser exited with 1: Missing X server or $DISPLAY',
  });
  assert.deepEqual(await shot(() => ({ path: join(bin, 'gone') })), {
    url: URL_,
    error: `the browser could not start (spawn ${join(bin, 'gone')} ENOENT)`,
  });
  assert.deepEqual(await shot(() => ({ path: exits }), { timeoutMs: 0 }), {
    url: URL_,
    error: "no time left before the job's deadline",
  });
  const cancelled = new AbortController();
  cancelled.abort();
  assert.deepEqual(await shot(() => ({ path: exits }), { signal: cancelled.signal }), {
    url: URL_,
    error: 'cancelled',
  });
});

/** Alive and not a zombie (a killed child waits in Z state until whoever adopted it reaps it). */
function running(pid: string): boolean {
  try {
    return !/^\S+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

test('a browser that never gets ready is stopped at the time limit, with all it started', async () => {
  const bin = tempDir('recipe-ci-fake-browser-');
  const pids = join(bin, 'pids');
  // Forks a child that would outlive it, as Chromium's helpers would; the group goes together.
  const hangs = executable(bin, 'hangs', `#!/bin/sh\nsleep 60 &\necho $$ $! >${pids}\nwait\n`);
  const started = Date.now();
  assert.deepEqual(await shot(() => ({ path: hangs }), { timeoutMs: 700 }), {
    url: URL_,
    error: 'the browser was stopped at the time limit (700ms)',
  });
  assert.ok(Date.now() - started < 4000, `${String(Date.now() - started)}ms`);
  for (const pid of readFileSync(pids, 'utf8').trim().split(' ')) {
    assert.ok(!running(pid), `process ${pid} is gone`);
  }
});

test('a cancel while the browser starts stops it and says cancelled', async () => {
  const bin = tempDir('recipe-ci-fake-browser-');
  const hangs = executable(bin, 'hangs', '#!/bin/sh\nexec sleep 60\n');
  const cancel = new AbortController();
  setTimeout(() => {
    cancel.abort();
  }, 200);
  const started = Date.now();
  assert.deepEqual(await shot(() => ({ path: hangs }), { signal: cancel.signal }), {
    url: URL_,
    error: 'cancelled',
  });
  assert.ok(Date.now() - started < 4000);
});

test("the browser's HOME and TMPDIR go with it; its TMPDIR leaves room for Chromium's socket", async () => {
  // Chromium dies when TMPDIR/org.chromium.Chromium.XXXXXX/SingletonSocket passes 107 bytes.
  const long = join(
    tempDir('recipe-ci-tmpdir-'),
    'a-name-that-pushes-the-socket-path-past-its-limit',
  );
  mkdirSync(long);
  const bin = tempDir('recipe-ci-fake-browser-');
  const writes = executable(
    bin,
    'writes',
    '#!/bin/sh\ntouch "$HOME/x" "$TMPDIR/y"\necho "home=$HOME tmp=$TMPDIR" >&2\nexit 3\n',
  );
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = long;
  let result;
  try {
    result = await shot(() => ({ path: writes }));
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
  }
  const [, home = '', tmp = ''] =
    /^the browser exited with 3: home=(\S+) tmp=(\S+)$/.exec(result.error ?? '') ?? [];
  assert.ok(home.startsWith(`${long}/recipe-ci-chromium-`), home);
  assert.ok(`${tmp}/org.chromium.Chromium.XXXXXX/SingletonSocket`.length <= 107, tmp);
  assert.equal(existsSync(home), false, 'HOME and profile removed');
  assert.equal(existsSync(tmp), false, 'TMPDIR removed');
  assert.deepEqual(
    readdirSync(long).filter((name) => name.startsWith('recipe-ci-chromium-')),
    [],
  );
});

test('the time plan counts the screenshot once, and only when install runs', () => {
  const config = parseRecipeConfig(
    'tiers:\n  install:\n    timeout: 1m\nscreenshot:\n  timeout: 20s\n',
    '.recipe-ci.yml',
  );
  const twice = planBudget(config, new Set(['install']), 2, undefined);
  assert.equal(twice.totalMs, (60_000 + 5 * 60_000) * 2 + 20_000 + 3 * 60_000);
  assert.equal(
    budgetArithmetic(twice),
    'install 1m + teardown 5m = 6m, × repeat 2 = 12m, + screenshot 20s, + slack 3m = 15m20s',
  );
  assert.deepEqual(budgetRows(twice)[3], ['screenshot (once)', '20s', 'screenshot.timeout']);
  const noInstall = planBudget(config, new Set(['upgrade']), 1, undefined);
  assert.deepEqual(noInstall.once, []);
  const defaults = planBudget(
    parseRecipeConfig('screenshot: true\n', 'x'),
    new Set(TIERS),
    1,
    undefined,
  );
  assert.deepEqual(defaults.once, [{ item: 'screenshot', ms: 30_000, source: 'default' }]);
});

test('the report names the screenshot, or why there is none', () => {
  const summary = {
    recipe: 'notes',
    backend: 'command',
    domain: 'notes.example.test',
    url: 'https://notes.example.test',
    candidate: null,
    previous: null,
    status: 'passed' as const,
    tiers: [],
  };
  const taken = suiteReport({ ...summary, screenshot: { file: 'screenshot.png', url: URL_ } });
  assert.match(
    taken.toMarkdown(),
    /Screenshot of http:\/\/notes\.example\.test:9\/: screenshot\.png/,
  );
  const missing = suiteReport({ ...summary, screenshot: { url: URL_, error: 'no browser found' } });
  assert.match(
    missing.toMarkdown(),
    /⚠ no screenshot of http:\/\/notes\.example\.test:9\/: no browser found/,
  );
});

/** A PNG of `rows` (RGB bytes), each row with the given filter applied, as an encoder would. */
function encodePng(width: number, rows: Buffer[], filters: number[]): Buffer {
  const stride = width * 3;
  const raw = Buffer.concat(
    rows.map((row, y) => {
      const prior = y > 0 ? rows[y - 1] : undefined;
      const filter = filters[y % filters.length] ?? 0;
      const out = Buffer.alloc(stride + 1);
      out[0] = filter;
      for (let x = 0; x < stride; x++) {
        const a = x >= 3 ? (row[x - 3] ?? 0) : 0;
        const b = prior?.[x] ?? 0;
        const c = x >= 3 ? (prior?.[x - 3] ?? 0) : 0;
        const p = a + b - c;
        const paeth =
          Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c)
            ? a
            : Math.abs(p - b) <= Math.abs(p - c)
              ? b
              : c;
        const predicted = [0, a, b, (a + b) >> 1, paeth][filter] ?? 0;
        out[x + 1] = ((row[x] ?? 0) - predicted) & 0xff;
      }
      return out;
    }),
  );
  const chunk = (type: string, body: Buffer): Buffer => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(body.length);
    return Buffer.concat([length, Buffer.from(type, 'latin1'), body, Buffer.alloc(4)]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(rows.length, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const data = deflateSync(raw);
  // Split over two IDAT chunks, as large images are.
  const half = Math.floor(data.length / 2);
  return Buffer.concat([
    PNG_SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', data.subarray(0, half)),
    chunk('IDAT', data.subarray(half)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

test('the test PNG reader undoes every filter and counts colours', () => {
  const width = 7;
  const rows = Array.from({ length: 10 }, (_, y) =>
    Buffer.from(
      Array.from({ length: width * 3 }, (_, x) => (x * 37 + y * 91 + ((x * y) % 13)) & 0xff),
    ),
  );
  const png = readPng(encodePng(width, rows, [0, 1, 2, 3, 4]));
  assert.deepEqual([png.width, png.height, png.channels], [7, 10, 3]);
  assert.deepEqual(png.pixels, Buffer.concat(rows));
  assert.ok(distinctColours(png) > 50);
  const flat = readPng(
    encodePng(
      4,
      Array.from({ length: 4 }, () => Buffer.alloc(12, 200)),
      [1],
    ),
  );
  assert.equal(distinctColours(flat), 1);
  assert.throws(() => readPng(Buffer.from('GIF89a…')), /not a PNG/);
});
