import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);
import {
  readReadinessSettings,
  sensitiveHeaderValues
} from "./readiness-settings-60a6ac44.js";
import {
  SshFailure,
  classifySshError,
  openSshSession,
  preparsePrivateKey
} from "./ssh-session-019b14d3.js";
import {
  Timeline,
  runHttpChecks
} from "./http-probe-3bad484c.js";
import {
  backoffDelay
} from "./shared-backoff-e8835d09.js";
import {
  boundOf,
  stepDeadline
} from "./platform-job-deadline-bccb0779.js";
import {
  runnerTemp
} from "./platform-run-origin-98ca828c.js";
import {
  abortableSleep
} from "./shared-sleep-31158bea.js";
import {
  Report
} from "./yaml-80979275.js";
import {
  CancelledError,
  formatDuration,
  getErrorMessage
} from "./shared-duration-7abedc94.js";

// src/readiness/diagnostics.ts
var DIAGNOSTICS_COMMAND = [
  'echo "== cloud-init status --long"; cloud-init status --long 2>&1',
  'echo "== tail /var/log/cloud-init-output.log"; tail -n 40 /var/log/cloud-init-output.log 2>&1',
  'echo "== sshd journal"; (journalctl -u ssh -u sshd -n 30 --no-pager 2>/dev/null || tail -n 30 /var/log/auth.log 2>&1)'
].join("; ");
async function collectDiagnostics(connect, target, timeoutMs) {
  let session;
  try {
    session = await connect(target, timeoutMs);
    const result = await session.exec(DIAGNOSTICS_COMMAND, timeoutMs);
    return result.stdout + result.stderr;
  } catch (error) {
    return `no diagnostics: ${getErrorMessage(error)}`;
  } finally {
    session?.close();
  }
}

// src/readiness/gate.ts
import { getMaxListeners, setMaxListeners } from "node:events";

// src/readiness/cloud-init-status.ts
function interpretCloudInitStatus(exitCode, output) {
  if (exitCode === 127)
    return { state: "absent", errors: [], detail: "cloud-init is not installed" };
  const json = parseJsonObject(output);
  if (json === void 0) {
    return {
      state: "unknown",
      errors: [],
      detail: firstLine(output) || `exit code ${String(exitCode)}`
    };
  }
  const status = typeof json.status === "string" ? json.status : "";
  const extended = typeof json.extended_status === "string" ? json.extended_status : "";
  const detail = typeof json.detail === "string" ? json.detail : "";
  switch (status) {
    case "not run":
    case "not started":
      return { state: "not-started", errors: [], detail };
    case "running":
      return { state: "running", errors: [], detail };
    case "disabled":
      return { state: "disabled", errors: [], detail };
    case "error":
      return { state: "error", errors: stringList(json.errors), detail };
    case "done":
      if (extended.startsWith("degraded") || exitCode === 2) {
        return { state: "degraded", errors: recoverableErrors(json.recoverable_errors), detail };
      }
      return { state: "done", errors: [], detail };
    default:
      return { state: "unknown", errors: [], detail: `unexpected status "${status}"` };
  }
}
function parseJsonObject(text) {
  const start = text.indexOf("{");
  const end = text.lastIndexOf("}");
  if (start === -1 || end < start) return void 0;
  try {
    const value = JSON.parse(text.slice(start, end + 1));
    return typeof value === "object" && value !== null ? value : void 0;
  } catch {
    return void 0;
  }
}
function stringList(value) {
  return Array.isArray(value) ? value.filter((v) => typeof v === "string") : [];
}
function recoverableErrors(value) {
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(
    ([level, lines]) => stringList(lines).map((line) => `${level}: ${line}`)
  );
}
function firstLine(text) {
  return text.trim().split("\n")[0] ?? "";
}
function doneFromStatusFile(statusJson) {
  const parsed = parseJsonObject(statusJson);
  const v1 = parsed?.v1;
  if (typeof v1 !== "object" || v1 === null) return void 0;
  const { stage: current } = v1;
  if (current !== void 0 && current !== null && current !== "") return void 0;
  for (const stage of Object.values(v1)) {
    if (typeof stage !== "object" || stage === null) continue;
    const {
      errors,
      recoverable_errors: recoverable,
      start,
      finished
    } = stage;
    if (Array.isArray(errors) && errors.length > 0) return void 0;
    if (typeof start === "number" && start !== 0 && !finished) return void 0;
    if (typeof recoverable === "object" && recoverable !== null) {
      if (Object.values(recoverable).some((list) => Array.isArray(list) && list.length > 0)) {
        return void 0;
      }
    }
  }
  return { state: "done", errors: [], detail: "result.json written, status.json lists no errors" };
}

