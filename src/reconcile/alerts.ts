/**
 * Alerts as issues in the repository that runs the reconcile: one open issue per app and
 * reason, found again by its exact title (labels are not portable: Gitea and Forgejo take label
 * ids, not names, when an issue is created), updated rather than duplicated, and closed once the
 * app is healthy on the newest version (not when it stepped to an older safe one and the newest is
 * still held).
 */
import type { IssueApi } from '../platform/issue-api.ts';
import { ALERTING, HEALTHY_ON_LATEST, type ReconcileOutcome } from './reconcile.ts';

export type { IssueApi, IssueSummary } from '../platform/issue-api.ts';

export function alertTitle(domain: string, reason: string): string {
  return `[recipe-ci] ${domain}: ${reason}`;
}

/** Open, update or close this app's alert issues; returns what it did, one line per issue. */
export async function syncAlertIssues(
  api: IssueApi,
  domain: string,
  outcome: ReconcileOutcome,
  body: string,
): Promise<string[]> {
  const titles = new Map(ALERTING.map((reason) => [alertTitle(domain, reason), reason]));
  const open = (await api.listOpen()).filter((issue) => titles.has(issue.title));
  const done: string[] = [];
  // A step to the newest safe version still leaves the newest held: that hold is the alert.
  const reason = outcome.heldBack?.alert ?? outcome.result;
  if (ALERTING.includes(reason)) {
    const title = alertTitle(domain, reason);
    const existing = open.find((issue) => issue.title === title);
    if (existing === undefined) {
      done.push(`opened #${String(await api.create(title, body))} ${title}`);
    } else if (existing.body.trim() !== body.trim()) {
      await api.updateBody(existing.number, body);
      done.push(`updated #${String(existing.number)} ${title}`);
    } else {
      done.push(`#${String(existing.number)} ${title} already says this`);
    }
  }
  if (HEALTHY_ON_LATEST.includes(outcome.result) && outcome.heldBack === undefined) {
    for (const issue of open) {
      await api.close(
        issue.number,
        `${domain} is healthy on ${outcome.latest} (${outcome.result}); closing.`,
      );
      done.push(`closed #${String(issue.number)} ${issue.title}`);
    }
  }
  return done;
}
