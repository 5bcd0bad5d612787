import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);
import {
  checkAbraVersion,
  checkDockerCli,
  httpHealthGate,
  loadRecipeConfig,
  readNotesAtTags
} from "./recipe-config-e15310e6.js";
import {
  BACKENDS,
  abraArgs,
  abraServerName,
  appEnvPath,
  appEnvRecipe,
  buildBackend,
  buildRunEnv,
  checkBackendSettings,
  domainResolves,
  exportTag,
  ignoredTagsNotice,
  listTags,
  majorBump,
  parseEnvFile,
  parseRecipeVersion,
  placeRecipe,
  publishedVersions,
  require_semver,
  runAbra,
  versionsBetween
} from "./semver-cd12f637.js";
import {
  RECIPE_NAME_HINT,
  isRecipeName
} from "./recipe-recipe-name-ed2dffb3.js";
import {
  runOrigin
} from "./platform-run-origin-98ca828c.js";
import {
  Report,
  describeEnd,
  runCommandLine,
  succeeded
} from "./yaml-80979275.js";
import {
  ConfigurationError,
  getErrorMessage
} from "./shared-duration-7abedc94.js";
import {
  __toESM
} from "./esbuild-runtime.js";

// src/actions/reconcile.ts
import { join as join3 } from "node:path";

