/**
 * The one HTTP client for the APIs we call: Keycloak's admin and token endpoints, Hetzner Cloud,
 * and the forges' plain REST calls. Node's own fetch, with what a CI step needs around it: a time
 * limit per attempt, the step's cancellation, retries of network failures and of the statuses the
 * caller marks retryable (with the shared backoff, or the server's Retry-After when it sends one),
 * and one description of a network failure for every message (`connection refused:
 * ECONNREFUSED`, `no answer in 30s`).
 *
 * It answers whatever status comes back last: each API reads its own error bodies (Keycloak's
 * `error_description`, Hetzner's `error.message`) better than a generic client could. It throws
 * an HttpError only when no answer came (status undefined) or the step was cancelled (the
 * signal's own reason, so a cancel is never reported as a network failure).
 *
 * The forges' issue, comment and status calls go through octokit (@actions/github), which has its
 * own request layer — routes, pagination, typed answers. It stays; it is given `withTimeLimit`'s
 * fetch, and its errors are mapped in src/platform/forge-api.ts: a RequestError with a response
 * keeps its status; one without (octokit calls every fetch failure "500") gets status undefined
 * and `describeNetworkCause` of the underlying error.
 */
import { backoffDelay, type BackoffPolicy } from './backoff.ts';
import { formatDuration } from './duration.ts';
import { getErrorMessage } from './errors.ts';
import { abortableSleep, throwIfAborted, type Sleep } from './sleep.ts';

export interface HttpDeps {
  fetch: typeof fetch;
  sleep: Sleep;
}

/** Real side effects: global fetch and a sleep that a cancellation ends early. */
export const realHttpDeps: HttpDeps = {
  fetch: (input, init) => fetch(input, init),
  sleep: abortableSleep,
};

export interface HttpRequest {
  method: string;
  url: string | URL;
  /** Sent as they are; `accept: application/json` unless given. Never part of an error. */
  headers?: Record<string, string>;
  /** A body sent as JSON. */
  json?: unknown;
  /** A body sent as `application/x-www-form-urlencoded`. */
  form?: Record<string, string>;
  /** A body sent as it is (multipart FormData, say); fetch sets the content type. */
  body?: FormData | string;
  /** The step's cancellation; a cancel throws its reason, never an HttpError. */
  signal?: AbortSignal;
  /** Time limit of one attempt, answer body included. Default 30 s. */
  timeoutMs?: number;
  /** Attempts for network failures and retryable statuses; 1 = no retry. Default 4. */
  attempts?: number;
  /** Which statuses are worth another attempt. Default 429, 502, 503 and 504. */
  retryOn?: (status: number) => boolean;
  /** Delays between attempts. Default from 500 ms, growing to 10 s, half jitter. */
  backoff?: BackoffPolicy;
  /** The longest Retry-After honoured; a longer one waits this long. Default 60 s. */
  maxRetryAfterMs?: number;
  /** fetch's redirect mode; Keycloak's token endpoint answers with redirects we must see. */
  redirect?: 'follow' | 'manual';
  /** Told before each wait for another attempt, e.g. to log it. */
  onRetry?: (retry: RetryNotice) => void;
}

export interface RetryNotice {
  /** The attempt that failed, from 1. */
  attempt: number;
  delayMs: number;
  /** The answer's status, or undefined when none came. */
  status: number | undefined;
  /** `HTTP 503`, or the network cause. */
  reason: string;
  /** The answer's body, when one came. */
  text: string | undefined;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON; undefined when empty or not JSON. */
  json: unknown;
}

/**
 * A failed exchange: `status` is what the server answered, undefined when no answer came.
 * `method` and `url` say which call; the URL is shown without its query and credentials, and
 * neither headers nor bodies are ever part of the message, so no token or secret leaks into a log.
 */
export class HttpError extends Error {
  override readonly name: string = 'HttpError';
  readonly status: number | undefined;
  readonly method: string | undefined;
  readonly url: string | undefined;
  /** `HTTP 404`, or the network cause (`connection refused: ECONNREFUSED`). */
  readonly reason: string;

