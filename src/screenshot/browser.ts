/**
 * The browser a screenshot is taken with: the machine's own Chromium or Chrome, never one
 * downloaded for the run (runners have one — Debian's `chromium`, the `google-chrome` of GitHub's
 * hosted runners — and a runner may reach no download site at all). It is started through
 * src/process like every other program, in its own process group, so the time limit, a cancel or
 * the end of the screenshot stops it and every renderer and helper it forked, and its profile,
 * HOME and TMPDIR live in one temporary folder that goes with it.
 */
import { accessSync, constants, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { runProgram, type ProgramResult } from '../process/run-program.ts';
import { formatDuration } from '../shared/duration.ts';

/** Names a browser to use instead of looking on PATH: a path, or a name on PATH. */
export const BROWSER_VARIABLE = 'RECIPE_CI_CHROMIUM';
/** Looked for on PATH in this order: Debian's, Ubuntu's, Google's. */
export const BROWSER_NAMES = [
  'chromium',
  'chromium-browser',
  'google-chrome',
  'google-chrome-stable',
] as const;
/** After SIGTERM, how long the browser has before SIGKILL (it stops in well under a second). */
const KILL_GRACE_MS = 2000;
/**
 * Chromium keeps a Unix socket at TMPDIR/org.chromium.Chromium.XXXXXX/SingletonSocket and dies
 * ("Socket path too long") when that passes the 107 bytes a socket path may have. A private
 * TMPDIR nested in another (as test runs and some runners have) easily does, so the browser's
 * TMPDIR is one of its own, under /tmp when the usual place leaves too little room.
 */
const SOCKET_PATH_MAX = 107;
const SOCKET_SUFFIX = '/org.chromium.Chromium.XXXXXX/SingletonSocket';

export type FoundBrowser = { path: string } | { error: string };

/** The browser named by RECIPE_CI_CHROMIUM, else the first of BROWSER_NAMES on PATH. */
export function findBrowser(env: NodeJS.ProcessEnv = process.env): FoundBrowser {
  const chosen = env[BROWSER_VARIABLE]?.trim();
  if (chosen) {
    const path = chosen.includes('/')
      ? isExecutable(chosen)
        ? chosen
        : undefined
      : onPath(chosen, env.PATH);
    return path === undefined
      ? { error: `${BROWSER_VARIABLE}=${chosen} is not an executable file` }
      : { path };
  }
  for (const name of BROWSER_NAMES) {
    const path = onPath(name, env.PATH);
    if (path !== undefined) return { path };
  }
  return {
    error: `no browser found: none of ${BROWSER_NAMES.join(', ')} is on PATH; install one (Debian: apt-get install chromium) or set ${BROWSER_VARIABLE} to a Chromium or Chrome binary`,
  };
}

function onPath(name: string, path: string | undefined): string | undefined {
  for (const dir of (path ?? '').split(delimiter)) {
    if (dir === '') continue;
    const file = join(dir, name);
    if (isExecutable(file)) return file;
  }
  return undefined;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

export interface BrowserOptions {
  /** Send this host's requests to `address` (the machine the app runs on), not to DNS. */
  hostMap?: { host: string; address: string } | undefined;
  viewport: { width: number; height: number };
  /** The browser is stopped at this limit, whatever it is doing. */
  timeoutMs: number;
  signal: AbortSignal;
}

/** The browser ended before it was ready, or while it was used. */
export class BrowserError extends Error {}

/**
 * Start the browser, give its DevTools endpoint to `use`, and stop it however `use` ends: its
 * result, its error, or the browser's own end (killed at the time limit or on cancel), which
 * ends the wait for `use` too, so nothing here can outlive `timeoutMs` and the kill grace.
 */
export async function withBrowser<T>(
  executable: string,
  options: BrowserOptions,
  use: (endpoint: string) => Promise<T>,
): Promise<T> {
  const home = mkdtempSync(join(tmpdir(), 'recipe-ci-chromium-'));
  const roomy = join(home, 'tmp').length + SOCKET_SUFFIX.length <= SOCKET_PATH_MAX;
  let temp = join(home, 'tmp');
  const stop = new AbortController();
  let announced: (endpoint: string) => void = () => undefined;
  const endpoint = new Promise<string>((resolve) => {
    announced = resolve;
  });
  try {
    if (roomy) mkdirSync(temp);
    else temp = mkdtempSync('/tmp/recipe-ci-chromium-');
    const program = runProgram(executable, browserArgs(home, options), {
      env: browserEnv(home, temp),
      signal: AbortSignal.any([options.signal, stop.signal]),
      timeoutMs: options.timeoutMs,
      killGraceMs: KILL_GRACE_MS,
      onLine: (line) => {
        const match = /DevTools listening on (ws:\/\/\S+)/.exec(line);
        if (match?.[1] !== undefined) announced(match[1]);
      },
    });
    const ended = program.then((result): never => {
      throw new BrowserError(endOf(result, options.timeoutMs));
    });
    try {
      return await Promise.race([endpoint.then(use), ended]);
    } finally {
      stop.abort();
      await program;
    }
  } finally {
    for (const dir of [temp, home]) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  }
}

/**
 * A headless browser with a throwaway profile that talks to nothing but the app: no first-run
 * pages, sync, extensions, component updates or crash uploads.
 */
function browserArgs(home: string, options: BrowserOptions): string[] {
  const { width, height } = options.viewport;
  const args = [
    '--headless=new',
    // Chromium refuses to start as root with its sandbox (CI runs as root), and the sandbox
    // needs unprivileged user namespaces that containers and Ubuntu 24.04's AppArmor deny. It
    // would guard nothing here anyway: the page is the recipe's own app, and the recipe's
    // commands already run on this runner with the same rights.
    '--no-sandbox',
    // DevTools on a loopback port of the kernel's choosing, announced on stderr.
    '--remote-debugging-port=0',
    `--user-data-dir=${join(home, 'profile')}`,
    `--window-size=${String(width)},${String(height)}`,
    // The test app's certificate is self-signed or from a staging CA: evidence, not a TLS check.
    '--ignore-certificate-errors',
    // Straight to the machine, as the health checks go; a runner's proxy cannot reach it.
    '--no-proxy-server',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-default-apps',
    '--disable-extensions',
    '--disable-sync',
    '--disable-breakpad',
    '--disable-crash-reporter',
    '--disable-dev-shm-usage',
    '--disable-features=Translate,MediaRouter,OptimizationHints',
    '--metrics-recording-only',
    '--password-store=basic',
    '--use-mock-keychain',
    '--force-color-profile=srgb',
    '--hide-scrollbars',
    '--mute-audio',
  ];
  if (options.hostMap !== undefined) {
    const { host, address } = options.hostMap;
    // The domain is the app's test domain: public DNS knows nothing of it, the machine does.
    const target = address.includes(':') && !address.startsWith('[') ? `[${address}]` : address;
    args.push(`--host-resolver-rules=MAP ${host} ${target}`);
  }
  args.push('about:blank');
  return args;
}

/** Only what the browser needs: the run's own variables (and any secrets in them) stay out. */
function browserEnv(home: string, temp: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    LANG: process.env.LANG ?? 'C.UTF-8',
    HOME: home,
    TMPDIR: temp,
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_CACHE_HOME: join(home, 'cache'),
    XDG_DATA_HOME: join(home, 'data'),
  };
}

function endOf(result: ProgramResult, timeoutMs: number): string {
  if (result.cancelled) return 'cancelled';
  if (result.timedOut)
    return `the browser was stopped at the time limit (${formatDuration(timeoutMs)})`;
  if (result.spawnError !== undefined) return `the browser could not start (${result.spawnError})`;
  const lines = result.stderr
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  // Chromium's last lines are often its helpers' echoes; the FATAL line says why it stopped.
  const fatal = lines.find((line) => line.includes(':FATAL:'));
  const last = fatal ?? lines.slice(-3).join(' | ');
  return `the browser exited with ${String(result.code)}${last === '' ? '' : `: ${last}`}`;
}
