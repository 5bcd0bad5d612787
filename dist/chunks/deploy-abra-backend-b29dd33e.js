import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);
import {
  RECIPE_NAME_HINT,
  isRecipeName
} from "./recipe-recipe-name-ed2dffb3.js";
import {
  generateAppDomain,
  isTargetName
} from "./targets-spec-2780765a.js";
import {
  describeEnd,
  runCommandLine,
  runProgram,
  succeeded
} from "./process-run-program-f113fc19.js";
import {
  abortableSleep
} from "./platform-job-deadline-e5be5c07.js";

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
  return new Promise((resolve2, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => {
        resolve2(port);
      });
    });
  });
}

// src/suite/backends.ts
import { existsSync as existsSync2, readFileSync as readFileSync3 } from "node:fs";
import { join as join4 } from "node:path";

// src/deploy/abra-backend.ts
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join as join2 } from "node:path";

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

// src/deploy/backend.ts
function limitNow(limit) {
  return typeof limit === "number" ? limit : limit();
}

// src/deploy/abra-lint.ts
function abraLintArgs(recipe) {
  return ["recipe", "lint", recipe, "--chaos", "--offline", "-n"];
}
function plainText(text) {
  return text.replace(/\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g, "").replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, "").replace(/\r+\n/g, "\n").replace(/\r/g, "\n");
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
    const [ref = "", rule = "", severity = "", satisfied = "", skipped = "", resolve2 = ""] = cells;
    return {
      ref,
      rule,
      severity: severity.toLowerCase(),
      satisfied: satisfied.includes("\u2705") ? true : satisfied.includes("\u274C") ? false : void 0,
      skipped: skipped.includes("\u2705"),
      resolve: resolve2
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
  const line = [options.abra ?? "abra", ...args].map(shellWord).join(" ");
  const result = await runProgram("script", ["-qec", line, "/dev/null"], {
    cwd: options.abraDir,
    // script runs the line with $SHELL; a login shell of the runner's choice could be anything.
    env: { ...options.env, SHELL: "/bin/sh" },
    timeoutMs: options.timeoutMs,
    signal: options.signal
  });
  if (result.spawnError !== void 0) {
    return {
      ok: false,
      summary: `abra recipe lint needs a terminal, which util-linux script gives it, and script could not start (${result.spawnError})`,
      results: [result]
    };
  }
  const limit = `${String(Math.round(options.timeoutMs / 1e3))}s`;
  return judgeAbraLint(`abra ${args.join(" ")}`, result, limit);
}
function shellWord(word) {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
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
   * Tasks of `stack` that swarm wants running but that are not Running yet. During a rolling
   * update `service ls` already counts 1/1 while the old task still runs and the new one is only
   * Ready, so the replica count alone passes a health gate before the new version serves.
   */
  async tasksNotRunning(stack) {
    const result = await this.query([
      "stack",
      "ps",
      stack,
      "--filter",
      "desired-state=running",
      "--format",
      "{{.Name}}	{{.CurrentState}}"
    ]);
    return lines(result).filter((line) => !/\tRunning\b/.test(line));
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

// src/recipe/git.ts
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
var ANSWER_CHARS = 16 * 1024 * 1024;
async function git(repo, args) {
  const result = await runProgram("git", ["-C", repo, ...args], { keepStdoutChars: ANSWER_CHARS });
  if (!succeeded(result)) {
    const why = result.stderr.trim() || describeEnd(result, "its time limit");
    throw new Error(`git ${args.join(" ")} failed in ${repo}: ${why}`);
  }
  return result.stdout;
}
async function listTags(repo) {
  return (await git(repo, ["tag", "--list"])).split("\n").filter(Boolean);
}
async function tagsAtHead(repo) {
  return (await git(repo, ["tag", "--points-at", "HEAD"])).split("\n").filter(Boolean);
}
async function fileAtTag(repo, tag, path) {
  try {
    return await git(repo, ["show", `refs/tags/${tag}:${path}`]);
  } catch {
    return void 0;
  }
}
async function exportTag(repo, tag, dir) {
  await mkdir(dir, { recursive: true });
  const scratch = await mkdtemp(join(tmpdir(), "recipe-ci-export-"));
  try {
    const archive = join(scratch, "tag.tar");
    await git(repo, ["archive", "--format=tar", `--output=${archive}`, `refs/tags/${tag}`]);
    const untar = await runProgram("tar", ["-x", "-f", archive, "-C", dir]);
    if (!succeeded(untar)) {
      const why = untar.stderr.trim() || describeEnd(untar, "its time limit");
      throw new Error(`tar -x of ${tag} into ${dir} failed: ${why}`);
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
async function commitFolder(dir) {
  await git(dir, ["init", "-q"]);
  await git(dir, ["add", "-A"]);
  await git(dir, [
    "-c",
    "user.name=recipe-ci",
    "-c",
    "user.email=recipe-ci@localhost",
    "commit",
    "-q",
    "--no-verify",
    "-m",
    "the candidate, as checked out"
  ]);
}

// src/deploy/abra-backend.ts
var DIAGNOSTICS_TIMEOUT_MS = 3e4;
var HEALTH_POLL_MS = 2e3;
var HEALTH_CONFIRM_MS = 1500;
function abraServerName(server) {
  return server === "local" ? "default" : server;
}
function appEnvPath(abraDir, server, domain) {
  return join2(abraDir, "servers", abraServerName(server), `${domain}.env`);
}
async function runAbra(args, options) {
  const { abraDir, env, timeoutMs, signal } = options;
  const result = await runProgram(options.abra ?? "abra", args, {
    cwd: abraDir,
    env,
    timeoutMs,
    signal
  });
  const ok = succeeded(result);
  const limit = `${String(Math.round(timeoutMs / 1e3))}s`;
  return { ok, summary: `abra ${args.join(" ")}: ${describeEnd(result, limit)}`, result };
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
  const steps = async (...commands) => {
    const results = [];
    const done = [];
    for (const command of commands) {
      if (typeof command === "function") {
        const step = await command();
        results.push(...step.results);
        if (!step.ok) return { ok: false, summary: step.summary, results };
        done.push(step.summary);
        continue;
      }
      const { ok, summary, result } = await abra(command);
      results.push(result);
      if (!ok) return { ok: false, summary, results };
      done.push(`abra ${command.slice(0, 2).join(" ")}`);
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
    return options.server === "local" ? ["server", "add", "--local", "-n"] : ["server", "add", options.server, "-n"];
  };
  const placeCandidate = async () => {
    placeRecipe(abraDir, recipe, options.candidateDir);
    if (existsSync(join2(options.candidateDir, ".git"))) {
      return { ok: true, summary: "recipe placed", results: [] };
    }
    try {
      await commitFolder(join2(abraDir, "recipes", recipe));
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
  const versionArgs = (source) => source.version === void 0 || folderRecipe && source.dir === options.candidateDir ? ["--chaos"] : [source.version];
  return {
    name: "abra",
    deploy: (source) => steps(
      addServer(),
      placeCandidate,
      ["app", "new", recipe, "-s", server, "-D", domain, ...versionArgs(source), "-n"],
      mergeEnv,
      ["app", "secret", "generate", domain, "-a", "-n"],
      ...source.version === void 0 ? [placeCandidate] : [],
      ["app", "deploy", domain, ...versionArgs(source), "-n"]
    ),
    upgrade: (source) => source.version === void 0 ? steps(placeCandidate, ["app", "deploy", domain, "--chaos", "--force", "-n"]) : steps(["app", "upgrade", domain, source.version, "-n"]),
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
      const step = await steps(["app", "backup", "create", domain, "-n"]);
      return { ...step, location: void 0 };
    },
    restore: () => steps(["app", "restore", domain, "-n"]),
    teardown: async () => {
      if (!existsSync(envFile)) {
        return { ok: true, summary: `no app ${domain} in this run's abra dir`, results: [] };
      }
      let deployed = true;
      try {
        deployed = (await swarm.services(stack)).length > 0;
      } catch {
      }
      return steps(...deployed ? [["app", "undeploy", domain, "-n"]] : [], [
        "app",
        "rm",
        domain,
        "--force",
        "-n"
      ]);
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
      const logs = await abra(["app", "logs", domain, "-n"], DIAGNOSTICS_TIMEOUT_MS);
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

// src/deploy/abra-ssh.ts
import { accessSync, constants, mkdirSync as mkdirSync2, readFileSync as readFileSync2, rmSync as rmSync2, writeFileSync as writeFileSync2 } from "node:fs";
import { delimiter, join as join3 } from "node:path";
function abraHomeOf(abraDir) {
  return `${abraDir}-home`;
}
function prepareAbraSsh(abraDir, sshConfigPath, env) {
  const home = abraHomeOf(abraDir);
  const sshDir = join3(home, ".ssh");
  const bin = join3(home, "bin");
  mkdirSync2(sshDir, { recursive: true, mode: 448 });
  mkdirSync2(bin, { recursive: true, mode: 448 });
  const config = join3(sshDir, "config");
  writeFileSync2(config, readFileSync2(sshConfigPath, "utf8"), { mode: 384 });
  const path = env.PATH ?? "";
  const ssh = findOnPath("ssh", path, bin);
  if (ssh === void 0) {
    throw new Error("no ssh on PATH: abra reaches a server over OpenSSH; install openssh-client");
  }
  writeFileSync2(
    join3(bin, "ssh"),
    `#!/bin/sh
# recipe-ci: the run's SSH config for every ssh abra and docker start.
exec ${shellQuote(ssh)} -F ${shellQuote(config)} "$@"
`,
    { mode: 448 }
  );
  return { HOME: home, PATH: `${bin}${delimiter}${path}` };
}
function removeAbraHome(abraDir) {
  rmSync2(abraHomeOf(abraDir), { recursive: true, force: true });
}
function findOnPath(name, path, skip) {
  for (const dir of path.split(delimiter)) {
    if (dir === "" || dir === skip) continue;
    const candidate = join3(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
    }
  }
  return void 0;
}
function shellQuote(value) {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

// src/deploy/command-backend.ts
function commandBackend(options) {
  const { config, signal } = options;
  const run = async (operation, source, extra = {}) => {
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
    deploy: async (source) => (await run("deploy", source)).step,
    upgrade: async (source) => (await run(config.commands.upgrade === void 0 ? "deploy" : "upgrade", source)).step,
    health: () => Promise.resolve({ ok: true, summary: "no backend health checks", results: [] }),
    backup: async () => {
      const { step, result } = await run("backup", void 0);
      return { ...step, location: result?.lastLine || void 0 };
    },
    restore: async (location) => (await run("restore", void 0, { RECIPE_CI_BACKUP: location ?? "" })).step,
    teardown: async () => config.commands.teardown === void 0 ? { ok: true, summary: "no teardown command", results: [] } : (await run("teardown", void 0)).step,
    diagnostics: async () => {
      if (config.commands.logs === void 0) return `${config.file} gives no commands.logs`;
      const { result } = await run("logs", void 0);
      return result?.output ?? "";
    },
    // Optional, unlike the operations above: a recipe without a linter is not a broken recipe.
    lint: async (candidate) => {
      if (config.commands.lint !== void 0) return (await run("lint", candidate)).step;
      const why = `${config.file} gives no commands.lint`;
      return { ok: true, summary: why, results: [], skipped: why };
    }
  };
}

// src/suite/backends.ts
function checkBackendInputs(settings, inputs) {
  const machineGiven = inputs.string("host") !== void 0;
  if (settings.backend === "abra" && settings.server === void 0 && !machineGiven) {
    inputs.fail(
      "server",
      "is required with backend: abra; give the server abra deploys to (a host abra reaches over SSH), or local for this runner"
    );
  }
  if (settings.backend === "abra" && settings.server !== void 0 && !/^[a-z0-9][a-z0-9.-]*$/i.test(settings.server)) {
    inputs.fail("server", `"${settings.server}" is not a host name; use a host name or local`);
  }
}
function serverOfMachine(settings, machineHost, inputs) {
  if (settings.backend !== "abra" || machineHost === void 0) return settings.server;
  if (settings.server === "local") {
    inputs.fail(
      "server",
      `is local, but host (${machineHost}) hands over a machine; give server empty or ${machineHost}, or no host`
    );
  }
  if (settings.server !== void 0 && settings.server !== machineHost) {
    inputs.fail(
      "server",
      `is ${settings.server}, but the machine handed over is ${machineHost}; give server empty or ${machineHost}`
    );
  }
  return machineHost;
}
function createBackend(context) {
  const { settings, config, env, signal, clock } = context;
  if (settings.backend === "command") {
    return {
      backend: commandBackend({ config, env, signal, timeoutMs: () => clock.limit() }),
      saved: { backend: "command" },
      commandEnv: {}
    };
  }
  const server = context.saved?.server ?? settings.server ?? "local";
  const abraDir = context.saved?.abraDir ?? join4(context.workDir, "abra");
  const sshEnv = server !== "local" && env.RECIPE_CI_SSH_CONFIG ? prepareAbraSsh(abraDir, env.RECIPE_CI_SSH_CONFIG, process.env) : void 0;
  return {
    backend: abraBackend({
      recipe: settings.recipe,
      server,
      domain: env.RECIPE_CI_DOMAIN ?? settings.domain,
      abraDir,
      candidateDir: settings.recipePath,
      // Post only tears down; the env file may be gone by then.
      appEnv: context.saved ? {} : appEnvSettings(config, settings.envFile),
      signal,
      commandTimeoutMs: () => clock.limit(),
      healthTimeoutMs: () => clock.limit(config.health.timeoutMs),
      ...sshEnv === void 0 ? {} : { sshEnv }
    }),
    saved: { backend: "abra", abraDir, server },
    commandEnv: { ABRA_DIR: abraDir, ...sshEnv }
  };
}
function appEnvSettings(config, envFile) {
  const fromFile = envFile === void 0 ? {} : parseEnvFile(readFileSync3(envFile, "utf8"));
  return { ...config.env, ...fromFile };
}
function disposeBackend(saved) {
  if (saved.backend === "abra" && saved.abraDir !== void 0) {
    removeAbraDir(saved.abraDir);
    removeAbraHome(saved.abraDir);
  }
}
function removeByHand(saved, env) {
  const domain = env.RECIPE_CI_DOMAIN ?? "<domain>";
  if (saved.backend === "abra") {
    const abraDir = saved.abraDir ?? "<abra dir>";
    const home = abraHomeOf(abraDir);
    const env2 = existsSync2(home) ? `HOME=${home} PATH=${home}/bin:$PATH ABRA_DIR=${abraDir}` : `ABRA_DIR=${abraDir}`;
    return `run export ${env2}; abra app undeploy ${domain} -n && abra app rm ${domain} --force -n (or let mode: janitor remove it)`;
  }
  return `run the recipe's teardown command with RECIPE_CI_STATE_DIR=${env.RECIPE_CI_STATE_DIR ?? ""}`;
}

// src/suite/settings.ts
import { resolve } from "node:path";

// src/recipe/tiers.ts
var TIERS = ["install", "upgrade", "backup", "restore", "custom", "lint"];
var OPT_IN_TIERS = /* @__PURE__ */ new Set(["lint"]);
var TIERS_WITHOUT_APP = /* @__PURE__ */ new Set(["lint"]);

// src/suite/settings.ts
var SUITE_MODES = ["run", "janitor", "reconcile"];
function readSuiteMode(inputs) {
  return inputs.defaulted("mode", inputs.choice("mode", SUITE_MODES));
}
function readSuiteSettings(inputs) {
  const recipe = inputs.required("recipe", "give the recipe's name");
  if (!isRecipeName(recipe)) {
    inputs.fail("recipe", `"${recipe}" is not a recipe name; ${RECIPE_NAME_HINT}`);
  }
  const tiers = /* @__PURE__ */ new Set();
  for (const tier of inputs.list("tiers")) {
    if (!TIERS.includes(tier)) {
      inputs.fail("tiers", `lists "${tier}", which is not a tier; choose from ${TIERS.join(", ")}`);
    }
    tiers.add(tier);
  }
  if (tiers.size === 0) inputs.fail("tiers", `is empty; choose from ${TIERS.join(", ")}`);
  const recipePath = resolve(inputs.defaulted("recipe-path", inputs.string("recipe-path")));
  return {
    recipe,
    recipePath,
    backend: inputs.defaulted("backend", inputs.choice("backend", ["abra", "command"])),
    server: inputs.string("server"),
    domain: appDomain(inputs, recipe),
    baseDomain: inputs.string("base-domain")?.toLowerCase(),
    configPath: resolve(recipePath, inputs.defaulted("config", inputs.string("config"))),
    tiers,
    previous: inputs.defaulted("previous", inputs.string("previous")),
    allowMajor: inputs.defaulted("allow-major", inputs.boolean("allow-major")),
    repeat: inputs.defaulted("repeat", inputs.integer("repeat", { min: 1, max: 20 })),
    failFast: inputs.defaulted("fail-fast", inputs.boolean("fail-fast")),
    envFile: inputs.string("env-file"),
    keep: inputs.defaulted("keep", inputs.choice("keep", ["never", "on-failure", "always"])),
    mode: readSuiteMode(inputs),
    target: readTarget(inputs)
  };
}
function readTarget(inputs) {
  const target = inputs.string("target");
  if (target !== void 0 && !isTargetName(target)) {
    inputs.fail("target", `"${target}" is not a target name; use letters, digits, ., _ and -`);
  }
  return target;
}
function appDomain(inputs, recipe) {
  const domain = inputs.string("domain");
  if (domain !== void 0) {
    if (!/^[a-z0-9.-]+$/i.test(domain)) inputs.fail("domain", `"${domain}" is not a domain name`);
    return domain.toLowerCase();
  }
  const base = inputs.string("base-domain");
  if (base === void 0) {
    inputs.fail(
      "base-domain",
      "is required when domain is not given; the app needs a domain to be deployed on"
    );
  }
  if (!/^[a-z0-9.-]+$/i.test(base)) inputs.fail("base-domain", `"${base}" is not a domain name`);
  return generateAppDomain(recipe, base);
}

export {
  TIERS,
  OPT_IN_TIERS,
  TIERS_WITHOUT_APP,
  stackName,
  Swarm,
  parseDockerTime,
  listTags,
  tagsAtHead,
  fileAtTag,
  exportTag,
  abraServerName,
  appEnvPath,
  runAbra,
  placeRecipe,
  abraBackend,
  buildRunEnv,
  parseEnvFile,
  commandBackend,
  checkBackendInputs,
  serverOfMachine,
  createBackend,
  disposeBackend,
  removeByHand,
  readSuiteMode,
  readSuiteSettings
};
