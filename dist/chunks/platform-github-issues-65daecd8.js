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

// src/platform/github-issues.ts
function githubIssues(options) {
  const [owner = "", repo = ""] = options.repository.split("/");
  const octokit = getOctokit(options.token, octokitOptions(options.apiUrl));
  return {
    listOpen: () => forgeCall("list the open issues", async () => {
      const issues = await octokit.paginate(octokit.rest.issues.listForRepo, {
        owner,
        repo,
        state: "open",
        per_page: 100
      });
      return issues.filter((issue) => issue.pull_request == null).map((issue) => ({ number: issue.number, title: issue.title, body: issue.body ?? "" }));
    }),
    create: (title, body) => forgeCall(`open the issue "${title}"`, async () => {
      const { data } = await octokit.rest.issues.create({ owner, repo, title, body });
      return data.number;
    }),
    updateBody: (number, body) => forgeCall(`update issue #${String(number)}`, async () => {
      await octokit.rest.issues.update({ owner, repo, issue_number: number, body });
    }),
    close: (number, comment) => forgeCall(`close issue #${String(number)}`, async () => {
      await octokit.rest.issues.createComment({
        owner,
        repo,
        issue_number: number,
        body: comment
      });
      await octokit.rest.issues.update({ owner, repo, issue_number: number, state: "closed" });
    })
  };
}
export {
  githubIssues
};
