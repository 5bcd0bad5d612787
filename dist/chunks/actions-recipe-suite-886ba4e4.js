import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);
import {
  checkAbraVersion,
  checkDockerCli,
  checkoutReader,
  httpHealthGate,
  loadRecipeConfig,
  readNotesAtTags,
  readVersionNotes
} from "./recipe-config-e15310e6.js";
import {
  escapeXml,
  jobLinkOf
} from "./platform-run-links-e1f14709.js";
import {
  checkBackendInputs,
  createBackend,
  disposeBackend,
  readSuiteMode,
  readSuiteSettings,
  removeByHand,
  serverOfMachine
} from "./suite-backends-979c7991.js";
import {
  OPT_IN_TIERS,
  Swarm,
  TIERS,
  TIERS_WITHOUT_APP,
  VersionError,
  abraServerName,
  buildBackend,
  buildRunEnv,
  choosePrevious,
  exportTag,
  ignoredTagsNotice,
  lastCount,
  listTags,
  majorBump,
  parseDockerTime,
  parseEnvFile,
  parseRecipeVersion,
  publishedVersions,
  stackName,
  startingReleases,
  tagsAtHead,
  versionsBetween
} from "./semver-cd12f637.js";
import {
  failsRun,
  tierLabel
} from "./suite-tier-result-292ec093.js";
import {
  domainStem
} from "./targets-spec-2780765a.js";
import {
  jobOutcome
} from "./platform-job-outcome-916fe21d.js";
import {
  SshFailure,
  openSshSession
} from "./ssh-session-019b14d3.js";
import {
  parseHostTarget
} from "./readiness-hosts-9081ef0d.js";
import {
  JOB_SLACK_MS,
  boundOf,
  boundWithout,
  cleanupBound,
  recordedDeadline,
  stepDeadline
} from "./platform-job-deadline-bccb0779.js";
import {
  runnerTemp
} from "./platform-run-origin-98ca828c.js";
import {
  Report,
  WrapperState,
  describeEnd,
  require_dist,
  runCommandLine,
  runProgram,
  succeeded
} from "./yaml-80979275.js";
import {
  ConfigurationError,
  formatDuration,
  getErrorMessage
} from "./shared-duration-7abedc94.js";
import {
  __toESM
} from "./esbuild-runtime.js";

// src/actions/recipe-suite.ts
import { mkdirSync as mkdirSync2, mkdtempSync as mkdtempSync3, readFileSync as readFileSync2, rmSync as rmSync3 } from "node:fs";
import { join as join8 } from "node:path";

// src/suite/clock.ts
var TEARDOWN_BUDGET_MS = 5 * 6e4;
var DIAGNOSTICS_BUDGET_MS = 6e4;
var SuiteClock = class {
  constructor(deadline, slackMs = JOB_SLACK_MS, now = Date.now) {
    this.deadline = deadline;
    this.slackMs = slackMs;
    this.now = now;
    this.phase = this.makePhase("teardown", TEARDOWN_BUDGET_MS);
  }
  deadline;
  slackMs;
  now;
  phase;
  /** Starts a phase (a tier, `teardown`, `diagnostics`) with its own budget. */
  enter(name, budgetMs) {
    this.phase = this.makePhase(name, budgetMs);
    return this.phase;
  }
  /** The limit of the next command or wait: its own, or what is left of the phase. */
  limit(ownMs = Number.POSITIVE_INFINITY) {
    return Math.max(0, Math.min(ownMs, this.phase.endsAt - this.now()));
  }
  /** Whether the current phase's budget is used up. */
  spent() {
    return this.now() >= this.phase.endsAt;
  }
  get current() {
    return this.phase;
  }
  makePhase(name, budgetMs) {
    const startedAt = this.now();
    const bound = this.slackMs === 0 ? cleanupBound(this.deadline, budgetMs, startedAt) ?? boundWithout(budgetMs) : boundOf(this.deadline, budgetMs, name === "diagnostics" ? 0 : this.slackMs, startedAt);
    return { name, startedAt, endsAt: startedAt + bound.ms, bound };
  }
};

// src/suite/budget.ts
function planBudget(config, selected, repeat, deadline, now = Date.now(), upgradePaths = 1) {
  const attempt = [];
  for (const tier of TIERS) {
    const settings = config.tiers[tier];
    if (!selected.has(tier) || settings.notApplicable !== void 0) continue;
    attempt.push({
      item: tier,
      ms: settings.timeoutMs,
      source: settings.timeoutGiven ? `tiers.${tier}.timeout` : "default",
      ...tier === "upgrade" && upgradePaths > 1 ? { times: upgradePaths } : {}
    });
  }
  attempt.push({ item: "teardown", ms: TEARDOWN_BUDGET_MS, source: "fixed" });
  const once = [];
  const install2 = attempt.some((line) => line.item === "install");
  if (config.screenshot !== void 0 && install2) {
    once.push({
      item: "screenshot",
      ms: config.screenshot.timeoutMs,
      source: config.screenshot.timeoutGiven ? "screenshot.timeout" : "default"
    });
  }
  const perAttempt = sumOf(attempt);
  return {
    attempt,
    repeat,
    once,
    slackMs: JOB_SLACK_MS,
    totalMs: perAttempt * repeat + sumOf(once) + JOB_SLACK_MS,
    leftMs: deadline?.remainingMs(now),
    deadline
  };
}
function sumOf(lines) {
  return lines.reduce((sum, line) => sum + lineMs(line), 0);
}
function lineMs(line) {
  return line.ms * (line.times ?? 1);
}
function lineText(line) {
  const times = line.times === void 0 ? "" : ` \xD7 ${String(line.times)} paths`;
  return `${line.item} ${formatDuration(line.ms)}${times}`;
}
function budgetArithmetic(budget) {
  const perAttempt = sumOf(budget.attempt);
  const sum = budget.attempt.map(lineText).join(" + ");
  const times = budget.repeat > 1 ? `, \xD7 repeat ${String(budget.repeat)} = ${formatDuration(perAttempt * budget.repeat)}` : "";
  const once = budget.once.map((l) => `, + ${l.item} ${formatDuration(l.ms)}`).join("");
  return `${sum} = ${formatDuration(perAttempt)}${times}${once}, + slack ${formatDuration(budget.slackMs)} = ${formatDuration(budget.totalMs)}`;
}
function budgetProblem(budget, configFile) {
  if (budget.leftMs === void 0 || budget.totalMs <= budget.leftMs) return void 0;
  const longest = [...budget.attempt].filter((l) => l.item !== "teardown").sort((a, b) => lineMs(b) - lineMs(a))[0];
  const knobs = [
    fewerPaths(budget),
    longest ? `lower tiers.${longest.item}.timeout in ${configFile} (now ${formatDuration(longest.ms)})` : void 0,
    "select fewer tiers",
    budget.repeat > 1 ? `lower repeat (now ${String(budget.repeat)})` : void 0,
    "raise the job's timeout-minutes and job-timeout"
  ].filter((k) => k !== void 0);
  return `the plan needs ${formatDuration(budget.totalMs)} (${budgetArithmetic(budget)}), but ${formatDuration(Math.max(0, budget.leftMs))} is left of the job's ${budget.deadline?.from ?? "deadline"}; ${knobs.join(", or ")}`;
}
function fewerPaths(budget) {
  const paths = budget.attempt.find((line) => line.times !== void 0);
  if (paths?.times === void 0 || budget.leftMs === void 0) return void 0;
  const left = budget.leftMs;
  for (let n = paths.times - 1; n >= 1; n--) {
    const total = budget.totalMs - (paths.times - n) * paths.ms * budget.repeat;
    if (total <= left) return `use previous: last-${String(n)} (needs ${formatDuration(total)})`;
  }
  const one = budget.totalMs - (paths.times - 1) * paths.ms * budget.repeat;
  return `fewer upgrade paths alone will not do (previous: last-1 needs ${formatDuration(one)})`;
}
function budgetRows(budget) {
  const rows = budget.attempt.map((l) => [
    l.times === void 0 ? l.item : `${l.item} \xD7 ${String(l.times)} paths`,
    formatDuration(lineMs(l)),
    l.source
  ]);
  if (budget.repeat > 1) rows.push([`\xD7 repeat ${String(budget.repeat)}`, "", "repeat"]);
  for (const l of budget.once) rows.push([`${l.item} (once)`, formatDuration(l.ms), l.source]);
  rows.push(["slack (diagnostics, results, post)", formatDuration(budget.slackMs), "fixed"]);
  rows.push(["total", formatDuration(budget.totalMs), ""]);
  rows.push([
    "left of the job",
    budget.leftMs === void 0 ? "no deadline" : formatDuration(Math.max(0, budget.leftMs)),
    budget.deadline?.from ?? "give job-timeout to plan against the job"
  ]);
  return rows;
}

