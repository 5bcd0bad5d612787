import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);
import {
  abortableSleep
} from "./shared-sleep-31158bea.js";
import {
  describeEnd,
  runCommandLine,
  runProgram,
  succeeded
} from "./yaml-80979275.js";
import {
  formatDuration
} from "./shared-duration-7abedc94.js";

// src/recipe/git.ts
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
var ANSWER_CHARS = 16 * 1024 * 1024;
var GIT_TIMEOUT_MS = 2 * 6e4;
async function git(repo, args, options) {
  return run("git", ["-C", repo, ...args], options, `git ${args.join(" ")} failed in ${repo}`);
}
async function run(file, args, options, failure) {
  const { signal } = options;
  const timeoutMs = options.timeoutMs ?? GIT_TIMEOUT_MS;
  const result = await runProgram(file, args, { signal, timeoutMs, keepStdoutChars: ANSWER_CHARS });
  if (result.cancelled) throw signal?.reason ?? new Error(`${failure}: cancelled`);
  if (!succeeded(result)) {
    const why = !result.timedOut && result.stderr.trim() || describeEnd(result, formatDuration(timeoutMs));
    throw new Error(`${failure}: ${why}`);
  }
  return result.stdout;
}
async function listTags(repo, options = {}) {
  return (await git(repo, ["tag", "--list"], options)).split("\n").filter(Boolean);
}
async function tagsAtHead(repo, options = {}) {
  return (await git(repo, ["tag", "--points-at", "HEAD"], options)).split("\n").filter(Boolean);
}
async function fileAtTag(repo, tag, path, options = {}) {
  const listed = await git(
    repo,
    ["ls-tree", "--name-only", `refs/tags/${tag}`, "--", path],
    options
  );
  if (listed.trim() === "") return void 0;
  return git(repo, ["show", `refs/tags/${tag}:${path}`], options);
}
async function exportTag(repo, tag, dir, options = {}) {
  await mkdir(dir, { recursive: true });
  const scratch = await mkdtemp(join(tmpdir(), "recipe-ci-export-"));
  try {
    const archive = join(scratch, "tag.tar");
    const refs = `refs/tags/${tag}`;
    await git(repo, ["archive", "--format=tar", `--output=${archive}`, refs], options);
    await run(
      "tar",
      ["-x", "-f", archive, "-C", dir],
      options,
      `tar -x of ${tag} into ${dir} failed`
    );
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
async function commitFolder(dir, options = {}) {
  await git(dir, ["init", "-q"], options);
  await git(dir, ["add", "-A"], options);
  await git(
    dir,
    [
      "-c",
      "user.name=recipe-ci",
      "-c",
      "user.email=recipe-ci@localhost",
      "commit",
      "-q",
      "--no-verify",
      "-m",
      "the candidate, as checked out"
    ],
    options
  );
}

// src/deploy/abra-backend.ts
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { lookup } from "node:dns/promises";
import { join as join2 } from "node:path";

// src/deploy/abra-commands.ts
function tree(version) {
  return version === void 0 ? ["--chaos"] : [version];
}
var abraArgs = {
  serverAdd: (server) => server === "local" ? ["server", "add", "--local", "-n"] : ["server", "add", server, "-n"],
  appNew: (recipe, server, domain, version) => [
    "app",
    "new",
    recipe,
    "-s",
    server,
    "-D",
    domain,
    ...tree(version),
    "-n"
  ],
  /**
   * Secrets for the tree that will be deployed: without `--chaos` abra would read the recipe at
   * the env's version, or at the newest release when the env names none (an untagged candidate),
   * and miss a secret only the candidate adds.
   */
  secretGenerate: (domain, version) => [
    "app",
    "secret",
    "generate",
    domain,
    "-a",
    "-m",
    ...version === void 0 ? ["--chaos"] : [],
    "-n"
  ],
  deploy: (domain, deploy) => [
    "app",
    "deploy",
    domain,
    ...tree(deploy.version),
    ...deploy.force === true ? ["--force"] : [],
    "--no-converge-checks",
    ...deploy.domainChecks ? [] : ["--no-domain-checks"],
    "-n"
  ],
  upgrade: (domain, version) => [
    "app",
    "upgrade",
    domain,
    version,
    "--no-converge-checks",
    "-n"
  ],
  backupCreate: (domain) => ["app", "backup", "create", domain, "-n"],
  restore: (domain) => ["app", "restore", domain, "-n"],
  undeploy: (domain) => ["app", "undeploy", domain, "-n"],
  remove: (domain) => ["app", "rm", domain, "--force", "-n"],
  logs: (domain) => ["app", "logs", domain, "-n"],
  /** See abra-lint.ts for `--chaos` and `--offline` here. */
  lint: (recipe) => ["recipe", "lint", recipe, "--chaos", "--offline", "-n"]
};
function needsTerminal(args) {
  const [first, second, third] = args;
  return first === "app" && second === "backup" && third === "create" || first === "app" && second === "restore" || first === "recipe" && second === "lint";
}
function plainText(text) {
  return text.replace(/\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g, "").replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, "").replace(/\r+\n/g, "\n").replace(/\r/g, "\n");
}
function shellWord(word) {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
async function runAbraCommand(args, options) {
  const abra = options.abra ?? "abra";
  const limit = `${String(Math.round(options.timeoutMs / 1e3))}s`;
  const command = `abra ${args.join(" ")}`;
  if (!needsTerminal(args)) {
    const result2 = await runProgram(abra, args, {
      cwd: options.cwd,
      env: options.env,
      timeoutMs: options.timeoutMs,
      signal: options.signal
    });
    return { ok: succeeded(result2), summary: `${command}: ${describeEnd(result2, limit)}`, result: result2 };
  }
  const line = [abra, ...args].map(shellWord).join(" ");
  const raw = await runProgram("script", ["-qec", line, "/dev/null"], {
    cwd: options.cwd,
    // script runs the line with $SHELL; a login shell of the runner's choice could be anything.
    env: { ...options.env, SHELL: "/bin/sh" },
    timeoutMs: options.timeoutMs,
    signal: options.signal
  });
  const result = {
    ...raw,
    output: plainText(raw.output),
    stdout: plainText(raw.stdout),
    stderr: plainText(raw.stderr),
    lastLine: plainText(raw.lastLine).trim()
  };
  if (result.spawnError !== void 0) {
    return {
      ok: false,
      summary: `${command} needs a terminal, which util-linux script gives it, and script could not start (${result.spawnError}); install util-linux (bsdutils on Debian)`,
      result
    };
  }
  return { ok: succeeded(result), summary: `${command}: ${describeEnd(result, limit)}`, result };
}

// src/deploy/abra-secrets.ts
function parseGeneratedSecrets(stdout) {
  for (const candidate of jsonCandidates(stdout)) {
    let parsed;
    try {
      parsed = JSON.parse(candidate);
    } catch {
      continue;
    }
    const found = secretsIn(parsed);
    if (found.length > 0) return found;
  }
  return [];
}
function jsonCandidates(text) {
  const lines2 = text.split("\n").map((line) => line.trim()).filter((line) => line.startsWith("[") || line.startsWith("{"));
  return [text.trim(), ...lines2];
}
function secretsIn(value) {
  if (Array.isArray(value)) {
    return value.flatMap((row) => {
      if (typeof row !== "object" || row === null) return [];
      const entries = Object.entries(row);
      const get = (key) => entries.find(([k, v]) => k.toLowerCase() === key && typeof v === "string")?.[1];
      const secret = get("value");
      return secret === void 0 ? [] : [{ name: get("name") ?? "", value: secret }];
    });
  }
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).flatMap(
      ([name, secret]) => typeof secret === "string" ? [{ name, value: secret }] : []
    );
  }
  return [];
}
function withholdSecrets(result, onSecret) {
  const secrets = parseGeneratedSecrets(result.stdout);
  for (const secret of secrets) onSecret(secret.value);
  const names = secrets.map((s) => s.name).filter((n) => n !== "");
  const said = result.stdout.trim() === "" ? "" : secrets.length > 0 ? `(abra's answer withheld: ${String(secrets.length)} secret value${secrets.length === 1 ? "" : "s"} generated${names.length > 0 ? ` for ${names.join(", ")}` : ""})` : "(abra's answer withheld: it may hold generated secret values)";
  let stderr = result.stderr.split("\n").filter((line) => /^\s*(FATA|ERRO|WARN|INFO|DEBU)\b/.test(line)).join("\n");
  for (const secret of [...secrets].sort((a, b) => b.value.length - a.value.length)) {
    if (secret.value !== "") stderr = stderr.split(secret.value).join("***");
  }
  const output = [stderr.trimEnd(), said].filter((part) => part !== "").join("\n");
  return {
    result: { ...result, stdout: said, stderr, output, lastLine: said },
    secrets
  };
}