// src/readiness/cloud-init-look.ts
var END = "__ci_end";
function cloudInitLookCommand(looks, intervalMs, root = "") {
  const rounds = Math.max(1, Math.floor(looks));
  const pause2 = (Math.max(1, intervalMs) / 1e3).toFixed(3);
  const lines = [
    "command -v cloud-init >/dev/null 2>&1 || { echo __ci=absent; exit 0; }",
    'c=; read -r c 2>/dev/null </proc/cmdline; c=" $c "; d=',
    'if [ -d /run/systemd/system ]; then case $c in *" cloud-init=enabled "*) ;; *)',
    ' if [ -e /etc/cloud/cloud-init.disabled ]; then d="by /etc/cloud/cloud-init.disabled"',
    ' else case $c in *" cloud-init=disabled "*) d="by the kernel command line";; esac; fi',
    ' if [ -z "$d" ] && [ -e /run/cloud-init/disabled ]; then d="by the cloud-init generator"; fi;;',
    "esac; fi",
    `n=${String(rounds)}`,
    "while :; do",
    " v=not-started",
    " if [ -e /run/cloud-init/status.json ]; then v=running; fi",
    " if [ -e /run/cloud-init/result.json ]; then v=finished; fi",
    ' if [ -n "$d" ]; then',
    '  if [ "$v" = not-started ]; then echo "__ci=disabled $d"; exit 0; fi',
    '  echo "__ci=undecided disabled $d, but cloud-init has written its status"; exit 0',
    " fi",
    ` if [ "$v" = finished ]; then echo __ci=finished; cat /run/cloud-init/status.json 2>/dev/null; echo; echo ${END}; exit 0; fi`,
    ' n=$((n-1)); if [ "$n" -le 0 ]; then echo "__ci=$v"; exit 0; fi',
    ` sleep ${pause2} 2>/dev/null || sleep 1`,
    "done"
  ];
  if (root === "") return lines.join("\n");
  return lines.join("\n").replace(/(?<=[\s<])\/(?=run\/|etc\/|proc\/)/g, `${root.replace(/\/$/, "")}/`);
}
function parseCloudInitLook(code, stdout) {
  const match = /^__ci=(\S+)(?: (.*))?$/m.exec(stdout);
  if (match === null) {
    if (code === null) return { kind: "cut" };
    return { kind: "unreadable", detail: firstLine2(stdout) || `exit code ${String(code)}` };
  }
  const verdict = match[1] ?? "";
  const rest = match[2] ?? "";
  const seen = (observation, pending = false) => ({
    kind: "seen",
    observation,
    pending
  });
  switch (verdict) {
    case "absent":
      return seen({ state: "absent", errors: [], detail: "no cloud-init command on the PATH" });
    case "disabled":
      return seen({ state: "disabled", errors: [], detail: `cloud-init disabled ${rest}`.trim() });
    case "running":
      return seen(
        { state: "running", errors: [], detail: "status.json without result.json" },
        true
      );
    case "not-started":
      return seen(
        { state: "not-started", errors: [], detail: "no status.json in /run/cloud-init" },
        true
      );
    case "undecided":
      return { kind: "undecided", detail: rest };
    case "finished": {
      const end = stdout.indexOf(END, match.index);
      if (end === -1) return { kind: "cut" };
      const statusJson = stdout.slice(match.index + match[0].length, end);
      const done = doneFromStatusFile(statusJson);
      return done ? seen(done) : { kind: "undecided", detail: "result.json written, status.json not a clean done" };
    }
    default:
      return { kind: "unreadable", detail: `unexpected answer "${verdict}"` };
  }
}
function firstLine2(text) {
  return text.trim().split("\n")[0] ?? "";
}

