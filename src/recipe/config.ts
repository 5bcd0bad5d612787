/**
 * The recipe's `.recipe-ci.yml`: how to operate the app (command backend), how to tell it is
 * healthy, how to seed and check data across upgrade/backup/restore, its own tests, tiers that
 * do not apply, and the page to take a screenshot of after install. Validated whole before
 * anything is deployed; every error gives the file, the line and the key, because the file lives
 * in someone else's repository.
 */
import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { relative } from 'node:path';
import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { parseDurationMs } from '../shared/duration.ts';
import { ConfigurationError } from '../shared/errors.ts';
import { HttpSpecError, parseHttpChecks, type HttpCheck } from '../http/spec.ts';
import { TIERS, type TierName } from './tiers.ts';

export const OPERATIONS = [
  'deploy',
  'upgrade',
  'backup',
  'restore',
  'teardown',
  'logs',
  // For mode: janitor: prints the apps it knows, one `<domain> <created> [<state dir>]` a line.
  'list',
  // Prints the running version's tag, nothing when not deployed (mode: reconcile).
  'version',
  // The lint tier: checks the recipe's files (RECIPE_CI_SOURCE, the candidate); exit 0 passes.
  'lint',
] as const;
export type Operation = (typeof OPERATIONS)[number];
export const DATA_HOOKS = ['seed', 'verify', 'mutate'] as const;
export type DataHook = (typeof DATA_HOOKS)[number];

export interface CustomTest {
  name: string;
  run: string;
  needsOidc: boolean;
  timeoutMs: number;
}

export interface TierConfig {
  /** The tier's whole budget: its deploys, health waits, hooks and tests all fit inside. */
  timeoutMs: number;
  /** Whether the config gave the timeout (else the tier's default). */
  timeoutGiven: boolean;
  /** Declared not applicable, with the recipe's reason: skipped, never failed. */
  notApplicable: string | undefined;
  /** Declared allowed to be blocked (a precondition outside the recipe), with the reason. */
  mayBlock: string | undefined;
}

/** What to wait for before the screenshot: a CSS selector shown, or text on the page. */
export type ScreenshotWait = { selector: string } | { text: string };

export interface ScreenshotConfig {
  /** The page, with `${NAME}` from the run's env: `url`, else RECIPE_CI_URL and `path`. */
  url(env: NodeJS.ProcessEnv): string;
  /**
   * Where the browser sends the URL's host: `resolve`, else RECIPE_CI_HOST — the machine the app
   * was deployed on, whatever public DNS says about the test domain (or nothing at all).
   */
  resolve(env: NodeJS.ProcessEnv): string | undefined;
  waitFor: ScreenshotWait | undefined;
  viewport: { width: number; height: number };
  /** The whole screenshot: browser start, page load, the wait and the capture. */
  timeoutMs: number;
  /** Whether the config gave the timeout (else the default). */
  timeoutGiven: boolean;
}

export interface RecipeConfig {
  file: string;
  env: Record<string, string>;
  commands: Partial<Record<Operation, string>>;
  data: Partial<Record<DataHook, string>>;
  health: {
    timeoutMs: number;
    /** The HTTP checks with `${NAME}` taken from the run's env (the port, the domain). */
    http(env: NodeJS.ProcessEnv): HttpCheck[];
  };
  tiers: Record<TierName, TierConfig>;
  custom: CustomTest[];
  /** A screenshot of the app after install passed; undefined when the config asks for none. */
  screenshot: ScreenshotConfig | undefined;
}

/**
 * Each tier's default budget. Together with readiness's 10m, a teardown and the job's slack they
 * fit the reusable workflow's 60-minute job (actions/recipe-suite/README.md, "Time budget"),
 * the opt-in lint tier included; a tier that is not selected takes nothing of it (budget.ts).
 */
export const DEFAULT_TIER_TIMEOUTS_MS: Record<TierName, number> = {
  install: 8 * 60_000,
  upgrade: 12 * 60_000,
  backup: 4 * 60_000,
  restore: 6 * 60_000,
  custom: 6 * 60_000,
  // Lint reads files and deploys nothing (abra's takes about a second).
  lint: 2 * 60_000,
};
export const DEFAULT_HEALTH_TIMEOUT_MS = 5 * 60_000;
export const DEFAULT_TEST_TIMEOUT_MS = 5 * 60_000;
/** A cold browser start and a page load take seconds; this leaves room for a slow app. */
export const DEFAULT_SCREENSHOT_TIMEOUT_MS = 30_000;
export const DEFAULT_VIEWPORT = { width: 1280, height: 800 };
/** Each side of the viewport: a screen's worth, not a poster (the PNG is kept as evidence). */
const VIEWPORT_SIDE = { min: 100, max: 4096 };
const SCREENSHOT_KEYS = ['url', 'path', 'resolve', 'wait-for', 'viewport', 'timeout'];