// src/deploy/app-env.ts
var MARKER = "# added by recipe-ci for this run";
function mergeAppEnv(text, values) {
  const lines2 = text.split("\n");
  if (lines2.at(-1) === "") lines2.pop();
  const appended = [];
  for (const [key, value] of Object.entries(values)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) {
      throw new Error(`"${key}" cannot be an env variable name`);
    }
    const line = `${key}=${quoteEnvValue(value)}`;
    const active = lines2.findIndex((l) => new RegExp(`^\\s*(export\\s+)?${key}\\s*=`).test(l));
    if (active !== -1) {
      lines2[active] = line;
      continue;
    }
    const commented = lines2.findIndex((l) => new RegExp(`^\\s*#\\s*${key}\\s*=`).test(l));
    if (commented !== -1) lines2[commented] = line;
    else appended.push(line);
  }
  if (appended.length > 0) lines2.push("", MARKER, ...appended);
  return `${lines2.join("\n")}
`;
}
function quoteEnvValue(value) {
  if (/[\n\r]/.test(value)) throw new Error("an app env value cannot span lines");
  if (/^[\w@%+=:,./-]*$/.test(value)) return value;
  if (!value.includes("'")) return `'${value}'`;
  return `"${value.replace(/["\\$`]/g, (c) => `\\${c}`)}"`;
}
function appEnvRecipe(env) {
  for (const key of ["RECIPE", "TYPE"]) {
    const value = env[key];
    if (value === void 0 || value === "") continue;
    const colon = value.indexOf(":");
    const version = colon === -1 ? "" : value.slice(colon + 1);
    return {
      key,
      recipe: colon === -1 ? value : value.slice(0, colon),
      version: version === "" ? void 0 : version
    };
  }
  return void 0;
}

