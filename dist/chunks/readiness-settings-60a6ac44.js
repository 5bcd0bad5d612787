import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);
import {
  parseHostTarget
} from "./readiness-hosts-9081ef0d.js";
import {
  HttpSpecError,
  parseHttpChecks
} from "./http-spec-8eeeef8b.js";
import {
  require_lib
} from "./ssh2-e1848cd0.js";
import {
  JOB_SLACK_MS
} from "./platform-job-deadline-bccb0779.js";
import {
  formatDuration
} from "./shared-duration-7abedc94.js";
import {
  __toESM
} from "./esbuild-runtime.js";

// src/readiness/settings.ts
var import_ssh2 = __toESM(require_lib(), 1);
import { readFileSync } from "node:fs";
var JOB_TIMEOUT_MARGIN_MS = JOB_SLACK_MS;
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
  const parsed = import_ssh2.default.utils.parseKey(key);
  if (parsed instanceof Error) {
    inputs.fail(
      text !== void 0 ? "private-key" : "private-key-path",
      `is not a usable private key (${parsed.message}); give an unencrypted OpenSSH or PEM key`
    );
  }
  return key;
}

export {
  readReadinessSettings,
  sensitiveHeaderValues
};
