/**
 * Pull-request comments and commit statuses through @actions/github (octokit). The API base is
 * the one the runner gives (GITHUB_API_URL, or Gitea's and Forgejo's `/api/v1`), which serve the
 * same paths; Gitea answers the comment list whole, without pages, which paginate also reads.
 * Failures are ForgeApiErrors (forge-api.ts), each naming the call.
 */
import { getOctokit } from '@actions/github';
import { forgeCall as call, octokitOptions } from './forge-api.ts';
import type { ReviewApi, ReviewComment } from './review-api.ts';

/** A status shows one short line beside the check; the card carries the detail. */
const MAX_DESCRIPTION = 140;

export function githubReview(options: {
  token: string;
  apiUrl: string;
  repository: string;
}): ReviewApi {
  const [owner = '', repo = ''] = options.repository.split('/');
  const octokit = getOctokit(options.token, octokitOptions(options.apiUrl));
  const view = (data: { id: number; body?: string | null; html_url: string }): ReviewComment => ({
    id: data.id,
    body: data.body ?? '',
    url: data.html_url,
  });
  return {
    listComments: (issue) =>
      call(`list the comments of #${String(issue)}`, async () => {
        const comments = await octokit.paginate(octokit.rest.issues.listComments, {
          owner,
          repo,
          issue_number: issue,
          per_page: 100,
        });
        return comments.map(view);
      }),
    createComment: (issue, body) =>
      call(`comment on #${String(issue)}`, async () => {
        const { data } = await octokit.rest.issues.createComment({
          owner,
          repo,
          issue_number: issue,
          body,
        });
        return view(data);
      }),
    updateComment: (id, body) =>
      call(`edit comment ${String(id)}`, async () => {
        const { data } = await octokit.rest.issues.updateComment({
          owner,
          repo,
          comment_id: id,
          body,
        });
        return view(data);
      }),
    deleteComment: (id) =>
      call(`delete comment ${String(id)}`, async () => {
        await octokit.rest.issues.deleteComment({ owner, repo, comment_id: id });
      }),
    setStatus: (sha, status) =>
      call(`set status ${status.context} on ${sha.slice(0, 12)}`, async () => {
        await octokit.rest.repos.createCommitStatus({
          owner,
          repo,
          sha,
          state: status.state,
          context: status.context,
          description: status.description.slice(0, MAX_DESCRIPTION),
          ...(status.targetUrl ? { target_url: status.targetUrl } : {}),
        });
      }),
  };
}
