import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);
import {
  statusAccepted
} from "./http-spec-8eeeef8b.js";
import {
  backoffDelay
} from "./shared-backoff-e8835d09.js";

// src/http/probe.ts
import http from "node:http";
import https from "node:https";
import { isIPv6 } from "node:net";
var MAX_BODY_BYTES = 1024 * 1024;
function attemptHttpCheck(check, timeoutMs, signal) {
  const { url } = check;
  const transport = url.protocol === "https:" ? https : http;
  return new Promise((resolve) => {
    const attemptSignal = AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]);
    const request = transport.request(url, {
      method: "GET",
      headers: { "user-agent": "recipe-ci-readiness", ...check.headers },
      agent: false,
      signal: attemptSignal,
      rejectUnauthorized: !check.insecure,
      lookup: check.resolve === void 0 ? void 0 : pinnedLookup(check.resolve)
    });
    request.on("error", (error) => {
      const timedOut = attemptSignal.aborted && !signal.aborted;
      resolve({
        passed: false,
        status: void 0,
        timedOut,
        detail: timedOut ? `no answer within ${String(timeoutMs)}ms` : `${error.code ?? "error"}: ${error.message}`
      });
    });
    request.on("response", (response) => {
      const status = response.statusCode ?? 0;
      const chunks = [];
      let size = 0;
      response.on("data", (chunk) => {
        if (size < MAX_BODY_BYTES) chunks.push(chunk);
        size += chunk.length;
      });
      response.on("error", () => {
      });
      response.on("end", () => {
        const body = Buffer.concat(chunks).subarray(0, MAX_BODY_BYTES).toString("utf8");
        const location = response.headers.location;
        const shown = `HTTP ${String(status)}${location ? ` \u2192 ${location}` : ""}`;
        if (!statusAccepted(status, check)) {
          resolve({
            passed: false,
            status,
            timedOut: false,
            detail: `${shown}, expected ${check.status.text}`
          });
        } else if (check.body && !check.body.test(body)) {
          resolve({
            passed: false,
            status,
            timedOut: false,
            detail: `${shown}, body does not match ${String(check.body)}`
          });
        } else {
          resolve({ passed: true, status, timedOut: false, detail: shown });
        }
      });
    });
    request.end();
  });
}
function pinnedLookup(address) {
  const family = isIPv6(address) ? 6 : 4;
  return (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };
}

// src/shared/timeline.ts
var Timeline = class {
  constructor(elapsed) {
    this.elapsed = elapsed;
  }
  elapsed;
  events = [];
  last = "";
  /** Record an event; the same event repeated back to back (a refusal every second) is kept once. */
  add(stage, event) {
    const key = `${stage}:${event}`;
    if (key === this.last) return;
    this.last = key;
    this.events.push({ atMs: this.elapsed(), stage, event });
  }
};

// src/http/checks.ts
var MAX_ATTEMPT_MS = 3e4;
async function runHttpChecks(checks, settings, deps, signal, start) {
  return Promise.all(checks.map((check) => runCheck(check, settings, deps, signal, start)));
}
async function runCheck(check, settings, deps, signal, start) {
  const deadline = start + settings.timeoutMs;
  const remaining = () => deadline - deps.now();
  const timeline = new Timeline(() => deps.now() - start);
  const policy = {
    firstMs: settings.intervalMs,
    capMs: Math.max(settings.intervalMs, 1e3),
    jitter: 0.5
  };
  const attemptBudget = Math.min(MAX_ATTEMPT_MS, Math.max(settings.connectTimeoutMs, 1e4));
  let attempts = 0;
  let last = "no attempt made: the budget was spent before the HTTP stage";
  let status;
  while (remaining() > 0 && !signal.aborted) {
    const budget = Math.min(attemptBudget, remaining());
    const result = await attemptHttpCheck(check, budget, signal);
    attempts++;
    const cutByBudget = result.timedOut && budget < attemptBudget && attempts > 1;
    if (!cutByBudget) {
      status = result.status;
      last = result.detail;
      timeline.add("http", result.detail);
    }
    if (result.passed) {
      timeline.add("ready", "ready");
      return outcome(true, `${result.detail} after ${String(attempts)} attempt(s)`);
    }
    const delay = Math.min(
      backoffDelay(policy, attempts - 1, () => deps.random()),
      remaining()
    );
    if (delay > 0) await deps.sleep(delay, signal);
  }
  return outcome(false, `${signal.aborted ? "cancelled" : "timed out"}; last: ${last}`);
  function outcome(passed, reason) {
    return {
      check,
      passed,
      reason,
      status,
      attempts,
      elapsedMs: deps.now() - start,
      timeline: timeline.events
    };
  }
}

export {
  Timeline,
  runHttpChecks
};
