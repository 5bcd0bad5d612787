/**
 * results.md from the benchmark's results. Run alone (`node --import tsx
 * bench/oidc-realm/report.ts`) it renders results.md again from the committed results.json.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ActionLife } from './action-path.ts';
import type { RequestCount } from './counting-proxy.ts';
import type { ByHandLife } from './kcadm.ts';
import type { CallTimes, JanitorPass, TokenKind, Wall } from './leak.ts';
import type { MachineFacts, Stat } from './measure.ts';

export interface Level {
  leftovers: number;
  tokenKind: TokenKind;
  note: string;
  calls: CallTimes | undefined;
  /** Keycloak's refusal when the login could make no admin call at this level. */
  refused: string;
  rssMiB?: number;
  /** The machine's 1-minute load average when this level was measured. */
  load1m?: number;
}

export interface Results {
  date: string;
  command: string;
  durationS: number;
  machine: MachineFacts;
  load: { atStart1m5m15m: number[]; mean1m: number; max1m: number };
  keycloak: {
    version: string;
    startMs: number;
    rssMiB: { atStart: number; afterLives: number; afterJanitor: number };
  };
  lives: {
    runs: number;
    oidcRealm: Record<
      'loginMs' | 'createMs' | 'verifyMs' | 'deleteMs' | 'totalMs' | 'adminCalls' | 'requests',
      Stat
    >;
    byHand: Record<'loginMs' | 'createMs' | 'deleteMs' | 'totalMs' | 'jvmOnlyMs', Stat> & {
      /** What one by-hand life sent, counted once through a proxy. */
      requests: RequestCount;
    };
    samples: { oidcRealm: ActionLife[]; byHand: ByHandLife[] };
  };
  leak: {
    reps: number;
    concurrency: number;
    levels: Level[];
    creation: { from: number; to: number; ms: number; tokenKind: TokenKind }[];
    wall: Wall | undefined;
    janitor: JanitorPass[];
    realmsLeft: string[];
  };
}

const s = (ms: number): string => (ms / 1000).toFixed(2);
/** A duration for prose: ms below a second, seconds above. */
const t = (ms: number): string => (ms < 1000 ? `${String(Math.round(ms))} ms` : `${s(ms)} s`);
/** "median (p90)" in seconds. */
const sp = (x: Stat): string => `${s(x.median)} (${s(x.p90)})`;
/** "median (p90)" in milliseconds. */
const mp = (x: Stat): string => `${String(x.median)} (${String(x.p90)})`;
const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;