// src/suite/tier-context.ts
function freshApp() {
  return { deployed: void 0, seeded: false, backup: void 0 };
}
var Checks = class {
  list = [];
  /** Records a step; returns whether it passed. */
  add(name, step) {
    const results = step.results ?? [];
    this.list.push({
      name,
      status: step.ok ? "passed" : "failed",
      durationMs: results.reduce((sum, r) => sum + r.durationMs, 0),
      message: step.summary,
      output: results.map((r) => r.output).join("\n")
    });
    return step.ok;
  }
  blocked(name, message) {
    this.list.push({ name, status: "blocked", durationMs: 0, message, output: "" });
  }
};
var TierContext = class {
  constructor(tier, plan, deps, app, from) {
    this.tier = tier;
    this.plan = plan;
    this.deps = deps;
    this.app = app;
    this.from = from;
  }
  tier;
  plan;
  deps;
  app;
  from;
  checks = new Checks();
  get backend() {
    return this.deps.backend;
  }
  get config() {
    return this.deps.config;
  }
  /** Deploys `source` fresh and gates on health; the problem in words, or undefined. */
  async deployHealthy(source, label) {
    if (this.app.deployed !== void 0) {
      const down = await this.backend.teardown();
      if (!down.ok) {
        this.checks.add(`teardown before deploying ${label}`, down);
        const what = this.app.deployed === "unsettled" ? "app left unhealthy" : this.app.deployed;
        return `could not tear down the ${what} before deploying ${label}`;
      }
    }
    this.app.deployed = void 0;
    if (this.deps.signal.aborted) return `cancelled before deploying ${label}`;
    this.app.seeded = false;
    this.app.backup = void 0;
    this.app.deployed = "unsettled";
    if (!this.checks.add(`deploy ${label}`, await this.backend.deploy(source)))
      return `deploy of ${label} failed`;
    if (!await this.healthy(`health after deploying ${label}`))
      return `${label} did not become healthy`;
    this.app.deployed = label === "candidate" ? "candidate" : "previous";
    return void 0;
  }
  /** The backend's own wait first (replicas), then the recipe's HTTP checks. */
  async healthy(name) {
    const backendHealth = await this.backend.health();
    if (!this.checks.add(`${name} (${this.backend.name})`, backendHealth)) return false;
    return this.checks.add(name, await this.deps.httpHealth());
  }
  /** Runs a data hook of the config; a hook the recipe does not declare passes. */
  async hook(name) {
    const command = this.config.data[name];
    if (command === void 0) return true;
    return this.command(`data ${name}`, command, void 0, `${name}: `);
  }
  /** Seeds the app's data unless an earlier tier of this attempt did. */
  async seedOnce() {
    if (this.app.seeded) return true;
    if (!await this.hook("seed")) return false;
    this.app.seeded = this.config.data.seed !== void 0;
    return true;
  }
  /**
   * A recipe command line as a check of this tier: limited by its own timeout (a custom test's)
   * and by what is left of the tier's budget.
   */
  async command(check, line, ownMs, prefix = "") {
    const timeoutMs = this.deps.clock.limit(ownMs);
    const result = await runCommandLine(line, {
      cwd: this.deps.cwd,
      env: this.deps.env,
      timeoutMs,
      signal: this.deps.signal
    });
    const limit = `${String(Math.round(timeoutMs / 1e3))}s`;
    return this.checks.add(check, {
      ok: succeeded(result),
      summary: `${prefix}${describeEnd(result, limit)}`,
      results: [result]
    });
  }
  /** The candidate running and healthy: what backup, restore and custom start from. */
  async candidateReady() {
    if (this.app.deployed === "candidate") return void 0;
    const problem = await this.deployHealthy(this.plan.candidate, "candidate");
    return problem === void 0 ? void 0 : { status: "blocked", reason: problem };
  }
};

// src/suite/tier-runs.ts
import { existsSync, readdirSync, statSync } from "node:fs";
var failed = (reason) => ({ status: "failed", reason });
var blocked = (reason) => ({ status: "blocked", reason });
async function install(ctx) {
  const problem = await ctx.deployHealthy(ctx.plan.candidate, "candidate");
  return problem === void 0 ? { status: "passed", reason: "deployed once, healthy" } : failed(problem);
}
async function upgrade(ctx) {
  const { plan, app } = ctx;
  if (plan.upgradeBlocked !== void 0) return blocked(plan.upgradeBlocked);
  if (plan.held !== void 0) return { status: "held", reason: plan.held };
  if ("none" in plan.previous) return { status: "skipped", reason: plan.previous.none };
  const start = ctx.from ?? ("source" in plan.previous ? plan.previous : void 0);
  if (start === void 0) return { status: "skipped", reason: "no release to upgrade from" };
  let previous;
  try {
    previous = await start.source();
  } catch (error) {
    return blocked(`cannot get the previous version: ${error.message}`);
  }
  const label = previous.version ?? "previous";
  const problem = await ctx.deployHealthy(previous, label);
  if (problem !== void 0) return blocked(problem);
  if (!await ctx.seedOnce()) return blocked("seeding data failed");
  const upgraded = await ctx.backend.upgrade(plan.candidate);
  app.deployed = "unsettled";
  if (!ctx.checks.add(`upgrade ${label} \u2192 candidate`, upgraded))
    return failed(`upgrade from ${label} failed`);
  if (!await ctx.healthy("health after upgrade"))
    return failed(`not healthy after the upgrade from ${label}`);
  app.deployed = "candidate";
  if (!await ctx.hook("verify"))
    return failed(`data seeded on ${label} did not survive the upgrade`);
  const data = app.seeded ? ", data kept" : " (no data hooks: data not checked)";
  return { status: "passed", reason: `${label} \u2192 candidate${data}` };
}
async function backup(ctx) {
  const notReady = await ctx.candidateReady();
  if (notReady) return notReady;
  if (!await ctx.seedOnce()) return blocked("seeding data failed");
  const made = await ctx.backend.backup();
  if (!ctx.checks.add("backup create", made)) return failed("backup failed");
  const problem = backupProblem(made.location, ctx.backend.name);
  ctx.checks.add("backup exists and is not empty", {
    ok: problem === void 0,
    summary: problem ?? made.location ?? ""
  });
  if (problem !== void 0) return failed(problem);
  ctx.app.backup = made.location ?? "";
  return {
    status: "passed",
    reason: `backup at ${made.location ?? "the backend\u2019s default place"}`
  };
}
async function restore(ctx) {
  const { app, config } = ctx;
  if (app.backup === void 0 || app.deployed !== "candidate")
    return blocked("needs a backup from the backup tier of this run");
  if (config.data.mutate === void 0 || config.data.verify === void 0) {
    return {
      status: "skipped",
      reason: `${config.file} gives no data.mutate and data.verify to prove a restore`
    };
  }
  if (!await ctx.hook("mutate")) return blocked("mutating data failed");
  if (!ctx.checks.add("restore", await ctx.backend.restore(app.backup)))
    return failed("restore failed");
  if (!await ctx.healthy("health after restore")) return failed("not healthy after the restore");
  if (!await ctx.hook("verify")) return failed("the restore did not bring the data back");
  return { status: "passed", reason: "mutated data was brought back" };
}
async function custom(ctx) {
  const tests = ctx.config.custom;
  if (tests.length === 0)
    return { status: "skipped", reason: `${ctx.config.file} declares no custom tests` };
  const notReady = await ctx.candidateReady();
  if (notReady) return notReady;
  let failures = 0;
  let blocks = 0;
  for (const test of tests) {
    if (test.needsOidc && !ctx.plan.oidc) {
      ctx.checks.blocked(test.name, "needs OIDC settings, and no env-file with them was given");
      blocks++;
    } else if (!await ctx.command(test.name, test.run, test.timeoutMs)) {
      failures++;
    }
  }
  const of = (n) => `${String(n)} of ${String(tests.length)} custom tests`;
  if (failures > 0) return failed(`${of(failures)} failed`);
  if (blocks > 0) return blocked(`${of(blocks)} need OIDC, which is missing`);
  return { status: "passed", reason: `${String(tests.length)} custom tests passed` };
}
async function lint(ctx) {
  const step = await ctx.backend.lint(ctx.plan.candidate);
  if (step.skipped !== void 0) return { status: "skipped", reason: step.skipped };
  return ctx.checks.add("lint", step) ? { status: "passed", reason: step.summary } : failed(step.summary);
}
var TIER_RUNS = {
  install,
  upgrade,
  backup,
  restore,
  custom,
  lint
};
function backupProblem(location, backend) {
  if (location === void 0 || location === "") {
    return backend === "command" ? "the backup command printed no location on its last line" : void 0;
  }
  if (!existsSync(location))
    return backend === "command" ? `the backup ${location} does not exist` : void 0;
  const stats = statSync(location);
  const empty = stats.isDirectory() ? readdirSync(location).length === 0 : stats.size === 0;
  return empty ? `the backup ${location} is empty` : void 0;
}