  constructor(
    message: string,
    details: {
      status: number | undefined;
      method?: string | undefined;
      url?: string | undefined;
      reason?: string | undefined;
      cause?: unknown;
    },
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.status = details.status;
    this.method = details.method;
    this.url = details.url;
    this.reason =
      details.reason ?? (details.status === undefined ? message : `HTTP ${String(details.status)}`);
  }
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_ATTEMPTS = 4;
const DEFAULT_BACKOFF: BackoffPolicy = { firstMs: 500, capMs: 10_000, jitter: 0.5 };
const DEFAULT_MAX_RETRY_AFTER_MS = 60_000;
const RETRYABLE = new Set([429, 502, 503, 504]);
const NEVER = new AbortController().signal;

/** One request, retried as `request` says; see the module's comment for what throws. */
export async function httpRequest(
  request: HttpRequest,
  deps: HttpDeps = realHttpDeps,
): Promise<HttpResponse> {
  const signal = request.signal ?? NEVER;
  const attempts = Math.max(1, request.attempts ?? DEFAULT_ATTEMPTS);
  const retryOn = request.retryOn ?? ((status: number) => RETRYABLE.has(status));
  const policy = request.backoff ?? DEFAULT_BACKOFF;
  for (let attempt = 1; ; attempt++) {
    throwIfAborted(signal);
    let response: HttpResponse;
    try {
      response = await once(request, signal, deps.fetch);
    } catch (error) {
      throwIfAborted(signal);
      if (!(error instanceof HttpError) || attempt >= attempts) throw error;
      const delayMs = backoffDelay(policy, attempt - 1);
      request.onRetry?.({
        attempt,
        delayMs,
        status: undefined,
        reason: error.reason,
        text: undefined,
      });
      await deps.sleep(delayMs, signal);
      continue;
    }
    if (!retryOn(response.status) || attempt >= attempts) return response;
    const delayMs =
      retryAfterMs(response.headers, request.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS) ??
      backoffDelay(policy, attempt - 1);
    request.onRetry?.({
      attempt,
      delayMs,
      status: response.status,
      reason: `HTTP ${String(response.status)}`,
      text: response.text,
    });
    await deps.sleep(delayMs, signal);
  }
}

async function once(
  request: HttpRequest,
  signal: AbortSignal,
  fetchFn: typeof fetch,
): Promise<HttpResponse> {
  const timeoutMs = request.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
  let body: string | FormData | undefined = request.body;
  if (request.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(request.json);
  } else if (request.form !== undefined) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(request.form).toString();
  }
  try {
    // The time limit covers the body too: a server that sends headers and then stalls is no answer.
    const response = await fetchFn(request.url, {
      method: request.method,
      headers,
      body,
      redirect: request.redirect ?? 'follow',
      signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, json: parseJson(text) };
  } catch (error) {
    throwIfAborted(signal);
    const url = shownUrl(request.url);
    const reason = describeNetworkCause(error, timeoutMs);
    throw new HttpError(`${request.method} ${url}: ${reason}`, {
      status: undefined,
      method: request.method,
      url,
      reason,
      cause: error,
    });
  }
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A URL fit for a message: no query string and no user or password, which may carry secrets. */
export function shownUrl(url: string | URL): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return String(url).replace(/[?#].*$/, '');
  }
}

/**
 * Retry-After in milliseconds, as seconds or as an HTTP date, capped at `maxMs`; undefined when
 * absent or unreadable, so the backoff applies.
 */
export function retryAfterMs(
  headers: Headers,
  maxMs: number,
  now = Date.now(),
): number | undefined {
  const value = headers.get('retry-after')?.trim();
  if (value === undefined || value === '') return undefined;
  const ms = /^\d+(?:\.\d+)?$/.test(value) ? Number(value) * 1000 : Date.parse(value) - now;
  if (!Number.isFinite(ms)) return undefined;
  return Math.min(maxMs, Math.max(0, Math.round(ms)));
}

/** The system error codes worth words; any other code is shown with the error's own message. */
const CAUSES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed for now',
  ETIMEDOUT: 'connect timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EPIPE: 'connection closed while sending',
  UND_ERR_CONNECT_TIMEOUT: 'connect timed out',
  UND_ERR_SOCKET: 'connection closed before the answer was complete',
  UND_ERR_HEADERS_TIMEOUT: 'no answer headers in time',
  UND_ERR_BODY_TIMEOUT: 'answer body stalled',
};

/**
 * Why no answer came, in words and with the system's code: `connection refused: ECONNREFUSED`,
 * `host name not found: ENOTFOUND`, `certificate has expired: CERT_HAS_EXPIRED`, or `no answer
 * in 30s` for an attempt's time limit (`timeoutMs`, when known). fetch itself only says "fetch
 * failed"; the code is on its cause, or on the first error of an AggregateError when Node tried
 * several addresses. The code comes last, where a message's hint follows it (`…: ECONNREFUSED;
 * check keycloak-url`) and where people search for it.
 */
export function describeNetworkCause(error: unknown, timeoutMs?: number): string {
  const chain: unknown[] = [];
  for (let at: unknown = error; at instanceof Error && chain.length < 5; at = at.cause) {
    chain.push(at);
    if (at instanceof AggregateError && at.errors[0] !== undefined) chain.push(at.errors[0]);
  }
  if (chain.some((e) => e instanceof Error && e.name === 'TimeoutError')) {
    return timeoutMs === undefined
      ? 'no answer in time'
      : `no answer in ${formatDuration(timeoutMs)}`;
  }
  for (const e of chain) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code !== '') {
      return `${CAUSES[code] ?? getErrorMessage(e)}: ${code}`;
    }
  }
  const innermost = chain.at(-1) ?? error;
  return getErrorMessage(innermost);
}

/**
 * `fetchFn` with a time limit on each call, joined with any signal the caller passes: for clients
 * with their own request layer (octokit) that would otherwise wait on a silent server for ever.
 */
export function withTimeLimit(timeoutMs: number, fetchFn: typeof fetch = fetch): typeof fetch {
  return (input, init) => {
    const limit = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, limit]) : limit;
    return fetchFn(input, { ...init, signal });
  };
}
