import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);
import {
  createRunAction
} from "../chunks/actions-run-6dd061dc.js";
import "../chunks/targets-plan-4deb9eea.js";
import "../chunks/oidc-settings-f5f40daf.js";
import "../chunks/provision-settings-b2f573ed.js";
import "../chunks/shared-slug-e35b7b1b.js";
import "../chunks/readiness-settings-60a6ac44.js";
import "../chunks/suite-backends-979c7991.js";
import "../chunks/semver-cd12f637.js";
import "../chunks/suite-tier-result-292ec093.js";
import "../chunks/recipe-recipe-name-ed2dffb3.js";
import "../chunks/targets-spec-2780765a.js";
import "../chunks/platform-job-outcome-916fe21d.js";
import "../chunks/readiness-hosts-9081ef0d.js";
import "../chunks/http-spec-8eeeef8b.js";
import "../chunks/ssh2-e1848cd0.js";
import {
  runActionStep
} from "../chunks/actions-core-a2b44131.js";
import "../chunks/undici-dbc595cd.js";
import "../chunks/platform-job-deadline-bccb0779.js";
import "../chunks/platform-run-origin-98ca828c.js";
import "../chunks/shared-sleep-31158bea.js";
import "../chunks/yaml-80979275.js";
import "../chunks/shared-duration-7abedc94.js";
import "../chunks/esbuild-runtime.js";

// actions/run/main.ts
import { fileURLToPath } from "node:url";
await runActionStep(createRunAction(fileURLToPath(new URL("../..", import.meta.url))), "main");