// src/suite/engine.ts
async function runSuite(plan, deps) {
  const all = [];
  let stopped;
  for (let attempt = 1; attempt <= plan.repeat; attempt++) {
    if (attempt > 1 && stopped === void 0) stopped = await tearDownBetween(deps, attempt);
    const app = freshApp();
    let failedFast;
    for (const tier of TIERS) {
      if (OPT_IN_TIERS.has(tier) && !plan.selected.has(tier)) continue;
      for (const from of pathsOf(tier, plan, deps)) {
        const fromField = from === void 0 ? {} : { from: from.tag };
        const why = whyNotRun(tier, plan, deps, failedFast);
        if (why !== void 0) {
          all.push({ tier, attempt, ...fromField, ...notRun("skipped", why) });
        } else if (stopped !== void 0 && !TIERS_WITHOUT_APP.has(tier)) {
          all.push({ tier, attempt, ...fromField, ...notRun("blocked", stopped) });
        } else {
          const result = await runOneTier(tier, attempt, plan, deps, app, from);
          all.push(result);
          if (plan.failFast && failsRun(result, deps.config.tiers[tier].mayBlock !== void 0))
            failedFast = `fail-fast: ${tierLabel(result)} ${result.status}`;
        }
      }
    }
  }
  return all;
}
function upgradeRuns(plan) {
  if (!("paths" in plan.previous) || plan.previous.paths.length === 0) return [void 0];
  if (plan.held !== void 0 || plan.upgradeBlocked !== void 0) return [void 0];
  return plan.previous.paths;
}
function pathsOf(tier, plan, deps) {
  const runs = plan.selected.has(tier) && deps.config.tiers[tier].notApplicable === void 0;
  return tier === "upgrade" && runs ? upgradeRuns(plan) : [void 0];
}
function notRun(status, reason) {
  return { status, reason, durationMs: 0, checks: [] };
}
function whyNotRun(tier, plan, deps, failedFast) {
  const notApplicable = deps.config.tiers[tier].notApplicable;
  if (!plan.selected.has(tier)) return "not selected";
  if (notApplicable !== void 0) return `not applicable: ${notApplicable}`;
  if (failedFast !== void 0) return failedFast;
  if (deps.signal.aborted) return "cancelled";
  return void 0;
}
async function tearDownBetween(deps, attempt) {
  deps.clock.enter("teardown", TEARDOWN_BUDGET_MS);
  const down = await deps.backend.teardown();
  if (down.ok) return void 0;
  return `teardown after attempt ${String(attempt - 1)} failed: ${down.summary}`;
}
async function runOneTier(tier, attempt, plan, deps, app, from) {
  const started = Date.now();
  await deps.onTier?.(tier, attempt, "start", void 0, from?.tag);
  const budget = deps.clock.enter(tier, deps.config.tiers[tier].timeoutMs);
  const ctx = new TierContext(tier, plan, deps, app, from);
  let outcome = await TIER_RUNS[tier](ctx);
  if (outcome.status !== "passed" && deps.clock.spent() && !deps.signal.aborted) {
    outcome = { status: "failed", reason: timedOut(tier, budget.bound) };
  }
  const result = {
    tier,
    attempt,
    ...from === void 0 ? {} : { from: from.tag },
    ...outcome,
    durationMs: Date.now() - started,
    checks: ctx.checks.list
  };
  if (result.status === "failed" && !TIERS_WITHOUT_APP.has(tier)) {
    deps.clock.enter("diagnostics", DIAGNOSTICS_BUDGET_MS);
    result.diagnostics = await deps.backend.diagnostics();
  }
  await deps.onTier?.(tier, attempt, "end", result, from?.tag);
  return result;
}
function timedOut(tier, bound) {
  return bound.by === "own" ? `timed out after ${formatDuration(bound.ms)} (the tier's budget, tiers.${tier}.timeout)` : `timed out after ${bound.describe}`;
}