// src/reconcile/reconcile.ts
var import_semver = __toESM(require_semver(), 1);
var HEALTHY_ON_LATEST = [
  "deployed-fresh",
  "noop-healthy",
  "redeployed-healthy",
  "upgraded"
];
var ALERTING = [
  "held-major",
  "held-manual-migration",
  "rolled-back",
  "unrecovered",
  "backup-failed"
];
var FAILING = ["unrecovered", "backup-failed"];
async function reconcile(inputs) {
  const latest = inputs.published[0];
  if (latest === void 0) throw new Error("reconcile needs at least one published version");
  const run = new ReconcileRun(inputs, latest);
  const { running } = inputs;
  if (running === void 0) return deployFirst(run, latest);
  if (import_semver.default.gte(running.recipe, latest.recipe)) return keepNewest(run, running, latest);
  const rejected = (await inputs.ledger.read()).rejected;
  if (rejected?.version === latest.tag && inputs.retryRejected !== true)
    return keepRejectedOut(run, running, latest, rejected);
  const step = await safeStep(run, running, latest, inputs);
  if ("hold" in step) return step.hold;
  if (rejected?.version === step.target.tag && inputs.retryRejected !== true)
    return keepRejectedOut(run, running, step.target, rejected);
  return upgradeOrRollBack(run, running, step.target, step.heldBack);
}
var ReconcileRun = class {
  constructor(inputs, latest) {
    this.inputs = inputs;
    this.latest = latest;
  }
  inputs;
  latest;
  steps = [];
  get app() {
    return this.inputs.app;
  }
  get ledger() {
    return this.inputs.ledger;
  }
  /** Records a step for the log and the report; returns whether it passed. */
  record(name, step) {
    const output = "results" in step ? step.results.map((r) => r.output.trimEnd()).filter(Boolean).join("\n") : "";
    const entry = { name, ok: step.ok, summary: step.summary, output };
    this.steps.push(entry);
    this.inputs.onStep?.(entry);
    return step.ok;
  }
  async deployAndGate(name, step) {
    return this.record(name, await step) && this.record(`health gate (${name})`, await this.app.health());
  }
  /**
   * Looks after the version that runs: a health check, and when it fails one redeploy of the
   * same version and its gate. Never more than one redeploy, never another version.
   */
  async healWhatRuns(tag) {
    if (this.record("health check", await this.app.health())) return "healthy";
    if (await this.deployAndGate(`redeploy ${tag}`, this.app.upgrade(tag))) return "redeployed";
    return "unrecovered";
  }
  async outcome(result, now, message, quoted = []) {
    const saved = await this.ledger.read();
    const diagnose = FAILING.includes(result) || result === "rolled-back";
    return {
      result,
      running: this.inputs.running?.tag,
      latest: this.latest.tag,
      now,
      lastGood: saved.lastGood,
      rejected: saved.rejected?.version === this.latest.tag ? saved.rejected : void 0,
      message,
      quoted,
      steps: this.steps,
      diagnostics: diagnose ? await this.app.diagnostics() : void 0
    };
  }
};
async function deployFirst(run, latest) {
  if (await run.deployAndGate(`deploy ${latest.tag}`, run.app.deploy(latest.tag))) {
    await run.ledger.update({ lastGood: latest.tag });
    return run.outcome("deployed-fresh", latest.tag, `deployed ${latest.tag} and it is healthy`);
  }
  return run.outcome(
    "unrecovered",
    latest.tag,
    `the first deploy of ${latest.tag} is not healthy and there is no earlier version to go back to`
  );
}
async function keepNewest(run, running, latest) {
  const ahead = import_semver.default.gt(running.recipe, latest.recipe) ? ` (ahead of the newest published ${latest.tag})` : "";
  const lastGood = (await run.ledger.read()).lastGood ?? running.tag;
  const healed = await run.healWhatRuns(running.tag);
  if (healed === "unrecovered") {
    return run.outcome(
      "unrecovered",
      running.tag,
      `${running.tag}${ahead} is unhealthy and one redeploy did not help; a person is needed`
    );
  }
  if (healed === "healthy") {
    await run.ledger.update({ lastGood, rejected: void 0 });
    return run.outcome(
      "noop-healthy",
      running.tag,
      `${running.tag}${ahead} is running and healthy`
    );
  }
  await run.ledger.update({ lastGood: running.tag, rejected: void 0 });
  return run.outcome(
    "redeployed-healthy",
    running.tag,
    `${running.tag}${ahead} was unhealthy; one redeploy made it healthy`
  );
}
async function keepRejectedOut(run, running, latest, rejected) {
  const when = rejected.at === "" ? "before" : `at ${rejected.at}`;
  const why = `${latest.tag} was rolled back ${when} (${rejected.reason || "its health gate failed"}); it is not tried again until a newer release is published or retry-rejected is true`;
  const healed = await run.healWhatRuns(running.tag);
  if (healed === "unrecovered") {
    return run.outcome(
      "unrecovered",
      running.tag,
      `${running.tag} is unhealthy and one redeploy did not help (${why}); a person is needed`
    );
  }
  const state = healed === "healthy" ? "is running and healthy" : "was unhealthy; one redeploy made it healthy";
  return run.outcome("held-rejected", running.tag, `${running.tag} ${state}; ${why}`);
}
async function safeStep(run, running, latest, inputs) {
  const crossed = versionsBetween(inputs.published, running, latest);
  const flagged = (await inputs.notes(crossed)).filter((n) => n.flagged.length > 0);
  const flaggedTags = new Set(flagged.map((n) => n.tag));
  let target;
  let blocker;
  for (const version of [...crossed].reverse()) {
    const bump2 = majorBump(running, version);
    if (bump2 !== void 0 || flaggedTags.has(version.tag)) {
      blocker = bump2 ?? `the release notes of ${version.tag} ask for a person`;
      break;
    }
    target = version;
  }
  if (target?.tag === latest.tag) return { target, heldBack: void 0 };
  const bump = majorBump(running, latest);
  if (target !== void 0) {
    return {
      target,
      heldBack: {
        tag: latest.tag,
        why: blocker ?? "held",
        alert: bump === void 0 ? "held-manual-migration" : "held-major",
        quoted: flagged
      }
    };
  }
  if (bump !== void 0) {
    return {
      hold: await run.outcome(
        "held-major",
        running.tag,
        `${running.tag} \u2192 ${latest.tag} is a ${bump}; held for a person, nothing was changed`,
        flagged
      )
    };
  }
  const tags = flagged.map((n) => n.tag).join(", ");
  return {
    hold: await run.outcome(
      "held-manual-migration",
      running.tag,
      `${running.tag} \u2192 ${latest.tag}: the release notes of ${tags} ask for a person; held, nothing was changed`,
      flagged
    )
  };
}
async function upgradeOrRollBack(run, running, latest, heldBack) {
  const lastGood = running.tag;
  await run.ledger.update({ lastGood });
  const backup = await run.app.backup();
  if (!run.record("backup", backup)) {
    return run.outcome(
      "backup-failed",
      running.tag,
      `the backup before ${running.tag} \u2192 ${latest.tag} failed, so the upgrade was not started`
    );
  }
  if (await run.deployAndGate(`upgrade to ${latest.tag}`, run.app.upgrade(latest.tag))) {
    await run.ledger.update({ lastGood: latest.tag, rejected: void 0 });
    const held = heldBack === void 0 ? "" : `; ${heldBack.tag} is held for a person (${heldBack.why}), this is the newest safe step`;
    const done = await run.outcome(
      "upgraded",
      latest.tag,
      `upgraded ${running.tag} \u2192 ${latest.tag}; healthy${held}`,
      heldBack?.quoted ?? []
    );
    return heldBack === void 0 ? done : { ...done, heldBack };
  }
  await run.ledger.update({
    rejected: {
      version: latest.tag,
      at: (/* @__PURE__ */ new Date()).toISOString(),
      reason: run.steps.findLast((s) => !s.ok)?.summary ?? "its health gate failed"
    }
  });
  const restored = run.record(
    `restore the backup (${backup.location ?? "as the backend keeps it"})`,
    await run.app.restore(backup.location, lastGood)
  );
  const recovered = await run.deployAndGate(`redeploy ${lastGood}`, run.app.upgrade(lastGood));
  if (restored && recovered) {
    return run.outcome(
      "rolled-back",
      lastGood,
      `${latest.tag} failed its health gate; the backup was restored and ${lastGood} is healthy again; ${latest.tag} is rejected: later runs keep ${lastGood} until a newer release is published or retry-rejected is true`
    );
  }
  return run.outcome(
    "unrecovered",
    recovered ? lastGood : void 0,
    `${latest.tag} failed its health gate and the rollback to ${lastGood} did not recover (${restored ? "redeploy or health gate failed" : "the restore failed"}); a person is needed`
  );
}