// src/deploy/backend.ts
var BACKENDS = ["abra", "command"];
function limitNow(limit) {
  return typeof limit === "number" ? limit : limit();
}

// src/deploy/abra-lint.ts
function abraLintArgs(recipe) {
  return abraArgs.lint(recipe);
}
function parseLintTable(output) {
  const rows = [];
  for (const line of plainText(output).split("\n")) {
    if (!/[│┃|]/.test(line)) continue;
    const cells = line.split(/[│┃|]/).map((cell) => cell.trim());
    if (cells[0] === "") cells.shift();
    if (cells.at(-1) === "") cells.pop();
    const first = cells[0] ?? "";
    if (/^R\d{3}$/.test(first)) {
      rows.push(cells);
      continue;
    }
    const last = rows.at(-1);
    if (first === "" && last !== void 0 && cells.length === last.length) {
      cells.forEach((cell, i) => {
        if (cell !== "") last[i] = `${last[i] ?? ""} ${cell}`.trim();
      });
    }
  }
  return rows.map((cells) => {
    const [ref = "", rule = "", severity = "", satisfied = "", skipped = "", resolve = ""] = cells;
    return {
      ref,
      rule,
      severity: severity.toLowerCase(),
      satisfied: satisfied.includes("\u2705") ? true : satisfied.includes("\u274C") ? false : void 0,
      skipped: skipped.includes("\u2705"),
      resolve
    };
  });
}
function failsLint(row) {
  return row.satisfied === false && (row.severity === "error" || row.severity === "critical");
}
function named(rows, advice = false) {
  return rows.map((r) => `${r.ref} ${r.rule}${advice && r.resolve !== "" ? ` (${r.resolve})` : ""}`).join(", ");
}
function judgeAbraLint(command, result, limit) {
  const clean = {
    ...result,
    output: plainText(result.output),
    stdout: plainText(result.stdout),
    stderr: plainText(result.stderr)
  };
  const step = (ok, how) => ({
    ok,
    summary: `${command}: ${how}`,
    results: [clean]
  });
  if (!succeeded(result)) {
    const fatal = /FATA\S*\s+(.+)/.exec(clean.output)?.[1]?.trim();
    return step(false, `${describeEnd(result, limit)}${fatal ? ` (${fatal})` : ""}`);
  }
  const rows = parseLintTable(clean.output);
  if (rows.length === 0) {
    return step(false, `printed no rule table (${clean.lastLine || "no output"})`);
  }
  const failing = rows.filter(failsLint);
  const warnings = rows.filter((r) => r.satisfied === false && !failsLint(r));
  const skipped = rows.filter((r) => r.skipped).length;
  const satisfied = rows.filter((r) => r.satisfied === true).length;
  const counts = `${String(rows.length)} rule${rows.length === 1 ? "" : "s"}, ${String(satisfied)} satisfied, ${String(skipped)} skipped`;
  const warned = warnings.length > 0 ? `; warnings: ${named(warnings)}` : "";
  if (failing.length > 0) {
    return step(false, `error rules not satisfied: ${named(failing, true)}${warned}; ${counts}`);
  }
  return step(true, `${counts}${warned}`);
}
async function runAbraLint(options) {
  const args = abraLintArgs(options.recipe);
  const { summary, result } = await runAbraCommand(args, {
    abra: options.abra,
    cwd: options.abraDir,
    env: options.env,
    timeoutMs: options.timeoutMs,
    signal: options.signal
  });
  if (result.spawnError !== void 0) return { ok: false, summary, results: [result] };
  const limit = `${String(Math.round(options.timeoutMs / 1e3))}s`;
  return judgeAbraLint(`abra ${args.join(" ")}`, result, limit);
}