// src/suite/janitor.ts
import { mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
async function sweepApps(settings, options, config, { signal, log }) {
  const { baseDomain } = options;
  const sweep = { rows: [], leftovers: [] };
  const workDir = mkdtempSync(join(runnerTemp(), "recipe-ci-janitor-"));
  try {
    const abraDir = join(workDir, "abra");
    const backendFor = (app) => buildBackend({
      backend: settings.backend,
      recipe: settings.recipe,
      recipePath: settings.recipePath,
      domain: app.domain,
      config,
      env: {
        ...process.env,
        ...config.env,
        RECIPE_CI_RECIPE: settings.recipe,
        RECIPE_CI_DOMAIN: app.domain,
        RECIPE_CI_STATE_DIR: app.stateDir ?? "",
        RECIPE_CI_SOURCE: settings.recipePath
      },
      signal,
      commandTimeoutMs: 10 * 6e4,
      healthTimeoutMs: 0,
      server: settings.server ?? "local",
      abraDir
    });
    const swarm = settings.backend === "abra" ? serverSwarm(settings, signal) : void 0;
    const found = swarm !== void 0 ? await findAbraApps(swarm, settings.recipe, baseDomain) : await findCommandApps(settings, config, baseDomain, signal);
    const now = Date.now();
    for (const app of found) {
      const ageMs = now - app.createdAt.getTime();
      const age = Number.isNaN(ageMs) ? "unknown" : formatDuration(ageMs);
      const row = (result) => {
        sweep.rows.push({ domain: app.domain, age, result });
      };
      if (!(ageMs > options.maxAgeMs)) {
        row("kept (younger than max-age)");
        continue;
      }
      if (options.dryRun) {
        row("would remove (dry-run)");
        continue;
      }
      const backend = backendFor(app);
      const adopted = "adopt" in backend ? await backend.adopt() : void 0;
      const down = adopted && !adopted.ok ? adopted : await backend.teardown();
      for (const result of down.results) if (result.output.trim()) log(result.output.trimEnd());
      const remaining = down.ok && swarm !== void 0 ? await objectsOf(swarm, app.domain) : [];
      if (down.ok && remaining.length === 0) row("removed");
      else {
        row(
          `NOT removed: ${down.ok ? `still on the server after abra app rm: ${remaining.join(", ")}` : down.summary}`
        );
        sweep.leftovers.push(app.domain);
      }
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  return sweep;
}
function ourDomain(name, recipe, baseDomain) {
  const match = /^([a-z0-9]{1,4})-([0-9a-f]{6})_/.exec(name);
  if (!match || match[1] !== domainStem(recipe)) return void 0;
  const domain = `${match[1]}-${match[2] ?? ""}.${baseDomain}`;
  return name.startsWith(`${stackName(domain)}_`) ? domain : void 0;
}
function serverSwarm(settings, signal) {
  const server = settings.server ?? "local";
  return new Swarm({
    docker: "docker",
    context: server === "local" ? void 0 : abraServerName(server),
    env: process.env,
    cwd: process.cwd(),
    signal
  });
}
var KINDS = ["service", "secret", "volume"];
async function objectsOf(swarm, domain) {
  const prefix = `${stackName(domain)}_`;
  const names = [];
  for (const kind of KINDS) {
    for (const name of await swarm.names(kind)) if (name.startsWith(prefix)) names.push(name);
  }
  return names;
}
async function findAbraApps(swarm, recipe, baseDomain) {
  const apps = /* @__PURE__ */ new Map();
  for (const kind of KINDS) {
    const byDomain = /* @__PURE__ */ new Map();
    for (const name of await swarm.names(kind)) {
      const domain = ourDomain(name, recipe, baseDomain);
      if (domain !== void 0) byDomain.set(domain, [...byDomain.get(domain) ?? [], name]);
    }
    for (const [domain, names] of byDomain) {
      for (const created of await swarm.createdAt(kind, names)) {
        const known = apps.get(domain);
        if (known === void 0 || created < known) apps.set(domain, created);
      }
    }
  }
  return [...apps].map(([domain, createdAt]) => ({ domain, createdAt }));
}
async function findCommandApps(settings, config, baseDomain, signal) {
  const result = await runCommandLine(config.commands.list ?? "", {
    cwd: settings.recipePath,
    env: {
      ...process.env,
      ...config.env,
      RECIPE_CI_RECIPE: settings.recipe,
      RECIPE_CI_BASE_DOMAIN: baseDomain
    },
    timeoutMs: 5 * 6e4,
    signal
  });
  if (!succeeded(result)) {
    throw new Error(`commands.list failed: ${result.output.trim()}`);
  }
  const pattern = new RegExp(
    `^${domainStem(settings.recipe)}-[0-9a-f]{6}\\.${baseDomain.replace(/\./g, "\\.")}$`
  );
  const apps = [];
  for (const line of result.output.split("\n")) {
    const [domain = "", created = "", stateDir] = line.trim().split(/\s+/);
    if (!pattern.test(domain)) continue;
    const createdAt = /^\d+$/.test(created) ? new Date(Number(created) * 1e3) : parseDockerTime(created);
    apps.push({ domain, createdAt, ...stateDir === void 0 ? {} : { stateDir } });
  }
  return apps;
}

// src/actions/recipe-suite-janitor.ts
async function janitorMain(context, settings, loadConfig) {
  const { inputs, log, signal } = context;
  const baseDomain = settings.baseDomain ?? inputs.fail("base-domain", "is required with mode: janitor; our apps are found under it");
  if (!/^[a-z0-9.-]+$/.test(baseDomain)) {
    inputs.fail("base-domain", `"${baseDomain}" is not a domain name`);
  }
  const options = {
    baseDomain,
    maxAgeMs: inputs.defaulted("max-age", inputs.duration("max-age", { min: 6e4 })),
    dryRun: inputs.defaulted("dry-run", inputs.boolean("dry-run"))
  };
  if (settings.backend === "abra") log.info(await checkDockerCli({ env: process.env, signal }));
  if (settings.backend === "abra" && !options.dryRun) {
    log.info(`abra ${await checkAbraVersion({ env: process.env, signal })}`);
  }
  const config = await loadConfig();
  if (settings.backend === "command" && config.commands.list === void 0) {
    throw new ConfigurationError(
      `${config.file} gives no commands.list; mode: janitor with backend: command needs it to find the apps (one "<domain> <created> [<state dir>]" a line)`
    );
  }
  const sweep = await sweepApps(settings, options, config, {
    signal,
    log: (line) => {
      log.info(line);
    }
  });
  const report = new Report(
    `recipe-suite janitor: ${settings.recipe} apps under ${baseDomain} older than ${formatDuration(options.maxAgeMs)}`
  );
  if (sweep.rows.length === 0) report.text("no apps of ours found");
  else
    report.table(
      ["app", "age", "result"],
      sweep.rows.map((r) => [r.domain, r.age, r.result])
    );
  await context.publish(report);
  if (sweep.leftovers.length > 0) {
    log.warning(`janitor could not remove: ${sweep.leftovers.join(", ")}; remove them by hand`);
  }
}

// src/suite/plan.ts
import { join as join3 } from "node:path";

// src/recipe/compose-version.ts
var import_yaml = __toESM(require_dist(), 1);
import { readFile } from "node:fs/promises";
import { join as join2 } from "node:path";
var LABEL = "coop-cloud.${STACK_NAME}.version";
async function composeVersion(recipePath) {
  const file = "compose.yml";
  let text;
  try {
    text = await readFile(join2(recipePath, file), "utf8");
  } catch (error) {
    if (error.code === "ENOENT") return { unknown: `no ${file}` };
    throw error;
  }
  const lines = new import_yaml.LineCounter();
  const doc = (0, import_yaml.parseDocument)(text, { lineCounter: lines, uniqueKeys: false });
  const lineOf = (node) => node?.range ? lines.linePos(node.range[0]).line : 1;
  if (doc.errors.length > 0) {
    const error = doc.errors[0];
    const line = error ? lines.linePos(error.pos[0]).line : 1;
    return {
      problem: `${file}:${String(line)} does not parse: ${error?.message.split("\n")[0] ?? ""}`
    };
  }
  const labels = doc.getIn(["services", "app", "deploy", "labels"], true);
  let value;
  if ((0, import_yaml.isSeq)(labels)) {
    value = labels.items.find(
      (item) => (0, import_yaml.isScalar)(item) && String(item.value).startsWith(`${LABEL}=`)
    );
  } else if ((0, import_yaml.isMap)(labels)) {
    const pair = labels.items.find((p) => (0, import_yaml.isScalar)(p.key) && String(p.key.value) === LABEL);
    value = pair?.value;
  }
  if (value === void 0 || !(0, import_yaml.isScalar)(value)) {
    return { unknown: `${file} has no ${LABEL} label on its app service` };
  }
  const raw = String(value.value);
  const literal = raw.startsWith(`${LABEL}=`) ? raw.slice(LABEL.length + 1) : raw;
  const where = `${file}:${String(lineOf(value))}`;
  if (literal.includes("${")) {
    return { unknown: `${where}: the version label is "${literal}", not a literal version` };
  }
  const version = parseRecipeVersion(literal);
  if (version === void 0) {
    return {
      problem: `${where}: the version label is "${literal}", which is not a <semver>+<app> version`
    };
  }
  return { version, where };
}

// src/suite/plan.ts
async function planRun(inputs) {
  const git = { signal: inputs.signal };
  const tags = await listTags(inputs.recipePath, git);
  const warnings = [];
  const ignored = ignoredTagsNotice(tags);
  if (ignored !== void 0) warnings.push(ignored);
  const tagged = (await tagsAtHead(inputs.recipePath, git)).map(parseRecipeVersion).find((v) => v !== void 0);
  const label = await composeVersion(inputs.recipePath);
  let candidate = tagged;
  let upgradeBlocked;
  if (tagged !== void 0) {
    if ("version" in label && label.version.tag !== tagged.tag) {
      warnings.push(
        `${label.where} says ${label.version.tag}, but HEAD is tagged ${tagged.tag}; the tag wins`
      );
    }
  } else if ("version" in label) {
    candidate = label.version;
  } else if ("problem" in label) {
    upgradeBlocked = label.problem;
  } else {
    warnings.push(`the candidate's version is unknown (no tag on HEAD; ${label.unknown})`);
  }
  const count = lastCount(inputs.previous);
  const walk = count === void 0 ? void 0 : await walkPaths(inputs, tags, candidate, count, upgradeBlocked !== void 0);
  const previous = walk ? walk.starts[0] : choosePrevious(candidate, tags, inputs.previous);
  const held = walk ? walk.held : previous === void 0 || upgradeBlocked !== void 0 ? void 0 : await holdReason(inputs, tags, previous, candidate);
  if (walk) warnings.push(...walk.warnings);
  const candidateSource = { version: tagged?.tag, dir: inputs.recipePath };
  const startOf = (version) => ({
    tag: version.tag,
    source: async () => {
      const dir = join3(inputs.workDir, `previous-${version.tag.replace(/[^\w.-]/g, "_")}`);
      await exportTag(inputs.recipePath, version.tag, dir, git);
      return { version: version.tag, dir };
    }
  });
  return {
    candidate,
    previous,
    // Only the paths that run: a held or blocked upgrade runs as one row, with no path.
    paths: walk && held === void 0 && upgradeBlocked === void 0 && walk.starts.length > 0 ? walk.starts.map((v) => v.tag) : void 0,
    notices: walk?.notices ?? [],
    plan: {
      selected: inputs.tiers,
      candidate: candidateSource,
      previous: previous === void 0 ? { none: "no published version older than the candidate to upgrade from" } : walk ? { paths: walk.starts.map(startOf) } : startOf(previous),
      held,
      upgradeBlocked,
      failFast: inputs.failFast,
      repeat: inputs.repeat,
      oidc: inputs.oidc
    },
    warnings
  };
}
async function walkPaths(inputs, tags, candidate, count, upgradeBlocked) {
  const releases = startingReleases(candidate, tags, count);
  const walk = { starts: [], held: void 0, warnings: [], notices: [] };
  for (const release of releases) {
    const hold = upgradeBlocked ? void 0 : await holdReason(inputs, tags, release, candidate);
    if (hold !== void 0 && walk.starts.length === 0) {
      return { ...walk, starts: [release], held: hold };
    }
    if (hold !== void 0) {
      walk.warnings.push(
        `previous: ${inputs.previous} stopped at ${release.tag}, whose path crosses a hold (${hold}); the paths from ${release.tag} and older releases are not tested`
      );
      return walk;
    }
    walk.starts.push(release);
  }
  if (releases.length < count) {
    const paths = releases.map((v) => v.tag).join(", ");
    walk.notices.push(
      `previous: ${inputs.previous} asks for ${String(count)} releases below the candidate, but ${String(releases.length)} ${releases.length === 1 ? "is" : "are"} published${releases.length > 0 ? `: testing the upgrade from ${paths}` : ""}`
    );
  }
  return walk;
}
async function holdReason(inputs, tags, previous, candidate) {
  if (inputs.allowMajor || candidate === void 0) return void 0;
  const reasons = [];
  const bump = majorBump(previous, candidate);
  if (bump) reasons.push(`${bump} from ${previous.tag} to ${candidate.tag}`);
  let flagged;
  try {
    flagged = await notesCrossed(inputs, tags, previous, candidate);
  } catch (error) {
    if (inputs.signal?.aborted) throw error;
    reasons.push(`the release notes could not be read (${getErrorMessage(error)})`);
    flagged = [];
  }
  for (const notes of flagged) {
    reasons.push(
      `release notes of ${notes.tag} (${notes.path}) say: ${notes.flagged.map((l) => `"${l}"`).join(" ")}`
    );
  }
  if (reasons.length === 0) return void 0;
  return `${reasons.join("; ")} \u2014 held for a person; set allow-major: true to run it`;
}
async function notesCrossed({ recipePath, signal }, tags, previous, candidate) {
  const published = versionsBetween(publishedVersions(tags), previous, candidate).filter(
    (v) => v.tag !== candidate.tag
  );
  const own = await readVersionNotes(candidate.tag, checkoutReader(recipePath));
  return [
    ...await readNotesAtTags(recipePath, published.reverse(), { signal }),
    ...own.map((note) => ({ tag: candidate.tag, ...note }))
  ].filter((n) => n.flagged.length > 0);
}

// src/suite/results.ts
import { writeFileSync } from "node:fs";
import { join as join4 } from "node:path";
function writeResults(dir, summary, redact) {
  const results = join4(dir, "results.json");
  writeFileSync(results, redact(`${JSON.stringify({ version: 1, ...summary }, null, 2)}
`));
  const junit = join4(dir, "junit.xml");
  writeFileSync(junit, redact(toJunit(summary)));
  return { results, junit };
}
function toJunit(summary) {
  const suites = summary.tiers.map((tier) => {
    const name = `${summary.recipe} ${tierLabel(tier)}${tier.attempt > 1 ? ` (attempt ${String(tier.attempt)})` : ""}`;
    const cases = tier.checks.length > 0 ? tier.checks.map((check) => {
      const body = check.status === "failed" ? `<failure message="${escapeXml(check.message)}">${escapeXml(check.output)}</failure>` : check.status === "passed" ? "" : `<skipped message="${escapeXml(check.message)}"/>`;
      return `    <testcase classname="${escapeXml(name)}" name="${escapeXml(check.name)}" time="${seconds(check.durationMs)}">${body}</testcase>`;
    }) : [
      // A tier with no checks (skipped, held) still shows, with its reason.
      `    <testcase classname="${escapeXml(name)}" name="${escapeXml(tier.tier)}" time="0">${tier.status === "failed" || tier.status === "blocked" ? `<failure message="${escapeXml(`${tier.status}: ${tier.reason}`)}"/>` : tier.status === "passed" ? "" : `<skipped message="${escapeXml(`${tier.status}: ${tier.reason}`)}"/>`}</testcase>`
    ];
    const failures = tier.checks.filter((c) => c.status === "failed").length;
    const skipped = tier.checks.filter(
      (c) => c.status !== "passed" && c.status !== "failed"
    ).length;
    return [
      `  <testsuite name="${escapeXml(name)}" tests="${String(Math.max(1, tier.checks.length))}" failures="${String(failures)}" skipped="${String(skipped)}" time="${seconds(tier.durationMs)}">`,
      ...cases,
      "  </testsuite>"
    ].join("\n");
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="recipe-ci ${escapeXml(summary.recipe)}">
${suites.join("\n")}
</testsuites>
`;
}
function suiteReport(summary) {
  const report = new Report(`recipe-ci: ${summary.recipe} ${summary.status}`).text(
    `${summary.candidate ?? "candidate (untagged)"} on ${summary.domain}` + upgradedFrom(summary)
  );
  report.table(
    ["tier", "attempt", "status", "duration", "reason"],
    summary.tiers.map((t) => [
      tierLabel(t),
      String(t.attempt),
      t.status,
      formatDuration(t.durationMs),
      t.reason
    ])
  );
  for (const notice of summary.notices ?? []) report.text(`\u2139 ${notice}`);
  for (const warning of summary.warnings ?? []) report.text(`\u26A0 ${warning}`);
  const shot = summary.screenshot;
  if (shot?.file !== void 0) report.text(`Screenshot of ${shot.url}: ${shot.file}`);
  if (shot?.error !== void 0) report.text(`\u26A0 no screenshot of ${shot.url}: ${shot.error}`);
  return report;
}
function upgradedFrom(summary) {
  if (summary.paths !== void 0 && summary.paths.length > 1) {
    return `, upgraded from each of ${summary.paths.join(", ")}`;
  }
  return summary.previous ? `, upgraded from ${summary.previous}` : "";
}
function seconds(ms) {
  return (ms / 1e3).toFixed(3);
}

// src/deploy/machine.ts
import { readFileSync, statSync as statSync2 } from "node:fs";
import { resolve } from "node:path";

// src/ssh/machine-access.ts
import { createHash } from "node:crypto";
import { writeFileSync as writeFileSync2 } from "node:fs";
import { join as join5 } from "node:path";
var SSH_ALIAS = "target";
function knownHostsName(host, port) {
  return port === 22 ? host : `[${host}]:${String(port)}`;
}
function pinnedKeysFor(knownHosts, host, port) {
  const name = knownHostsName(host, port);
  const keys = [];
  for (const raw of knownHosts.split("\n")) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || line.startsWith("@")) continue;
    const [names = "", type = "", blob = ""] = line.split(/\s+/);
    if (!names.split(",").includes(name) || blob === "") continue;
    const fingerprint = `SHA256:${createHash("sha256").update(Buffer.from(blob, "base64")).digest("base64").replace(/=+$/, "")}`;
    keys.push({ keyText: `${type} ${blob}`, fingerprint });
  }
  return keys;
}
function configValue(value) {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `"${value.replace(/(["\\])/g, "\\$1")}"`;
}
function sshClientConfig(access) {
  const lines = [
    "# Written by recipe-ci for one run: the provisioned machine with its pinned host key.",
    // Both names: `ssh target` for recipe commands, the address for `abra server add <address>`.
    `Host ${SSH_ALIAS} ${configValue(access.host)}`,
    `  HostName ${configValue(access.host)}`,
    `  Port ${String(access.port)}`,
    `  User ${configValue(access.user)}`,
    `  IdentityFile ${configValue(access.privateKeyPath)}`,
    "  IdentitiesOnly yes",
    `  UserKnownHostsFile ${configValue(access.knownHostsPath)}`,
    "  GlobalKnownHostsFile /dev/null",
    "  StrictHostKeyChecking yes",
    "  BatchMode yes",
    "  PasswordAuthentication no",
    "  ConnectTimeout 20",
    "  ServerAliveInterval 15"
  ];
  return `${lines.join("\n")}
`;
}
function writeSshClientConfig(dir, access) {
  const path = join5(dir, "ssh_config");
  writeFileSync2(path, sshClientConfig(access), { mode: 384 });
  return path;
}
var HostKeyChangedError = class extends Error {
  name = "HostKeyChangedError";
};
async function checkPinnedHostKey(access, pinned, privateKey, options) {
  const allowed = new Set(pinned.map((k) => k.fingerprint));
  let offered;
  const connect = options.connect ?? openSshSession;
  try {
    const session = await connect({
      target: { host: access.host, port: access.port, user: access.user },
      privateKey,
      timeoutMs: options.timeoutMs,
      ...options.signal ? { signal: options.signal } : {},
      acceptHostKey: (fingerprint) => {
        offered = fingerprint;
        return allowed.has(fingerprint);
      }
    });
    session.close();
    return session.hostKey;
  } catch (error) {
    if (offered !== void 0 && !allowed.has(offered)) {
      throw new HostKeyChangedError(
        `${knownHostsName(access.host, access.port)} shows host key ${offered}, not the pinned ${[...allowed].join(" or ")} from known-hosts; nothing was deployed. The machine changed after readiness: re-run readiness, or find out who answers on that address.`
      );
    }
    const why = error instanceof SshFailure ? `${error.kind}: ${error.message}` : String(error);
    throw new Error(
      `cannot reach ${access.user}@${knownHostsName(access.host, access.port)} with the run key (${why}); nothing was deployed`
    );
  }
}

// src/deploy/machine.ts
function readMachine(inputs) {
  const spec = inputs.string("host");
  if (spec === void 0) {
    for (const name of ["private-key-path", "known-hosts"]) {
      if (inputs.string(name) !== void 0) {
        inputs.fail(
          name,
          "is given without host; give host (provision's hosts output) too, or neither"
        );
      }
    }
    return void 0;
  }
  const target = parseHostTarget(spec, { user: inputs.string("user") ?? "root", port: 22 });
  if (typeof target === "string") inputs.fail("host", target);
  const keyPath = resolve(
    inputs.required("private-key-path", "give provision's private-key-path output, the run key")
  );
  const privateKey = readText(inputs, "private-key-path", keyPath);
  if ((statSync2(keyPath).mode & 63) !== 0) {
    inputs.fail(
      "private-key-path",
      `names a key that others can read; ssh refuses it: chmod 600 the file`
    );
  }
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(privateKey)) {
    inputs.fail(
      "private-key-path",
      "names a file that is not a private key (no BEGIN \u2026 PRIVATE KEY line)"
    );
  }
  const knownHostsPath = resolve(
    inputs.required("known-hosts", "give readiness's known-hosts output, the pinned host keys")
  );
  const pinned = pinnedKeysFor(
    readText(inputs, "known-hosts", knownHostsPath),
    target.host,
    target.port
  );
  if (pinned.length === 0) {
    inputs.fail(
      "known-hosts",
      `pins no key for ${knownHostsName(target.host, target.port)}; pass the known-hosts output of the readiness step that gated this host`
    );
  }
  return {
    access: {
      host: target.host,
      port: target.port,
      user: target.user,
      privateKeyPath: keyPath,
      knownHostsPath
    },
    pinned,
    privateKey
  };
}
function readText(inputs, name, path) {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    const code = error.code ?? "unreadable";
    return inputs.fail(name, `names a file that cannot be read (${code})`);
  }
}
async function handOverMachine(machine, workDir, signal) {
  const config = writeSshClientConfig(workDir, machine.access);
  await checkPinnedHostKey(machine.access, machine.pinned, machine.privateKey, {
    timeoutMs: 3e4,
    signal
  });
  return { RECIPE_CI_HOST: machine.access.host, RECIPE_CI_SSH_CONFIG: config };
}

