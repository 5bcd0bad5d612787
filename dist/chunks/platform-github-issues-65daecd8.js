import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);
import {
  getOctokit
} from "./octokit-plugin-rest-endpoint-methods-ff82923a.js";
import "./undici-dbc595cd.js";
import "./esbuild-runtime.js";

// src/platform/github-issues.ts
function githubIssues(options) {
  const [owner = "", repo = ""] = options.repository.split("/");
  const octokit = getOctokit(options.token, { baseUrl: options.apiUrl.replace(/\/$/, "") });
  return {
    async listOpen() {
      const issues = await octokit.paginate(octokit.rest.issues.listForRepo, {
        owner,
        repo,
        state: "open",
        per_page: 100
      });
      return issues.filter((issue) => issue.pull_request == null).map((issue) => ({ number: issue.number, title: issue.title, body: issue.body ?? "" }));
    },
    async create(title, body) {
      const { data } = await octokit.rest.issues.create({ owner, repo, title, body });
      return data.number;
    },
    async updateBody(number, body) {
      await octokit.rest.issues.update({ owner, repo, issue_number: number, body });
    },
    async close(number, comment) {
      await octokit.rest.issues.createComment({ owner, repo, issue_number: number, body: comment });
      await octokit.rest.issues.update({ owner, repo, issue_number: number, state: "closed" });
    }
  };
}
export {
  githubIssues
};