// src/deploy/swarm.ts
var MAX_STACK_NAME = 45;
function stackName(domain) {
  return domain.replace(/\./g, "_").slice(0, MAX_STACK_NAME);
}
var QUERY_TIMEOUT_MS = 6e4;
var Swarm = class {
  constructor(options) {
    this.options = options;
  }
  options;
  /** Run a read-only docker query; throws with its output when it fails. */
  async query(args) {
    const { docker, context } = this.options;
    const argv = [...context === void 0 ? [] : ["--context", context], ...args];
    const result = await runProgram(docker, argv, {
      cwd: this.options.cwd,
      env: this.options.env,
      timeoutMs: QUERY_TIMEOUT_MS,
      signal: this.options.signal
    });
    if (!succeeded(result)) {
      throw new Error(
        `${[docker, ...argv].slice(0, 4).join(" ")} \u2026 ${describeEnd(result, "60s")}: ${result.output.trim()}`
      );
    }
    return result;
  }
  /** Each service of `stack` with its running and desired replica counts. */
  async services(stack) {
    const result = await this.query([
      "service",
      "ls",
      "--filter",
      `label=com.docker.stack.namespace=${stack}`,
      "--format",
      "{{.Name}}	{{.Replicas}}"
    ]);
    return lines(result).map((line) => {
      const [name = "", replicas = ""] = line.split("	");
      const match = /^(\d+)\/(\d+)/.exec(replicas.trim());
      return {
        name,
        running: match ? Number(match[1]) : 0,
        desired: match ? Number(match[2]) : Number.NaN,
        raw: replicas.trim()
      };
    });
  }
  /**
   * Tasks of `stack` that swarm wants running, or is about to start, but that are not Running
   * yet. In a rolling update (stop-first, swarm's default) the new task waits with desired state
   * Ready while the old one, already desired Shutdown, still runs and `service ls` still counts
   * 1/1 — for about a second and a half here — so neither the replica count nor a look at tasks
   * desired Running alone sees that the new version does not serve yet.
   */
  async tasksNotRunning(stack) {
    const result = await this.query([
      "stack",
      "ps",
      stack,
      "--format",
      "{{.Name}}	{{.DesiredState}}	{{.CurrentState}}"
    ]);
    return lines(result).map((line) => line.split("	")).filter(([, desired = "", current = ""]) => {
      const wanted = /^(Running|Ready)$/i.test(desired.trim());
      return wanted && !/^Running\b/.test(current.trim());
    }).map(
      ([name = "", desired = "", current = ""]) => desired.trim() === "Running" ? `${name}	${current}` : `${name}	${current} (desired ${desired.trim()})`
    );
  }
  /** The tasks of `stack` with their states and errors, as text for a report. */
  async tasks(stack) {
    const result = await this.query([
      "stack",
      "ps",
      stack,
      "--no-trunc",
      "--format",
      "{{.Name}}	{{.Image}}	{{.DesiredState}}	{{.CurrentState}}	{{.Error}}"
    ]);
    return result.output.trim();
  }
  /** Names of every service, secret or volume on the server. */
  async names(kind) {
    return lines(await this.query([kind, "ls", "--format", "{{.Name}}"]));
  }
  /** When each named object was created (inspect's RFC 3339 `CreatedAt`). */
  async createdAt(kind, names) {
    if (names.length === 0) return [];
    const result = await this.query([kind, "inspect", "--format", "{{.CreatedAt}}", ...names]);
    return lines(result).map(parseDockerTime);
  }
};
function parseDockerTime(text) {
  const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?/.exec(
    text.trim()
  );
  if (!match) return new Date(Number.NaN);
  const [, day, time, fraction = "", zone = "Z"] = match;
  const offset = zone === "Z" ? "Z" : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  return /* @__PURE__ */ new Date(`${day ?? ""}T${time ?? ""}${fraction.slice(0, 4)}${offset}`);
}
function lines(result) {
  return result.output.split("\n").map((l) => l.trimEnd()).filter((l) => l.trim() !== "");
}