/** Stand-in values of the run's env, to validate checks that use `${RECIPE_CI_…}`. */
const SAMPLE_ENV: NodeJS.ProcessEnv = {
  RECIPE_CI_DOMAIN: 'app.example.test',
  RECIPE_CI_URL: 'https://app.example.test',
  RECIPE_CI_PORT: '8080',
  RECIPE_CI_HOST: '192.0.2.10',
};

/** `${NAME}` in every string of a parsed YAML value, from `env`; unknown names stay as written. */
export function expandEnv(value: unknown, env: NodeJS.ProcessEnv): unknown {
  if (typeof value === 'string') {
    return value.replace(
      /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g,
      (whole, name: string) => env[name] ?? whole,
    );
  }
  if (Array.isArray(value)) return value.map((item) => expandEnv(item, env));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expandEnv(v, env)]));
  }
  return value;
}

/** A problem in the config file, already saying where. */
export class RecipeConfigError extends Error {}

/**
 * Read the config; a missing file is an empty config (the abra backend needs none). `label` is
 * how errors name the file: its path in the recipe's repository.
 */
export async function readRecipeConfig(path: string, label = path): Promise<RecipeConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return parseRecipeConfig('', label);
    throw new RecipeConfigError(`${label}: cannot be read (${(error as Error).message})`);
  }
  return parseRecipeConfig(text, label);
}

/**
 * The config as an action reads it: named by its path in the recipe's checkout, and a mistake in
 * it is the user's to fix (a ConfigurationError, exit 2), said before anything is deployed.
 */
export async function loadRecipeConfig(
  configPath: string,
  recipePath: string,
): Promise<RecipeConfig> {
  try {
    return await readRecipeConfig(configPath, relative(recipePath, configPath));
  } catch (error) {
    if (error instanceof RecipeConfigError) throw new ConfigurationError(error.message);
    throw error;
  }
}

export function parseRecipeConfig(text: string, file: string): RecipeConfig {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const [syntax] = doc.errors;
  if (syntax) {
    const at = lines.linePos(syntax.pos[0]);
    throw new RecipeConfigError(
      `${file}:${String(at.line)}: not valid YAML: ${syntax.message.split('\n')[0] ?? ''}`,
    );
  }
  return new ConfigReader(doc, lines, file).read();
}

type Path = (string | number)[];

