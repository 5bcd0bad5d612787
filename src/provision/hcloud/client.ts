/**
 * A small Hetzner Cloud API client over the shared HTTP client (src/shared/http-client.ts), which
 * gives it the time limit, the cancel, and retries of 5xx and connection errors with the shared
 * backoff. What it adds is Hetzner's: 429s waited out using the RateLimit-* headers within a
 * budget over the client's life (they are not failures, and need not be few), list endpoints
 * paged to the end, and the API's own error message passed to the user (it names the field and
 * the problem better than we could).
 */
import type { BackoffPolicy } from '../../shared/backoff.ts';
import {
  HttpError,
  httpRequest,
  realHttpDeps,
  type HttpResponse,
} from '../../shared/http-client.ts';
import { abortableSleep, throwIfAborted, type Sleep } from '../../shared/sleep.ts';

/** `{"error": {"code", "message", "details"}}`, as every Hetzner error body is shaped. */
export class HcloudApiError extends HttpError {
  override readonly name = 'HcloudApiError';
  constructor(
    override readonly status: number,
    readonly code: string,
    readonly apiMessage: string,
    readonly details: unknown,
  ) {
    super(
      `Hetzner Cloud API: ${apiMessage}${fieldProblems(details)} (${code}, HTTP ${String(status)})${status === 401 ? '; check hcloud-token' : ''}`,
      { status },
    );
  }
}

export interface HcloudClientOptions {
  baseUrl: string;
  token: string;
  signal: AbortSignal;
  sleep?: Sleep;
  now?: () => number;
  /** Attempts for 5xx and connection errors before giving up. */
  retries?: number;
  /** Most time spent waiting out rate limits over the client's life. */
  rateLimitBudgetMs?: number;
  requestTimeoutMs?: number;
  log?: (message: string) => void;
}

const RETRY: BackoffPolicy = { firstMs: 1000, capMs: 15_000, jitter: 0.5 };
const MAX_PER_PAGE = 50;

interface Pagination {
  next_page?: number | null;
}

export class HcloudClient {
  private readonly sleep: Sleep;
  private readonly now: () => number;
  private rateLimitWaitedMs = 0;
  /** Set when the last response said no request is left: wait before sending the next. */
  private pauseBeforeNextMs = 0;

  constructor(private readonly options: HcloudClientOptions) {
    this.sleep = options.sleep ?? abortableSleep;
    this.now = options.now ?? Date.now;
  }

  get<T>(path: string, query: Record<string, string> = {}): Promise<T> {
    return this.request<T>('GET', path, { query });
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('POST', path, { body });
  }

  delete<T>(path: string): Promise<T> {
    return this.request<T>('DELETE', path, {});
  }

  /** Every item of a list endpoint, following `meta.pagination.next_page`. */
  async list<T>(path: string, key: string, query: Record<string, string> = {}): Promise<T[]> {
    const items: T[] = [];
    let page: number | null | undefined = 1;
    while (page) {
      const body: Record<string, unknown> = await this.get(path, {
        ...query,
        page: String(page),
        per_page: String(MAX_PER_PAGE),
      });
      const batch = body[key];
      if (!Array.isArray(batch))
        throw new Error(`Hetzner Cloud API: ${path} returned no "${key}" list`);
      items.push(...(batch as T[]));
      const meta = body.meta as { pagination?: Pagination } | undefined;
      page = meta?.pagination?.next_page;
    }
    return items;
  }

  async request<T>(
    method: string,
    path: string,
    { query = {}, body }: { query?: Record<string, string>; body?: unknown },
  ): Promise<T> {
    const { signal } = this.options;
    const url = new URL(`${this.options.baseUrl}${path}`);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    const attempts = (this.options.retries ?? 5) + 1;
    const problem = (status: number | undefined, reason: string, text: string | undefined) =>
      `${method} ${url.pathname}: ${status === undefined ? reason : `HTTP ${String(status)} ${errorSummary(text ?? '')}`}`;
    for (;;) {
      throwIfAborted(signal);
      if (this.pauseBeforeNextMs > 0) {
        await this.waitRateLimit(this.pauseBeforeNextMs, 'no requests left in this window');
        this.pauseBeforeNextMs = 0;
      }
      let response: HttpResponse;
      try {
        response = await httpRequest(
          {
            method,
            url,
            headers: { authorization: `Bearer ${this.options.token}` },
            json: body,
            signal,
            timeoutMs: this.options.requestTimeoutMs ?? 30_000,
            attempts,
            retryOn: (status) => status >= 500,
            backoff: RETRY,
            onRetry: (retry) => {
              this.options.log?.(
                `${problem(retry.status, retry.reason, retry.text)}; retrying in ${(retry.delayMs / 1000).toFixed(1)}s`,
              );
            },
          },
          { fetch: realHttpDeps.fetch, sleep: this.sleep },
        );
      } catch (error) {
        if (!(error instanceof HttpError)) throw error;
        throw unreachable(attempts, undefined, problem(undefined, error.reason, undefined));
      }
      this.notePause(response.headers);
      if (response.status === 429) {
        await this.waitRateLimit(
          this.rateLimitDelay(response.headers),
          'rate limit reached (HTTP 429)',
        );
        continue;
      }
      if (response.status >= 500) {
        throw unreachable(attempts, response.status, problem(response.status, '', response.text));
      }
      if (response.status < 200 || response.status > 299) {
        throw toApiError(response.status, response.text);
      }
      return (response.text === '' ? {} : JSON.parse(response.text)) as T;
    }
  }