// src/deploy/abra-backend.ts
var DIAGNOSTICS_TIMEOUT_MS = 3e4;
var HEALTH_POLL_MS = 2e3;
var HEALTH_CONFIRM_MS = 1500;
async function domainResolves(domain) {
  try {
    await lookup(domain);
    return true;
  } catch {
    return false;
  }
}
function abraServerName(server) {
  return server === "local" ? "default" : server;
}
function appEnvPath(abraDir, server, domain) {
  return join2(abraDir, "servers", abraServerName(server), `${domain}.env`);
}
async function runAbra(args, options) {
  const { abraDir, ...rest } = options;
  return runAbraCommand(args, { ...rest, cwd: abraDir });
}
function placeRecipe(abraDir, recipe, checkout) {
  const dir = join2(abraDir, "recipes", recipe);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join2(abraDir, "recipes"), { recursive: true });
  cpSync(checkout, dir, { recursive: true, verbatimSymlinks: true });
}
function abraBackend(options) {
  const { recipe, domain, abraDir, signal } = options;
  const server = abraServerName(options.server);
  const env = { ...process.env, ...options.sshEnv, ABRA_DIR: abraDir };
  const stack = stackName(domain);
  const swarm = new Swarm({
    docker: options.docker ?? "docker",
    context: options.server === "local" ? void 0 : server,
    env,
    cwd: abraDir,
    signal
  });
  const envFile = appEnvPath(abraDir, options.server, domain);
  const abra = (args, timeoutMs = limitNow(options.commandTimeoutMs)) => runAbra(args, { abra: options.abra, abraDir, env, timeoutMs, signal });
  const abraStep = (args) => async () => {
    const line = Array.isArray(args) ? args : await args();
    const { ok, summary, result } = await abra(line);
    return {
      ok,
      summary: ok ? `abra ${line.slice(0, 2).join(" ")}` : summary,
      results: [result]
    };
  };
  const steps = async (...commands) => {
    const results = [];
    const done = [];
    for (const command of commands) {
      const step = await (typeof command === "function" ? command : abraStep(command))();
      results.push(...step.results);
      if (!step.ok) return { ok: false, summary: step.summary, results };
      done.push(step.summary);
    }
    return { ok: true, summary: done.join(", "), results };
  };
  let serverAdded = false;
  const addServer = () => {
    if (serverAdded || existsSync(join2(abraDir, "servers", server))) {
      return () => ({ ok: true, summary: "server known", results: [] });
    }
    serverAdded = true;
    mkdirSync(abraDir, { recursive: true });
    return abraArgs.serverAdd(options.server);
  };
  const placeCandidate = async () => {
    placeRecipe(abraDir, recipe, options.candidateDir);
    if (existsSync(join2(options.candidateDir, ".git"))) {
      return { ok: true, summary: "recipe placed", results: [] };
    }
    try {
      await commitFolder(join2(abraDir, "recipes", recipe), { signal });
    } catch (error) {
      return { ok: false, summary: error.message, results: [] };
    }
    return { ok: true, summary: "recipe placed (a folder, committed once)", results: [] };
  };
  const mergeEnv = () => {
    if (!existsSync(envFile)) {
      return {
        ok: false,
        summary: `abra app new left no env file at ${envFile}`,
        results: []
      };
    }
    const values = { ...options.appEnv };
    writeFileSync(envFile, mergeAppEnv(readFileSync(envFile, "utf8"), values), { mode: 384 });
    return {
      ok: true,
      summary: `env merged (${String(Object.keys(values).length)} settings)`,
      results: []
    };
  };
  const folderRecipe = !existsSync(join2(options.candidateDir, ".git"));
  const versionOf = (source) => folderRecipe && source.dir === options.candidateDir ? void 0 : source.version;
  const generateSecrets = (version) => async () => {
    const args = abraArgs.secretGenerate(domain, version);
    const { ok, summary, result } = await abra(args);
    const kept = withholdSecrets(result, (value) => options.onSecret?.(value));
    const made = `${String(kept.secrets.length)} secret${kept.secrets.length === 1 ? "" : "s"} generated`;
    return {
      ok,
      summary: ok ? `abra app secret (${made})` : summary,
      results: [kept.result]
    };
  };
  let resolving;
  const domainChecks = () => resolving ??= (options.domainResolves ?? domainResolves)(domain);
  const deployArgs = (version, force) => async () => abraArgs.deploy(domain, { version, force, domainChecks: await domainChecks() });
  return {
    name: "abra",
    deploy: (source) => {
      const version = versionOf(source);
      return steps(
        addServer(),
        placeCandidate,
        abraArgs.appNew(recipe, server, domain, version),
        mergeEnv,
        ...version === void 0 ? [placeCandidate] : [],
        generateSecrets(version),
        abraStep(deployArgs(version, false))
      );
    },
    upgrade: (source) => {
      const version = versionOf(source);
      return version === void 0 ? steps(placeCandidate, abraStep(deployArgs(void 0, true))) : steps(abraArgs.upgrade(domain, version));
    },
    health: async () => {
      const healthMs = limitNow(options.healthTimeoutMs);
      const deadline = Date.now() + healthMs;
      let last = "no services yet";
      let seenOnce = false;
      for (; ; ) {
        let atCount = false;
        try {
          const services = await swarm.services(stack);
          const short = services.filter((s) => !(s.running >= s.desired));
          last = services.length === 0 ? `no services of stack ${stack}` : services.map((s) => `${s.name} ${s.raw}`).join(", ");
          atCount = services.length > 0 && short.length === 0;
          if (atCount) {
            const starting = await swarm.tasksNotRunning(stack);
            if (starting.length > 0) {
              atCount = false;
              last = `${last}; not running yet: ${starting.join(", ").replace(/\t/g, " ")}`;
            }
          }
        } catch (error) {
          last = error.message;
        }
        if (atCount && seenOnce) {
          return { ok: true, summary: `every service at its replica count: ${last}`, results: [] };
        }
        seenOnce = atCount;
        if (atCount && !signal.aborted) {
          await abortableSleep(HEALTH_CONFIRM_MS, signal);
          continue;
        }
        if (Date.now() >= deadline || signal.aborted) break;
        await abortableSleep(Math.min(HEALTH_POLL_MS, Math.max(0, deadline - Date.now())), signal);
      }
      const within = `${String(Math.round(healthMs / 1e3))}s`;
      return {
        ok: false,
        summary: `services not at their replica counts within ${within}: ${last}`,
        results: []
      };
    },
    backup: async () => {
      const step = await steps(abraArgs.backupCreate(domain));
      return { ...step, location: void 0 };
    },
    // Both need a terminal; runAbra gives them one (abra-commands.ts).
    restore: () => steps(abraArgs.restore(domain)),
    teardown: async () => {
      if (!existsSync(envFile)) {
        return { ok: true, summary: `no app ${domain} in this run's abra dir`, results: [] };
      }
      let deployed = true;
      try {
        deployed = (await swarm.services(stack)).length > 0;
      } catch {
      }
      return steps(...deployed ? [abraArgs.undeploy(domain)] : [], abraArgs.remove(domain));
    },
    adopt: async () => {
      const step = await steps(addServer(), placeCandidate);
      if (!step.ok) return step;
      mkdirSync(join2(abraDir, "servers", server), { recursive: true });
      writeFileSync(envFile, `TYPE=${recipe}
DOMAIN=${domain}
`, { mode: 384 });
      return step;
    },
    diagnostics: async () => {
      const parts = [];
      try {
        parts.push(`tasks of ${stack}:
${await swarm.tasks(stack)}`);
      } catch (error) {
        parts.push(`tasks of ${stack}: ${error.message}`);
      }
      const logs = await abra(abraArgs.logs(domain), DIAGNOSTICS_TIMEOUT_MS);
      parts.push(`abra app logs ${domain} (${logs.summary}):
${logs.result.output.trim()}`);
      return parts.join("\n\n");
    },
    // The candidate is copied again first: a tier before may have moved abra's checkout to a tag.
    lint: async () => {
      const placed = await placeCandidate();
      if (!placed.ok) return placed;
      return runAbraLint({
        recipe,
        abra: options.abra,
        abraDir,
        env,
        timeoutMs: limitNow(options.commandTimeoutMs),
        signal
      });
    }
  };
}
function removeAbraDir(abraDir) {
  rmSync(abraDir, { recursive: true, force: true });
}

