/**
 * A screenshot of the app as a person would first see it: the page the recipe names, opened by a
 * real headless Chromium that reaches the app's domain on the machine it was deployed to, after
 * what the recipe waits for is shown. Evidence for the report, never a gate: every way it can go
 * wrong (no browser, a page that does not load or answers an HTTP error, a wait that runs out, a
 * cancel) ends as an `error` to warn about, and nothing is thrown.
 */
import { writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import type { ScreenshotConfig } from '../recipe/config.ts';
import { formatDuration } from '../shared/duration.ts';
import { getErrorMessage } from '../shared/errors.ts';
import { BrowserError, findBrowser, withBrowser, type FoundBrowser } from './browser.ts';

/** The file's name, beside results.json. */
export const SCREENSHOT_FILE = 'screenshot.png';
/** Kept out of the page's share of the time for the capture itself: a tenth, at most 2s. */
const CAPTURE_RESERVE = { share: 0.1, maxMs: 2000 };

/** What results.json records: `file` (relative to its folder) when taken, `error` when not. */
export interface ScreenshotResult {
  file?: string;
  url: string;
  error?: string;
}

export interface TakeOptions {
  config: ScreenshotConfig;
  /** The run's env: RECIPE_CI_URL, RECIPE_CI_PORT and RECIPE_CI_HOST of this deploy. */
  env: NodeJS.ProcessEnv;
  /** The results folder; the PNG is written there as SCREENSHOT_FILE. */
  dir: string;
  /** All of it, from the browser's start to its end: the config's timeout, or less. */
  timeoutMs: number;
  signal: AbortSignal;
  /** Which browser; the machine's (findBrowser) unless a test says otherwise. */
  browser?: () => FoundBrowser;
}

/** A problem the page had; its message is the `error`. */
class PageError extends Error {}

export async function takeScreenshot(options: TakeOptions): Promise<ScreenshotResult> {
  const { config, env, signal } = options;
  const url = config.url(env);
  const fail = (error: string): ScreenshotResult => ({ url, error });
  // A function, not the property: the cancel comes while the browser works.
  const cancelled = (): boolean => signal.aborted;
  if (cancelled()) return fail('cancelled');
  if (options.timeoutMs <= 0) return fail("no time left before the job's deadline");
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return fail(`"${url}" is not a URL`);
  }
  const found = (options.browser ?? (() => findBrowser()))();
  if ('error' in found) return fail(found.error);
  const address = config.resolve(env);
  const host = target.hostname;
  const hostMap =
    address === undefined || address === '' || isIP(host) !== 0 || address === host
      ? undefined
      : { host, address };
  const endsAt = Date.now() + options.timeoutMs;
  const reserve = Math.min(CAPTURE_RESERVE.maxMs, options.timeoutMs * CAPTURE_RESERVE.share);
  /** What the page may still take; puppeteer reads 0 as "no limit", so never 0. */
  const left = (): number => Math.max(1, endsAt - reserve - Date.now());
  try {
    const png = await withBrowser(
      found.path,
      { hostMap, viewport: config.viewport, timeoutMs: options.timeoutMs, signal },
      (endpoint) => capture(endpoint, url, config, left, reserve),
    );
    writeFileSync(join(options.dir, SCREENSHOT_FILE), png);
    return { file: SCREENSHOT_FILE, url };
  } catch (error) {
    if (cancelled()) return fail('cancelled');
    if (error instanceof PageError || error instanceof BrowserError) return fail(error.message);
    if (Date.now() >= endsAt) {
      return fail(`did not finish within ${formatDuration(options.timeoutMs)}`);
    }
    return fail(getErrorMessage(error));
  }
}

/** Open `url`, wait for what the config names, and return the PNG of the viewport. */
async function capture(
  endpoint: string,
  url: string,
  config: ScreenshotConfig,
  left: () => number,
  reserve: number,
): Promise<Uint8Array> {
  // Loaded only when a screenshot is taken: most steps never need the DevTools client.
  const { connect, TimeoutError } = await import('puppeteer-core');
  const browser = await connect({
    browserWSEndpoint: endpoint,
    acceptInsecureCerts: true,
    defaultViewport: config.viewport,
    protocolTimeout: left() + reserve,
  });
  try {
    const page = await browser.newPage();
    let response;
    try {
      response = await page.goto(url, { waitUntil: 'load', timeout: left() });
    } catch (error) {
      if (error instanceof TimeoutError) {
        throw new PageError(`${url} did not load within ${formatDuration(left())}`);
      }
      // net::ERR_CONNECTION_REFUSED at http://…, net::ERR_NAME_NOT_RESOLVED, …
      throw new PageError(`${url} could not be opened: ${getErrorMessage(error)}`);
    }
    const status = response?.status();
    if (status !== undefined && status >= 400) {
      throw new PageError(
        `${url} answered HTTP ${String(status)} ${response?.statusText() ?? ''}`.trim(),
      );
    }
    const wait = config.waitFor;
    const waited = Date.now();
    try {
      if (wait !== undefined && 'selector' in wait) {
        await page.waitForSelector(wait.selector, { visible: true, timeout: left() });
      } else if (wait !== undefined) {
        // innerText holds only what is rendered: hidden text does not count. A string, because
        // the function runs in the page and this code is compiled without the DOM's types.
        await page.waitForFunction(
          `document.body !== null && document.body.innerText.includes(${JSON.stringify(wait.text)})`,
          { timeout: left() },
        );
      }
    } catch (error) {
      if (!(error instanceof TimeoutError)) throw error;
      const what =
        wait !== undefined && 'selector' in wait ? wait.selector : `text "${wait?.text ?? ''}"`;
      throw new PageError(
        `${what} was not shown on ${url} within ${formatDuration(Date.now() - waited)} (screenshot.wait-for)`,
      );
    }
    return await page.screenshot({ type: 'png' });
  } finally {
    await browser.disconnect();
  }
}
