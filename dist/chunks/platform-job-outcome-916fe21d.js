import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);

// src/platform/job-outcome.ts
var JOB_STATUS_VARIABLE = "RECIPE_CI_JOB_STATUS";
function jobOutcome(mainOutcome, env) {
  if (mainOutcome === "cancelled") return "cancelled";
  if (env[JOB_STATUS_VARIABLE] === "failure") return "failure";
  return mainOutcome ?? "failure";
}

export {
  JOB_STATUS_VARIABLE,
  jobOutcome
};
