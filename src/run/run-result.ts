/**
 * What a run leaves for its caller: each target's results.json and junit.xml copied to
 * `<results-dir>/<target>/` (secrets redacted: check output may echo one) with the screenshot
 * results.json names beside them, the run as one JSON object — what `recipe-ci run` prints on
 * stdout — and the table for the log and job summary.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Report } from '../platform/report.ts';
import type { SavedTarget, TargetStatus } from './target-chain.ts';
import { targetName } from './chain-inputs.ts';

export type RunStatus = 'passed' | 'failed' | 'cancelled';

export interface RunResult {
  status: RunStatus;
  targets: {
    target: string;
    status: TargetStatus;
    reason: string;
    results: string | null;
    junit: string | null;
  }[];
  skipped: string[];
  /** What the post steps could not remove; filled in by post. */
  leftovers: string[];
}

/** Copy a target's result files into the results folder; their paths there (null if none). */
export function collectResults(
  saved: SavedTarget,
  resultsDir: string,
  redact: (text: string) => string,
): { results: string | null; junit: string | null } {
  const dir = join(resultsDir, targetName(saved.entry));
  const copy = (from: string | undefined, name: string): string | null => {
    if (from === undefined || !existsSync(from)) return null;
    mkdirSync(dir, { recursive: true });
    const to = join(dir, name);
    writeFileSync(to, redact(readFileSync(from, 'utf8')));
    return to;
  };
  const results = copy(saved.results, 'results.json');
  if (saved.results !== undefined && results !== null) copyScreenshot(saved.results, dir);
  return { results, junit: copy(saved.junit, 'junit.xml') };
}

/** The PNG results.json names (a binary: copied as it is), so its relative `file` holds there. */
function copyScreenshot(from: string, dir: string): void {
  let file: unknown;
  try {
    file = (JSON.parse(readFileSync(from, 'utf8')) as { screenshot?: { file?: unknown } })
      .screenshot?.file;
  } catch {
    return;
  }
  if (typeof file !== 'string' || basename(file) !== file) return;
  const source = join(dirname(from), file);
  if (existsSync(source)) copyFileSync(source, join(dir, file));
}

export function runStatusOf(
  targets: readonly { status: TargetStatus }[],
  cancelled: boolean,
  leftovers: readonly string[] = [],
): RunStatus {
  if (cancelled || targets.some((t) => t.status === 'cancelled')) return 'cancelled';
  if (targets.some((t) => t.status === 'failed') || leftovers.length > 0) return 'failed';
  return 'passed';
}

export function runReport(result: RunResult): Report {
  const report = new Report(`recipe-ci run: ${result.status}`).table(
    ['target', 'status', 'why', 'results'],
    result.targets.map((t) => [t.target, t.status, t.reason || '—', t.results ?? '—']),
  );
  if (result.skipped.length > 0)
    report.text(`Skipped (not selected): ${result.skipped.join(', ')}`);
  if (result.leftovers.length > 0) {
    report.text(`Left behind:\n${result.leftovers.map((l) => `- ${l}`).join('\n')}`);
  }
  return report;
}
