/**
 * What the gate leaves for the next steps: a known_hosts file with the pinned keys (so later
 * connections refuse any other key), the JSON timeline per host, and the table for people.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatDuration } from '../shared/duration.ts';
import { Report } from '../platform/report.ts';
import type { HostOutcome } from './gate.ts';
import type { HttpOutcome } from '../http/checks.ts';
import type { TimelineEvent } from '../shared/timeline.ts';
import { runnerTemp } from '../platform/run-origin.ts';

/** A known_hosts line: OpenSSH writes `[host]:port` for any port but 22. */
export function knownHostsLine(outcome: HostOutcome): string | undefined {
  if (outcome.hostKeyText === undefined) return undefined;
  const { host, port } = outcome.target;
  return `${port === 22 ? host : `[${host}]:${String(port)}`} ${outcome.hostKeyText}`;
}

export interface WrittenFiles {
  knownHosts: string;
  report: string;
}

export function writeResultFiles(
  outcomes: HostOutcome[],
  checks: HttpOutcome[],
  env: NodeJS.ProcessEnv,
): WrittenFiles {
  const dir = mkdtempSync(join(runnerTemp(env), 'recipe-ci-readiness-'));
  const knownHosts = join(dir, 'known_hosts');
  const lines = outcomes.filter((o) => o.ready).map(knownHostsLine);
  writeFileSync(
    knownHosts,
    lines
      .filter((l) => l !== undefined)
      .map((l) => `${l}\n`)
      .join(''),
    {
      mode: 0o644,
    },
  );
  const report = join(dir, 'report.json');
  const json = outcomes.map((o) => ({
    host: o.target.spec,
    ready: o.ready,
    stage: o.stage,
    reason: o.reason,
    lastError: o.lastError ?? null,
    hostKey: o.hostKey ?? null,
    cloudInit: o.cloudInit ?? null,
    sawCloudInitFinish: o.sawCloudInitFinish,
    warnings: o.warnings,
    elapsedMs: o.elapsedMs,
    timeline: o.timeline,
  }));
  const http = checks.map((c) => ({
    url: c.check.label,
    passed: c.passed,
    reason: c.reason,
    status: c.status ?? null,
    attempts: c.attempts,
    elapsedMs: c.elapsedMs,
    timeline: c.timeline,
  }));
  writeFileSync(report, `${JSON.stringify({ version: 1, hosts: json, http }, null, 2)}\n`);
  return { knownHosts, report };
}

export function readinessReport(outcomes: HostOutcome[], checks: HttpOutcome[]): Report {
  const ready = outcomes.filter((o) => o.ready).length;
  const report = new Report('recipe-ci readiness').text(
    `${String(ready)} of ${String(outcomes.length)} hosts ready`,
  );
  report.table(
    ['host', 'result', 'stage', 'after', 'cloud-init', 'host key', 'detail'],
    outcomes.map((o) => [
      o.target.spec,
      o.ready ? 'ready' : 'NOT READY',
      o.stage,
      formatDuration(o.elapsedMs),
      o.cloudInit?.state ?? '-',
      o.hostKey ?? '-',
      [o.reason, ...o.warnings].filter(Boolean).join('; '),
    ]),
  );
  if (checks.length > 0) {
    report.table(
      ['HTTP check', 'result', 'after', 'attempts', 'detail'],
      checks.map((c) => [
        c.check.label,
        c.passed ? 'passed' : 'FAILED',
        formatDuration(c.elapsedMs),
        String(c.attempts),
        c.reason,
      ]),
    );
  }
  for (const o of outcomes) {
    report.text(`${o.target.spec} timeline:\n${o.timeline.map(timelineLine).join('\n')}`);
  }
  for (const c of checks) {
    report.text(`${c.check.label} timeline:\n${c.timeline.map(timelineLine).join('\n')}`);
  }
  return report;
}

function timelineLine(event: TimelineEvent): string {
  return `  +${formatDuration(event.atMs)} [${event.stage}] ${event.event}`;
}
