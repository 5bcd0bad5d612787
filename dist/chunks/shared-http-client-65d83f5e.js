import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);
import {
  backoffDelay
} from "./shared-backoff-e8835d09.js";
import {
  abortableSleep,
  throwIfAborted
} from "./shared-sleep-31158bea.js";
import {
  formatDuration,
  getErrorMessage
} from "./shared-duration-7abedc94.js";

// src/shared/http-client.ts
var realHttpDeps = {
  fetch: (input, init) => fetch(input, init),
  sleep: abortableSleep
};
var HttpError = class extends Error {
  name = "HttpError";
  status;
  method;
  url;
  /** `HTTP 404`, or the network cause (`connection refused: ECONNREFUSED`). */
  reason;
  constructor(message, details) {
    super(message, details.cause === void 0 ? void 0 : { cause: details.cause });
    this.status = details.status;
    this.method = details.method;
    this.url = details.url;
    this.reason = details.reason ?? (details.status === void 0 ? message : `HTTP ${String(details.status)}`);
  }
};
var DEFAULT_TIMEOUT_MS = 3e4;
var DEFAULT_ATTEMPTS = 4;
var DEFAULT_BACKOFF = { firstMs: 500, capMs: 1e4, jitter: 0.5 };
var DEFAULT_MAX_RETRY_AFTER_MS = 6e4;
var RETRYABLE = /* @__PURE__ */ new Set([429, 502, 503, 504]);
var NEVER = new AbortController().signal;
async function httpRequest(request, deps = realHttpDeps) {
  const signal = request.signal ?? NEVER;
  const attempts = Math.max(1, request.attempts ?? DEFAULT_ATTEMPTS);
  const retryOn = request.retryOn ?? ((status) => RETRYABLE.has(status));
  const policy = request.backoff ?? DEFAULT_BACKOFF;
  for (let attempt = 1; ; attempt++) {
    throwIfAborted(signal);
    let response;
    try {
      response = await once(request, signal, deps.fetch);
    } catch (error) {
      throwIfAborted(signal);
      if (!(error instanceof HttpError) || attempt >= attempts) throw error;
      const delayMs2 = backoffDelay(policy, attempt - 1);
      request.onRetry?.({
        attempt,
        delayMs: delayMs2,
        status: void 0,
        reason: error.reason,
        text: void 0
      });
      await deps.sleep(delayMs2, signal);
      continue;
    }
    if (!retryOn(response.status) || attempt >= attempts) return response;
    const delayMs = retryAfterMs(response.headers, request.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS) ?? backoffDelay(policy, attempt - 1);
    request.onRetry?.({
      attempt,
      delayMs,
      status: response.status,
      reason: `HTTP ${String(response.status)}`,
      text: response.text
    });
    await deps.sleep(delayMs, signal);
  }
}
async function once(request, signal, fetchFn) {
  const timeoutMs = request.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const headers = { accept: "application/json", ...request.headers };
  let body = request.body;
  if (request.json !== void 0) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(request.json);
  } else if (request.form !== void 0) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    body = new URLSearchParams(request.form).toString();
  }
  try {
    const response = await fetchFn(request.url, {
      method: request.method,
      headers,
      body,
      redirect: request.redirect ?? "follow",
      signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)])
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, json: parseJson(text) };
  } catch (error) {
    throwIfAborted(signal);
    const url = shownUrl(request.url);
    const reason = describeNetworkCause(error, timeoutMs);
    throw new HttpError(`${request.method} ${url}: ${reason}`, {
      status: void 0,
      method: request.method,
      url,
      reason,
      cause: error
    });
  }
}
function parseJson(text) {
  if (text === "") return void 0;
  try {
    return JSON.parse(text);
  } catch {
    return void 0;
  }
}
function shownUrl(url) {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return String(url).replace(/[?#].*$/, "");
  }
}
function retryAfterMs(headers, maxMs, now = Date.now()) {
  const value = headers.get("retry-after")?.trim();
  if (value === void 0 || value === "") return void 0;
  const ms = /^\d+(?:\.\d+)?$/.test(value) ? Number(value) * 1e3 : Date.parse(value) - now;
  if (!Number.isFinite(ms)) return void 0;
  return Math.min(maxMs, Math.max(0, Math.round(ms)));
}
var CAUSES = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset",
  ENOTFOUND: "host name not found",
  EAI_AGAIN: "host name lookup failed for now",
  ETIMEDOUT: "connect timed out",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  EPIPE: "connection closed while sending",
  UND_ERR_CONNECT_TIMEOUT: "connect timed out",
  UND_ERR_SOCKET: "connection closed before the answer was complete",
  UND_ERR_HEADERS_TIMEOUT: "no answer headers in time",
  UND_ERR_BODY_TIMEOUT: "answer body stalled"
};
function describeNetworkCause(error, timeoutMs) {
  const chain = [];
  for (let at = error; at instanceof Error && chain.length < 5; at = at.cause) {
    chain.push(at);
    if (at instanceof AggregateError && at.errors[0] !== void 0) chain.push(at.errors[0]);
  }
  if (chain.some((e) => e instanceof Error && e.name === "TimeoutError")) {
    return timeoutMs === void 0 ? "no answer in time" : `no answer in ${formatDuration(timeoutMs)}`;
  }
  for (const e of chain) {
    const code = e.code;
    if (typeof code === "string" && code !== "") {
      return `${CAUSES[code] ?? getErrorMessage(e)}: ${code}`;
    }
  }
  const innermost = chain.at(-1) ?? error;
  return getErrorMessage(innermost);
}
function withTimeLimit(timeoutMs, fetchFn = fetch) {
  return (input, init) => {
    const limit = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, limit]) : limit;
    return fetchFn(input, { ...init, signal });
  };
}

export {
  realHttpDeps,
  HttpError,
  httpRequest,
  describeNetworkCause,
  withTimeLimit
};
