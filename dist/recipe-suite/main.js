import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);
import {
  recipeSuite
} from "../chunks/recipe-config-b617f4e6.js";
import "../chunks/report-run-links-9d9d6869.js";
import "../chunks/deploy-abra-backend-b29dd33e.js";
import "../chunks/recipe-recipe-name-ed2dffb3.js";
import "../chunks/targets-spec-2780765a.js";
import "../chunks/process-run-program-f113fc19.js";
import "../chunks/platform-job-outcome-916fe21d.js";
import "../chunks/ssh-session-61b486a6.js";
import "../chunks/http-spec-47b1c279.js";
import "../chunks/shared-backoff-e8835d09.js";
import "../chunks/ssh2-e1848cd0.js";
import {
  runActionStep
} from "../chunks/actions-core-3bf6b8e1.js";
import "../chunks/undici-dbc595cd.js";
import "../chunks/platform-job-deadline-e5be5c07.js";
import "../chunks/yaml-302915f6.js";
import "../chunks/esbuild-runtime.js";

// actions/recipe-suite/main.ts
await runActionStep(recipeSuite, "main");
