import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);
import {
  targets
} from "../chunks/actions-targets-de0983b0.js";
import "../chunks/targets-plan-4deb9eea.js";
import "../chunks/targets-spec-2780765a.js";
import {
  runActionStep
} from "../chunks/actions-core-a2b44131.js";
import "../chunks/undici-dbc595cd.js";
import "../chunks/yaml-80979275.js";
import "../chunks/shared-duration-7abedc94.js";
import "../chunks/esbuild-runtime.js";

// actions/targets/main.ts
await runActionStep(targets, "main");