class ConfigReader {
  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
    private readonly file: string,
  ) {}

  read(): RecipeConfig {
    const root = this.mapping(
      [],
      ['version', 'env', 'commands', 'data', 'health', 'tiers', 'custom', 'screenshot'],
    );
    const version = root.version;
    if (version !== undefined && version !== 1) this.fail(['version'], 'must be 1');
    const health = this.mapping(['health'], ['timeout', 'http']);
    const tiers = this.mapping(['tiers'], TIERS);
    const env = this.strings(['env'], undefined);
    return {
      file: this.file,
      env,
      commands: this.strings(['commands'], OPERATIONS),
      data: this.strings(['data'], DATA_HOOKS),
      health: {
        timeoutMs: this.duration(['health', 'timeout'], health.timeout, DEFAULT_HEALTH_TIMEOUT_MS),
        http: this.httpChecks(['health', 'http'], health.http, env),
      },
      tiers: Object.fromEntries(
        TIERS.map((tier) => [tier, this.tier(tier, tiers[tier])]),
      ) as Record<TierName, TierConfig>,
      custom: this.custom(),
      screenshot: this.screenshot(env),
    };
  }

  /**
   * `screenshot:` — absent or `false`: none; `true` or empty: the defaults; else a mapping. URLs
   * and `resolve` are checked now with sample values, as health checks are.
   */
  private screenshot(env: Record<string, string>): ScreenshotConfig | undefined {
    const path = ['screenshot'];
    const value = this.valueAt(path);
    if (value === undefined || value === false) return undefined;
    const fields = value === true ? {} : this.mapping(path, SCREENSHOT_KEYS, value);
    const url = this.optionalText([...path, 'url'], fields.url);
    const page = this.optionalText([...path, 'path'], fields.path);
    if (url !== undefined && page !== undefined) {
      this.fail([...path, 'path'], 'cannot be given with url; give the whole url, or only path');
    }
    if (page !== undefined && !page.startsWith('/')) {
      this.fail([...path, 'path'], `must start with /; got ${JSON.stringify(page)}`);
    }
    const pageUrl = (values: NodeJS.ProcessEnv): string =>
      url === undefined
        ? `${(values.RECIPE_CI_URL ?? '').replace(/\/+$/, '')}${page ?? '/'}`
        : (expandEnv(url, values) as string);
    if (url !== undefined) {
      this.checkEnvNames([...path, 'url'], url, env);
      const problem = urlProblem(pageUrl(SAMPLE_ENV), url);
      if (problem !== undefined) this.fail([...path, 'url'], problem);
    }
    const resolve = this.optionalText([...path, 'resolve'], fields.resolve);
    if (resolve !== undefined) {
      this.checkEnvNames([...path, 'resolve'], resolve, env);
      const sample = expandEnv(resolve, SAMPLE_ENV) as string;
      if (!isAddressOrHost(sample)) {
        this.fail([...path, 'resolve'], `must be an IP address or a host name; got "${resolve}"`);
      }
    }
    return {
      url: pageUrl,
      resolve: (values) =>
        resolve === undefined ? values.RECIPE_CI_HOST : (expandEnv(resolve, values) as string),
      waitFor: this.screenshotWait([...path, 'wait-for'], fields['wait-for']),
      viewport: this.viewport([...path, 'viewport'], fields.viewport),
      timeoutMs: this.duration([...path, 'timeout'], fields.timeout, DEFAULT_SCREENSHOT_TIMEOUT_MS),
      timeoutGiven: fields.timeout !== undefined && fields.timeout !== null,
    };
  }

  /** `wait-for: <CSS selector>`, or a mapping with one of `selector` and `text`. */
  private screenshotWait(path: Path, value: unknown): ScreenshotWait | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') {
      const selector = this.optionalText(path, value);
      if (selector === undefined) return undefined;
      // `wait-for: "text: Notes"` reads as a selector; say how to wait for text instead.
      if (/^text\s*:/.test(selector)) {
        const text = selector.replace(/^text\s*:\s*/, '');
        this.fail(
          path,
          `is read as a CSS selector; to wait for text, write wait-for: { text: ${text} }`,
        );
      }
      return { selector };
    }
    const fields = this.mapping(path, ['selector', 'text'], value);
    const selector = this.optionalText([...path, 'selector'], fields.selector);
    const text = this.optionalText([...path, 'text'], fields.text);
    if (selector !== undefined && text !== undefined) {
      this.fail(path, 'takes one of selector and text, not both');
    }
    if (selector !== undefined) return { selector };
    if (text !== undefined) return { text };
    this.fail(path, 'needs selector (a CSS selector) or text (words shown on the page)');
  }

  private viewport(path: Path, value: unknown): ScreenshotConfig['viewport'] {
    if (value === undefined || value === null) return { ...DEFAULT_VIEWPORT };
    const match = typeof value === 'string' ? /^\s*(\d+)\s*x\s*(\d+)\s*$/i.exec(value) : null;
    const [width, height] = [Number(match?.[1]), Number(match?.[2])];
    const fits = (side: number): boolean => side >= VIEWPORT_SIDE.min && side <= VIEWPORT_SIDE.max;
    if (!match || !fits(width) || !fits(height)) {
      this.fail(
        path,
        `must be WIDTHxHEIGHT in pixels, each ${String(VIEWPORT_SIDE.min)} to ${String(VIEWPORT_SIDE.max)}, like 1280x800; got ${JSON.stringify(value)}`,
      );
    }
    return { width, height };
  }

  /** Every `${NAME}` in `value` must be one a run sets, or one of the config's env. */
  private checkEnvNames(path: Path, value: unknown, env: Record<string, string>): void {
    for (const [, name = ''] of JSON.stringify(value ?? null).matchAll(/\$\{(\w+)\}/g)) {
      if (!(name in SAMPLE_ENV) && !(name in env)) {
        this.fail(
          path,
          `uses \${${name}}, which a run does not set; use ${Object.keys(SAMPLE_ENV).join(', ')} or a name from env`,
        );
      }
    }
  }

  private tier(tier: TierName, value: unknown): TierConfig {
    const path = ['tiers', tier];
    const fields = this.mapping(path, ['timeout', 'not-applicable', 'may-block'], value);
    return {
      timeoutMs: this.duration(
        [...path, 'timeout'],
        fields.timeout,
        DEFAULT_TIER_TIMEOUTS_MS[tier],
      ),
      timeoutGiven: fields.timeout !== undefined && fields.timeout !== null,
      notApplicable: this.optionalText([...path, 'not-applicable'], fields['not-applicable']),
      mayBlock: this.optionalText([...path, 'may-block'], fields['may-block']),
    };
  }

  private custom(): CustomTest[] {
    const value = this.valueAt(['custom']);
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value))
      this.fail(['custom'], 'must be a list of tests, each with name and run');
    const names = new Set<string>();
    return (value as unknown[]).map((item, index) => {
      const path = ['custom', index];
      const fields = this.mapping(path, ['name', 'run', 'needs-oidc', 'timeout'], item);
      const name = this.optionalText([...path, 'name'], fields.name);
      const run = this.optionalText([...path, 'run'], fields.run);
      if (name === undefined) this.fail(path, 'needs a name');
      if (run === undefined) this.fail(path, 'needs run: the command of the test');
      if (names.has(name)) this.fail([...path, 'name'], `"${name}" is used twice`);
      names.add(name);
      const needsOidc = fields['needs-oidc'] ?? false;
      if (typeof needsOidc !== 'boolean')
        this.fail([...path, 'needs-oidc'], 'must be true or false');
      return {
        name,
        run,
        needsOidc,
        timeoutMs: this.duration([...path, 'timeout'], fields.timeout, DEFAULT_TEST_TIMEOUT_MS),
      };
    });
  }

  /** Validated now with sample values, so a typo fails before the first deploy. */
  private httpChecks(
    path: Path,
    value: unknown,
    env: Record<string, string>,
  ): RecipeConfig['health']['http'] {
    this.checkEnvNames(path, value, env);
    try {
      parseHttpChecks(expandEnv(value, SAMPLE_ENV));
    } catch (error) {
      if (error instanceof HttpSpecError) this.fail(path, error.message);
      throw error;
    }
    return (env) => parseHttpChecks(expandEnv(value, env));
  }

  /** A mapping at `path` (or the given value) with only `known` keys; absent is empty. */
  private mapping(
    path: Path,
    known: readonly string[] | undefined,
    value: unknown = this.valueAt(path),
  ): Record<string, unknown> {
    if (value === undefined || value === null) return {};
    if (typeof value !== 'object' || Array.isArray(value)) {
      this.fail(path, 'must be a mapping of key: value');
    }
    const fields = value as Record<string, unknown>;
    if (known) {
      for (const key of Object.keys(fields)) {
        if (!known.includes(key)) {
          this.fail([...path, key], `is not a known key here; use ${known.join(', ')}`);
        }
      }
    }
    return fields;
  }

  private strings(path: Path, known: readonly string[] | undefined): Record<string, string> {
    const fields = this.mapping(path, known);
    const out: Record<string, string> = {};
    for (const [key, value] of Object.entries(fields)) {
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
        out[key] = String(value);
      } else {
        this.fail([...path, key], 'must be a single value (quote it if it looks like a list)');
      }
    }
    return out;
  }

  private optionalText(path: Path, value: unknown): string | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string' || value.trim() === '')
      this.fail(path, 'must be a non-empty string');
    return value.trim();
  }

  private duration(path: Path, value: unknown, fallback: number): number {
    if (value === undefined || value === null) return fallback;
    const text = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
    const ms = parseDurationMs(text);
    if (ms === undefined || ms <= 0) {
      this.fail(path, `must be a duration like 90s or 10m; got ${JSON.stringify(value)}`);
    }
    return ms;
  }

  private valueAt(path: Path): unknown {
    const node = this.doc.getIn(path, true);
    if (node === undefined) return undefined;
    if (isMap(node) || isSeq(node)) return (node as { toJSON(): unknown }).toJSON();
    return this.doc.getIn(path);
  }

  /** Fail at the line of the deepest node on `path` that exists. */
  private fail(path: Path, problem: string): never {
    let line: number | undefined;
    for (let depth = path.length; depth > 0 && line === undefined; depth--) {
      const node = this.doc.getIn(path.slice(0, depth), true) as { range?: [number] } | undefined;
      if (node?.range) line = this.lines.linePos(node.range[0]).line;
    }
    const where = line === undefined ? this.file : `${this.file}:${String(line)}`;
    throw new RecipeConfigError(`${where}: ${path.join('.')} ${problem}`);
  }
}

/** Why `text` (`written` with sample values) cannot be a page's URL; undefined when it can. */
function urlProblem(text: string, written: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `is not a URL; write http://host:port/path (\${RECIPE_CI_…} allowed); got "${written}"`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `must start with http:// or https://; got "${written}"`;
  }
  if (url.username || url.password) return 'must not carry credentials';
  return undefined;
}

function isAddressOrHost(text: string): boolean {
  const bare = text.replace(/^\[(.*)\]$/, '$1');
  return (
    isIP(bare) !== 0 ||
    /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i.test(text)
  );
}
