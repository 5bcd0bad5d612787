import assert from 'node:assert/strict';
import { it } from 'node:test';
import { alertTitle, syncAlertIssues, type IssueApi } from '../../src/reconcile/alerts.ts';
import type { ReconcileOutcome } from '../../src/reconcile/reconcile.ts';

/** Issues kept in memory, with what was done to them. */
function memoryIssues(open: { number: number; title: string; body: string }[]) {
  const log: string[] = [];
  const api: IssueApi = {
    listOpen: () => Promise.resolve(open),
    create: (title) => {
      log.push(`create ${title}`);
      return Promise.resolve(7);
    },
    updateBody: (number) => {
      log.push(`update #${String(number)}`);
      return Promise.resolve();
    },
    close: (number) => {
      log.push(`close #${String(number)}`);
      return Promise.resolve();
    },
  };
  return { api, log };
}

const DOMAIN = 'sso.example.test';
const upgraded: ReconcileOutcome = {
  result: 'upgraded',
  running: '1.0.0+5.0',
  latest: '2.0.0+6.0',
  now: '1.2.0+5.2',
  lastGood: '1.2.0+5.2',
  rejected: undefined,
  message: 'upgraded 1.0.0+5.0 → 1.2.0+5.2; healthy; 2.0.0+6.0 is held for a person',
  quoted: [],
  steps: [],
  diagnostics: undefined,
};

it('a step to the newest safe version alerts on the held newest and closes nothing', async () => {
  const major = { number: 3, title: alertTitle(DOMAIN, 'held-major'), body: 'old text' };
  const { api, log } = memoryIssues([major]);
  await syncAlertIssues(
    api,
    DOMAIN,
    { ...upgraded, heldBack: { tag: '2.0.0+6.0', why: 'major', alert: 'held-major', quoted: [] } },
    'new text',
  );
  assert.deepEqual(log, ['update #3']);
});

it('healthy on the newest itself: the alerts are closed', async () => {
  const major = { number: 3, title: alertTitle(DOMAIN, 'held-major'), body: 'old text' };
  const { api, log } = memoryIssues([major]);
  await syncAlertIssues(api, DOMAIN, { ...upgraded, now: '2.0.0+6.0' }, 'body');
  assert.deepEqual(log, ['close #3']);
});
