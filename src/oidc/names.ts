/**
 * Names of what a run creates: `<prefix>-<repo>-<run id>-<attempt>-<epoch seconds>-<nonce>`,
 * of `[a-z0-9-]` only. Keycloak keeps no creation time on a realm, so the epoch in the name is
 * how the janitor knows a leftover's age without asking; the prefix is how it knows the thing is
 * ours. The nonce (4 hex digits) is there because the jobs of one matrix share the run id and
 * attempt, and can start in the same second.
 */
import { randomBytes } from 'node:crypto';
import { slug } from '../shared/slug.ts';

/** Where a name comes from: the repository and the run (platform/run-origin.ts). */
export interface RunLabel {
  repo: string;
  runId: string;
  attempt: string;
}

const MAX_PREFIX = 20;
const MAX_REPO = 30;

/** Room for a realm name we are given (the shared realm); Keycloak's own limit is 255. */
const MAX_REALM = 100;

/** Why a prefix cannot be used, or undefined when it can. */
export function prefixProblem(prefix: string): string | undefined {
  return nameProblem(prefix, MAX_PREFIX);
}

/** Why a realm name we are given (shared-realm) cannot be used, or undefined when it can. */
export function realmNameProblem(realm: string): string | undefined {
  return nameProblem(realm, MAX_REALM);
}

function nameProblem(name: string, max: number): string | undefined {
  if (name.length > max) return `is longer than ${String(max)} characters`;
  if (!/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/.test(name)) {
    return 'may hold only lower-case letters, digits and inner hyphens ([a-z0-9-]); Keycloak rejects reserved characters in realm names and they break URLs';
  }
  return undefined;
}

export function runName(
  prefix: string,
  label: RunLabel,
  epochSeconds: number,
  nonce = randomBytes(2).toString('hex'),
): string {
  const run = /^\d+$/.test(label.runId) ? label.runId : slug(label.runId, 20) || 'x';
  const attempt = /^\d+$/.test(label.attempt) ? label.attempt : '1';
  const epoch = String(Math.floor(epochSeconds));
  return [prefix, slug(label.repo, MAX_REPO) || 'x', run, attempt, epoch, nonce].join('-');
}

/**
 * The creation epoch (seconds) of a name this prefix made, or undefined for anything else:
 * a foreign realm, the shared CI realm, `master`. The janitor deletes only what parses.
 */
export function parseRunName(prefix: string, name: string): number | undefined {
  if (!name.startsWith(`${prefix}-`)) return undefined;
  const match = /^[a-z0-9]+(?:-[a-z0-9]+)*-\d+-(\d{9,11})(?:-[0-9a-f]{4})?$/.exec(
    name.slice(prefix.length + 1),
  );
  return match ? Number(match[1]) : undefined;
}
