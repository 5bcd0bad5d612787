/** `screenshot:` in .recipe-ci.yml: its shapes, its defaults, and an error per bad key. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  DEFAULT_SCREENSHOT_TIMEOUT_MS,
  parseRecipeConfig,
  readRecipeConfig,
  RecipeConfigError,
  type ScreenshotConfig,
} from '../../src/recipe/config.ts';

const RUN_ENV = {
  RECIPE_CI_URL: 'https://notes-1a2b3c.ci.example.test',
  RECIPE_CI_PORT: '41234',
  RECIPE_CI_HOST: '10.254.62.2',
};

function screenshotOf(yaml: string): ScreenshotConfig {
  const shot = parseRecipeConfig(yaml, '.recipe-ci.yml').screenshot;
  assert.ok(shot, yaml);
  return shot;
}

const none = (yaml: string) => parseRecipeConfig(yaml, '.recipe-ci.yml').screenshot;

function fails(yaml: string, pattern: RegExp): void {
  assert.throws(
    () => parseRecipeConfig(yaml, '.recipe-ci.yml'),
    (error: unknown) => {
      assert.ok(error instanceof RecipeConfigError, String(error));
      assert.match(error.message, pattern);
      return true;
    },
  );
}

test('no screenshot unless asked for; `true` or an empty entry takes the defaults', () => {
  assert.equal(none('version: 1\n'), undefined);
  assert.equal(none('screenshot: false\n'), undefined);
  for (const yaml of ['screenshot: true\n', 'screenshot:\n', 'screenshot: {}\n']) {
    const shot = screenshotOf(yaml);
    assert.equal(shot.url(RUN_ENV), 'https://notes-1a2b3c.ci.example.test/', yaml);
    assert.equal(shot.resolve(RUN_ENV), '10.254.62.2', 'the machine the app runs on');
    assert.equal(shot.waitFor, undefined);
    assert.deepEqual(shot.viewport, { width: 1280, height: 800 });
    assert.equal(shot.timeoutMs, DEFAULT_SCREENSHOT_TIMEOUT_MS);
    assert.equal(shot.timeoutGiven, false);
  }
});

test('path is joined to RECIPE_CI_URL; url takes ${NAME} from the run env, as health checks do', () => {
  const byPath = screenshotOf('screenshot:\n  path: /notes?view=all\n');
  assert.equal(byPath.url(RUN_ENV), 'https://notes-1a2b3c.ci.example.test/notes?view=all');
  const byUrl = screenshotOf(
    'screenshot:\n  url: http://notes.example.test:${RECIPE_CI_PORT}/\n  resolve: 127.0.0.1\n',
  );
  assert.equal(byUrl.url(RUN_ENV), 'http://notes.example.test:41234/');
  assert.equal(byUrl.resolve(RUN_ENV), '127.0.0.1');
  const fromEnv = screenshotOf(
    'env:\n  APP_PATH: /dashboard\nscreenshot:\n  url: ${RECIPE_CI_URL}${APP_PATH}\n  resolve: ${RECIPE_CI_HOST}\n',
  );
  assert.equal(
    fromEnv.url({ ...RUN_ENV, APP_PATH: '/dashboard' }),
    'https://notes-1a2b3c.ci.example.test/dashboard',
  );
  assert.equal(fromEnv.resolve(RUN_ENV), '10.254.62.2');
});

test('wait-for: a CSS selector as a string or under selector, or text to be shown', () => {
  assert.deepEqual(screenshotOf('screenshot:\n  wait-for: h1#title\n').waitFor, {
    selector: 'h1#title',
  });
  assert.deepEqual(screenshotOf('screenshot:\n  wait-for:\n    selector: main .note\n').waitFor, {
    selector: 'main .note',
  });
  assert.deepEqual(screenshotOf('screenshot:\n  wait-for:\n    text: Welcome back\n').waitFor, {
    text: 'Welcome back',
  });
  assert.deepEqual(screenshotOf('screenshot:\n  wait-for: { text: "Sign in" }\n').waitFor, {
    text: 'Sign in',
  });
});

test('viewport and timeout', () => {
  const shot = screenshotOf('screenshot:\n  viewport: 390x844\n  timeout: 1m\n');
  assert.deepEqual(shot.viewport, { width: 390, height: 844 });
  assert.equal(shot.timeoutMs, 60_000);
  assert.equal(shot.timeoutGiven, true);
  assert.deepEqual(screenshotOf('screenshot:\n  viewport: 1920 X 1080\n').viewport, {
    width: 1920,
    height: 1080,
  });
});

test('each bad key fails with the file, the line and the key', () => {
  const cases: [string, RegExp][] = [
    [
      'screenshot: yes please\n',
      /^\.recipe-ci\.yml:1: screenshot must be a mapping of key: value$/,
    ],
    [
      'screenshot:\n  wait_for: h1\n',
      /^\.recipe-ci\.yml:2: screenshot\.wait_for is not a known key here; use url, path, resolve, wait-for, viewport, timeout$/,
    ],
    [
      'screenshot:\n  url: http://a.test/\n  path: /b\n',
      /^\.recipe-ci\.yml:3: screenshot\.path cannot be given with url; give the whole url, or only path$/,
    ],
    [
      'screenshot:\n  path: notes\n',
      /^\.recipe-ci\.yml:2: screenshot\.path must start with \/; got "notes"$/,
    ],
    [
      'screenshot:\n  path: 7\n',
      /^\.recipe-ci\.yml:2: screenshot\.path must be a non-empty string$/,
    ],
    [
      'screenshot:\n  url: notes.example.test/\n',
      /^\.recipe-ci\.yml:2: screenshot\.url is not a URL; write http:\/\/host:port\/path \(\$\{RECIPE_CI_…\} allowed\); got "notes\.example\.test\/"$/,
    ],
    [
      'screenshot:\n  url: ftp://notes.example.test/\n',
      /^\.recipe-ci\.yml:2: screenshot\.url must start with http:\/\/ or https:\/\/; got "ftp:/,
    ],
    [
      'screenshot:\n  url: https://admin:secret@notes.example.test/\n',
      /^\.recipe-ci\.yml:2: screenshot\.url must not carry credentials$/,
    ],
    [
      'screenshot:\n  url: http://${APP_DOMAIN}/\n',
      /^\.recipe-ci\.yml:2: screenshot\.url uses \$\{APP_DOMAIN\}, which a run does not set; use RECIPE_CI_DOMAIN, RECIPE_CI_URL, RECIPE_CI_PORT, RECIPE_CI_HOST or a name from env$/,
    ],
    [
      'screenshot:\n  resolve: not an address\n',
      /^\.recipe-ci\.yml:2: screenshot\.resolve must be an IP address or a host name; got "not an address"$/,
    ],
    [
      'screenshot:\n  resolve: ${MACHINE}\n',
      /^\.recipe-ci\.yml:2: screenshot\.resolve uses \$\{MACHINE\}, which a run does not set/,
    ],
    [
      'screenshot:\n  wait-for: "text: Notes"\n',
      /^\.recipe-ci\.yml:2: screenshot\.wait-for is read as a CSS selector; to wait for text, write wait-for: \{ text: Notes \}$/,
    ],
    [
      'screenshot:\n  wait-for:\n    selector: h1\n    text: Notes\n',
      /^\.recipe-ci\.yml:3: screenshot\.wait-for takes one of selector and text, not both$/,
    ],
    [
      'screenshot:\n  wait-for: {}\n',
      /^\.recipe-ci\.yml:2: screenshot\.wait-for needs selector \(a CSS selector\) or text \(words shown on the page\)$/,
    ],
    [
      'screenshot:\n  wait-for:\n    xpath: //h1\n',
      /^\.recipe-ci\.yml:3: screenshot\.wait-for\.xpath is not a known key here; use selector, text$/,
    ],
    [
      'screenshot:\n  wait-for:\n    text: ""\n',
      /^\.recipe-ci\.yml:3: screenshot\.wait-for\.text must be a non-empty string$/,
    ],
    [
      'screenshot:\n  viewport: 1280\n',
      /^\.recipe-ci\.yml:2: screenshot\.viewport must be WIDTHxHEIGHT in pixels, each 100 to 4096, like 1280x800; got 1280$/,
    ],
    [
      'screenshot:\n  viewport: 20000x800\n',
      /^\.recipe-ci\.yml:2: screenshot\.viewport must be WIDTHxHEIGHT in pixels, each 100 to 4096, like 1280x800; got "20000x800"$/,
    ],
    [
      'screenshot:\n  timeout: soon\n',
      /^\.recipe-ci\.yml:2: screenshot\.timeout must be a duration like 90s or 10m; got "soon"$/,
    ],
    [
      'screenshot:\n  timeout: 0s\n',
      /^\.recipe-ci\.yml:2: screenshot\.timeout must be a duration like 90s or 10m; got "0s"$/,
    ],
  ];
  for (const [yaml, pattern] of cases) fails(yaml, pattern);
});

test('the example recipe waits for its heading, on the port its health check uses', async () => {
  const config = await readRecipeConfig('test/fixtures/recipe-notes/.recipe-ci.yml');
  const shot = config.screenshot;
  assert.ok(shot, 'the example recipe takes a screenshot');
  assert.equal(shot.url(RUN_ENV), 'http://notes.example.test:41234/');
  assert.equal(config.health.http(RUN_ENV)[0]?.url.host, 'notes.example.test:41234');
  assert.equal(shot.resolve(RUN_ENV), '10.254.62.2');
  assert.deepEqual(shot.waitFor, { selector: 'h1#title' });
});