// src/readiness/gate-context.ts
var MIN_COMMAND_BUDGET_MS = 15e3;
function gateContext(target, settings, deps, signal, start) {
  const timeline = new Timeline(() => deps.now() - start);
  return {
    target,
    settings,
    deps,
    signal,
    start,
    timeline,
    policy: {
      firstMs: settings.intervalMs,
      capMs: Math.max(settings.intervalMs, 1e3),
      jitter: 0.5
    },
    failures: 0,
    outcome: {
      target,
      ready: false,
      stage: "connect",
      reason: "",
      lastError: void 0,
      hostKey: void 0,
      hostKeyText: void 0,
      cloudInit: void 0,
      sawCloudInitFinish: false,
      warnings: [],
      elapsedMs: 0,
      timeline: timeline.events
    }
  };
}
function remaining(ctx) {
  return ctx.start + ctx.settings.timeoutMs - ctx.deps.now();
}
function commandBudget(ctx) {
  const { connectTimeoutMs } = ctx.settings;
  return Math.max(1, Math.min(Math.max(connectTimeoutMs, MIN_COMMAND_BUDGET_MS), remaining(ctx)));
}
async function pause(ctx, ms) {
  await ctx.deps.sleep(Math.max(0, Math.min(ms, remaining(ctx))), ctx.signal);
}
function finish(ctx, ready, reason) {
  const { outcome } = ctx;
  outcome.ready = ready;
  outcome.reason = reason;
  outcome.elapsedMs = ctx.deps.now() - ctx.start;
  if (ready) outcome.stage = "ready";
  ctx.timeline.add(outcome.stage, ready ? "ready" : `failed: ${reason}`);
  return outcome;
}
async function openSession(ctx) {
  const { deps, outcome, signal, timeline } = ctx;
  try {
    const session = await deps.connect(ctx.target, {
      timeoutMs: Math.max(1, Math.min(ctx.settings.connectTimeoutMs, remaining(ctx))),
      signal
    });
    ctx.failures = 0;
    timeline.add(outcome.stage, `authenticated (host key ${session.hostKey})`);
    return session;
  } catch (error) {
    const failure = classifySshError(error);
    if (failure.kind === "aborted" || signal.aborted) throw cancelled(signal);
    outcome.lastError = failure.message;
    timeline.add(outcome.stage, failure.message);
    const attempt = failure.kind === "refused" ? 0 : ctx.failures++;
    await pause(
      ctx,
      backoffDelay(ctx.policy, attempt, () => deps.random())
    );
    return void 0;
  }
}
function timedOutReason(outcome) {
  const last = outcome.lastError ? `; last error: ${outcome.lastError}` : "";
  const ci = outcome.stage === "cloud-init" && outcome.cloudInit ? ` (cloud-init still ${outcome.cloudInit.state})` : "";
  return `timed out in stage ${outcome.stage}${ci}${last}`;
}
function cancelled(signal) {
  const reason = signal.reason;
  return reason instanceof CancelledError ? reason : new SshFailure("aborted", "cancelled");
}