  /**
   * How long until one request is available again. RateLimit-Reset is when the bucket is full
   * again and it refills evenly, so one request takes (reset - now) / (limit - remaining).
   * Retry-After, when an API in front of Hetzner sends one, wins.
   */
  private rateLimitDelay(headers: Headers): number {
    const retryAfter = Number(headers.get('retry-after'));
    if (headers.has('retry-after') && Number.isFinite(retryAfter)) return retryAfter * 1000;
    const limit = Number(headers.get('ratelimit-limit'));
    const remaining = Number(headers.get('ratelimit-remaining'));
    const reset = Number(headers.get('ratelimit-reset')) * 1000;
    if (!(limit > 0) || !Number.isFinite(remaining) || !(reset > 0)) return 1000;
    const missing = Math.max(1, limit - remaining);
    return Math.max(250, Math.ceil((reset - this.now()) / missing));
  }

  private notePause(headers: Headers): void {
    if (headers.get('ratelimit-remaining') === '0') {
      this.pauseBeforeNextMs = this.rateLimitDelay(headers);
    }
  }

  private async waitRateLimit(ms: number, why: string): Promise<void> {
    const budget = this.options.rateLimitBudgetMs ?? 10 * 60_000;
    if (this.rateLimitWaitedMs + ms > budget) {
      throw new HttpError(
        `Hetzner Cloud API: ${why}, and waiting longer would exceed ${String(Math.round(budget / 1000))}s spent waiting on rate limits; another job is probably using the same project's token heavily`,
        { status: 429 },
      );
    }
    this.rateLimitWaitedMs += ms;
    this.options.log?.(`Hetzner Cloud API: ${why}; waiting ${(ms / 1000).toFixed(1)}s`);
    await this.sleep(ms, this.options.signal);
    throwIfAborted(this.options.signal);
  }
}

/** invalid_input errors name each field and its problems in `details.fields`; show them. */
function fieldProblems(details: unknown): string {
  const fields = (details as { fields?: unknown } | undefined)?.fields;
  if (!Array.isArray(fields)) return '';
  const parts = fields.map((field: { name?: unknown; messages?: unknown }) => {
    const messages = Array.isArray(field.messages) ? field.messages.map(String).join(', ') : '';
    return `${String(field.name)}: ${messages}`;
  });
  return parts.length > 0 ? ` [${parts.join('; ')}]` : '';
}

function toApiError(status: number, text: string): HcloudApiError {
  try {
    const parsed = JSON.parse(text) as {
      error?: { code?: string; message?: string; details?: unknown };
    };
    if (parsed.error?.message) {
      return new HcloudApiError(
        status,
        parsed.error.code ?? 'unknown',
        parsed.error.message,
        parsed.error.details,
      );
    }
  } catch {
    // not JSON: a proxy's page; fall through
  }
  return new HcloudApiError(status, 'unknown', errorSummary(text) || 'no error message', undefined);
}

function errorSummary(text: string): string {
  try {
    const parsed = JSON.parse(text) as { error?: { message?: string } };
    if (parsed.error?.message) return parsed.error.message;
  } catch {
    // not JSON
  }
  return text.slice(0, 200).replace(/\s+/g, ' ').trim();
}

/** Out of attempts: the last problem, and its status when an answer came. */
function unreachable(attempts: number, status: number | undefined, last: string): HttpError {
  return new HttpError(
    `Hetzner Cloud API unreachable after ${String(attempts)} attempts; last: ${last}`,
    { status },
  );
}
