import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);
import {
  TIERS,
  fileAtTag,
  require_semver
} from "./semver-cd12f637.js";
import {
  runHttpChecks
} from "./http-probe-3bad484c.js";
import {
  HttpSpecError,
  parseHttpChecks
} from "./http-spec-8eeeef8b.js";
import {
  abortableSleep
} from "./shared-sleep-31158bea.js";
import {
  describeEnd,
  require_dist,
  runProgram,
  succeeded
} from "./yaml-80979275.js";
import {
  ConfigurationError,
  parseDurationMs
} from "./shared-duration-7abedc94.js";
import {
  __toESM
} from "./esbuild-runtime.js";

// src/recipe/config.ts
var import_yaml = __toESM(require_dist(), 1);
import { readFile } from "node:fs/promises";
import { isIP } from "node:net";
import { relative } from "node:path";
var OPERATIONS = [
  "deploy",
  "upgrade",
  "backup",
  "restore",
  "teardown",
  "logs",
  // For mode: janitor: prints the apps it knows, one `<domain> <created> [<state dir>]` a line.
  "list",
  // Prints the running version's tag, nothing when not deployed (mode: reconcile).
  "version",
  // The lint tier: checks the recipe's files (RECIPE_CI_SOURCE, the candidate); exit 0 passes.
  "lint"
];
var DATA_HOOKS = ["seed", "verify", "mutate"];
var DEFAULT_TIER_TIMEOUTS_MS = {
  install: 8 * 6e4,
  upgrade: 12 * 6e4,
  backup: 4 * 6e4,
  restore: 6 * 6e4,
  custom: 6 * 6e4,
  // Lint reads files and deploys nothing (abra's takes about a second).
  lint: 2 * 6e4
};
var DEFAULT_HEALTH_TIMEOUT_MS = 5 * 6e4;
var DEFAULT_TEST_TIMEOUT_MS = 5 * 6e4;
var DEFAULT_SCREENSHOT_TIMEOUT_MS = 3e4;
var DEFAULT_VIEWPORT = { width: 1280, height: 800 };
var VIEWPORT_SIDE = { min: 100, max: 4096 };
var SCREENSHOT_KEYS = ["url", "path", "resolve", "wait-for", "viewport", "timeout"];
var SAMPLE_ENV = {
  RECIPE_CI_DOMAIN: "app.example.test",
  RECIPE_CI_URL: "https://app.example.test",
  RECIPE_CI_PORT: "8080",
  RECIPE_CI_HOST: "192.0.2.10"
};
function expandEnv(value, env) {
  if (typeof value === "string") {
    return value.replace(
      /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g,
      (whole, name) => env[name] ?? whole
    );
  }
  if (Array.isArray(value)) return value.map((item) => expandEnv(item, env));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expandEnv(v, env)]));
  }
  return value;
}
var RecipeConfigError = class extends Error {
};
async function readRecipeConfig(path, label = path) {
  let text;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if (error.code === "ENOENT") return parseRecipeConfig("", label);
    throw new RecipeConfigError(`${label}: cannot be read (${error.message})`);
  }
  return parseRecipeConfig(text, label);
}
async function loadRecipeConfig(configPath, recipePath) {
  try {
    return await readRecipeConfig(configPath, relative(recipePath, configPath));
  } catch (error) {
    if (error instanceof RecipeConfigError) throw new ConfigurationError(error.message);
    throw error;
  }
}
function parseRecipeConfig(text, file) {
  const lines = new import_yaml.LineCounter();
  const doc = (0, import_yaml.parseDocument)(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const [syntax] = doc.errors;
  if (syntax) {
    const at = lines.linePos(syntax.pos[0]);
    throw new RecipeConfigError(
      `${file}:${String(at.line)}: not valid YAML: ${syntax.message.split("\n")[0] ?? ""}`
    );
  }
  return new ConfigReader(doc, lines, file).read();
}
var ConfigReader = class {
  constructor(doc, lines, file) {
    this.doc = doc;
    this.lines = lines;
    this.file = file;
  }
  doc;
  lines;
  file;
  read() {
    const root = this.mapping(
      [],
      ["version", "env", "commands", "data", "health", "tiers", "custom", "screenshot"]
    );
    const version = root.version;
    if (version !== void 0 && version !== 1) this.fail(["version"], "must be 1");
    const health = this.mapping(["health"], ["timeout", "http"]);
    const tiers = this.mapping(["tiers"], TIERS);
    const env = this.strings(["env"], void 0);
    return {
      file: this.file,
      env,
      commands: this.strings(["commands"], OPERATIONS),
      data: this.strings(["data"], DATA_HOOKS),
      health: {
        timeoutMs: this.duration(["health", "timeout"], health.timeout, DEFAULT_HEALTH_TIMEOUT_MS),
        http: this.httpChecks(["health", "http"], health.http, env)
      },
      tiers: Object.fromEntries(
        TIERS.map((tier) => [tier, this.tier(tier, tiers[tier])])
      ),
      custom: this.custom(),
      screenshot: this.screenshot(env)
    };
  }
  /**
   * `screenshot:` — absent or `false`: none; `true` or empty: the defaults; else a mapping. URLs
   * and `resolve` are checked now with sample values, as health checks are.
   */
  screenshot(env) {
    const path = ["screenshot"];
    const value = this.valueAt(path);
    if (value === void 0 || value === false) return void 0;
    const fields = value === true ? {} : this.mapping(path, SCREENSHOT_KEYS, value);
    const url = this.optionalText([...path, "url"], fields.url);
    const page = this.optionalText([...path, "path"], fields.path);
    if (url !== void 0 && page !== void 0) {
      this.fail([...path, "path"], "cannot be given with url; give the whole url, or only path");
    }
    if (page !== void 0 && !page.startsWith("/")) {
      this.fail([...path, "path"], `must start with /; got ${JSON.stringify(page)}`);
    }
    const pageUrl = (values) => url === void 0 ? `${(values.RECIPE_CI_URL ?? "").replace(/\/+$/, "")}${page ?? "/"}` : expandEnv(url, values);
    if (url !== void 0) {
      this.checkEnvNames([...path, "url"], url, env);
      const problem = urlProblem(pageUrl(SAMPLE_ENV), url);
      if (problem !== void 0) this.fail([...path, "url"], problem);
    }
    const resolve = this.optionalText([...path, "resolve"], fields.resolve);
    if (resolve !== void 0) {
      this.checkEnvNames([...path, "resolve"], resolve, env);
      const sample = expandEnv(resolve, SAMPLE_ENV);
      if (!isAddressOrHost(sample)) {
        this.fail([...path, "resolve"], `must be an IP address or a host name; got "${resolve}"`);
      }
    }
    return {
      url: pageUrl,
      resolve: (values) => resolve === void 0 ? values.RECIPE_CI_HOST : expandEnv(resolve, values),
      waitFor: this.screenshotWait([...path, "wait-for"], fields["wait-for"]),
      viewport: this.viewport([...path, "viewport"], fields.viewport),
      timeoutMs: this.duration([...path, "timeout"], fields.timeout, DEFAULT_SCREENSHOT_TIMEOUT_MS),
      timeoutGiven: fields.timeout !== void 0 && fields.timeout !== null
    };
  }
  /** `wait-for: <CSS selector>`, or a mapping with one of `selector` and `text`. */
  screenshotWait(path, value) {
    if (value === void 0 || value === null) return void 0;
    if (typeof value === "string") {
      const selector2 = this.optionalText(path, value);
      if (selector2 === void 0) return void 0;
      if (/^text\s*:/.test(selector2)) {
        const text2 = selector2.replace(/^text\s*:\s*/, "");
        this.fail(
          path,
          `is read as a CSS selector; to wait for text, write wait-for: { text: ${text2} }`
        );
      }
      return { selector: selector2 };
    }
    const fields = this.mapping(path, ["selector", "text"], value);
    const selector = this.optionalText([...path, "selector"], fields.selector);
    const text = this.optionalText([...path, "text"], fields.text);
    if (selector !== void 0 && text !== void 0) {
      this.fail(path, "takes one of selector and text, not both");
    }
    if (selector !== void 0) return { selector };
    if (text !== void 0) return { text };
    this.fail(path, "needs selector (a CSS selector) or text (words shown on the page)");
  }
  viewport(path, value) {
    if (value === void 0 || value === null) return { ...DEFAULT_VIEWPORT };
    const match = typeof value === "string" ? /^\s*(\d+)\s*x\s*(\d+)\s*$/i.exec(value) : null;
    const [width, height] = [Number(match?.[1]), Number(match?.[2])];
    const fits = (side) => side >= VIEWPORT_SIDE.min && side <= VIEWPORT_SIDE.max;
    if (!match || !fits(width) || !fits(height)) {
      this.fail(
        path,
        `must be WIDTHxHEIGHT in pixels, each ${String(VIEWPORT_SIDE.min)} to ${String(VIEWPORT_SIDE.max)}, like 1280x800; got ${JSON.stringify(value)}`
      );
    }
    return { width, height };
  }
  /** Every `${NAME}` in `value` must be one a run sets, or one of the config's env. */
  checkEnvNames(path, value, env) {
    for (const [, name = ""] of JSON.stringify(value ?? null).matchAll(/\$\{(\w+)\}/g)) {
      if (!(name in SAMPLE_ENV) && !(name in env)) {
        this.fail(
          path,
          `uses \${${name}}, which a run does not set; use ${Object.keys(SAMPLE_ENV).join(", ")} or a name from env`
        );
      }
    }
  }
  tier(tier, value) {
    const path = ["tiers", tier];
    const fields = this.mapping(path, ["timeout", "not-applicable", "may-block"], value);
    return {
      timeoutMs: this.duration(
        [...path, "timeout"],
        fields.timeout,
        DEFAULT_TIER_TIMEOUTS_MS[tier]
      ),
      timeoutGiven: fields.timeout !== void 0 && fields.timeout !== null,
      notApplicable: this.optionalText([...path, "not-applicable"], fields["not-applicable"]),
      mayBlock: this.optionalText([...path, "may-block"], fields["may-block"])
    };
  }
  custom() {
    const value = this.valueAt(["custom"]);
    if (value === void 0 || value === null) return [];
    if (!Array.isArray(value))
      this.fail(["custom"], "must be a list of tests, each with name and run");
    const names = /* @__PURE__ */ new Set();
    return value.map((item, index) => {
      const path = ["custom", index];
      const fields = this.mapping(path, ["name", "run", "needs-oidc", "timeout"], item);
      const name = this.optionalText([...path, "name"], fields.name);
      const run = this.optionalText([...path, "run"], fields.run);
      if (name === void 0) this.fail(path, "needs a name");
      if (run === void 0) this.fail(path, "needs run: the command of the test");
      if (names.has(name)) this.fail([...path, "name"], `"${name}" is used twice`);
      names.add(name);
      const needsOidc = fields["needs-oidc"] ?? false;
      if (typeof needsOidc !== "boolean")
        this.fail([...path, "needs-oidc"], "must be true or false");
      return {
        name,
        run,
        needsOidc,
        timeoutMs: this.duration([...path, "timeout"], fields.timeout, DEFAULT_TEST_TIMEOUT_MS)
      };
    });
  }
  /** Validated now with sample values, so a typo fails before the first deploy. */
  httpChecks(path, value, env) {
    this.checkEnvNames(path, value, env);
    try {
      parseHttpChecks(expandEnv(value, SAMPLE_ENV));
    } catch (error) {
      if (error instanceof HttpSpecError) this.fail(path, error.message);
      throw error;
    }
    return (env2) => parseHttpChecks(expandEnv(value, env2));
  }
  /** A mapping at `path` (or the given value) with only `known` keys; absent is empty. */
  mapping(path, known, value = this.valueAt(path)) {
    if (value === void 0 || value === null) return {};
    if (typeof value !== "object" || Array.isArray(value)) {
      this.fail(path, "must be a mapping of key: value");
    }
    const fields = value;
    if (known) {
      for (const key of Object.keys(fields)) {
        if (!known.includes(key)) {
          this.fail([...path, key], `is not a known key here; use ${known.join(", ")}`);
        }
      }
    }
    return fields;
  }
  strings(path, known) {
    const fields = this.mapping(path, known);
    const out = {};
    for (const [key, value] of Object.entries(fields)) {
      if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
        out[key] = String(value);
      } else {
        this.fail([...path, key], "must be a single value (quote it if it looks like a list)");
      }
    }
    return out;
  }
  optionalText(path, value) {
    if (value === void 0 || value === null) return void 0;
    if (typeof value !== "string" || value.trim() === "")
      this.fail(path, "must be a non-empty string");
    return value.trim();
  }
  duration(path, value, fallback) {
    if (value === void 0 || value === null) return fallback;
    const text = typeof value === "string" || typeof value === "number" ? String(value) : "";
    const ms = parseDurationMs(text);
    if (ms === void 0 || ms <= 0) {
      this.fail(path, `must be a duration like 90s or 10m; got ${JSON.stringify(value)}`);
    }
    return ms;
  }
  valueAt(path) {
    const node = this.doc.getIn(path, true);
    if (node === void 0) return void 0;
    if ((0, import_yaml.isMap)(node) || (0, import_yaml.isSeq)(node)) return node.toJSON();
    return this.doc.getIn(path);
  }
  /** Fail at the line of the deepest node on `path` that exists. */
  fail(path, problem) {
    let line;
    for (let depth = path.length; depth > 0 && line === void 0; depth--) {
      const node = this.doc.getIn(path.slice(0, depth), true);
      if (node?.range) line = this.lines.linePos(node.range[0]).line;
    }
    const where = line === void 0 ? this.file : `${this.file}:${String(line)}`;
    throw new RecipeConfigError(`${where}: ${path.join(".")} ${problem}`);
  }
};
function urlProblem(text, written) {
  let url;
  try {
    url = new URL(text);
  } catch {
    return `is not a URL; write http://host:port/path (\${RECIPE_CI_\u2026} allowed); got "${written}"`;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return `must start with http:// or https://; got "${written}"`;
  }
  if (url.username || url.password) return "must not carry credentials";
  return void 0;
}
function isAddressOrHost(text) {
  const bare = text.replace(/^\[(.*)\]$/, "$1");
  return isIP(bare) !== 0 || /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i.test(text);
}

