/**
 * The one way we talk to Keycloak, over the shared HTTP client (src/shared/http-client.ts): a
 * per-request time limit, the step's cancellation, and retries of every 5xx and of network
 * failures (concurrent create/delete on Keycloak has produced 500s: keycloak#12003, #41109).
 * Admin calls are counted so the report and the benchmark can say how many round trips a run
 * cost the shared server.
 */
import type { BackoffPolicy } from '../shared/backoff.ts';
import { HttpError, httpRequest, type HttpDeps } from '../shared/http-client.ts';

export { realHttpDeps, type HttpDeps } from '../shared/http-client.ts';

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

/**
 * A failed exchange, with Keycloak's own words (`error`, `error_description`, `errorMessage`);
 * `status` is undefined when Keycloak did not answer.
 */
export class KeycloakError extends HttpError {
  override readonly name = 'KeycloakError';
  constructor(message: string, status: number | undefined) {
    super(message, { status });
  }
}

const REQUEST_TIMEOUT_MS = 30_000;
/** Keycloak's 500s under concurrent admin calls pass within a second or two. */
const RETRY: BackoffPolicy = { firstMs: 400, capMs: 4000, jitter: 0.25 };

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

  /** Keycloak's answer, whatever its status; throws a KeycloakError only when none came. */
  async request(method: string, path: string, options: RequestOptions = {}): Promise<HttpResult> {
    const url = this.url(path);
    const admin = new URL(url).pathname.includes('/admin/');
    // Counted per attempt, as the server sees them.
    const fetchCounted: typeof fetch = (input, init) => {
      if (admin) this.adminCalls++;
      return this.deps.fetch(input, init);
    };
    try {
      const response = await httpRequest(
        {
          method,
          url,
          ...(options.token === undefined
            ? {}
            : { headers: { authorization: `Bearer ${options.token}` } }),
          json: options.json,
          form: options.form,
          signal: this.signal,
          timeoutMs: REQUEST_TIMEOUT_MS,
          attempts: options.attempts ?? 4,
          retryOn: (status) => status >= 500,
          backoff: RETRY,
          redirect: 'manual',
        },
        { fetch: fetchCounted, sleep: this.deps.sleep },
      );
      return {
        status: response.status,
        location: response.headers.get('location') ?? undefined,
        body: response.json,
        text: response.text,
      };
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      throw new KeycloakError(`cannot reach ${error.url ?? url}: ${error.reason}`, undefined);
    }
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
  const status = `HTTP ${String(result.status)}`;
  const detail = parts || result.text.slice(0, 200).trim() || 'no body';
  // The admin API's 401 body is `{"error":"HTTP 401 Unauthorized"}`: say the status once.
  return detail.startsWith(status) ? detail : `${status} ${detail}`;
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