// src/reconcile/alerts.ts
function alertTitle(domain, reason) {
  return `[recipe-ci] ${domain}: ${reason}`;
}
async function syncAlertIssues(api, domain, outcome, body) {
  const titles = new Map(ALERTING.map((reason2) => [alertTitle(domain, reason2), reason2]));
  const open = (await api.listOpen()).filter((issue) => titles.has(issue.title));
  const done = [];
  const reason = outcome.heldBack?.alert ?? outcome.result;
  if (ALERTING.includes(reason)) {
    const title = alertTitle(domain, reason);
    const existing = open.find((issue) => issue.title === title);
    if (existing === void 0) {
      done.push(`opened #${String(await api.create(title, body))} ${title}`);
    } else if (existing.body.trim() !== body.trim()) {
      await api.updateBody(existing.number, body);
      done.push(`updated #${String(existing.number)} ${title}`);
    } else {
      done.push(`#${String(existing.number)} ${title} already says this`);
    }
  }
  if (HEALTHY_ON_LATEST.includes(outcome.result) && outcome.heldBack === void 0) {
    for (const issue of open) {
      await api.close(
        issue.number,
        `${domain} is healthy on ${outcome.latest} (${outcome.result}); closing.`
      );
      done.push(`closed #${String(issue.number)} ${issue.title}`);
    }
  }
  return done;
}

// src/reconcile/abra-app.ts
var import_semver2 = __toESM(require_semver(), 1);
import { existsSync as existsSync2, readFileSync } from "node:fs";

