import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);
import {
  report
} from "../chunks/report-card-83be5c4a.js";
import "../chunks/platform-review-api-66769f65.js";
import "../chunks/report-run-links-9d9d6869.js";
import "../chunks/recipe-recipe-name-ed2dffb3.js";
import {
  runActionStep
} from "../chunks/actions-core-3bf6b8e1.js";
import "../chunks/undici-dbc595cd.js";
import "../chunks/yaml-302915f6.js";
import "../chunks/esbuild-runtime.js";

// actions/report/main.ts
await runActionStep(report, "main");
