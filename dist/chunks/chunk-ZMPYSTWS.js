import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);
import {
  require_lib
} from "./chunk-BY5WDO2Y.js";
import {
  HttpSpecError,
  Timeline,
  parseHttpChecks,
  runHttpChecks
} from "./chunk-SBWRRKFW.js";
import {
  backoffDelay
} from "./chunk-CPRTCP4I.js";
import {
  abortableSleep
} from "./chunk-6FF6Q36Q.js";
import {
  CancelledError,
  Report,
  formatDuration
} from "./chunk-VBHXMJCA.js";
import {
  __toESM
} from "./chunk-VBRTJAEW.js";

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
    return `no diagnostics: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    session?.close();
  }
}

// src/readiness/gate.ts
import { getMaxListeners, setMaxListeners } from "node:events";

// src/ssh/failure.ts
var SshFailure = class extends Error {
  constructor(kind, message) {
    super(message);
    this.kind = kind;
  }
  kind;
  name = "SshFailure";
};
function classifySshError(error) {
  if (error instanceof SshFailure) return error;
  const e = error instanceof Error ? error : { message: String(error) };
  const code = typeof e.code === "string" ? e.code : "";
  const level = typeof e.level === "string" ? e.level : "";
  if (code === "ECONNREFUSED") return new SshFailure("refused", "connection refused");
  if (code === "ECONNRESET" || code === "EPIPE") return new SshFailure("reset", "connection reset");
  if (code === "EHOSTUNREACH" || code === "ENETUNREACH") {
    return new SshFailure("unreachable", `no route to host (${code})`);
  }
  if (code === "ETIMEDOUT") return new SshFailure("timeout", "connect timed out");
  if (level === "client-dns" || code === "ENOTFOUND" || code === "EAI_AGAIN") {
    return new SshFailure("dns", `name not resolved: ${e.message}`);
  }
  if (level === "client-authentication") {
    return new SshFailure("auth-denied", "publickey authentication denied");
  }
  if (/Host denied \(verification failed\)/.test(e.message)) {
    return new SshFailure("host-key-mismatch", "host key differs from the pinned one");
  }
  if (level === "client-timeout") return new SshFailure("timeout", e.message);
  if (level === "protocol" || level === "handshake" || /handshake|kex/i.test(e.message)) {
    return new SshFailure("handshake", `handshake failed: ${e.message}`);
  }
  if (/No response from server|Connection lost/i.test(e.message)) {
    return new SshFailure("reset", e.message);
  }
  return new SshFailure("other", e.message);
}

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
  const pause = (Math.max(1, intervalMs) / 1e3).toFixed(3);
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
    ` sleep ${pause} 2>/dev/null || sleep 1`,
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

// src/readiness/gate.ts
var CLOUD_INIT_PROBE = 'cloud-init status --format json 2>&1; echo "__rc=$?"; if [ -e /var/lib/cloud/instance/boot-finished ]; then echo __boot_finished; fi';
var FULL_PROBE_PERIOD_MS = 5e3;
var FULL_PROBE_PERIOD_SEEN_MS = 3e4;
var MIN_FULL_PROBE_GAP_MS = 1e3;
var MIN_COMMAND_BUDGET_MS = 15e3;
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
async function runGate(hosts, settings, deps, signal, start = deps.now()) {
  setMaxListeners(Math.max(getMaxListeners(signal), 10, hosts.length * 4), signal);
  return Promise.all(hosts.map((host) => gateHost(host, settings, deps, signal, start)));
}
async function gateHost(target, settings, deps, signal, start) {
  const deadline = start + settings.timeoutMs;
  const timeline = new Timeline(() => deps.now() - start);
  const remaining = () => deadline - deps.now();
  const commandBudget = () => Math.max(1, Math.min(Math.max(settings.connectTimeoutMs, MIN_COMMAND_BUDGET_MS), remaining()));
  const policy = {
    firstMs: settings.intervalMs,
    capMs: Math.max(settings.intervalMs, 1e3),
    jitter: 0.5
  };
  const outcome = {
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
  };
  let failures = 0;
  const finish = (ready, reason) => {
    outcome.ready = ready;
    outcome.reason = reason;
    outcome.elapsedMs = deps.now() - start;
    if (ready) outcome.stage = "ready";
    timeline.add(outcome.stage, ready ? "ready" : `failed: ${reason}`);
    return outcome;
  };
  const pause = async (ms) => {
    await deps.sleep(Math.max(0, Math.min(ms, remaining())), signal);
  };
  const connect = async () => {
    try {
      const session2 = await deps.connect(target, {
        timeoutMs: Math.max(1, Math.min(settings.connectTimeoutMs, remaining())),
        signal
      });
      failures = 0;
      timeline.add(outcome.stage, `authenticated (host key ${session2.hostKey})`);
      return session2;
    } catch (error) {
      const failure = classifySshError(error);
      if (failure.kind === "aborted" || signal.aborted) throw cancelled(signal);
      outcome.lastError = failure.message;
      timeline.add(outcome.stage, failure.message);
      const attempt = failure.kind === "refused" ? 0 : failures++;
      await pause(backoffDelay(policy, attempt, () => deps.random()));
      return void 0;
    }
  };
  let session;
  let periodStart;
  let lastFullAt = Number.NEGATIVE_INFINITY;
  let looked = false;
  let sawStatusFile = false;
  const fullDueAt = (start2) => start2 + (sawStatusFile ? FULL_PROBE_PERIOD_SEEN_MS : FULL_PROBE_PERIOD_MS);
  const fullProbe = async (open) => {
    const result = await open.exec(CLOUD_INIT_PROBE, commandBudget());
    lastFullAt = deps.now();
    periodStart = lastFullAt;
    return parseCloudInitProbe(result.stdout + result.stderr);
  };
  const watchCloudInit = async (open) => {
    const begun = deps.now();
    periodStart ??= begun;
    const due = fullDueAt(periodStart);
    if (begun >= due) return { observation: await fullProbe(open), full: true };
    const span = Math.min(due - begun, remaining() - settings.intervalMs);
    const looks = looked ? Math.max(1, Math.ceil(span / settings.intervalMs)) : 1;
    looked = true;
    const result = await open.exec(
      cloudInitLookCommand(looks, settings.intervalMs),
      Math.min(remaining(), looks * settings.intervalMs + commandBudget())
    );
    const look = parseCloudInitLook(result.code, result.stdout);
    if (look.kind === "cut") return void 0;
    if (look.kind === "seen") {
      if (look.observation.state === "running") sawStatusFile = true;
      if (look.pending && deps.now() - begun < looks * settings.intervalMs / 2) {
        await pause(settings.intervalMs);
      }
      return { observation: look.observation, full: false };
    }
    timeline.add("cloud-init", `look deferred to cloud-init status: ${look.detail}`);
    await pause(lastFullAt + MIN_FULL_PROBE_GAP_MS - deps.now());
    return { observation: await fullProbe(open), full: true };
  };
  try {
    while (remaining() > 0 && !signal.aborted) {
      session = session?.isOpen ? session : await connect();
      if (!session) continue;
      if (settings.cloudInit === "skip") break;
      outcome.stage = "cloud-init";
      const open = session;
      let observation;
      let full;
      try {
        const watched = await watchCloudInit(open);
        if (watched === void 0) {
          outcome.lastError = "the session ended during the cloud-init look";
          timeline.add("cloud-init", `look cut: ${outcome.lastError}`);
          open.close();
          session = void 0;
          continue;
        }
        ({ observation, full } = watched);
      } catch (error) {
        outcome.lastError = classifySshError(error).message;
        timeline.add("cloud-init", `status poll cut: ${outcome.lastError}`);
        open.close();
        session = void 0;
        continue;
      }
      outcome.cloudInit = observation;
      timeline.add("cloud-init", observation.state);
      const state = observation.state;
      if (state === "absent" || state === "disabled") {
        if (settings.cloudInit === "require") {
          return finish(
            false,
            `cloud-init is required but ${state === "absent" ? "not installed" : "disabled"}`
          );
        }
        outcome.warnings.push(
          `cloud-init is ${state === "absent" ? "not installed" : "disabled"}; nothing to wait for`
        );
        break;
      }
      if (state === "error") {
        outcome.sawCloudInitFinish = true;
        return finish(
          false,
          `cloud-init failed: ${observation.errors.join("; ") || observation.detail}`
        );
      }
      if (state === "done" || state === "degraded") {
        outcome.sawCloudInitFinish = true;
        if (!settings.cloudInitAllow.has(state)) {
          return finish(
            false,
            `cloud-init finished ${state}, which cloud-init-allow does not accept: ${observation.errors.join("; ")}`
          );
        }
        if (state === "degraded") {
          outcome.warnings.push(`cloud-init finished degraded: ${observation.errors.join("; ")}`);
        }
        break;
      }
      if (full) await pause(settings.intervalMs);
    }
    if (!outcome.sawCloudInitFinish && settings.cloudInit !== "skip" && outcome.warnings.length === 0) {
      return finish(false, timedOutReason(outcome));
    }
    if (settings.cloudInit === "skip")
      outcome.warnings.push("cloud-init was not checked (cloud-init: skip)");
    session?.close();
    session = void 0;
    outcome.stage = "settle";
    let inARow = 0;
    let lastStart = 0;
    let key;
    while (inARow < settings.settle && remaining() > 0 && !signal.aborted) {
      if (inARow > 0) await pause(settings.intervalMs - (deps.now() - lastStart));
      lastStart = deps.now();
      const fresh = await connect();
      if (!fresh) {
        inARow = 0;
        continue;
      }
      try {
        await fresh.exec("true", commandBudget());
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
    if (signal.aborted) throw cancelled(signal);
    if (inARow < settings.settle) return finish(false, timedOutReason(outcome));
    return finish(
      true,
      outcome.sawCloudInitFinish ? `cloud-init ${outcome.cloudInit?.state ?? ""}` : "ready"
    );
  } finally {
    session?.close();
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

// src/ssh/session.ts
var import_ssh2 = __toESM(require_lib(), 1);
import { connect as connectTcp } from "node:net";

// src/ssh/fingerprint.ts
import { createHash } from "node:crypto";
function sha256Fingerprint(keyBlob) {
  return `SHA256:${createHash("sha256").update(keyBlob).digest("base64").replace(/=+$/, "")}`;
}

// src/ssh/session.ts
function preparsePrivateKey(key) {
  const parsed = import_ssh2.default.utils.parseKey(key);
  if (parsed instanceof Error) return key;
  return (Array.isArray(parsed) ? parsed[0] : parsed) ?? key;
}
async function openSshSession(options) {
  const { target, timeoutMs, signal } = options;
  if (signal?.aborted) throw new SshFailure("aborted", "cancelled");
  const deadline = Date.now() + timeoutMs;
  const socket = await connectSocket(target, timeoutMs, signal);
  let sawBytes = false;
  socket.once("data", () => sawBytes = true);
  const client = new import_ssh2.Client();
  let hostKey = "";
  let hostKeyText = "";
  let refusedKey = "";
  let open = false;
  const ready = new Promise((resolve, reject) => {
    let settled = false;
    const onAbort = () => {
      client.end();
      socket.destroy();
      settle(() => {
        reject(new SshFailure("aborted", "cancelled"));
      });
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    function settle(fn) {
      if (settled) return;
      settled = true;
      signal?.removeEventListener("abort", onAbort);
      fn();
    }
    client.once("ready", () => {
      settle(() => {
        open = true;
        resolve();
      });
    });
    client.on("error", (error) => {
      settle(() => {
        socket.destroy();
        if (!sawBytes) {
          reject(new SshFailure("no-banner", "TCP connected but the server sent no SSH banner"));
        } else if (refusedKey) {
          reject(
            new SshFailure("host-key-mismatch", `host key ${refusedKey} is not the pinned one`)
          );
        } else {
          reject(classifySshError(error));
        }
      });
    });
    client.once("close", () => {
      settle(() => {
        reject(new SshFailure("reset", "connection closed during the handshake"));
      });
    });
  });
  client.on("close", () => open = false);
  const key = options.privateKey;
  const text = typeof key === "string" || Buffer.isBuffer(key);
  const publickey = { type: "publickey", username: target.user, key };
  client.connect({
    sock: socket,
    username: target.user,
    // A parsed key goes through the auth handler, which ssh2 takes as it is; publickey only, as
    // with a key given as text.
    ...text ? { privateKey: key } : { authHandler: [publickey] },
    readyTimeout: Math.max(1, deadline - Date.now()),
    tryKeyboard: false,
    hostVerifier: (key2) => {
      hostKey = sha256Fingerprint(key2);
      hostKeyText = `${keyType(key2)} ${key2.toString("base64")}`;
      const accepted = options.acceptHostKey?.(hostKey) ?? true;
      if (!accepted) refusedKey = hostKey;
      return accepted;
    }
  });
  await ready;
  return {
    hostKey,
    hostKeyText,
    get isOpen() {
      return open;
    },
    exec: (command, execTimeoutMs) => execOn(client, command, execTimeoutMs),
    close: () => {
      client.end();
      socket.destroy();
    }
  };
}
function connectSocket(target, timeoutMs, signal) {
  return new Promise((resolve, reject) => {
    const socket = connectTcp({ host: target.host, port: target.port });
    const timer = setTimeout(() => {
      fail(new SshFailure("timeout", `TCP connect timed out after ${timeoutMs} ms`));
    }, timeoutMs);
    const onAbort = () => {
      fail(new SshFailure("aborted", "cancelled"));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      socket.removeAllListeners("error");
      socket.removeAllListeners("connect");
    }
    function fail(error) {
      done();
      socket.destroy();
      reject(error);
    }
    socket.once("connect", () => {
      done();
      socket.setNoDelay(true);
      resolve(socket);
    });
    socket.once("error", (error) => {
      fail(classifySshError(error));
    });
  });
}
function execOn(client, command, timeoutMs) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new SshFailure("timeout", `"${command}" did not finish within ${timeoutMs} ms`));
    }, timeoutMs);
    const onClose = () => {
      clearTimeout(timer);
      reject(new SshFailure("reset", "the connection closed before the command ran"));
    };
    client.once("close", onClose);
    client.exec(command, (error, stream) => {
      if (error) {
        clearTimeout(timer);
        client.off("close", onClose);
        reject(classifySshError(error));
        return;
      }
      let stdout = "";
      let stderr = "";
      let code = null;
      stream.on("data", (chunk) => stdout += chunk.toString());
      stream.stderr.on("data", (chunk) => stderr += chunk.toString());
      stream.on("exit", (status) => {
        code = typeof status === "number" ? status : null;
      });
      stream.on("close", () => {
        clearTimeout(timer);
        client.off("close", onClose);
        resolve({ code, stdout, stderr });
      });
    });
  });
}
function keyType(blob) {
  if (blob.length < 4) return "unknown";
  const length = blob.readUInt32BE(0);
  return blob.subarray(4, 4 + length).toString("latin1");
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
import { tmpdir } from "node:os";
import { join } from "node:path";
function knownHostsLine(outcome) {
  if (outcome.hostKeyText === void 0) return void 0;
  const { host, port } = outcome.target;
  return `${port === 22 ? host : `[${host}]:${String(port)}`} ${outcome.hostKeyText}`;
}
function writeResultFiles(outcomes, checks, env) {
  const dir = mkdtempSync(join(env.RUNNER_TEMP ?? tmpdir(), "recipe-ci-readiness-"));
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

// src/readiness/settings.ts
var import_ssh22 = __toESM(require_lib(), 1);
import { readFileSync } from "node:fs";

// src/readiness/hosts.ts
function parseHostTarget(spec, defaults) {
  let rest = spec.trim();
  let user = defaults.user;
  const at = rest.lastIndexOf("@");
  if (at !== -1) {
    user = rest.slice(0, at);
    rest = rest.slice(at + 1);
    if (!/^[a-z_][a-z0-9_.-]*$/i.test(user)) return `"${spec}" has an invalid user name "${user}"`;
  }
  let host = rest;
  let portText;
  const bracketed = /^\[([0-9a-f:.]+)\](?::(.*))?$/i.exec(rest);
  if (bracketed) {
    host = bracketed[1] ?? "";
    portText = bracketed[2];
  } else if ((rest.match(/:/g) ?? []).length === 1) {
    [host = "", portText] = rest.split(":");
  } else if (rest.includes(":") && !/^[0-9a-f:.]+$/i.test(rest)) {
    return `"${spec}" is not a host name or address`;
  }
  if (host === "") return `"${spec}" has no host`;
  if (!bracketed && !host.includes(":") && !/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/i.test(host)) {
    return `"${spec}" is not a host name or address`;
  }
  let port = defaults.port;
  if (portText !== void 0) {
    if (!/^\d{1,5}$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535) {
      return `"${spec}" has an invalid port "${portText}" (1-65535)`;
    }
    port = Number(portText);
  }
  return { user, host, port, spec: spec.trim() };
}

// src/readiness/settings.ts
var JOB_TIMEOUT_MARGIN_MS = 6e4;
function readReadinessSettings(inputs) {
  const user = inputs.defaulted("user", inputs.string("user"));
  const port = inputs.defaulted("port", inputs.integer("port", { min: 1, max: 65535 }));
  const specs = inputs.list("hosts");
  if (specs.length === 0) {
    inputs.fail("hosts", "is required but empty; give one or more [user@]host[:port]");
  }
  const hosts = [];
  for (const spec of specs) {
    const parsed = parseHostTarget(spec, { user, port });
    if (typeof parsed === "string")
      inputs.fail("hosts", `entry ${parsed}; write [user@]host[:port]`);
    if (hosts.some((h) => h.host === parsed.host && h.port === parsed.port)) {
      inputs.fail(
        "hosts",
        `lists ${parsed.host}:${String(parsed.port)} twice; list each host once`
      );
    }
    hosts.push(parsed);
  }
  const timeoutMs = inputs.defaulted("timeout", inputs.duration("timeout", { min: 1e3 }));
  const connectTimeoutMs = inputs.defaulted(
    "connect-timeout",
    inputs.duration("connect-timeout", { min: 100 })
  );
  const intervalMs = inputs.defaulted(
    "interval",
    inputs.duration("interval", { min: 50, max: 6e4 })
  );
  const settle = inputs.defaulted("settle", inputs.integer("settle", { min: 1, max: 20 }));
  const cloudInit = inputs.defaulted(
    "cloud-init",
    inputs.choice("cloud-init", ["wait", "require", "skip"])
  );
  const allow = /* @__PURE__ */ new Set();
  for (const state of inputs.list("cloud-init-allow")) {
    if (state !== "done" && state !== "degraded") {
      inputs.fail(
        "cloud-init-allow",
        `lists "${state}"; only done and degraded can count as ready (error always fails)`
      );
    }
    allow.add(state);
  }
  if (allow.size === 0) inputs.fail("cloud-init-allow", "is empty; list done, degraded or both");
  if (connectTimeoutMs > timeoutMs) {
    inputs.fail(
      "connect-timeout",
      `(${formatDuration(connectTimeoutMs)}) must not exceed timeout (${formatDuration(timeoutMs)})`
    );
  }
  const jobTimeoutMs = inputs.duration("job-timeout", { min: 1e3 });
  if (jobTimeoutMs !== void 0 && timeoutMs + JOB_TIMEOUT_MARGIN_MS > jobTimeoutMs) {
    inputs.fail(
      "timeout",
      `(${formatDuration(timeoutMs)}) plus ${formatDuration(JOB_TIMEOUT_MARGIN_MS)} for diagnostics and cleanup does not fit in job-timeout (${formatDuration(jobTimeoutMs)}); lower timeout or raise the job's timeout-minutes`
    );
  }
  const http = readHttpChecks(inputs);
  const privateKey = readPrivateKey(inputs);
  return {
    hosts,
    privateKey,
    gate: { timeoutMs, connectTimeoutMs, intervalMs, settle, cloudInit, cloudInitAllow: allow },
    http
  };
}
function readHttpChecks(inputs) {
  try {
    return parseHttpChecks(inputs.yaml("http"));
  } catch (error) {
    if (error instanceof HttpSpecError) inputs.fail("http", error.message);
    throw error;
  }
}
function sensitiveHeaderValues(checks) {
  return checks.flatMap(
    (check) => Object.entries(check.headers).filter(([name]) => /auth|cookie|token|secret|key|pass/i.test(name)).map(([, value]) => value)
  );
}
function readPrivateKey(inputs) {
  const text = inputs.secret("private-key");
  const path = inputs.string("private-key-path");
  if (text !== void 0 && path !== void 0) {
    inputs.fail("private-key", "and private-key-path were both given; give one");
  }
  let key;
  if (text !== void 0) {
    key = text.endsWith("\n") ? text : `${text}
`;
  } else if (path !== void 0) {
    try {
      key = readFileSync(path, "utf8");
    } catch (error) {
      const code = error.code ?? "unreadable";
      inputs.fail(
        "private-key-path",
        `"${path}" cannot be read (${code}); check the path and its permissions`
      );
    }
  } else {
    inputs.fail("private-key", "is required: give private-key or private-key-path");
  }
  const parsed = import_ssh22.default.utils.parseKey(key);
  if (parsed instanceof Error) {
    inputs.fail(
      text !== void 0 ? "private-key" : "private-key-path",
      `is not a usable private key (${parsed.message}); give an unencrypted OpenSSH or PEM key`
    );
  }
  return key;
}

// src/actions/readiness.ts
var DIAGNOSTICS_TIMEOUT_MS = 1e4;
var readiness = {
  name: "readiness",
  async main({ inputs, outputs, secrets, log, group, publish, signal }) {
    const settings = readReadinessSettings(inputs);
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
