import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);

// src/platform/run-origin.ts
import { tmpdir } from "node:os";
function runOrigin(env, now = Date.now()) {
  const repository = env.GITHUB_REPOSITORY || env.DRONE_REPO || env.CI_REPO || void 0;
  return {
    repository,
    repo: repository?.split("/").pop() || "local",
    runId: env.GITHUB_RUN_ID || env.DRONE_BUILD_NUMBER || env.CI_PIPELINE_NUMBER || `manual${Math.floor(now / 1e3).toString(36)}`,
    attempt: env.GITHUB_RUN_ATTEMPT || "1"
  };
}
function runnerTemp(env = process.env) {
  return env.RUNNER_TEMP || tmpdir();
}
function forgeTokenOf(env) {
  return env.GITHUB_TOKEN || void 0;
}
var RUNNER_FILE_COMMANDS = [
  "GITHUB_OUTPUT",
  "GITHUB_STATE",
  "GITHUB_ENV",
  "GITHUB_PATH",
  "GITHUB_STEP_SUMMARY"
];

export {
  runOrigin,
  runnerTemp,
  forgeTokenOf,
  RUNNER_FILE_COMMANDS
};