// src/reconcile/command-app.ts
import { existsSync } from "node:fs";
import { join } from "node:path";
var RunningVersionError = class extends Error {
};
function commandApp(options) {
  const { config, signal } = options;
  const release = async (version) => {
    const dir = join(options.appDir, "releases", version.replace(/[^\w.+-]/g, "_"));
    if (!existsSync(dir)) await exportTag(options.recipePath, version, dir, { signal });
    return { version, dir };
  };
  const backendAt = async (version) => {
    const env = { ...options.env };
    if (version !== void 0) {
      const source = await release(version);
      env.RECIPE_CI_VERSION = version;
      env.RECIPE_CI_SOURCE = source.dir;
    }
    return buildBackend({
      backend: "command",
      recipe: options.recipe,
      recipePath: options.recipePath,
      domain: options.domain,
      config,
      env,
      signal,
      commandTimeoutMs: options.timeoutMs,
      healthTimeoutMs: config.health.timeoutMs
    });
  };
  const gate = httpHealthGate(config, options.env, signal);
  return {
    runningFrom: `${config.file} commands.version`,
    async runningVersion() {
      const command = config.commands.version;
      if (command === void 0)
        throw new RunningVersionError(`${config.file} gives no commands.version`);
      const result = await runCommandLine(command, {
        cwd: options.recipePath,
        env: options.env,
        timeoutMs: options.timeoutMs,
        signal
      });
      if (!succeeded(result)) {
        throw new RunningVersionError(
          `${config.file} commands.version ${describeEnd(result, "its time limit")}: ${result.output.trim().slice(-500)}`
        );
      }
      return result.lastLine === "" ? void 0 : result.lastLine;
    },
    deploy: async (version) => (await backendAt(version)).deploy(await release(version)),
    upgrade: async (version) => (await backendAt(version)).upgrade(await release(version)),
    backup: async () => (await backendAt(void 0)).backup(),
    restore: async (location, version) => (await backendAt(version)).restore(location),
    health: async () => {
      const http = await gate();
      if (!http.ok) return http;
      const own = await (await backendAt(void 0)).health();
      return { ok: own.ok, summary: `${http.summary}; ${own.summary}` };
    },
    diagnostics: async () => (await backendAt(void 0)).diagnostics()
  };
}

// src/reconcile/abra-app.ts
var UnknownAppError = class extends Error {
};
function runningFromEnvFile(text, recipe, file) {
  const line = appEnvRecipe(parseEnvFile(text));
  if (line === void 0) {
    throw new RunningVersionError(`${file} has no RECIPE= or TYPE=<recipe>:<version> line`);
  }
  if (line.recipe !== recipe) {
    throw new UnknownAppError(
      `${file} is an app of recipe ${line.recipe}, not ${recipe}; check the recipe and domain inputs`
    );
  }
  return line.version;
}
function abraApp(options) {
  const { recipe, domain, abraDir, signal } = options;
  const envFile = appEnvPath(abraDir, options.server, domain);
  const env = { ...process.env, ABRA_DIR: abraDir };
  const swarm = buildBackend({
    backend: "abra",
    recipe,
    recipePath: options.recipePath,
    domain,
    config: options.config,
    env: options.runEnv,
    signal,
    commandTimeoutMs: options.commandTimeoutMs,
    healthTimeoutMs: options.healthTimeoutMs,
    server: options.server,
    abraDir
  });
  const httpHealth = httpHealthGate(options.config, options.runEnv, signal);
  const running = () => {
    if (!existsSync2(envFile)) {
      throw new UnknownAppError(
        `there is no app ${domain} on server ${options.server} in ABRA_DIR ${abraDir} (no ${envFile}); create it first with abra app new ${recipe} -s ${options.server} -D ${domain} and abra app secret generate ${domain} -a, or fix the domain, server or abra-dir input`
      );
    }
    return runningFromEnvFile(readFileSync(envFile, "utf8"), recipe, envFile);
  };
  let placed = false;
  const placeOurRecipe = () => {
    if (placed) return;
    placeRecipe(abraDir, recipe, options.recipePath);
    placed = true;
  };
  const abra = async (args) => {
    const { ok, summary, result } = await runAbra(args, {
      abraDir,
      env,
      timeoutMs: options.commandTimeoutMs,
      signal
    });
    return { ok, summary, results: [result] };
  };
  let resolving;
  const deploy = async (version, force) => {
    const domainChecks = await (resolving ??= domainResolves(domain));
    return abra(abraArgs.deploy(domain, { version, force, domainChecks }));
  };
  return {
    runningFrom: envFile,
    runningVersion: () => Promise.resolve(running()),
    deploy: (version) => {
      placeOurRecipe();
      return deploy(version, false);
    },
    upgrade: (version) => {
      placeOurRecipe();
      const now = parseRecipeVersion(running() ?? "");
      const target = parseRecipeVersion(version);
      if (now && target && import_semver2.default.gt(target.recipe, now.recipe)) {
        return abra(abraArgs.upgrade(domain, version));
      }
      return deploy(version, true);
    },
    backup: async () => ({
      ...await abra(abraArgs.backupCreate(domain)),
      location: void 0
    }),
    restore: () => abra(abraArgs.restore(domain)),
    health: async () => {
      const own = await swarm.health();
      if (!own.ok) return own;
      const http = await httpHealth();
      return { ok: http.ok, summary: `${own.summary}; ${http.summary}` };
    },
    diagnostics: () => swarm.diagnostics()
  };
}

