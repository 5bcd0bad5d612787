/**
 * What a recipe run leaves: results.json (schema below, versioned), JUnit XML (a testsuite per
 * tier and attempt, a testcase per check — what CI test viewers read), and the summary table.
 *
 * results.json, version 1:
 *   { version: 1, recipe, backend, domain, url, candidate, previous, paths?, notices?,
 *     status: 'passed'|'failed',
 *     tiers: [{ tier, attempt, from?, status, reason, durationMs, diagnostics?,
 *               checks: [{ name, status, durationMs, message, output }] }],
 *     screenshot?: { file?, url, error? }, target?, job?: { name?, url? } }
 *   `screenshot` is there when the config asks for one and install passed: `file` (relative to
 *   the folder results.json is in) when it was taken, `error` when it could not be. Optional
 *   fields added later keep the version at 1; readers ignore what they do not know. `target` is
 *   the matrix target's name and `job` where its log is (the run's page), for the report card.
 *   Under `previous: last-N`, `paths` lists the releases the upgrade started from (newest
 *   first; `previous` is the first) and each upgrade row has its `from`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatDuration } from '../shared/duration.ts';
import { Report } from '../platform/report.ts';
import { escapeXml } from '../shared/xml.ts';
import type { ScreenshotResult } from '../screenshot/take.ts';
import { tierLabel, type TierResult } from './tier-result.ts';

export interface RunSummary {
  recipe: string;
  backend: string;
  domain: string;
  url: string;
  candidate: string | null;
  previous: string | null;
  status: 'passed' | 'failed';
  tiers: TierResult[];
  /** Under `previous: last-N`, the release each upgrade path started from, newest first. */
  paths?: string[];
  /** What the plan warned of (ignored tags, a version label that disagrees with the tag). */
  warnings?: string[];
  /** What the plan noted without anything being wrong (fewer releases than last-N asks). */
  notices?: string[];
  /** The app's page after install: evidence for the report, never a reason to fail. */
  screenshot?: ScreenshotResult;
  target?: string;
  job?: { name?: string; url?: string };
}

/** `redact` takes every secret the step knows out of the files: check output may echo one. */
export function writeResults(
  dir: string,
  summary: RunSummary,
  redact: (text: string) => string,
): { results: string; junit: string } {
  const results = join(dir, 'results.json');
  writeFileSync(results, redact(`${JSON.stringify({ version: 1, ...summary }, null, 2)}\n`));
  const junit = join(dir, 'junit.xml');
  writeFileSync(junit, redact(toJunit(summary)));
  return { results, junit };
}

export function toJunit(summary: RunSummary): string {
  const suites = summary.tiers.map((tier) => {
    const name = `${summary.recipe} ${tierLabel(tier)}${tier.attempt > 1 ? ` (attempt ${String(tier.attempt)})` : ''}`;
    const cases =
      tier.checks.length > 0
        ? tier.checks.map((check) => {
            const body =
              check.status === 'failed'
                ? `<failure message="${escapeXml(check.message)}">${escapeXml(check.output)}</failure>`
                : check.status === 'passed'
                  ? ''
                  : `<skipped message="${escapeXml(check.message)}"/>`;
            return `    <testcase classname="${escapeXml(name)}" name="${escapeXml(check.name)}" time="${seconds(check.durationMs)}">${body}</testcase>`;
          })
        : [
            // A tier with no checks (skipped, held) still shows, with its reason.
            `    <testcase classname="${escapeXml(name)}" name="${escapeXml(tier.tier)}" time="0">${
              tier.status === 'failed' || tier.status === 'blocked'
                ? `<failure message="${escapeXml(`${tier.status}: ${tier.reason}`)}"/>`
                : tier.status === 'passed'
                  ? ''
                  : `<skipped message="${escapeXml(`${tier.status}: ${tier.reason}`)}"/>`
            }</testcase>`,
          ];
    const failures = tier.checks.filter((c) => c.status === 'failed').length;
    const skipped = tier.checks.filter(
      (c) => c.status !== 'passed' && c.status !== 'failed',
    ).length;
    return [
      `  <testsuite name="${escapeXml(name)}" tests="${String(Math.max(1, tier.checks.length))}" failures="${String(failures)}" skipped="${String(skipped)}" time="${seconds(tier.durationMs)}">`,
      ...cases,
      '  </testsuite>',
    ].join('\n');
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="recipe-ci ${escapeXml(summary.recipe)}">\n${suites.join('\n')}\n</testsuites>\n`;
}

export function suiteReport(summary: RunSummary): Report {
  const report = new Report(`recipe-ci: ${summary.recipe} ${summary.status}`).text(
    `${summary.candidate ?? 'candidate (untagged)'} on ${summary.domain}` + upgradedFrom(summary),
  );
  report.table(
    ['tier', 'attempt', 'status', 'duration', 'reason'],
    summary.tiers.map((t) => [
      tierLabel(t),
      String(t.attempt),
      t.status,
      formatDuration(t.durationMs),
      t.reason,
    ]),
  );
  for (const notice of summary.notices ?? []) report.text(`ℹ ${notice}`);
  for (const warning of summary.warnings ?? []) report.text(`⚠ ${warning}`);
  const shot = summary.screenshot;
  if (shot?.file !== undefined) report.text(`Screenshot of ${shot.url}: ${shot.file}`);
  if (shot?.error !== undefined) report.text(`⚠ no screenshot of ${shot.url}: ${shot.error}`);
  return report;
}

/** `, upgraded from 1.2.0+5.0`, or for several paths `, upgraded from each of 1.2.0+5.0, …`. */
function upgradedFrom(summary: RunSummary): string {
  if (summary.paths !== undefined && summary.paths.length > 1) {
    return `, upgraded from each of ${summary.paths.join(', ')}`;
  }
  return summary.previous ? `, upgraded from ${summary.previous}` : '';
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}