// src/deploy/health.ts
var POLL_INTERVAL_MS = 250;
var ATTEMPT_TIMEOUT_MS = 5e3;
function httpHealthGate(config, env, signal, timeoutMs = () => config.health.timeoutMs) {
  return async () => {
    const checks = config.health.http(env);
    if (checks.length === 0) return { ok: true, summary: "no HTTP checks configured" };
    const clock = { now: Date.now, sleep: abortableSleep, random: Math.random };
    const outcomes = await runHttpChecks(
      checks,
      {
        timeoutMs: timeoutMs(),
        connectTimeoutMs: ATTEMPT_TIMEOUT_MS,
        intervalMs: POLL_INTERVAL_MS
      },
      clock,
      signal,
      clock.now()
    );
    const failed = outcomes.filter((o) => !o.passed);
    return {
      ok: failed.length === 0,
      summary: failed.length === 0 ? outcomes.map((o) => `${o.check.label}: ${o.reason}`).join("; ") : failed.map((o) => `${o.check.label}: ${o.reason}`).join("; ")
    };
  };
}

// src/deploy/abra-version.ts
var import_semver = __toESM(require_semver(), 1);

// src/deploy/tool-version.ts
var VERSION_TIMEOUT_MS = 2e4;
async function askVersion(program, needs, hint, options) {
  const result = await runProgram(program, ["--version"], {
    env: options.env,
    timeoutMs: VERSION_TIMEOUT_MS,
    signal: options.signal
  });
  if (result.spawnError !== void 0) {
    throw new ConfigurationError(
      `${needs}, and there is no ${program} on PATH (${result.spawnError}); ${hint}`
    );
  }
  const said = result.output.trim().split("\n")[0] ?? "";
  if (!succeeded(result)) {
    throw new ConfigurationError(
      `${needs}, and \`${program} --version\` ${describeEnd(result, "20s")}${said ? `: ${said}` : ""}; ${hint}`
    );
  }
  return { output: result.output, said };
}

