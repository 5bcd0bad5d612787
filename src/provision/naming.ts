/**
 * Names and labels for what a run creates: `<prefix>-<repo>-<run id>-<attempt>` plus labels
 * that say who made it and when. The creation epoch is a label, so the janitor knows a
 * machine's age without trusting (or asking) the API, and the prefix label is how it tells our
 * machines from everyone else's.
 */
import { runOrigin } from '../platform/run-origin.ts';
import { slug } from '../shared/slug.ts';

/** Label keys. Hetzner-style: keys and values of [a-z0-9-_.], values at most 63 characters. */
export const LABELS = {
  prefix: 'recipe-ci',
  repo: 'recipe-ci-repo',
  run: 'recipe-ci-run',
  created: 'recipe-ci-created',
} as const;

/** Hostnames (RFC 1123) allow 63 characters per label; servers are named like hosts. */
const MAX_NAME = 63;

export interface RunIdentity {
  name: string;
  labels: Record<string, string>;
  createdAt: number;
}

export function runIdentity(
  prefix: string,
  env: NodeJS.ProcessEnv,
  now: number = Date.now(),
): RunIdentity {
  const origin = runOrigin(env, now);
  const repo = slug(origin.repo) || 'local';
  const runId = slug(origin.runId) || 'manual';
  const attempt = slug(origin.attempt) || '1';
  const tail = `-${runId}-${attempt}`;
  const head = `${prefix}-${repo}`.slice(0, MAX_NAME - tail.length).replace(/-+$/, '');
  return {
    name: `${head}${tail}`,
    createdAt: now,
    labels: {
      [LABELS.prefix]: prefix,
      [LABELS.repo]: repo.slice(0, 63).replace(/-+$/, ''),
      [LABELS.run]: `${runId}-${attempt}`.slice(0, 63),
      [LABELS.created]: String(Math.floor(now / 1000)),
    },
  };
}

/** Creation time in ms from our label, or undefined when the label is missing or damaged. */
export function createdAtFromLabels(labels: Record<string, string>): number | undefined {
  const value = labels[LABELS.created];
  if (value === undefined || !/^\d{9,11}$/.test(value)) return undefined;
  return Number(value) * 1000;
}