// src/platform/secret-names.ts
var SECRET_PART = /(SECRET|PASSWORD|TOKEN|KEY)S?$/i;
var LOCATION_SUFFIX = /_(PATH|FILE|DIR|URL|URI|ENDPOINT|ID)$/i;
var MIN_NAMED_SECRET_LENGTH = 6;
function namesSecret(name) {
  if (LOCATION_SUFFIX.test(name)) return false;
  return name.split(/[_.-]/).some((part) => SECRET_PART.test(part));
}
function namedSecretValues(entries) {
  const values = [];
  for (const [name, value] of entries) {
    if (value === void 0 || !namesSecret(name)) continue;
    if (value.trim().length >= MIN_NAMED_SECRET_LENGTH) values.push(value.trim());
  }
  return values;
}

// src/screenshot/take.ts
import { writeFileSync as writeFileSync3 } from "node:fs";
import { isIP } from "node:net";
import { join as join7 } from "node:path";

// src/screenshot/browser.ts
import { accessSync, constants, mkdirSync, mkdtempSync as mkdtempSync2, rmSync as rmSync2, statSync as statSync3 } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join as join6 } from "node:path";
var BROWSER_VARIABLE = "RECIPE_CI_CHROMIUM";
var BROWSER_NAMES = [
  "chromium",
  "chromium-browser",
  "google-chrome",
  "google-chrome-stable"
];
var KILL_GRACE_MS = 2e3;
var SOCKET_PATH_MAX = 107;
var SOCKET_SUFFIX = "/org.chromium.Chromium.XXXXXX/SingletonSocket";
function findBrowser(env = process.env) {
  const chosen = env[BROWSER_VARIABLE]?.trim();
  if (chosen) {
    const path = chosen.includes("/") ? isExecutable(chosen) ? chosen : void 0 : onPath(chosen, env.PATH);
    return path === void 0 ? { error: `${BROWSER_VARIABLE}=${chosen} is not an executable file` } : { path };
  }
  for (const name of BROWSER_NAMES) {
    const path = onPath(name, env.PATH);
    if (path !== void 0) return { path };
  }
  return {
    error: `no browser found: none of ${BROWSER_NAMES.join(", ")} is on PATH; install one (Debian: apt-get install chromium) or set ${BROWSER_VARIABLE} to a Chromium or Chrome binary`
  };
}
function onPath(name, path) {
  for (const dir of (path ?? "").split(delimiter)) {
    if (dir === "") continue;
    const file = join6(dir, name);
    if (isExecutable(file)) return file;
  }
  return void 0;
}
function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return statSync3(file).isFile();
  } catch {
    return false;
  }
}
var BrowserError = class extends Error {
};
async function withBrowser(executable, options, use) {
  const home = mkdtempSync2(join6(tmpdir(), "recipe-ci-chromium-"));
  const roomy = join6(home, "tmp").length + SOCKET_SUFFIX.length <= SOCKET_PATH_MAX;
  let temp = join6(home, "tmp");
  const stop = new AbortController();
  let announced = () => void 0;
  const endpoint = new Promise((resolve2) => {
    announced = resolve2;
  });
  try {
    if (roomy) mkdirSync(temp);
    else temp = mkdtempSync2("/tmp/recipe-ci-chromium-");
    const program = runProgram(executable, browserArgs(home, options), {
      env: browserEnv(home, temp),
      signal: AbortSignal.any([options.signal, stop.signal]),
      timeoutMs: options.timeoutMs,
      killGraceMs: KILL_GRACE_MS,
      onLine: (line) => {
        const match = /DevTools listening on (ws:\/\/\S+)/.exec(line);
        if (match?.[1] !== void 0) announced(match[1]);
      }
    });
    const ended = program.then((result) => {
      throw new BrowserError(endOf(result, options.timeoutMs));
    });
    try {
      return await Promise.race([endpoint.then(use), ended]);
    } finally {
      stop.abort();
      await program;
    }
  } finally {
    for (const dir of [temp, home]) rmSync2(dir, { recursive: true, force: true, maxRetries: 3 });
  }
}
function browserArgs(home, options) {
  const { width, height } = options.viewport;
  const args = [
    "--headless=new",
    // Chromium refuses to start as root with its sandbox (CI runs as root), and the sandbox
    // needs unprivileged user namespaces that containers and Ubuntu 24.04's AppArmor deny. It
    // would guard nothing here anyway: the page is the recipe's own app, and the recipe's
    // commands already run on this runner with the same rights.
    "--no-sandbox",
    // DevTools on a loopback port of the kernel's choosing, announced on stderr.
    "--remote-debugging-port=0",
    `--user-data-dir=${join6(home, "profile")}`,
    `--window-size=${String(width)},${String(height)}`,
    // The test app's certificate is self-signed or from a staging CA: evidence, not a TLS check.
    "--ignore-certificate-errors",
    // Straight to the machine, as the health checks go; a runner's proxy cannot reach it.
    "--no-proxy-server",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-default-apps",
    "--disable-extensions",
    "--disable-sync",
    "--disable-breakpad",
    "--disable-crash-reporter",
    "--disable-dev-shm-usage",
    "--disable-features=Translate,MediaRouter,OptimizationHints",
    "--metrics-recording-only",
    "--password-store=basic",
    "--use-mock-keychain",
    "--force-color-profile=srgb",
    "--hide-scrollbars",
    "--mute-audio"
  ];
  if (options.hostMap !== void 0) {
    const { host, address } = options.hostMap;
    const target = address.includes(":") && !address.startsWith("[") ? `[${address}]` : address;
    args.push(`--host-resolver-rules=MAP ${host} ${target}`);
  }
  args.push("about:blank");
  return args;
}
function browserEnv(home, temp) {
  return {
    PATH: process.env.PATH,
    LANG: process.env.LANG ?? "C.UTF-8",
    HOME: home,
    TMPDIR: temp,
    XDG_CONFIG_HOME: join6(home, "config"),
    XDG_CACHE_HOME: join6(home, "cache"),
    XDG_DATA_HOME: join6(home, "data")
  };
}
function endOf(result, timeoutMs) {
  if (result.cancelled) return "cancelled";
  if (result.timedOut)
    return `the browser was stopped at the time limit (${formatDuration(timeoutMs)})`;
  if (result.spawnError !== void 0) return `the browser could not start (${result.spawnError})`;
  const lines = result.stderr.split("\n").map((line) => line.trim()).filter((line) => line !== "");
  const fatal = lines.find((line) => line.includes(":FATAL:"));
  const last = fatal ?? lines.slice(-3).join(" | ");
  return `the browser exited with ${String(result.code)}${last === "" ? "" : `: ${last}`}`;
}