// src/readiness/gate-cloud-init.ts
var CLOUD_INIT_PROBE = 'cloud-init status --format json 2>&1; echo "__rc=$?"; if [ -e /var/lib/cloud/instance/boot-finished ]; then echo __boot_finished; fi';
var FULL_PROBE_PERIOD_MS = 5e3;
var FULL_PROBE_PERIOD_SEEN_MS = 3e4;
var MIN_FULL_PROBE_GAP_MS = 1e3;
function parseCloudInitProbe(output) {
  const rc = /__rc=(\d+)/.exec(output);
  const code = rc ? Number(rc[1]) : null;
  const body = output.replace(/__rc=\d+[\s\S]*$/, "");
  const observation = interpretCloudInitStatus(code, body);
  if (observation.state === "unknown" && output.includes("__boot_finished")) {
    return { state: "done", errors: [], detail: "boot-finished marker present" };
  }
  return observation;
}
async function awaitCloudInit(ctx) {
  const { outcome, settings, signal } = ctx;
  const watch = {
    periodStart: void 0,
    lastFullAt: Number.NEGATIVE_INFINITY,
    looked: false,
    sawStatusFile: false
  };
  let session;
  try {
    while (remaining(ctx) > 0 && !signal.aborted) {
      session = session?.isOpen ? session : await openSession(ctx);
      if (!session) continue;
      if (settings.cloudInit === "skip") break;
      outcome.stage = "cloud-init";
      const watched = await watchOrCut(ctx, watch, session);
      if (watched === void 0) {
        session.close();
        session = void 0;
        continue;
      }
      const verdict = judgeCloudInit(ctx, watched.observation);
      if (verdict === "go-on") break;
      if (verdict !== "not-yet") return verdict;
      if (watched.full) await pause(ctx, settings.intervalMs);
    }
    if (!outcome.sawCloudInitFinish && settings.cloudInit !== "skip" && outcome.warnings.length === 0) {
      return finish(ctx, false, timedOutReason(outcome));
    }
    return void 0;
  } finally {
    session?.close();
  }
}
function judgeCloudInit(ctx, observation) {
  const { outcome, settings, timeline } = ctx;
  outcome.cloudInit = observation;
  timeline.add("cloud-init", observation.state);
  const state = observation.state;
  if (state === "absent" || state === "disabled") {
    const what = state === "absent" ? "not installed" : "disabled";
    if (settings.cloudInit === "require") {
      return finish(ctx, false, `cloud-init is required but ${what}`);
    }
    outcome.warnings.push(`cloud-init is ${what}; nothing to wait for`);
    return "go-on";
  }
  if (state === "error") {
    outcome.sawCloudInitFinish = true;
    const why = observation.errors.join("; ") || observation.detail;
    return finish(ctx, false, `cloud-init failed: ${why}`);
  }
  if (state === "done" || state === "degraded") {
    outcome.sawCloudInitFinish = true;
    const errors = observation.errors.join("; ");
    if (!settings.cloudInitAllow.has(state)) {
      return finish(
        ctx,
        false,
        `cloud-init finished ${state}, which cloud-init-allow does not accept: ${errors}`
      );
    }
    if (state === "degraded") outcome.warnings.push(`cloud-init finished degraded: ${errors}`);
    return "go-on";
  }
  return "not-yet";
}
async function watchOrCut(ctx, watch, open) {
  const { outcome, timeline } = ctx;
  try {
    const watched = await watchRound(ctx, watch, open);
    if (watched === void 0) {
      outcome.lastError = "the session ended during the cloud-init look";
      timeline.add("cloud-init", `look cut: ${outcome.lastError}`);
    }
    return watched;
  } catch (error) {
    outcome.lastError = classifySshError(error).message;
    timeline.add("cloud-init", `status poll cut: ${outcome.lastError}`);
    return void 0;
  }
}
async function watchRound(ctx, watch, open) {
  const { deps, settings } = ctx;
  const begun = deps.now();
  watch.periodStart ??= begun;
  const period = watch.sawStatusFile ? FULL_PROBE_PERIOD_SEEN_MS : FULL_PROBE_PERIOD_MS;
  const due = watch.periodStart + period;
  if (begun >= due) return { observation: await fullProbe(ctx, watch, open), full: true };
  const span = Math.min(due - begun, remaining(ctx) - settings.intervalMs);
  const looks = watch.looked ? Math.max(1, Math.ceil(span / settings.intervalMs)) : 1;
  watch.looked = true;
  const result = await open.exec(
    cloudInitLookCommand(looks, settings.intervalMs),
    Math.min(remaining(ctx), looks * settings.intervalMs + commandBudget(ctx))
  );
  const look = parseCloudInitLook(result.code, result.stdout);
  if (look.kind === "cut") return void 0;
  if (look.kind === "seen") {
    if (look.observation.state === "running") watch.sawStatusFile = true;
    if (look.pending && deps.now() - begun < looks * settings.intervalMs / 2) {
      await pause(ctx, settings.intervalMs);
    }
    return { observation: look.observation, full: false };
  }
  ctx.timeline.add("cloud-init", `look deferred to cloud-init status: ${look.detail}`);
  await pause(ctx, watch.lastFullAt + MIN_FULL_PROBE_GAP_MS - deps.now());
  return { observation: await fullProbe(ctx, watch, open), full: true };
}
async function fullProbe(ctx, watch, open) {
  const result = await open.exec(CLOUD_INIT_PROBE, commandBudget(ctx));
  watch.lastFullAt = ctx.deps.now();
  watch.periodStart = watch.lastFullAt;
  return parseCloudInitProbe(result.stdout + result.stderr);
}