// src/reconcile/ledger.ts
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
var LedgerError = class extends Error {
};
function fileLedger(path, app) {
  let current;
  const read = async () => {
    if (current) return current;
    let text;
    try {
      text = await readFile(path, "utf8");
    } catch (error) {
      if (error.code !== "ENOENT") throw error;
      current = {
        version: 1,
        ...app,
        lastGood: void 0,
        port: void 0,
        rejected: void 0,
        updated: void 0
      };
      return current;
    }
    current = parseLedger(text, path, app);
    return current;
  };
  return {
    path,
    read,
    async update(change) {
      const before = await read();
      const after = { ...before, ...change };
      if (after.lastGood === before.lastGood && after.port === before.port && JSON.stringify(after.rejected) === JSON.stringify(before.rejected)) {
        return before;
      }
      after.updated = (/* @__PURE__ */ new Date()).toISOString();
      await mkdir(dirname(path), { recursive: true });
      const temporary = `${path}.${String(process.pid)}.tmp`;
      await writeFile(temporary, `${JSON.stringify(after, null, 2)}
`);
      await rename(temporary, path);
      current = after;
      return after;
    }
  };
}
function parseLedger(text, path, app) {
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    throw new LedgerError(`${path} is not JSON; fix or remove it (it only holds last-good)`);
  }
  const fields = typeof value === "object" && value !== null ? value : {};
  if (fields.version !== 1) {
    throw new LedgerError(`${path} has format ${String(fields.version)}, this version reads 1`);
  }
  if (fields.recipe !== app.recipe || fields.domain !== app.domain) {
    throw new LedgerError(
      `${path} belongs to ${String(fields.recipe)} at ${String(fields.domain)}, not ${app.recipe} at ${app.domain}; check the recipe and domain inputs`
    );
  }
  return {
    version: 1,
    recipe: app.recipe,
    domain: app.domain,
    lastGood: typeof fields.lastGood === "string" ? fields.lastGood : void 0,
    port: typeof fields.port === "number" ? fields.port : void 0,
    rejected: parseRejection(fields.rejected),
    updated: typeof fields.updated === "string" ? fields.updated : void 0
  };
}
function parseRejection(value) {
  if (typeof value !== "object" || value === null) return void 0;
  const { version, at, reason } = value;
  if (typeof version !== "string" || version === "") return void 0;
  return {
    version,
    at: typeof at === "string" ? at : "",
    reason: typeof reason === "string" ? reason : ""
  };
}

