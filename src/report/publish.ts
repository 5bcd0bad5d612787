/**
 * Puts the card where the pull request shows it: one sticky comment (found again by its hidden
 * marker and edited, so re-runs never add a second) and a commit status per target plus an
 * overall one; on Gitea and Forgejo the screenshots are attached to the comment and shown in
 * it. Reporting never changes the run's verdict: each failed call comes back as a warning with
 * the forge's status code.
 */
import { readFile } from 'node:fs/promises';
import type { CommentAttachments } from '../platform/comment-attachments.ts';
import { ReviewApiError, type CommitStatus, type ReviewApi } from '../platform/review-api.ts';
import type { Card } from './card.ts';
import type { LoadedResults } from './results-files.ts';
import type { Verdict } from './verdict.ts';

export interface Published {
  commentUrl: string | undefined;
  statuses: number;
  warnings: string[];
}

/**
 * Edits the oldest marked comment, or creates one. Two report jobs at once can both find none
 * and both create; the second look keeps the oldest and deletes the rest, so the thread settles
 * on one card.
 */
export async function upsertCardComment(
  api: ReviewApi,
  issue: number,
  marker: string,
  body: string,
): Promise<{ id: number; url: string }> {
  const ours = async (): Promise<{ id: number; url: string }[]> =>
    (await api.listComments(issue))
      .filter((comment) => comment.body.includes(marker))
      .sort((a, b) => a.id - b.id);
  const found = await ours();
  let kept: { id: number; url: string };
  let extra: { id: number }[];
  if (found[0] !== undefined) {
    kept = await api.updateComment(found[0].id, body);
    extra = found.slice(1);
  } else {
    const created = await api.createComment(issue, body);
    const again = await ours();
    const oldest = again[0] ?? created;
    kept = oldest.id === created.id ? created : await api.updateComment(oldest.id, body);
    extra = again.filter((comment) => comment.id !== kept.id);
  }
  for (const comment of extra) await api.deleteComment(comment.id);
  return kept;
}

/** Screenshots to show in the comment itself, where the forge takes image uploads. */
export interface CardImages {
  attachments: CommentAttachments;
  /** Each target's PNG on disk. */
  files: ReadonlyMap<string, string>;
  /** The card again, with each target's image URL. */
  render(urls: ReadonlyMap<string, string>): string;
}

/** Our images are named by target; a re-run replaces them instead of piling up. */
const imageName = (target: string): string => `recipe-ci-screenshot-${target}.png`;

async function attachImages(api: ReviewApi, commentId: number, images: CardImages): Promise<void> {
  const ours = new Set([...images.files.keys()].map(imageName));
  for (const old of await images.attachments.list(commentId)) {
    if (ours.has(old.name)) await images.attachments.remove(commentId, old.id);
  }
  const urls = new Map<string, string>();
  for (const [target, file] of images.files) {
    const attached = await images.attachments.upload(
      commentId,
      imageName(target),
      await readFile(file),
    );
    urls.set(target, attached.url);
  }
  await api.updateComment(commentId, images.render(urls));
}

const STATES: Record<Verdict, CommitStatus['state']> = {
  passed: 'success',
  failed: 'failure',
  incomplete: 'error',
};

export function statusesOf(
  card: Card,
  loaded: LoadedResults,
  context: string,
  runUrl: string | undefined,
): CommitStatus[] {
  const level = (n: number | undefined): string => (n === undefined ? 'no level' : `L${String(n)}`);
  const perTarget = loaded.targets.map((target): CommitStatus => {
    const ladder = card.ladders.get(target.target);
    const stop = ladder?.rungs.find((rung) => rung.level === ladder.level + 1);
    const why = target.status === 'failed' && stop ? ` at ${stop.name}: ${stop.reason}` : '';
    return {
      state: target.status === 'passed' ? 'success' : 'failure',
      context: `${context}/${target.target}`,
      description: `${level(ladder?.level)} ${target.status}${why}`,
      targetUrl: target.job?.url ?? runUrl,
    };
  });
  const unread = loaded.problems.length > 0 ? `, ${String(loaded.problems.length)} unreadable` : '';
  const overall: CommitStatus = {
    state: STATES[card.verdict],
    context,
    description: `${level(card.level)} ${card.verdict}: ${String(loaded.targets.length)} target(s)${unread}`,
    targetUrl: runUrl,
  };
  return [...perTarget, overall];
}

/** Each call on its own: a failed status does not stop the comment, nor the other way round. */
export async function publishCard(
  api: ReviewApi,
  where: { issue: number | undefined; sha: string | undefined },
  card: Card,
  statuses: CommitStatus[],
  images?: CardImages,
): Promise<Published> {
  const published: Published = { commentUrl: undefined, statuses: 0, warnings: [] };
  const attempt = async (fn: () => Promise<void>): Promise<void> => {
    try {
      await fn();
    } catch (error) {
      if (!(error instanceof ReviewApiError)) throw error;
      published.warnings.push(error.message);
    }
  };
  if (where.issue !== undefined) {
    const issue = where.issue;
    let commentId: number | undefined;
    await attempt(async () => {
      const comment = await upsertCardComment(api, issue, card.marker, card.markdown);
      published.commentUrl = comment.url;
      commentId = comment.id;
    });
    if (commentId !== undefined && images !== undefined && images.files.size > 0) {
      const id = commentId;
      await attempt(() => attachImages(api, id, images));
    }
  }
  if (where.sha !== undefined) {
    const sha = where.sha;
    for (const status of statuses) {
      await attempt(async () => {
        await api.setStatus(sha, status);
        published.statuses++;
      });
    }
  }
  return published;
}