// src/readiness/gate-settle.ts
async function settle(ctx) {
  const { deps, outcome, settings, signal, timeline } = ctx;
  outcome.stage = "settle";
  let inARow = 0;
  let lastStart = 0;
  let key;
  while (inARow < settings.settle && remaining(ctx) > 0 && !signal.aborted) {
    if (inARow > 0) await pause(ctx, settings.intervalMs - (deps.now() - lastStart));
    lastStart = deps.now();
    const fresh = await openSession(ctx);
    if (!fresh) {
      inARow = 0;
      continue;
    }
    try {
      await fresh.exec("true", commandBudget(ctx));
    } catch (error) {
      outcome.lastError = classifySshError(error).message;
      timeline.add("settle", `session failed: ${outcome.lastError}`);
      inARow = 0;
      continue;
    } finally {
      fresh.close();
    }
    if (key !== void 0 && fresh.hostKey !== key) {
      timeline.add("settle", `host key changed to ${fresh.hostKey}; settling again`);
      inARow = 0;
    }
    key = fresh.hostKey;
    outcome.hostKey = fresh.hostKey;
    outcome.hostKeyText = fresh.hostKeyText;
    inARow++;
  }
  return inARow >= settings.settle;
}
function judge(ctx, settled) {
  if (ctx.signal.aborted) throw cancelled(ctx.signal);
  if (!settled) return finish(ctx, false, timedOutReason(ctx.outcome));
  const { outcome } = ctx;
  return finish(
    ctx,
    true,
    outcome.sawCloudInitFinish ? `cloud-init ${outcome.cloudInit?.state ?? ""}` : "ready"
  );
}

// src/readiness/gate.ts
async function runGate(hosts, settings, deps, signal, start = deps.now()) {
  setMaxListeners(Math.max(getMaxListeners(signal), 10, hosts.length * 4), signal);
  return Promise.all(hosts.map((host) => gateHost(host, settings, deps, signal, start)));
}
async function gateHost(target, settings, deps, signal, start) {
  const ctx = gateContext(target, settings, deps, signal, start);
  const ended = await awaitCloudInit(ctx);
  if (ended) return ended;
  if (settings.cloudInit === "skip") {
    ctx.outcome.warnings.push("cloud-init was not checked (cloud-init: skip)");
  }
  return judge(ctx, await settle(ctx));
}

// src/readiness/gate-deps.ts
function realGateDeps(text) {
  const privateKey = preparsePrivateKey(text);
  return {
    connect: (target, options) => openSshSession({ target, privateKey, ...options }),
    now: () => Date.now(),
    sleep: abortableSleep,
    random: () => Math.random()
  };
}

// src/readiness/results.ts
import { mkdtempSync, writeFileSync } from "node:fs";
import { join } from "node:path";
function knownHostsLine(outcome) {
  if (outcome.hostKeyText === void 0) return void 0;
  const { host, port } = outcome.target;
  return `${port === 22 ? host : `[${host}]:${String(port)}`} ${outcome.hostKeyText}`;
}
function writeResultFiles(outcomes, checks, env) {
  const dir = mkdtempSync(join(runnerTemp(env), "recipe-ci-readiness-"));
  const knownHosts = join(dir, "known_hosts");
  const lines = outcomes.filter((o) => o.ready).map(knownHostsLine);
  writeFileSync(
    knownHosts,
    lines.filter((l) => l !== void 0).map((l) => `${l}
`).join(""),
    {
      mode: 420
    }
  );
  const report = join(dir, "report.json");
  const json = outcomes.map((o) => ({
    host: o.target.spec,
    ready: o.ready,
    stage: o.stage,
    reason: o.reason,
    lastError: o.lastError ?? null,
    hostKey: o.hostKey ?? null,
    cloudInit: o.cloudInit ?? null,
    sawCloudInitFinish: o.sawCloudInitFinish,
    warnings: o.warnings,
    elapsedMs: o.elapsedMs,
    timeline: o.timeline
  }));
  const http = checks.map((c) => ({
    url: c.check.label,
    passed: c.passed,
    reason: c.reason,
    status: c.status ?? null,
    attempts: c.attempts,
    elapsedMs: c.elapsedMs,
    timeline: c.timeline
  }));
  writeFileSync(report, `${JSON.stringify({ version: 1, hosts: json, http }, null, 2)}
`);
  return { knownHosts, report };
}
function readinessReport(outcomes, checks) {
  const ready = outcomes.filter((o) => o.ready).length;
  const report = new Report("recipe-ci readiness").text(
    `${String(ready)} of ${String(outcomes.length)} hosts ready`
  );
  report.table(
    ["host", "result", "stage", "after", "cloud-init", "host key", "detail"],
    outcomes.map((o) => [
      o.target.spec,
      o.ready ? "ready" : "NOT READY",
      o.stage,
      formatDuration(o.elapsedMs),
      o.cloudInit?.state ?? "-",
      o.hostKey ?? "-",
      [o.reason, ...o.warnings].filter(Boolean).join("; ")
    ])
  );
  if (checks.length > 0) {
    report.table(
      ["HTTP check", "result", "after", "attempts", "detail"],
      checks.map((c) => [
        c.check.label,
        c.passed ? "passed" : "FAILED",
        formatDuration(c.elapsedMs),
        String(c.attempts),
        c.reason
      ])
    );
  }
  for (const o of outcomes) {
    report.text(`${o.target.spec} timeline:
${o.timeline.map(timelineLine).join("\n")}`);
  }
  for (const c of checks) {
    report.text(`${c.check.label} timeline:
${c.timeline.map(timelineLine).join("\n")}`);
  }
  return report;
}
function timelineLine(event) {
  return `  +${formatDuration(event.atMs)} [${event.stage}] ${event.event}`;
}

