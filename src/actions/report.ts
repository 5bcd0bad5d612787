/**
 * The report action: read every target's results.json, rate the run on the level ladder, and
 * put the card where people look — the job summary, files (card, badge SVG, shields JSON) for
 * the next step, and with a token one sticky pull-request comment and commit statuses. It
 * reports the verdict and never changes it: a failing API call is a warning.
 */
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ActionDefinition } from '../platform/context.ts';
import { badgeSvg, badgeText, shieldsEndpoint } from '../report/badge.ts';
import { buildCard } from '../report/card.ts';
import { publishCard, statusesOf } from '../report/publish.ts';
import { loadResults, type TargetResults } from '../report/results-files.ts';
import { runLinksOf } from '../platform/run-links.ts';
import { forgeTokenOf } from '../platform/run-origin.ts';
import { readReportSettings } from '../report/settings.ts';

export const report: ActionDefinition = {
  name: 'report',
  async main({ inputs, outputs, log, platform, secrets, group, appendSummary }) {
    const links = runLinksOf(process.env);
    // On a command line the token comes from the environment, never a flag a process list shows.
    const envToken = platform.kind === 'cli' ? forgeTokenOf(process.env) : undefined;
    if (envToken !== undefined) secrets.add(envToken);
    const settings = readReportSettings(inputs, links, platform.apiUrl, envToken);

    const loaded = loadResults(settings.results, settings.recipe);
    for (const problem of loaded.problems)
      log.warning(`${problem.path} ${problem.problem}: skipped`);
    const recipe = settings.recipe ?? loaded.targets[0]?.recipe ?? 'recipe';
    mkdirSync(settings.outputDir, { recursive: true });
    const pngs = collectScreenshots(loaded.targets, settings.outputDir);
    const cardOf = (images: ReadonlyMap<string, string> = new Map()) =>
      buildCard({
        recipe,
        loaded,
        sha: settings.post?.sha ?? links.sha,
        runUrl: links.runUrl,
        screenshots: new Map(
          [...pngs.keys()].map((target) => {
            const image = images.get(target);
            return [target, image === undefined ? linkOnly(links.artifactsUrl) : { image }];
          }),
        ),
      });
    const card = cardOf();
    const files = {
      card: join(settings.outputDir, 'card.md'),
      badge: join(settings.outputDir, 'badge.svg'),
      badgeJson: join(settings.outputDir, 'badge.json'),
    };
    const badge = badgeText(recipe, card.level, card.verdict);
    // A check's output tail in the card may echo a secret the step knows.
    const markdown = secrets.redact(card.markdown);
    writeFileSync(files.card, markdown);
    writeFileSync(files.badge, badgeSvg(badge));
    writeFileSync(files.badgeJson, shieldsEndpoint(badge));

    // Gitea ≤ 1.26 ignores the job summary: the log carries the card too.
    await group(`recipe-ci card: ${recipe} ${card.verdict}`, () => {
      for (const line of markdown.split('\n')) log.info(line);
      return Promise.resolve();
    });
    await appendSummary(markdown);
    for (const note of settings.notes) log.notice(note);

    let commentUrl = '';
    if (settings.post !== undefined) {
      const { githubReview } = await import('../platform/github-review.ts');
      const api = githubReview(settings.post);
      const statuses = statusesOf(card, loaded, settings.statusContext, links.runUrl);
      // Gitea and Forgejo take image uploads on a comment; GitHub's API has none. Off a runner
      // (Drone, Woodpecker) their API is known by its /api/v1 base.
      const forge =
        platform.kind === 'gitea' ||
        platform.kind === 'forgejo' ||
        /\/api\/v1\/?$/.test(settings.post.apiUrl);
      const images = forge
        ? {
            attachments: (
              await import('../platform/comment-attachments.ts')
            ).forgeCommentAttachments(settings.post),
            files: pngs,
            render: (urls: ReadonlyMap<string, string>) => secrets.redact(cardOf(urls).markdown),
          }
        : undefined;
      const published = await publishCard(
        api,
        { issue: settings.post.pullRequest, sha: settings.post.sha },
        { ...card, markdown },
        statuses,
        images,
      );
      for (const warning of published.warnings) log.warning(`report: ${warning}`);
      commentUrl = published.commentUrl ?? '';
      if (commentUrl !== '') log.info(`card comment: ${commentUrl}`);
      if (published.statuses > 0) {
        log.info(`${String(published.statuses)} commit status(es) on ${settings.post.sha ?? ''}`);
      }
    }
    outputs.set('status', card.verdict);
    outputs.set('level', card.level === undefined ? '' : `L${String(card.level)}`);
    outputs.set('card', files.card);
    outputs.set('badge', files.badge);
    outputs.set('badge-json', files.badgeJson);
    outputs.set('comment-url', commentUrl);
  },
};

/**
 * Each target's PNG next to the card, named by target. A GitHub comment cannot embed a file from
 * an artifact, so there the card links to the run's artifacts where the PNG can be downloaded.
 */
function collectScreenshots(
  targets: readonly TargetResults[],
  outputDir: string,
): Map<string, string> {
  const found = new Map<string, string>();
  for (const target of targets) {
    const file = target.screenshot?.file;
    // A plain file name beside results.json: a hand-made file must not copy from elsewhere.
    if (file === undefined || basename(file) !== file) continue;
    const from = join(target.dir, file);
    if (!existsSync(from)) continue;
    const to = join(outputDir, 'screenshots', `${target.target}.png`);
    mkdirSync(join(outputDir, 'screenshots'), { recursive: true });
    copyFileSync(from, to);
    found.set(target.target, to);
  }
  return found;
}

function linkOnly(url: string | undefined): { link?: string } {
  return url === undefined ? {} : { link: url };
}
