/**
 * The result card: what a maintainer reads on the pull request to decide. A header with the
 * verdict and level, the ladder per target, a table target × tier (status, duration, reason),
 * held upgrades with their notes quoted, the files that could not be read, screenshots, and the
 * failing checks' output tails folded away. The same Markdown goes to the job summary, a file,
 * and the sticky comment (found again by cardMarker).
 */
import { markdownTable } from '../platform/report.ts';
import { formatDuration } from '../shared/duration.ts';
import { tierLabel, type TierResult } from '../suite/tier-result.ts';
import { ladderOf, lowestLevel, type Ladder, type Rung, type RungState } from './levels.ts';
import type { LoadedResults, TargetResults } from './results-files.ts';
import { VERDICT_ICONS, verdictOf, type Verdict } from './verdict.ts';

/**
 * Hidden in the rendered comment; how re-runs find the comment to edit. Per recipe: a
 * repository that tests several recipes gets one card for each on the pull request.
 */
export function cardMarker(recipe: string): string {
  return `<!-- recipe-ci:result-card:${recipe} -->`;
}
/** GitHub refuses comment bodies over 65536 characters; leave room for the marker and notes. */
const MAX_CARD_CHARS = 60_000;
const TAIL_LINES = 40;
const TAIL_CHARS = 3_000;

export interface CardInputs {
  recipe: string;
  loaded: LoadedResults;
  /** The commit tested, shown short. */
  sha?: string | undefined;
  /** The workflow run; per-target job links come from results.json when it has them. */
  runUrl?: string | undefined;
  /** Where each target's screenshot can be seen: an image URL, or a page to download it from. */
  screenshots?: ReadonlyMap<string, { image?: string; link?: string }>;
}

export interface Card {
  marker: string;
  markdown: string;
  verdict: Verdict;
  level: number | undefined;
  ladders: ReadonlyMap<string, Ladder>;
}

const RUNG_ICONS: Record<RungState, string> = {
  passed: '✅',
  failed: '❌',
  skipped: '⏭️',
  unverified: '❔',
};
const TIER_ICONS: Record<TierResult['status'], string> = {
  passed: '✅',
  failed: '❌',
  skipped: '⏭️',
  held: '✋',
  blocked: '⛔',
};

export function buildCard(inputs: CardInputs): Card {
  const { loaded } = inputs;
  const ladders = new Map(loaded.targets.map((t) => [t.target, ladderOf(t.tiers)]));
  const level = lowestLevel([...ladders.values()].map((l) => l.level));
  const verdict = verdictOf(loaded);
  const sections = [
    header(inputs, verdict, level),
    ladderTable(loaded.targets, ladders, inputs.runUrl),
    tierTable(loaded.targets),
    heldUpgrades(loaded.targets),
    unreadable(loaded),
    screenshots(loaded.targets, inputs.screenshots),
  ];
  const tails = failingTails(loaded.targets);
  let markdown = `${cardMarker(inputs.recipe)}\n${sections.filter((s) => s !== '').join('\n\n')}\n`;
  for (const tail of tails) {
    if (markdown.length + tail.length > MAX_CARD_CHARS) {
      markdown += '\n_More failing output is in the job logs and the results artifacts._\n';
      break;
    }
    markdown += `\n${tail}\n`;
  }
  return { marker: cardMarker(inputs.recipe), markdown, verdict, level, ladders };
}

function header(inputs: CardInputs, verdict: Verdict, level: number | undefined): string {
  const rung = level === undefined ? 'no level' : `level L${String(level)}`;
  const count = inputs.loaded.targets.length;
  const facts = [
    inputs.sha ? `tested \`${inputs.sha.slice(0, 12)}\`` : 'tested',
    `on ${String(count)} target${count === 1 ? '' : 's'}`,
  ];
  const run = inputs.runUrl ? ` · [workflow run](${inputs.runUrl})` : '';
  return [
    `## ${VERDICT_ICONS[verdict]} recipe-ci: ${inputs.recipe} ${verdict} · ${rung}`,
    '',
    `${facts.join(' ')}${run} · ladder: L1 install, L2 upgrade, L3 backup/restore, L4 functional, L5 lint (${legend()})`,
  ].join('\n');
}

function legend(): string {
  return Object.entries(RUNG_ICONS)
    .map(([state, icon]) => `${icon} ${state}`)
    .join(', ');
}

