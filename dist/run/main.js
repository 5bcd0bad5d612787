import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);
import {
  createRunAction
} from "../chunks/actions-run-5d68a7f4.js";
import "../chunks/targets-plan-4deb9eea.js";
import "../chunks/oidc-settings-f5f40daf.js";
import "../chunks/provision-settings-b2f573ed.js";
import "../chunks/readiness-settings-60a6ac44.js";
import "../chunks/deploy-abra-backend-b29dd33e.js";
import "../chunks/recipe-recipe-name-ed2dffb3.js";
import "../chunks/targets-spec-2780765a.js";
import "../chunks/process-run-program-f113fc19.js";
import "../chunks/platform-job-outcome-916fe21d.js";
import "../chunks/http-spec-47b1c279.js";
import "../chunks/ssh2-e1848cd0.js";
import {
  runActionStep
} from "../chunks/actions-core-3bf6b8e1.js";
import "../chunks/undici-dbc595cd.js";
import "../chunks/platform-job-deadline-e5be5c07.js";
import "../chunks/yaml-302915f6.js";
import "../chunks/esbuild-runtime.js";

// actions/run/main.ts
import { fileURLToPath } from "node:url";
await runActionStep(createRunAction(fileURLToPath(new URL("../..", import.meta.url))), "main");
