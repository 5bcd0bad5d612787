/**
 * The one way we talk to Keycloak: Node's own fetch with a per-request time limit, the step's
 * cancellation, and retries of 5xx and network failures (concurrent create/delete on Keycloak has
 * produced 500s: keycloak#12003, #41109). Admin calls are counted so the report and the
 * benchmark can say how many round trips a run cost the shared server.
 */
import { abortableSleep } from '../shared/sleep.ts';
import { getErrorMessage } from '../shared/errors.ts';

export interface HttpDeps {
  fetch: typeof fetch;
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
}

export interface RequestOptions {
  token?: string;
  json?: unknown;
  form?: Record<string, string>;
  /** Attempts for 5xx and network failures; 1 = no retry. */
  attempts?: number;
}

export interface HttpResult {
  status: number;
  location: string | undefined;
  body: unknown;
  text: string;
}

/** A failed exchange, with Keycloak's own words (`error`, `error_description`, `errorMessage`). */
export class KeycloakError extends Error {
  override readonly name = 'KeycloakError';
  constructor(
    message: string,
    readonly status: number | undefined,
  ) {
    super(message);
  }
}

const REQUEST_TIMEOUT_MS = 30_000;
const RETRY_FIRST_MS = 300;

export class KeycloakHttp {
  /** Requests to `/admin/…` sent so far, retries included. */
  adminCalls = 0;

  constructor(
    readonly baseUrl: string,
    private readonly deps: HttpDeps,
    private readonly signal: AbortSignal,
  ) {}

  url(path: string): string {
    return path.startsWith('http') ? path : `${this.baseUrl}${path}`;
  }

  async request(method: string, path: string, options: RequestOptions = {}): Promise<HttpResult> {
    const attempts = options.attempts ?? 4;
    for (let attempt = 1; ; attempt++) {
      let result: HttpResult;
      try {
        result = await this.once(method, path, options);
      } catch (error) {
        if (attempt >= attempts || this.signal.aborted) throw error;
        await this.deps.sleep(RETRY_FIRST_MS * 2 ** (attempt - 1), this.signal);
        continue;
      }
      if (result.status < 500 || attempt >= attempts) return result;
      await this.deps.sleep(RETRY_FIRST_MS * 2 ** (attempt - 1), this.signal);
    }
  }

  private async once(method: string, path: string, options: RequestOptions): Promise<HttpResult> {
    const url = this.url(path);
    if (new URL(url).pathname.includes('/admin/')) this.adminCalls++;
    const headers: Record<string, string> = { accept: 'application/json' };
    let body: string | undefined;
    if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    } else if (options.form !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(options.form).toString();
    }
    let response: Response;
    try {
      response = await this.deps.fetch(url, {
        method,
        headers,
        body,
        redirect: 'manual',
        signal: AbortSignal.any([this.signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]),
      });
    } catch (error) {
      throw new KeycloakError(`cannot reach ${url}: ${networkCause(error)}`, undefined);
    }
    const text = await response.text();
    let parsed: unknown = undefined;
    try {
      parsed = text === '' ? undefined : (JSON.parse(text) as unknown);
    } catch {
      parsed = undefined;
    }
    return {
      status: response.status,
      location: response.headers.get('location') ?? undefined,
      body: parsed,
      text,
    };
  }
}

/** Keycloak's explanation from an error body, in whichever shape the endpoint uses. */
export function keycloakReason(result: HttpResult): string {
  const body = (result.body ?? {}) as Record<string, unknown>;
  const message =
    typeof body.field === 'string' && typeof body.errorMessage === 'string'
      ? `${body.field}: ${body.errorMessage}`
      : body.errorMessage;
  const parts = [body.error, body.error_description, message, fieldErrors(body.errors)]
    .filter((part): part is string => typeof part === 'string' && part !== '')
    .join(': ');
  const detail = parts || result.text.slice(0, 200).trim() || 'no body';
  return `HTTP ${String(result.status)} ${detail}`;
}

/**
 * The user profile's validation errors (Keycloak 24+ answers a refused user with
 * `{"errors":[{"field":"email","errorMessage":"error-invalid-email",…}]}`), as `email: error-invalid-email`.
 */
function fieldErrors(errors: unknown): string | undefined {
  if (!Array.isArray(errors)) return undefined;
  return errors
    .map((e: { field?: unknown; errorMessage?: unknown }) =>
      [e.field, e.errorMessage].filter((x) => typeof x === 'string').join(': '),
    )
    .filter((x) => x !== '')
    .join(', ');
}

function networkCause(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return 'no answer in time';
  const cause = error instanceof Error ? error.cause : undefined;
  if (typeof cause === 'object' && cause !== null) {
    const { code, message } = cause as { code?: unknown; message?: unknown };
    if (typeof code === 'string') return code;
    if (typeof message === 'string') return message;
  }
  return getErrorMessage(error);
}

/** Real side effects: global fetch and a sleep that a cancellation ends early. */
export const realHttpDeps: HttpDeps = {
  fetch: (input, init) => fetch(input, init),
  sleep: abortableSleep,
};
