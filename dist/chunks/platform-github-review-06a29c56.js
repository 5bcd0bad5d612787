import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);
import {
  getOctokit
} from "./octokit-plugin-rest-endpoint-methods-ff82923a.js";
import {
  ReviewApiError
} from "./platform-review-api-66769f65.js";
import "./undici-dbc595cd.js";
import "./esbuild-runtime.js";

// src/platform/github-review.ts
var MAX_DESCRIPTION = 140;
function githubReview(options) {
  const [owner = "", repo = ""] = options.repository.split("/");
  const octokit = getOctokit(options.token, { baseUrl: options.apiUrl.replace(/\/$/, "") });
  const call = async (name, fn) => {
    try {
      return await fn();
    } catch (error) {
      const status = error.status;
      throw new ReviewApiError(
        name,
        typeof status === "number" ? status : 0,
        error.message.split("\n")[0] ?? ""
      );
    }
  };
  const view = (data) => ({
    id: data.id,
    body: data.body ?? "",
    url: data.html_url
  });
  return {
    listComments: (issue) => call(`list the comments of #${String(issue)}`, async () => {
      const comments = await octokit.paginate(octokit.rest.issues.listComments, {
        owner,
        repo,
        issue_number: issue,
        per_page: 100
      });
      return comments.map(view);
    }),
    createComment: (issue, body) => call(`comment on #${String(issue)}`, async () => {
      const { data } = await octokit.rest.issues.createComment({
        owner,
        repo,
        issue_number: issue,
        body
      });
      return view(data);
    }),
    updateComment: (id, body) => call(`edit comment ${String(id)}`, async () => {
      const { data } = await octokit.rest.issues.updateComment({
        owner,
        repo,
        comment_id: id,
        body
      });
      return view(data);
    }),
    deleteComment: (id) => call(`delete comment ${String(id)}`, async () => {
      await octokit.rest.issues.deleteComment({ owner, repo, comment_id: id });
    }),
    setStatus: (sha, status) => call(`set status ${status.context} on ${sha.slice(0, 12)}`, async () => {
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