// src/recipe/run-env.ts
import { readFile } from "node:fs/promises";
import { createServer } from "node:net";
async function buildRunEnv(inputs) {
  const fromFile = inputs.envFile === void 0 ? {} : parseEnvFile(await readFile(inputs.envFile, "utf8"));
  return {
    ...process.env,
    ...inputs.configEnv,
    ...fromFile,
    RECIPE_CI_RECIPE: inputs.recipe,
    RECIPE_CI_DOMAIN: inputs.domain,
    RECIPE_CI_URL: inputs.url,
    RECIPE_CI_PORT: String(await freePort()),
    RECIPE_CI_STATE_DIR: inputs.stateDir,
    RECIPE_CI_SOURCE: inputs.candidateDir,
    RECIPE_CI_ENV_FILE: inputs.envFile ?? "",
    // Where the app runs: the handed-over machine, else the runner itself.
    RECIPE_CI_HOST: "127.0.0.1",
    ...inputs.machine
  };
}
function parseEnvFile(text) {
  const env = {};
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const eq = line.indexOf("=");
    if (eq <= 0) continue;
    const key = line.slice(0, eq).replace(/^export\s+/, "").trim();
    let value = line.slice(eq + 1).trim();
    if (/^(['"]).*\1$/.test(value)) value = value.slice(1, -1);
    env[key] = value;
  }
  return env;
}
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => {
        resolve(port);
      });
    });
  });
}