// src/deploy/abra-version.ts
var OLDEST_ABRA = "0.13.0-beta";
var RELEASES = "https://git.coopcloud.tech/toolshed/abra/releases";
function installAbraHint(version = OLDEST_ABRA) {
  return `install abra ${version} or newer: download abra_${version}_linux_amd64 and checksums.txt from ${RELEASES}/tag/${version}, check it with \`grep " abra_${version}_linux_amd64$" checksums.txt | sha256sum --check\`, and put it on PATH as abra (the reusable workflow's abra-version input does this)`;
}
function parseAbraVersion(text) {
  const match = /\bv?(\d+)\.(\d+)\.(\d+)(?:-((?:alpha|beta|rc)[0-9.]*))?/i.exec(text);
  if (!match) return void 0;
  const [, major, minor, patch, pre] = match;
  return `${major ?? ""}.${minor ?? ""}.${patch ?? ""}${pre ? `-${pre.toLowerCase()}` : ""}`;
}
function abraSupported(found, oldest = OLDEST_ABRA) {
  return import_semver.default.gte(found, oldest);
}
async function checkAbraVersion(options) {
  const abra = options.abra ?? "abra";
  const needs = `backend abra needs abra ${OLDEST_ABRA} or newer`;
  const { output, said } = await askVersion(abra, needs, installAbraHint(), options);
  const found = parseAbraVersion(output);
  if (found === void 0) {
    throw new ConfigurationError(
      `${needs}, and \`${abra} --version\` names no release ("${said}"); ${installAbraHint()}`
    );
  }
  if (!abraSupported(found)) {
    throw new ConfigurationError(
      `${needs}, and the abra on PATH is ${found} ("${said}"); ${installAbraHint()}`
    );
  }
  return found;
}

