import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);
import {
  report
} from "../chunks/report-card-7f79881f.js";
import "../chunks/platform-forge-api-d2af8fab.js";
import "../chunks/shared-http-client-65d83f5e.js";
import "../chunks/platform-run-links-e1f14709.js";
import "../chunks/suite-tier-result-292ec093.js";
import "../chunks/recipe-recipe-name-ed2dffb3.js";
import {
  runActionStep
} from "../chunks/actions-core-a2b44131.js";
import "../chunks/undici-dbc595cd.js";
import "../chunks/shared-backoff-e8835d09.js";
import "../chunks/platform-run-origin-98ca828c.js";
import "../chunks/shared-sleep-31158bea.js";
import "../chunks/yaml-80979275.js";
import "../chunks/shared-duration-7abedc94.js";
import "../chunks/esbuild-runtime.js";

// actions/report/main.ts
await runActionStep(report, "main");