// src/reconcile/settings.ts
import { existsSync as existsSync3, statSync } from "node:fs";
import { homedir } from "node:os";
import { join as join2, resolve } from "node:path";
function readReconcileSettings(inputs, env) {
  const recipe = inputs.required("recipe", "give the recipe's name");
  if (!isRecipeName(recipe)) {
    inputs.fail("recipe", `"${recipe}" is not a recipe name; ${RECIPE_NAME_HINT}`);
  }
  const domain = inputs.required(
    "domain",
    "reconcile keeps one long-lived app current; give its domain (a generated one would be a new app every run)"
  ).toLowerCase();
  if (!/^[a-z0-9.-]+$/.test(domain)) inputs.fail("domain", `"${domain}" is not a domain name`);
  const recipePath = resolve(inputs.defaulted("recipe-path", inputs.string("recipe-path")));
  const backend = inputs.defaulted("backend", inputs.choice("backend", BACKENDS));
  const server = inputs.string("server");
  checkBackendSettings({ backend, server, machineGiven: false }, inputs);
  let appDir;
  let abraDir;
  if (backend === "command") {
    appDir = resolve(
      inputs.required(
        "app-dir",
        "with backend command, give the folder the long-lived app lives in (its data, releases and ledger)"
      )
    );
    if (!existsSync3(appDir) || !statSync(appDir).isDirectory()) {
      inputs.fail(
        "app-dir",
        `${appDir} is not a folder, so there is no such app here; create it (mkdir) to deploy the app there for the first time, or fix the path`
      );
    }
  } else {
    abraDir = resolve(inputs.string("abra-dir") ?? env.ABRA_DIR ?? join2(homedir(), ".abra"));
  }
  let issues;
  if (inputs.defaulted("alert-issues", inputs.boolean("alert-issues"))) {
    const token = inputs.secret("alert-token");
    if (token === void 0) {
      inputs.fail(
        "alert-token",
        "is required when alert-issues is true; pass ${{ github.token }} and give the job `issues: write`"
      );
    }
    const repository = runOrigin(env).repository ?? "";
    if (!/^[^/\s]+\/[^/\s]+$/.test(repository)) {
      inputs.fail(
        "alert-issues",
        "needs the repository (GITHUB_REPOSITORY, set by the runner) to open issues in; set it or turn alerts off"
      );
    }
    issues = { token, repository };
  }
  return {
    recipe,
    recipePath,
    backend,
    server: backend === "abra" ? server : void 0,
    configPath: resolve(recipePath, inputs.defaulted("config", inputs.string("config"))),
    envFile: inputs.string("env-file"),
    domain,
    appDir,
    abraDir,
    issues,
    retryRejected: inputs.defaulted("retry-rejected", inputs.boolean("retry-rejected"))
  };
}