// src/actions/readiness.ts
var DIAGNOSTICS_TIMEOUT_MS = 1e4;
var readiness = {
  name: "readiness",
  async main(context) {
    const { inputs, outputs, secrets, log, group, publish, signal } = context;
    const given = readReadinessSettings(inputs);
    const bound = boundOf(stepDeadline(context), given.gate.timeoutMs);
    if (bound.by === "deadline") log.info(`readiness: waiting at most ${bound.describe}`);
    const settings = { ...given, gate: { ...given.gate, timeoutMs: bound.ms } };
    secrets.add(settings.privateKey);
    for (const value of sensitiveHeaderValues(settings.http)) secrets.add(value);
    const deps = realGateDeps(settings.privateKey);
    const started = deps.now();
    const outcomes = await group(
      `Waiting for ${String(settings.hosts.length)} host(s)`,
      () => runGate(settings.hosts, settings.gate, deps, signal, started)
    );
    let checks = [];
    if (settings.http.length > 0 && outcomes.every((o) => o.ready)) {
      checks = await group(
        `HTTP checks (${String(settings.http.length)})`,
        () => runHttpChecks(settings.http, settings.gate, deps, signal, started)
      );
    } else if (settings.http.length > 0) {
      log.warning("HTTP checks were not run: not every host is ready");
    }
    const files = writeResultFiles(outcomes, checks, process.env);
    const ready = outcomes.filter((o) => o.ready);
    outputs.set("ready-hosts", ready.map((o) => o.target.spec).join("\n"));
    outputs.set("known-hosts", files.knownHosts);
    outputs.set("host-keys", Object.fromEntries(ready.map((o) => [o.target.spec, o.hostKey])));
    outputs.set("elapsed-seconds", ((deps.now() - started) / 1e3).toFixed(1));
    outputs.set("report", files.report);
    await publish(readinessReport(outcomes, checks));
    for (const outcome of outcomes) {
      for (const warning of outcome.warnings) log.warning(`${outcome.target.spec}: ${warning}`);
      if (outcome.ready && !outcome.sawCloudInitFinish) {
        log.warning(
          `${outcome.target.spec}: ready WITHOUT having seen cloud-init finish \u2014 later steps may race a boot that is still going on`
        );
      }
    }
    const failed = outcomes.filter((o) => !o.ready);
    for (const outcome of failed) {
      await group(`Diagnostics: ${outcome.target.spec}`, async () => {
        const found = await collectDiagnostics(
          (target, timeoutMs) => openSshSession({ target, privateKey: settings.privateKey, timeoutMs }),
          outcome.target,
          DIAGNOSTICS_TIMEOUT_MS
        );
        log.info(found);
      });
    }
    if (failed.length > 0) {
      throw new Error(
        `${String(failed.length)} of ${String(outcomes.length)} host(s) not ready: ${failed.map((o) => `${o.target.spec} (${o.reason})`).join("; ")}`
      );
    }
    const failedChecks = checks.filter((c) => !c.passed);
    if (failedChecks.length > 0) {
      throw new Error(
        `${String(failedChecks.length)} of ${String(checks.length)} HTTP check(s) failed: ${failedChecks.map((c) => `${c.check.label} (${c.reason})`).join("; ")}`
      );
    }
  }
};

export {
  readiness
};
