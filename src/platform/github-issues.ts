/**
 * Issues through @actions/github (octokit); only this file and github-review.ts import it. The
 * API base is the one the runner gives (GITHUB_API_URL, or Gitea's and Forgejo's `/api/v1`),
 * which serve the same issue paths. Failures are ForgeApiErrors (forge-api.ts), each naming the
 * call.
 */
import { getOctokit } from '@actions/github';
import { forgeCall as call, octokitOptions } from './forge-api.ts';
import type { IssueApi } from './issue-api.ts';

export function githubIssues(options: {
  token: string;
  apiUrl: string;
  repository: string;
}): IssueApi {
  const [owner = '', repo = ''] = options.repository.split('/');
  const octokit = getOctokit(options.token, octokitOptions(options.apiUrl));
  return {
    listOpen: () =>
      call('list the open issues', async () => {
        const issues = await octokit.paginate(octokit.rest.issues.listForRepo, {
          owner,
          repo,
          state: 'open',
          per_page: 100,
        });
        return issues
          .filter((issue) => issue.pull_request == null)
          .map((issue) => ({ number: issue.number, title: issue.title, body: issue.body ?? '' }));
      }),
    create: (title, body) =>
      call(`open the issue "${title}"`, async () => {
        const { data } = await octokit.rest.issues.create({ owner, repo, title, body });
        return data.number;
      }),
    updateBody: (number, body) =>
      call(`update issue #${String(number)}`, async () => {
        await octokit.rest.issues.update({ owner, repo, issue_number: number, body });
      }),
    close: (number, comment) =>
      call(`close issue #${String(number)}`, async () => {
        await octokit.rest.issues.createComment({
          owner,
          repo,
          issue_number: number,
          body: comment,
        });
        await octokit.rest.issues.update({ owner, repo, issue_number: number, state: 'closed' });
      }),
  };
}
