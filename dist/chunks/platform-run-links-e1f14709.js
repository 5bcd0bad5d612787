import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);
import {
  runOrigin
} from "./platform-run-origin-98ca828c.js";

// src/platform/run-links.ts
import { readFileSync } from "node:fs";
function runLinksOf(env) {
  const event = readEvent(env.GITHUB_EVENT_PATH);
  const runUrl = runUrlOf(env);
  const { repository } = runOrigin(env);
  const onPullRequest = event.pull_request?.number;
  const onComment = event.issue?.pull_request == null ? void 0 : event.issue.number;
  const fromDrone = positive(env.DRONE_PULL_REQUEST) ?? positive(env.CI_COMMIT_PULL_REQUEST);
  return {
    repository,
    pullRequest: onPullRequest ?? onComment ?? fromDrone,
    sha: event.pull_request?.head?.sha ?? (onComment === void 0 ? env.GITHUB_SHA || env.DRONE_COMMIT_SHA || env.CI_COMMIT_SHA || void 0 : void 0),
    runUrl,
    artifactsUrl: env.GITHUB_RUN_ID && runUrl ? `${runUrl}#artifacts` : runUrl
  };
}
function jobLinkOf(env) {
  const url = runUrlOf(env);
  if (url === void 0 && !env.GITHUB_JOB) return void 0;
  return { ...env.GITHUB_JOB ? { name: env.GITHUB_JOB } : {}, ...url ? { url } : {} };
}
function runUrlOf(env) {
  const server = env.GITHUB_SERVER_URL?.replace(/\/$/, "");
  if (server && env.GITHUB_REPOSITORY) {
    const id = env.FORGEJO_ACTIONS === "true" ? env.GITHUB_RUN_NUMBER : env.GITHUB_RUN_ID;
    if (id) return `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${id}`;
  }
  return env.DRONE_BUILD_LINK || env.CI_PIPELINE_URL || void 0;
}
function readEvent(path) {
  if (!path) return {};
  try {
    const data = JSON.parse(readFileSync(path, "utf8"));
    return typeof data === "object" && data !== null ? data : {};
  } catch {
    return {};
  }
}
function positive(text) {
  const number = Number(text);
  return Number.isSafeInteger(number) && number > 0 ? number : void 0;
}

// src/shared/xml.ts
function escapeXml(text) {
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export {
  escapeXml,
  runLinksOf,
  jobLinkOf
};
