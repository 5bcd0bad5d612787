import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);
import {
  getOctokit
} from "./octokit-plugin-rest-endpoint-methods-ff82923a.js";
import {
  forgeCall,
  octokitOptions
} from "./platform-forge-api-d2af8fab.js";
import "./shared-http-client-65d83f5e.js";
import "./undici-dbc595cd.js";
import "./shared-backoff-e8835d09.js";
import "./shared-sleep-31158bea.js";
import "./shared-duration-7abedc94.js";
import "./esbuild-runtime.js";

// src/platform/github-review.ts
var MAX_DESCRIPTION = 140;
function githubReview(options) {
  const [owner = "", repo = ""] = options.repository.split("/");
  const octokit = getOctokit(options.token, octokitOptions(options.apiUrl));
  const view = (data) => ({
    id: data.id,
    body: data.body ?? "",
    url: data.html_url
  });
  return {
    listComments: (issue) => forgeCall(`list the comments of #${String(issue)}`, async () => {
      const comments = await octokit.paginate(octokit.rest.issues.listComments, {
        owner,
        repo,
        issue_number: issue,
        per_page: 100
      });
      return comments.map(view);
    }),
    createComment: (issue, body) => forgeCall(`comment on #${String(issue)}`, async () => {
      const { data } = await octokit.rest.issues.createComment({
        owner,
        repo,
        issue_number: issue,
        body
      });
      return view(data);
    }),
    updateComment: (id, body) => forgeCall(`edit comment ${String(id)}`, async () => {
      const { data } = await octokit.rest.issues.updateComment({
        owner,
        repo,
        comment_id: id,
        body
      });
      return view(data);
    }),
    deleteComment: (id) => forgeCall(`delete comment ${String(id)}`, async () => {
      await octokit.rest.issues.deleteComment({ owner, repo, comment_id: id });
    }),
    setStatus: (sha, status) => forgeCall(`set status ${status.context} on ${sha.slice(0, 12)}`, async () => {
      await octokit.rest.repos.createCommitStatus({
        owner,
        repo,
        sha,
        state: status.state,
        context: status.context,
        description: status.description.slice(0, MAX_DESCRIPTION),
        ...status.targetUrl ? { target_url: status.targetUrl } : {}
      });
    })
  };
}
export {
  githubReview
};