export function renderMarkdown(r: Results): string {
  const { oidcRealm: a, byHand: b } = r.lives;
  const m = r.machine;
  const lines = [
    '# oidc-realm against a real Keycloak',
    '',
    `Keycloak ${r.keycloak.version} from the lab (\`kc.sh start-dev\`, in-memory H2, loopback), started once`,
    `(${s(r.keycloak.startMs)} s to discovery). Measured ${r.date} with \`${r.command}\` in ${String(Math.round(r.durationS / 60))} min`,
    `on ${String(m.cores)} × ${m.cpu}, ${String(m.memoryGiB)} GiB RAM, Linux ${m.kernel}, Node ${m.node},`,
    `${m.java}. The machine is shared: load average ${r.load.atStart1m5m15m.join(' / ')} (1/5/15 min) at the`,
    `start, 1-minute load ${String(r.load.mean1m)} on average and ${String(r.load.max1m)} at most during the run, of`,
    `which Keycloak and the benchmark are part. Figures are median (p90), nearest rank.`,
    '',
    `## One realm's life: oidc-realm next to kcadm.sh by hand`,
    '',
    `${String(r.lives.runs)} realms each, alternating, after one warm-up of each. Both log in as the same`,
    'create-realm-only client and send the same realm JSON (realm, client `app`, user `tester` with',
    "a password). oidc-realm's phases are the action's own: main's create (admin login + one POST) and",
    'verify (discovery, client_credentials grant, password grant, ID token checked against the JWKS),',
    "post's delete (a fresh admin login + DELETE). By hand: `kcadm.sh config credentials`,",
    '`kcadm.sh create realms -f realm.json`, `kcadm.sh delete realms/<name>`, a new JVM each; nothing',
    'is verified.',
    '',
    '| seconds, median (p90) | admin login | create | verify | delete | whole life | admin calls | HTTP requests |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    `| oidc-realm (action code) | ${sp(a.loginMs)}, within create and delete | ${sp(a.createMs)} | ${sp(a.verifyMs)} | ${sp(a.deleteMs)} | **${sp(a.totalMs)}** | ${String(a.adminCalls.median)} | ${String(a.requests.median)} |`,
    `| by hand, kcadm.sh | ${sp(b.loginMs)} | ${sp(b.createMs)} | — (not done) | ${sp(b.deleteMs)} | **${sp(b.totalMs)}** | ${String(b.requests.admin)} | ${String(b.requests.all)} |`,
    '',
    `A kcadm.sh call that sends nothing (\`kcadm.sh help\`, ${String(b.jvmOnlyMs.n)} runs) takes ${sp(b.jvmOnlyMs)} s: the JVM`,
    `and the CLI loading, paid three times per realm by hand.`,
    '',
    `## Admin calls with leftover realms`,
    '',
    `Leftovers are what killed runs leave: made by the same create-realm-only login, named as runs`,
    `name theirs (a day old), ${String(r.leak.concurrency)} at a time. At each level one run's admin calls are timed`,
    `${String(r.leak.reps)} times (the login twice per repetition, as main and post each log in). Keycloak gives`,
    "the creator of a realm that realm's admin roles, and an ordinary (full) access token carries every",
    "role: the login's token grows with each realm it made. Lightweight access tokens (the client",
    'attribute `client.use.lightweight.access.token.enabled`) leave the roles out of the token.',
    '',
    '| leftovers | token | token size | login ms | POST realm ms | GET realm ms | list realms ms | DELETE realm ms | Keycloak RSS | load 1 min |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...r.leak.levels.map((l) => {
      const head = `| ${String(l.leftovers)}${l.note === '' ? '' : ` (${l.note})`} | ${l.tokenKind}`;
      const rss = l.rssMiB === undefined ? '' : `${String(l.rssMiB)} MiB`;
      const tail = `${rss} | ${l.load1m === undefined ? '' : l.load1m.toFixed(1)} |`;
      if (l.calls === undefined) return `${head} | — | refused: ${l.refused} | | | | | ${tail}`;
      const c = l.calls;
      return `${head} | ${kib(c.tokenBytes)} | ${mp(c.token)} | ${mp(c.create)} | ${mp(c.get)} | ${mp(c.list)} | ${mp(c.delete)} | ${tail}`;
    }),
    '',
    'Making the leftovers:',
    '',
    '| leftovers | token | took | per realm |',
    '| --- | --- | --- | --- |',
    ...r.leak.creation.map(
      (c) =>
        `| ${String(c.from)} → ${String(c.to)} | ${c.tokenKind} | ${s(c.ms)} s | ${c.to > c.from ? String(Math.round(c.ms / (c.to - c.from))) : '—'} ms |`,
    ),
    '',
    ...wallSection(r.leak.wall),
    '## The janitor',
    '',
    `\`sweep\` exactly as \`mode: janitor\` runs it (prefix \`bench\`, max-age 6h), run again while a pass`,
    'fails on some realms and deletes others, as a schedule would:',
    '',
    '| pass | deleted | failed | took | first failure |',
    '| --- | --- | --- | --- | --- |',
    ...r.leak.janitor.map(
      (p, i) =>
        `| ${String(i + 1)} | ${String(p.deleted)} | ${String(p.failed)} | ${s(p.ms)} s | ${p.firstFailure ?? ''} |`,
    ),
    '',
    `Keycloak's JVM resident memory: ${String(r.keycloak.rssMiB.atStart)} MiB after start, ${String(r.keycloak.rssMiB.afterLives)} MiB after the`,
    `realm lives, ${String(r.keycloak.rssMiB.afterJanitor)} MiB after the janitor. Realms left at the end: ${r.leak.realmsLeft.join(', ')}.`,
    '',
    ...interpretation(r),
  ];
  return `${lines.join('\n')}\n`;
}