// src/recipe/tiers.ts
var TIERS = ["install", "upgrade", "backup", "restore", "custom", "lint"];
var OPT_IN_TIERS = /* @__PURE__ */ new Set(["lint"]);
var TIERS_WITHOUT_APP = /* @__PURE__ */ new Set(["lint"]);

// src/deploy/command-backend.ts
function commandBackend(options) {
  const { config, signal } = options;
  const run2 = async (operation, source, extra = {}) => {
    const command = config.commands[operation];
    if (command === void 0) {
      return {
        step: { ok: false, summary: `${config.file} gives no commands.${operation}`, results: [] },
        result: void 0
      };
    }
    const env = { ...options.env, ...extra };
    if (source) {
      env.RECIPE_CI_VERSION = source.version ?? "";
      env.RECIPE_CI_SOURCE = source.dir;
    }
    const limitMs = options.timeoutMs(operation);
    const result = await runCommandLine(command, {
      cwd: source?.dir ?? env.RECIPE_CI_SOURCE ?? process.cwd(),
      env,
      timeoutMs: limitMs,
      signal
    });
    const ok = succeeded(result);
    return {
      step: {
        ok,
        summary: `${operation}: ${describeEnd(result, `${String(Math.round(limitMs / 1e3))}s`)}`,
        results: [result]
      },
      result
    };
  };
  return {
    name: "command",
    deploy: async (source) => (await run2("deploy", source)).step,
    upgrade: async (source) => (await run2(config.commands.upgrade === void 0 ? "deploy" : "upgrade", source)).step,
    health: () => Promise.resolve({ ok: true, summary: "no backend health checks", results: [] }),
    backup: async () => {
      const { step, result } = await run2("backup", void 0);
      return { ...step, location: result?.lastLine || void 0 };
    },
    restore: async (location) => (await run2("restore", void 0, { RECIPE_CI_BACKUP: location ?? "" })).step,
    teardown: async () => config.commands.teardown === void 0 ? { ok: true, summary: "no teardown command", results: [] } : (await run2("teardown", void 0)).step,
    diagnostics: async () => {
      if (config.commands.logs === void 0) return `${config.file} gives no commands.logs`;
      const { result } = await run2("logs", void 0);
      return result?.output ?? "";
    },
    // Optional, unlike the operations above: a recipe without a linter is not a broken recipe.
    lint: async (candidate) => {
      if (config.commands.lint !== void 0) return (await run2("lint", candidate)).step;
      const why = `${config.file} gives no commands.lint`;
      return { ok: true, summary: why, results: [], skipped: why };
    }
  };
}