function ladderTable(
  targets: readonly TargetResults[],
  ladders: ReadonlyMap<string, Ladder>,
  runUrl: string | undefined,
): string {
  if (targets.length === 0) return '_No target results were found._';
  const first = ladders.values().next().value;
  const rungNames = first?.rungs.map((r) => `L${String(r.level)} ${r.name}`) ?? [];
  const rows = targets.map((t) => {
    const ladder = ladders.get(t.target);
    const job = t.job?.url ?? runUrl;
    return [
      t.target,
      `${t.status === 'passed' ? '✅' : '❌'} ${t.status}`,
      `L${String(ladder?.level ?? 0)}`,
      ...(ladder?.rungs ?? []).map(rungCell),
      job ? `[${t.job?.name ?? 'job'}](${job})` : '',
    ];
  });
  return markdownTable(['target', 'verdict', 'level', ...rungNames, 'job'], rows);
}

/** The rung's icon; an upgrade rung over several paths also says which failed, or how many passed. */
function rungCell(rung: Rung): string {
  const icon = RUNG_ICONS[rung.state];
  if (rung.failedPaths !== undefined && rung.failedPaths.length > 0) {
    return `${icon} from ${rung.failedPaths.join(', ')}`;
  }
  return rung.paths !== undefined && rung.state === 'passed'
    ? `${icon} ${String(rung.paths)} paths`
    : icon;
}

function tierTable(targets: readonly TargetResults[]): string {
  const rows = targets.flatMap((t) =>
    t.tiers.map((tier) => [
      t.target,
      tier.attempt > 1 ? `${tierLabel(tier)} (attempt ${String(tier.attempt)})` : tierLabel(tier),
      `${TIER_ICONS[tier.status]} ${tier.status}`,
      tier.durationMs > 0 ? formatDuration(tier.durationMs) : '',
      tier.reason,
    ]),
  );
  if (rows.length === 0) return '';
  return `### Tiers\n\n${markdownTable(['target', 'tier', 'status', 'duration', 'reason'], rows)}`;
}

/** A held upgrade waits for a person: its notes are the point, so they are quoted whole. */
function heldUpgrades(targets: readonly TargetResults[]): string {
  const held = targets.flatMap((t) =>
    t.tiers.filter((tier) => tier.status === 'held').map((tier) => ({ target: t, tier })),
  );
  if (held.length === 0) return '';
  const blocks = held.map(({ target, tier }) => {
    const from = target.previous ? ` from ${target.previous}` : '';
    const to = target.candidate ? ` to ${target.candidate}` : '';
    const quoted = tier.reason
      .split('\n')
      .map((line) => `> ${line}`)
      .join('\n');
    return `**${target.target}**: the upgrade${from}${to} is held for a person to look at.\n\n${quoted}`;
  });
  return `### Held upgrades\n\n${blocks.join('\n\n')}`;
}

function unreadable(loaded: LoadedResults): string {
  if (loaded.problems.length === 0) return '';
  const lines = loaded.problems.map((p) => `- \`${p.path}\` ${p.problem}: skipped`);
  return `### Results that could not be read\n\n${lines.join('\n')}`;
}

function screenshots(targets: readonly TargetResults[], where: CardInputs['screenshots']): string {
  const lines = targets.flatMap((t) => {
    if (t.screenshot === undefined) return [];
    if (t.screenshot.error !== undefined) {
      return [`- **${t.target}**: no screenshot of ${t.screenshot.url} (${t.screenshot.error})`];
    }
    const seen = where?.get(t.target);
    if (seen?.image)
      return [`**${t.target}** — ${t.screenshot.url}\n\n![${t.target}](${seen.image})`];
    const link = seen?.link ? `: [download](${seen.link})` : ' (in the results artifact)';
    return [
      `- **${t.target}**: \`${t.screenshot.file ?? 'screenshot.png'}\` of ${t.screenshot.url}${link}`,
    ];
  });
  return lines.length === 0 ? '' : `### Screenshots\n\n${lines.join('\n\n')}`;
}

function failingTails(targets: readonly TargetResults[]): string[] {
  return targets.flatMap((t) =>
    t.tiers.flatMap((tier) =>
      tier.checks
        .filter((check) => check.status === 'failed')
        .map((check) => {
          const output = tail(check.output || check.message);
          const fence = fenceFor(output);
          return [
            `<details><summary>❌ ${escapeHtml(`${t.target} · ${tierLabel(tier)} · ${check.name}`)}</summary>`,
            '',
            `${fence}text`,
            output,
            fence,
            '',
            '</details>',
          ].join('\n');
        }),
    ),
  );
}

function tail(text: string): string {
  const lines = text.trimEnd().split('\n').slice(-TAIL_LINES).join('\n');
  return lines.length > TAIL_CHARS ? `…${lines.slice(-TAIL_CHARS)}` : lines;
}

/** A code fence longer than any run of backticks inside, so output cannot close it. */
function fenceFor(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  return '`'.repeat(Math.max(3, longest + 1));
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