function wallSection(wall: Wall | undefined): string[] {
  if (wall === undefined) {
    return ['No admin call was refused for its token size up to the last level.', ''];
  }
  return [
    '## Where the full token stops working',
    '',
    `The login had made ${String(wall.leftovers)} leftovers when Keycloak first refused its token: the largest`,
    `token that still worked was ${kib(wall.lastGoodTokenBytes)}, the first refused one ${kib(wall.refusedTokenBytes)} (HTTP 431, request`,
    'headers too large). From then on every admin call of that login is refused:',
    '',
    `- oidc-realm main: ${wall.actionError}`,
    `- the janitor: ${wall.janitorError}`,
    '',
    'The benchmark then switched the client to lightweight tokens to go on to 300.',
    '',
  ];
}

/** The reading of the figures, written from them so that a new run cannot contradict its prose. */
function interpretation(r: Results): string[] {
  const { oidcRealm: a, byHand: b } = r.lives;
  const level = (n: number, kind: TokenKind): CallTimes | undefined =>
    r.leak.levels.find((l) => l.leftovers === n && l.tokenKind === kind && l.note === '')?.calls;
  const rssAt = (n: number): number | undefined =>
    r.leak.levels.find((l) => l.leftovers === n && l.note === '')?.rssMiB;
  const top = Math.max(...r.leak.levels.map((l) => l.leftovers));
  const none = level(0, 'lightweight');
  const most = level(top, 'lightweight');
  const full0 = level(0, 'full');
  const full100 = level(100, 'full');
  const perRealm =
    full0 && full100 ? Math.round((full100.tokenBytes - full0.tokenBytes) / 100) : undefined;
  const passes = r.leak.janitor;
  const first = passes[0];
  const janitorS = passes.reduce((sum, p) => sum + p.ms, 0);
  const deleted = passes.reduce((sum, p) => sum + p.deleted, 0);
  const out = [
    `A realm's whole life through oidc-realm took ${s(a.totalMs.median)} s (median), its verification with`,
    `real grants included, against ${s(b.totalMs.median)} s by hand with kcadm.sh, which verifies nothing; three`,
    `JVM starts (${t(b.jvmOnlyMs.median * 3)}) are most of the difference, so the one-call create matters less here`,
    'than not starting a JVM per call.',
  ];
  if (r.leak.wall !== undefined) {
    out.push(
      `Leftovers break a run before they slow it: each realm the create-realm-only login made added`,
      `about ${perRealm === undefined ? '?' : String(perRealm)} bytes to its full access token, and at ${String(r.leak.wall.leftovers)} leftovers Keycloak refused`,
      'the token on every admin call, so oidc-realm could create nothing and the janitor, logging in as',
      'the same client, could not even list what to delete: the janitor has to run before one client',
      'holds about a hundred leftovers, or that client must use lightweight access tokens.',
    );
  }
  if (none && most) {
    out.push(
      `With lightweight tokens the calls went on working, but the server itself slowed: at ${String(top)} leftovers`,
      `listing realms (the janitor's first call) took ${t(most.list.median)} (p90 ${t(most.list.p90)}) against ${t(none.list.median)} with none,`,
      `and the first list after the leftovers were made took ${t(most.samples.list[0] ?? Number.NaN)}; a DELETE took ${t(most.delete.median)} against`,
      `${t(none.delete.median)}, and the JVM held ${String(rssAt(top) ?? '?')} MiB against ${String(rssAt(0) ?? '?')} MiB, memory it kept after the realms were gone`,
      `(${String(r.keycloak.rssMiB.afterJanitor)} MiB).`,
    );
  }
  if (first !== undefined && passes.length > 1) {
    out.push(
      `The janitor removed all ${String(deleted)} in ${t(janitorS)} but needed ${String(passes.length)} passes: the first used one`,
      `admin token for the whole sweep, and after ${t(first.ms)} (master tokens live about a minute)`,
      `${String(first.failed)} deletions were refused with HTTP 401 and left for the next run.`,
    );
  } else if (first !== undefined) {
    out.push(`The janitor removed all ${String(deleted)} in one pass of ${t(janitorS)}.`);
  }
  return ['## What it means', '', ...out, ''];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const here = join('bench', 'oidc-realm');
  const results = JSON.parse(readFileSync(join(here, 'results.json'), 'utf8')) as Results;
  writeFileSync(join(here, 'results.md'), renderMarkdown(results));
}
