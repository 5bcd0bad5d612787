import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);
import {
  statusAccepted
} from "./http-spec-47b1c279.js";
import {
  backoffDelay
} from "./shared-backoff-e8835d09.js";
import {
  require_lib
} from "./ssh2-e1848cd0.js";
import {
  __toESM
} from "./esbuild-runtime.js";

// src/ssh/session.ts
var import_ssh2 = __toESM(require_lib(), 1);
import { connect as connectTcp } from "node:net";

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
  SshFailure,
  classifySshError,
  Timeline,
  preparsePrivateKey,
  openSshSession,
  runHttpChecks
};