// src/screenshot/take.ts
var SCREENSHOT_FILE = "screenshot.png";
var CAPTURE_RESERVE = { share: 0.1, maxMs: 2e3 };
var PageError = class extends Error {
};
async function takeScreenshot(options) {
  const { config, env, signal } = options;
  const url = config.url(env);
  const fail = (error) => ({ url, error });
  const cancelled = () => signal.aborted;
  if (cancelled()) return fail("cancelled");
  if (options.timeoutMs <= 0) return fail("no time left before the job's deadline");
  let target;
  try {
    target = new URL(url);
  } catch {
    return fail(`"${url}" is not a URL`);
  }
  const found = (options.browser ?? (() => findBrowser()))();
  if ("error" in found) return fail(found.error);
  const address = config.resolve(env);
  const host = target.hostname;
  const hostMap = address === void 0 || address === "" || isIP(host) !== 0 || address === host ? void 0 : { host, address };
  const endsAt = Date.now() + options.timeoutMs;
  const reserve = Math.min(CAPTURE_RESERVE.maxMs, options.timeoutMs * CAPTURE_RESERVE.share);
  const left = () => Math.max(1, endsAt - reserve - Date.now());
  try {
    const png = await withBrowser(
      found.path,
      { hostMap, viewport: config.viewport, timeoutMs: options.timeoutMs, signal },
      (endpoint) => capture(endpoint, url, config, left, reserve)
    );
    writeFileSync3(join7(options.dir, SCREENSHOT_FILE), png);
    return { file: SCREENSHOT_FILE, url };
  } catch (error) {
    if (cancelled()) return fail("cancelled");
    if (error instanceof PageError || error instanceof BrowserError) return fail(error.message);
    if (Date.now() >= endsAt) {
      return fail(`did not finish within ${formatDuration(options.timeoutMs)}`);
    }
    return fail(getErrorMessage(error));
  }
}
async function capture(endpoint, url, config, left, reserve) {
  const { connect, TimeoutError } = await import("./puppeteer-core-598ced86.js");
  const browser = await connect({
    browserWSEndpoint: endpoint,
    acceptInsecureCerts: true,
    defaultViewport: config.viewport,
    protocolTimeout: left() + reserve
  });
  try {
    const page = await browser.newPage();
    let response;
    try {
      response = await page.goto(url, { waitUntil: "load", timeout: left() });
    } catch (error) {
      if (error instanceof TimeoutError) {
        throw new PageError(`${url} did not load within ${formatDuration(left())}`);
      }
      throw new PageError(`${url} could not be opened: ${getErrorMessage(error)}`);
    }
    const status = response?.status();
    if (status !== void 0 && status >= 400) {
      throw new PageError(
        `${url} answered HTTP ${String(status)} ${response?.statusText() ?? ""}`.trim()
      );
    }
    const wait = config.waitFor;
    const waited = Date.now();
    try {
      if (wait !== void 0 && "selector" in wait) {
        await page.waitForSelector(wait.selector, { visible: true, timeout: left() });
      } else if (wait !== void 0) {
        await page.waitForFunction(
          `document.body !== null && document.body.innerText.includes(${JSON.stringify(wait.text)})`,
          { timeout: left() }
        );
      }
    } catch (error) {
      if (!(error instanceof TimeoutError)) throw error;
      const what = wait !== void 0 && "selector" in wait ? wait.selector : `text "${wait?.text ?? ""}"`;
      throw new PageError(
        `${what} was not shown on ${url} within ${formatDuration(Date.now() - waited)} (screenshot.wait-for)`
      );
    }
    return await page.screenshot({ type: "png" });
  } finally {
    await browser.disconnect();
  }
}

