/**
 * How a failed forge API call is told, whichever layer made it. Issues, comments and commit
 * statuses go through octokit (@actions/github): its request layer stays — routes, pagination,
 * typed answers — but it is given a fetch with our time limit per call (it has none of its own),
 * and its errors are mapped here. Comment images, which octokit has no route for, go through the
 * shared HTTP client (src/shared/http-client.ts) and are mapped the same way.
 *
 * octokit is not retried: the card's calls are each best effort (a failure is a warning and the
 * next run posts again), and a comment or an issue created twice is worse than one not created.
 */
import { describeNetworkCause, HttpError, withTimeLimit } from '../shared/http-client.ts';

/** One forge call's time limit: a silent forge must not hold the step until the job's end. */
export const FORGE_TIMEOUT_MS = 30_000;

/** A failed forge call: what we tried, the status the forge answered (undefined when none). */
export class ForgeApiError extends HttpError {
  override readonly name = 'ForgeApiError';
  constructor(
    readonly call: string,
    status: number | undefined,
    detail: string,
  ) {
    // Without a status, the detail is the network cause: `connection refused: ECONNREFUSED`.
    super(`${call}: ${status === undefined ? '' : `HTTP ${String(status)}: `}${detail}`, {
      status,
      reason: status === undefined ? detail : `HTTP ${String(status)}`,
    });
  }
}

/** getOctokit's options for a forge's API base (GITHUB_API_URL, or Gitea's `/api/v1`). */
export function octokitOptions(apiUrl: string): {
  baseUrl: string;
  request: { fetch: typeof fetch };
} {
  return {
    baseUrl: apiUrl.replace(/\/$/, ''),
    request: { fetch: withTimeLimit(FORGE_TIMEOUT_MS) },
  };
}

/** `fn`'s answer, or a ForgeApiError for `call` from whatever it threw. */
export async function forgeCall<T>(call: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw forgeError(call, error);
  }
}

/**
 * A ForgeApiError for `call` from a thrown value. octokit's RequestError carries the status and
 * the response when the forge answered; when it did not, octokit still says 500 (for every fetch
 * failure), so a RequestError without a response is a network failure, told by its cause.
 */
export function forgeError(call: string, error: unknown): ForgeApiError {
  if (error instanceof ForgeApiError) return error;
  if (error instanceof HttpError) return new ForgeApiError(call, error.status, error.reason);
  const { status, response } = error as { status?: unknown; response?: unknown };
  if (typeof status === 'number' && status > 0 && response !== undefined) {
    const message = error instanceof Error ? error.message : '';
    return new ForgeApiError(call, status, message.split('\n')[0] ?? '');
  }
  return new ForgeApiError(call, undefined, describeNetworkCause(error, FORGE_TIMEOUT_MS));
}
