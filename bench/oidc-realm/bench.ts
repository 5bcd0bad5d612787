/**
 * oidc-realm against a real Keycloak (the lab's 26.7.3, `kc.sh start-dev`, in-memory H2):
 * 1. one realm's whole life — create, verify, delete — through the action's own code, next to
 *    an operator doing the same by hand with the distribution's `kcadm.sh`, alternating, ten each;
 * 2. the admin calls of a run with 0, 50, 100 and 300 leftover realms of the same login, the
 *    janitor sweeping them, and Keycloak's memory at each level.
 * Run: `npm run bench:oidc-realm` (needs test/lab/setup.sh); writes bench/oidc-realm/results.{md,json}.
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { KeycloakError } from '../../src/oidc/http.ts';
import { labKeycloakMissing, startLabKeycloak } from '../../test/support/keycloak-lab.ts';
import { actionLife, benchSettings, type ActionLife } from './action-path.ts';
import { countingProxy, type RequestCount } from './counting-proxy.ts';
import { Kcadm, type ByHandLife } from './kcadm.ts';
import {
  addLeftovers,
  atTheWall,
  janitor,
  setTokenKind,
  typicalCalls,
  type Added,
  type TokenKind,
  type Wall,
} from './leak.ts';
import { keycloakJvmRss, LoadSampler, machineFacts, mib, stat } from './measure.ts';
import { renderMarkdown, type Level, type Results } from './report.ts';

const RUNS = 10;
const REPS = 10;
const LEVELS = [0, 50, 100, 300];
const CONCURRENCY = 4;
const JANITOR_PASSES = 10;
const HERE = join('bench', 'oidc-realm');

const missing = labKeycloakMissing();
if (missing !== undefined) {
  throw new Error(`${missing}; run test/lab/setup.sh to install the lab Keycloak`);
}
const started = Date.now();
const loadAtStart = loadavg().map((v) => Math.round(v * 100) / 100);
const load = new LoadSampler();
const machine = await machineFacts();
const say = (line: string): void => {
  process.stderr.write(`[${String(Math.round((Date.now() - started) / 1000))} s] ${line}\n`);
};

const keycloak = await startLabKeycloak();
say(`Keycloak ${keycloak.version} at ${keycloak.url}, up in ${String(keycloak.startMs)} ms`);
let results: Results;
try {
  const settings = benchSettings(keycloak);
  const rss = (): number => mib(keycloakJvmRss(keycloak.url));
  const rssAtStart = rss();

  // 1. Whole lives, alternating so that drift (JIT, the machine's other work) hits both alike.
  const kcadm = new Kcadm(keycloak);
  const ours: ActionLife[] = [];
  const byHand: ByHandLife[] = [];
  const jvmOnly: number[] = [];
  let byHandRequests: RequestCount = { admin: 0, all: 0 };
  try {
    for (let i = 0; i < 3; i++) jvmOnly.push(await kcadm.jvmOnly());
    await actionLife(settings, 0); // warm-up, not counted: first requests, JIT
    // The by-hand warm-up goes through a counting proxy: what kcadm.sh sends, counted, untimed.
    const proxy = await countingProxy(keycloak.url);
    try {
      await kcadm.life(0, proxy.url);
    } finally {
      await proxy.close();
    }
    byHandRequests = { ...proxy.count };
    for (let i = 1; i <= RUNS; i++) {
      ours.push(await actionLife(settings, i));
      byHand.push(await kcadm.life(i));
      say(
        `life ${String(i)}: oidc-realm ${ms(ours.at(-1)?.totalMs)}, kcadm ${ms(byHand.at(-1)?.totalMs)}`,
      );
    }
  } finally {
    kcadm.close();
  }
  const rssAfterLives = rss();

  // 2. Leftovers, level by level; full tokens until Keycloak refuses them, then lightweight.
  const levels: Level[] = [];
  const creation: Added[] = [];
  let wall: Wall | undefined;
  let kind: TokenKind = 'full';
  await setTokenKind(keycloak, kind); // the lab makes its client with lightweight tokens
  let leftovers = 0;
  const measure = async (at: number, as: TokenKind, note = ''): Promise<void> => {
    if (as !== kind) await setTokenKind(keycloak, as);
    const level: Level = { leftovers: at, tokenKind: as, note, calls: undefined, refused: '' };
    try {
      level.calls = await typicalCalls(settings, REPS);
    } catch (error) {
      if (!(error instanceof KeycloakError && error.status === 431)) throw error;
      level.refused = error.message;
    }
    level.rssMiB = rss();
    level.load1m = loadavg()[0];
    levels.push(level);
    say(`${String(at)} leftovers, ${as} tokens: ${level.refused || JSON.stringify(level.calls)}`);
    if (as !== kind) await setTokenKind(keycloak, kind);
  };
  for (const target of LEVELS) {
    while (leftovers < target) {
      const added = await addLeftovers(settings, leftovers, target, CONCURRENCY, kind);
      creation.push(added);
      leftovers = added.to;
      say(`leftovers ${String(added.from)} → ${String(added.to)} in ${ms(added.ms)}`);
      if (added.wall !== undefined) {
        wall = { ...added.wall, ...(await atTheWall(settings)) };
        say(`wall at ${String(wall.leftovers)}: ${wall.actionError} / ${wall.janitorError}`);
        kind = 'lightweight';
        await setTokenKind(keycloak, kind);
      }
    }
    if (kind === 'full') await measure(target, 'full');
    await measure(target, 'lightweight');
  }
  const passes = await janitor(settings, JANITOR_PASSES);
  say(`janitor: ${JSON.stringify(passes)}`);
  const rssAfterJanitor = rss();
  kind = 'full';
  await setTokenKind(keycloak, kind);
  await measure(0, 'full', 'after the janitor');

  const left = await keycloak.realmNames();
  if (left.join() !== 'master') {
    throw new Error(`realms left besides master: ${left.filter((r) => r !== 'master').join(', ')}`);
  }
  results = {
    date: new Date(started).toISOString(),
    command: 'npm run bench:oidc-realm',
    durationS: Math.round((Date.now() - started) / 1000),
    machine,
    load: { atStart1m5m15m: loadAtStart, ...load.stop() },
    keycloak: {
      version: keycloak.version,
      startMs: keycloak.startMs,
      rssMiB: { atStart: rssAtStart, afterLives: rssAfterLives, afterJanitor: rssAfterJanitor },
    },
    lives: {
      runs: RUNS,
      oidcRealm: {
        loginMs: stat(ours.map((l) => l.loginMs)),
        createMs: stat(ours.map((l) => l.createMs)),
        verifyMs: stat(ours.map((l) => l.verifyMs)),
        deleteMs: stat(ours.map((l) => l.deleteMs)),
        totalMs: stat(ours.map((l) => l.totalMs)),
        adminCalls: stat(ours.map((l) => l.adminCalls)),
        requests: stat(ours.map((l) => l.requests)),
      },
      byHand: {
        loginMs: stat(byHand.map((l) => l.loginMs)),
        createMs: stat(byHand.map((l) => l.createMs)),
        deleteMs: stat(byHand.map((l) => l.deleteMs)),
        totalMs: stat(byHand.map((l) => l.totalMs)),
        jvmOnlyMs: stat(jvmOnly),
        requests: byHandRequests,
      },
      samples: { oidcRealm: ours, byHand },
    },
    leak: {
      reps: REPS,
      concurrency: CONCURRENCY,
      levels,
      creation: creation.map(({ from, to, ms: took, tokenKind }) => ({
        from,
        to,
        ms: Math.round(took),
        tokenKind,
      })),
      wall,
      janitor: passes.map((p) => ({ ...p, ms: Math.round(p.ms) })),
      realmsLeft: left,
    },
  };
} finally {
  await keycloak.stop();
}

writeFileSync(join(HERE, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
const md = renderMarkdown(results);
writeFileSync(join(HERE, 'results.md'), md);
process.stdout.write(md);

function ms(value: number | undefined): string {
  return value === undefined ? '?' : `${String(Math.round(value))} ms`;
}