// src/deploy/docker-cli.ts
var INSTALL_DOCKER_HINT = "install the Docker CLI (Debian and Ubuntu: apt-get install docker.io; no daemon needs to run on the runner)";
async function checkDockerCli(options) {
  const needs = "backend abra reads the app\u2019s services through Docker\u2019s CLI";
  return (await askVersion(options.docker ?? "docker", needs, INSTALL_DOCKER_HINT, options)).said;
}

// src/recipe/release-notes.ts
import { readFile as readFile2 } from "node:fs/promises";
import { join } from "node:path";
var NOTE_MARKERS = [
  { phrase: "manual migration", pattern: /\bmanual(ly)?[\s_-]*migrat/i },
  { phrase: "manual action", pattern: /\bmanual[\s_-]+actions?\b/i },
  { phrase: "manual step", pattern: /\bmanual[\s_-]+steps?\b/i },
  { phrase: "action required", pattern: /\b(action[\s_-]+required|required[\s_-]+action)\b/i },
  { phrase: "by hand", pattern: /\bby[\s_-]+hand\b/i },
  { phrase: "manually", pattern: /\bmanually\b/i },
  { phrase: "breaking change", pattern: /\bbreaking[\s_-]*changes?\b/i }
];
function noteLayouts(version) {
  return [`releaseNotes/${version}.md`, `releaseNotes/${version}`, `release/${version}`];
}
async function readNotesAtTags(recipePath, versions, options = {}) {
  const found = [];
  for (const { tag } of versions) {
    const notes = await readVersionNotes(tag, (path) => fileAtTag(recipePath, tag, path, options));
    found.push(...notes.map((note) => ({ tag, ...note })));
  }
  return found;
}
async function readVersionNotes(version, read) {
  const found = [];
  for (const path of noteLayouts(version)) {
    const text = await read(path);
    if (text !== void 0) found.push({ path, flagged: flaggedLines(text) });
  }
  return found;
}
function checkoutReader(recipePath) {
  return async (path) => {
    try {
      return await readFile2(join(recipePath, path), "utf8");
    } catch (error) {
      const code = error.code;
      if (code === "ENOENT" || code === "EISDIR" || code === "ENOTDIR") return void 0;
      throw error;
    }
  };
}
function flaggedLines(text) {
  return text.split("\n").map((line) => line.trim()).filter((line) => NOTE_MARKERS.some((marker) => marker.pattern.test(line)));
}

export {
  loadRecipeConfig,
  httpHealthGate,
  checkAbraVersion,
  checkDockerCli,
  readNotesAtTags,
  readVersionNotes,
  checkoutReader
};