// src/deploy/backends.ts
function checkBackendSettings(given, inputs) {
  if (given.backend !== "abra") return;
  if (given.server === void 0 && !given.machineGiven) {
    inputs.fail(
      "server",
      "is required with backend: abra; give the server abra deploys to (a host abra reaches over SSH), or local for this runner"
    );
  }
  if (given.server !== void 0 && !/^[a-z0-9][a-z0-9.-]*$/i.test(given.server)) {
    inputs.fail("server", `"${given.server}" is not a host name; use a host name or local`);
  }
}
function buildBackend(options) {
  const { config, env, signal, commandTimeoutMs } = options;
  if (options.backend === "command") {
    return commandBackend({ config, env, signal, timeoutMs: () => limitNow(commandTimeoutMs) });
  }
  if (options.abraDir === void 0) throw new Error("backend abra is built without an ABRA_DIR");
  return abraBackend({
    recipe: options.recipe,
    server: options.server ?? "local",
    domain: options.domain,
    abraDir: options.abraDir,
    candidateDir: options.recipePath,
    appEnv: options.appEnv ?? {},
    signal,
    commandTimeoutMs,
    healthTimeoutMs: options.healthTimeoutMs,
    ...options.sshEnv === void 0 ? {} : { sshEnv: options.sshEnv },
    ...options.onSecret === void 0 ? {} : { onSecret: options.onSecret }
  });
}

export {
  TIERS,
  OPT_IN_TIERS,
  TIERS_WITHOUT_APP,
  abraArgs,
  appEnvRecipe,
  BACKENDS,
  stackName,
  Swarm,
  parseDockerTime,
  listTags,
  tagsAtHead,
  fileAtTag,
  exportTag,
  domainResolves,
  abraServerName,
  appEnvPath,
  runAbra,
  placeRecipe,
  removeAbraDir,
  checkBackendSettings,
  buildBackend,
  buildRunEnv,
  parseEnvFile
};