// src/actions/reconcile.ts
var reconcileAction = {
  name: "reconcile",
  // No post step: the app is long-lived, and nothing of this run is left on the runner.
  async main(context) {
    const { outputs, log, publish, group } = context;
    const settings = readReconcileSettings(context.inputs, process.env);
    const config = await loadRecipeConfig(settings.configPath, settings.recipePath);
    const url = `https://${settings.domain}`;
    outputs.set("domain", settings.domain);
    outputs.set("url", url);
    const published = await readPublished(context, settings.recipePath);
    const { app, ledger, fixPort } = await openApp(context, settings, config, url);
    const running = await readRunning(app, published, settings);
    await fixPort();
    const latest = published[0];
    const saved = await ledger.read();
    log.info(
      `${settings.domain}: running ${running?.tag ?? "nothing"}, newest published ${latest.tag}, last good ${saved.lastGood ?? "none yet"}${saved.rejected ? `, rejected ${saved.rejected.version}` : ""}`
    );
    const outcome = await reconcile({
      app,
      published,
      running,
      ledger,
      retryRejected: settings.retryRejected,
      notes: (versions) => readNotesAtTags(settings.recipePath, versions, { signal: context.signal }),
      onStep: (step) => {
        log.info(`${step.ok ? "\u2713" : "\u2717"} ${step.name}: ${step.summary}`);
        if (!step.ok && step.output !== "") log.output(step.output);
      }
    });
    outputs.set("result", outcome.result);
    outputs.set("running-version", outcome.now ?? "");
    outputs.set("latest-version", outcome.latest);
    outputs.set("last-good", outcome.lastGood ?? "");
    outputs.set("rejected-version", outcome.rejected?.version ?? "");
    outputs.set("status", FAILING.includes(outcome.result) ? "failed" : "passed");
    const alerts = settings.issues ? await sendAlerts(context, settings, outcome) : [];
    await publish(reconcileReport(settings.recipe, settings.domain, outcome, alerts));
    if (outcome.diagnostics) {
      const diagnostics = outcome.diagnostics;
      await group("diagnostics", () => {
        log.info(diagnostics);
        return Promise.resolve();
      });
    }
    if (outcome.heldBack !== void 0) {
      log.warning(
        `${settings.domain}: ${outcome.heldBack.tag} held for a person (${outcome.heldBack.why}); moved to ${outcome.now ?? ""}, the newest safe version`
      );
    }
    if (ALERTING.includes(outcome.result) || outcome.result === "held-rejected") {
      log.warning(`${settings.domain}: ${outcome.result} \u2014 ${outcome.message}`);
    }
    if (FAILING.includes(outcome.result)) {
      throw new Error(`${settings.domain}: ${outcome.result} \u2014 ${outcome.message}`);
    }
  }
};
async function readPublished(context, recipePath) {
  const { inputs, signal, log } = context;
  let tags;
  try {
    tags = await listTags(recipePath, { signal });
  } catch (error) {
    if (signal.aborted) throw error;
    context.inputs.fail(
      "recipe-path",
      `is ${recipePath}, which is not a git checkout of the recipe (${getErrorMessage(error)})`
    );
  }
  const ignored = ignoredTagsNotice(tags);
  if (ignored !== void 0) log.notice(ignored);
  const published = publishedVersions(tags);
  if (published.length === 0) {
    inputs.fail(
      "recipe-path",
      `is ${recipePath}, which has no published version tags (like 1.2.0+3.4), so there is nothing to deploy; check out the recipe with its tags (actions/checkout with fetch-depth: 0)`
    );
  }
  return published;
}
function commandTimeoutOf(config) {
  return Math.max(...Object.values(config.tiers).map((t) => t.timeoutMs));
}
async function openApp(context, settings, config, url) {
  if (settings.backend === "abra") return openAbraApp(context, settings, config, url);
  if (settings.appDir === void 0) throw new Error("app-dir is checked with the inputs");
  const missing = ["version", "deploy", "backup", "restore"].filter(
    (op) => config.commands[op] === void 0
  );
  if (missing.length > 0) {
    throw new ConfigurationError(
      `${config.file}: reconcile with backend command needs commands.${missing.join(", commands.")} (version prints the running version's tag, nothing when not deployed).`
    );
  }
  const ledger = fileLedger(join3(settings.appDir, "recipe-ci-reconcile.json"), {
    recipe: settings.recipe,
    domain: settings.domain
  });
  const saved = await readLedger(ledger);
  const env = await buildRunEnv({
    recipe: settings.recipe,
    domain: settings.domain,
    url,
    stateDir: settings.appDir,
    candidateDir: settings.recipePath,
    configEnv: config.env,
    envFile: settings.envFile
  });
  if (saved.port !== void 0) env.RECIPE_CI_PORT = String(saved.port);
  const fixPort = async () => {
    await ledger.update({ port: Number(env.RECIPE_CI_PORT) });
  };
  const app = commandApp({
    recipe: settings.recipe,
    domain: settings.domain,
    config,
    recipePath: settings.recipePath,
    appDir: settings.appDir,
    env,
    signal: context.signal,
    timeoutMs: commandTimeoutOf(config)
  });
  return { app, ledger, fixPort };
}
async function openAbraApp(context, settings, config, url) {
  if (settings.abraDir === void 0 || settings.server === void 0) {
    throw new Error("abra-dir and server are checked with the inputs");
  }
  context.log.info(`abra ${await checkAbraVersion({ env: process.env, signal: context.signal })}`);
  context.log.info(await checkDockerCli({ env: process.env, signal: context.signal }));
  const { abraDir, server } = settings;
  const ledgerDir = join3(abraDir, "recipe-ci", abraServerName(server));
  const ledger = fileLedger(join3(ledgerDir, `${settings.domain}.json`), {
    recipe: settings.recipe,
    domain: settings.domain
  });
  await readLedger(ledger);
  const env = await buildRunEnv({
    recipe: settings.recipe,
    domain: settings.domain,
    url,
    stateDir: ledgerDir,
    candidateDir: settings.recipePath,
    configEnv: config.env,
    envFile: settings.envFile
  });
  const app = abraApp({
    recipe: settings.recipe,
    server,
    domain: settings.domain,
    abraDir,
    recipePath: settings.recipePath,
    config,
    runEnv: env,
    signal: context.signal,
    commandTimeoutMs: commandTimeoutOf(config),
    healthTimeoutMs: config.health.timeoutMs
  });
  return { app, ledger, fixPort: () => Promise.resolve() };
}
async function readLedger(ledger) {
  try {
    return await ledger.read();
  } catch (error) {
    if (error instanceof LedgerError) throw new ConfigurationError(`${error.message}.`);
    throw error;
  }
}
async function readRunning(app, published, settings) {
  let tag;
  try {
    tag = await app.runningVersion();
  } catch (error) {
    if (error instanceof UnknownAppError) throw new ConfigurationError(`${error.message}.`);
    if (error instanceof RunningVersionError) {
      throw new ConfigurationError(
        `the running version of the app cannot be read: ${error.message}; fix it so it prints the version's tag (nothing when not deployed).`
      );
    }
    throw error;
  }
  if (tag === void 0) return void 0;
  const version = parseRecipeVersion(tag);
  if (version === void 0) {
    const newest = published.slice(0, 3).map((v) => v.tag).join(", ");
    throw new ConfigurationError(
      `the running version of ${settings.recipe} read from ${app.runningFrom} is "${tag.slice(0, 80)}", which is not a version tag (published: ${newest}); fix what records it, or redeploy a published version by hand.`
    );
  }
  return version;
}
async function sendAlerts(context, settings, outcome) {
  const { log, platform } = context;
  if (settings.issues === void 0) return [];
  if (platform.apiUrl === void 0) {
    log.warning("alert-issues: the runner gives no API URL (GITHUB_API_URL); no issue was touched");
    return ["no API URL from the runner; no issue was touched"];
  }
  try {
    const { githubIssues } = await import("./platform-github-issues-65daecd8.js");
    const api = githubIssues({ ...settings.issues, apiUrl: platform.apiUrl });
    const body = reconcileReport("", settings.domain, outcome, []).toMarkdown();
    const done = await syncAlertIssues(api, settings.domain, outcome, body);
    for (const line of done) log.info(`alert issue: ${line}`);
    return done;
  } catch (error) {
    const message = `alert issue not updated: ${getErrorMessage(error)}`;
    log.warning(message);
    return [message];
  }
}
function reconcileReport(recipe, domain, outcome, alerts) {
  const report = new Report(
    recipe === "" ? `${domain}: ${outcome.result}` : `${recipe} reconcile \u2014 ${domain}: ${outcome.result}`
  );
  report.text(outcome.message);
  report.table(
    ["running before", "newest published", "running now", "last good"],
    [[outcome.running ?? "\u2014", outcome.latest, outcome.now ?? "unknown", outcome.lastGood ?? "\u2014"]]
  );
  if (outcome.rejected) {
    const { version, at, reason } = outcome.rejected;
    report.text(
      `Rejected: ${version} failed its health gate here${at === "" ? "" : ` (${at})`}: ${reason}. It is not tried again until a newer release is published or \`retry-rejected: true\`.`
    );
  }
  for (const notes of outcome.quoted) {
    report.text(
      `Release notes ${notes.tag} (${notes.path}):
${notes.flagged.map((l) => `> ${l}`).join("\n")}`
    );
  }
  if (outcome.steps.length > 0) {
    report.table(
      ["step", "ok", "summary"],
      outcome.steps.map((s) => [s.name, s.ok ? "yes" : "no", s.summary])
    );
  }
  for (const line of alerts) report.text(`Alert issue: ${line}`);
  return report;
}

export {
  reconcileAction
};