// src/actions/recipe-suite.ts
var STATE_RUN = "suite-run";
var recipeSuite = {
  name: "recipe-suite",
  async main(context) {
    switch (readSuiteMode(context.inputs)) {
      case "janitor": {
        const settings = readSuiteSettings(context.inputs);
        checkBackendInputs(settings, context.inputs);
        return janitorMain(context, settings, () => readConfig(settings));
      }
      case "run":
        return runMain(context);
    }
  },
  async post({ inputs, state, log }) {
    const saved = state.getJson(STATE_RUN);
    if (saved === void 0) {
      log.info("recipe-suite: no app was deployed, so there is nothing to remove");
      return;
    }
    try {
      await removeApp(inputs, state, log, saved);
    } finally {
      if (saved.env.RECIPE_CI_SSH_CONFIG) rmSync3(saved.env.RECIPE_CI_SSH_CONFIG, { force: true });
    }
  }
};
async function checkAbra(context) {
  const found = await checkAbraVersion({ env: process.env, signal: context.signal });
  context.log.info(`abra ${found}`);
  context.log.info(await checkDockerCli({ env: process.env, signal: context.signal }));
}
async function runMain(context) {
  const { inputs, outputs, state, log, group, publish, signal } = context;
  const given = readSuiteSettings(inputs);
  checkBackendInputs(given, inputs);
  if (given.backend === "abra") await checkAbra(context);
  if (given.envFile !== void 0) {
    const fromFile = parseEnvFile(readFileSync2(given.envFile, "utf8"));
    for (const value of namedSecretValues(Object.entries(fromFile))) context.secrets.add(value);
  }
  const machine = readMachine(inputs);
  const settings = { ...given, server: serverOfMachine(given, machine?.access.host, inputs) };
  const config = await readConfig(settings);
  const workDir = mkdtempSync3(join8(runnerTemp(), "recipe-ci-suite-"));
  let planned;
  let clock;
  try {
    planned = await planRun({
      recipePath: settings.recipePath,
      workDir,
      tiers: settings.tiers,
      previous: settings.previous,
      allowMajor: settings.allowMajor,
      failFast: settings.failFast,
      repeat: settings.repeat,
      oidc: settings.envFile !== void 0,
      signal
    });
    clock = await planTime(context, config, settings, upgradeRuns(planned.plan).length);
  } catch (error) {
    rmSync3(workDir, { recursive: true, force: true });
    if (error instanceof VersionError) inputs.fail("previous", error.message);
    throw error;
  }
  for (const notice of planned.notices) log.notice(notice);
  for (const warning of planned.warnings) log.warning(warning);
  const url = `https://${settings.domain}`;
  const stateDir = join8(workDir, "state");
  mkdirSync2(stateDir);
  const env = await buildRunEnv({
    recipe: settings.recipe,
    domain: settings.domain,
    url,
    stateDir,
    machine: machine && await handOverMachine(machine, workDir, signal),
    candidateDir: settings.recipePath,
    configEnv: config.env,
    envFile: settings.envFile
  });
  const { backend, saved, commandEnv } = createBackend({
    settings,
    config,
    env,
    signal,
    workDir,
    clock,
    onSecret: (value) => {
      context.secrets.add(value);
    }
  });
  state.setJson(STATE_RUN, {
    workDir,
    env: runVariables(env),
    backend: saved
  });
  outputs.set("domain", settings.domain);
  outputs.set("url", url);
  let screenshot;
  const tiers = await runSuite(planned.plan, {
    config,
    backend,
    httpHealth: httpHealthGate(config, env, signal, () => clock.limit(config.health.timeoutMs)),
    env: { ...env, ...commandEnv },
    cwd: settings.recipePath,
    signal,
    clock,
    onTier: async (tier, attempt, phase, result, from) => {
      if (phase === "start") {
        const label = tierLabel({ tier, from });
        log.info(`\u25B6 ${label}${settings.repeat > 1 ? ` (attempt ${String(attempt)})` : ""}`);
      }
      if (phase !== "end" || !result) return;
      await logTier(result, { log, group });
      if (config.screenshot && tier === "install" && attempt === 1 && result.status === "passed") {
        screenshot = await screenshotAfterInstall(config.screenshot, {
          env,
          workDir,
          clock,
          signal,
          log
        });
      }
    }
  });
  const failed2 = tiers.filter((t) => failsRun(t, config.tiers[t.tier].mayBlock !== void 0));
  const summary = {
    recipe: settings.recipe,
    backend: settings.backend,
    domain: settings.domain,
    url,
    candidate: planned.candidate?.tag ?? null,
    previous: planned.previous?.tag ?? null,
    ...planned.paths === void 0 ? {} : { paths: planned.paths },
    status: failed2.length === 0 ? "passed" : "failed",
    tiers,
    ...planned.warnings.length > 0 ? { warnings: planned.warnings } : {},
    ...planned.notices.length > 0 ? { notices: planned.notices } : {},
    ...screenshot === void 0 ? {} : { screenshot },
    ...settings.target === void 0 ? {} : { target: settings.target },
    ...jobOf(process.env)
  };
  const files = writeResults(workDir, summary, (text) => context.secrets.redact(text));
  const count = (status) => String(tiers.filter((t) => t.status === status).length);
  outputs.set("status", summary.status);
  outputs.set("results", files.results);
  outputs.set("junit", files.junit);
  outputs.set("screenshot", screenshot?.file === void 0 ? "" : join8(workDir, screenshot.file));
  outputs.set("passed", count("passed"));
  outputs.set("failed", count("failed"));
  outputs.set("skipped", count("skipped"));
  await publish(suiteReport(summary));
  for (const held of tiers.filter((t) => t.status === "held"))
    log.warning(`${tierLabel(held)} held: ${held.reason}`);
  signal.throwIfAborted();
  if (failed2.length > 0) {
    throw new Error(
      `${settings.recipe}: ${failed2.map((t) => `${tierLabel(t)} ${t.status} (${t.reason})`).join("; ")}`
    );
  }
}
async function planTime(context, config, settings, upgradePaths) {
  const deadline = stepDeadline(context);
  const budget = planBudget(
    config,
    settings.tiers,
    settings.repeat,
    deadline,
    Date.now(),
    upgradePaths
  );
  await context.publish(
    new Report("recipe-suite time plan").table(["item", "budget", "from"], budgetRows(budget))
  );
  const problem = budgetProblem(budget, config.file);
  if (problem !== void 0) throw new ConfigurationError(problem);
  return new SuiteClock(deadline);
}
async function screenshotAfterInstall(shot, run) {
  const started = Date.now();
  run.clock.enter("screenshot", shot.timeoutMs);
  const result = await takeScreenshot({
    config: shot,
    env: run.env,
    dir: run.workDir,
    timeoutMs: run.clock.limit(),
    signal: run.signal
  });
  const took = formatDuration(Date.now() - started);
  if (result.file !== void 0) {
    run.log.info(`screenshot of ${result.url}: ${join8(run.workDir, result.file)} (${took})`);
  } else {
    run.log.warning(`no screenshot of ${result.url}: ${result.error ?? "unknown"} (${took})`);
  }
  return result;
}
async function removeApp(inputs, state, log, saved) {
  const settings = readSuiteSettings(inputs);
  const outcome = jobOutcome(state.get(WrapperState.mainOutcome), process.env);
  const savedBackend = saved.backend ?? { backend: "command" };
  const byHand = removeByHand(savedBackend, saved.env);
  if (settings.keep === "always" || settings.keep === "on-failure" && outcome !== "success") {
    log.notice(
      `keeping ${saved.env.RECIPE_CI_DOMAIN ?? "the app"} (keep: ${settings.keep}, main: ${outcome}); to remove it, ${byHand}`
    );
    return;
  }
  const config = await readConfig(settings);
  const env = { ...process.env, ...saved.env };
  const clock = new SuiteClock(recordedDeadline(), 0);
  clock.enter("teardown", TEARDOWN_BUDGET_MS);
  const { backend } = createBackend({
    clock,
    settings: { ...settings, backend: savedBackend.backend },
    config,
    env,
    signal: new AbortController().signal,
    workDir: saved.workDir,
    saved: savedBackend
  });
  const down = await backend.teardown();
  for (const result of down.results) if (result.output !== "") log.output(result.output);
  if (!down.ok) throw new Error(`teardown failed (${down.summary}); to remove it, ${byHand}`);
  disposeBackend(savedBackend);
  log.info(`removed ${saved.env.RECIPE_CI_DOMAIN ?? "the app"}: ${down.summary}`);
}
function readConfig(settings) {
  return loadRecipeConfig(settings.configPath, settings.recipePath);
}
function runVariables(env) {
  return Object.fromEntries(
    Object.entries(env).filter(
      (entry) => entry[0].startsWith("RECIPE_CI_") && entry[1] !== void 0
    )
  );
}
function logTier(result, { log, group }) {
  return group(`${tierLabel(result)}: ${result.status} \u2014 ${result.reason}`, () => {
    for (const check of result.checks) {
      log.info(`\u2022 ${check.name}: ${check.status} \u2014 ${check.message}`);
      if (check.output.trim() !== "") log.output(check.output.trimEnd());
    }
    if (result.diagnostics) {
      log.info("diagnostics:");
      log.output(result.diagnostics);
    }
    return Promise.resolve();
  });
}
function jobOf(env) {
  const job = jobLinkOf(env);
  return job === void 0 ? {} : { job };
}

export {
  namedSecretValues,
  recipeSuite
};
