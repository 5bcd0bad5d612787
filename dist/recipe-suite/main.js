import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);
import {
  recipeSuite
} from "../chunks/actions-recipe-suite-886ba4e4.js";
import "../chunks/recipe-config-e15310e6.js";
import "../chunks/platform-run-links-e1f14709.js";
import "../chunks/suite-backends-979c7991.js";
import "../chunks/semver-cd12f637.js";
import "../chunks/suite-tier-result-292ec093.js";
import "../chunks/recipe-recipe-name-ed2dffb3.js";
import "../chunks/targets-spec-2780765a.js";
import "../chunks/platform-job-outcome-916fe21d.js";
import "../chunks/ssh-session-019b14d3.js";
import "../chunks/http-probe-3bad484c.js";
import "../chunks/readiness-hosts-9081ef0d.js";
import "../chunks/http-spec-8eeeef8b.js";
import "../chunks/ssh2-e1848cd0.js";
import {
  runActionStep
} from "../chunks/actions-core-a2b44131.js";
import "../chunks/undici-dbc595cd.js";
import "../chunks/shared-backoff-e8835d09.js";
import "../chunks/platform-job-deadline-bccb0779.js";
import "../chunks/platform-run-origin-98ca828c.js";
import "../chunks/shared-sleep-31158bea.js";
import "../chunks/yaml-80979275.js";
import "../chunks/shared-duration-7abedc94.js";
import "../chunks/esbuild-runtime.js";

// actions/recipe-suite/main.ts
await runActionStep(recipeSuite, "main");
