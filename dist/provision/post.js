import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);
import {
  provision
} from "../chunks/provision-hcloud-provider-ade4e9fb.js";
import "../chunks/provision-settings-b2f573ed.js";
import "../chunks/process-run-program-f113fc19.js";
import "../chunks/platform-job-outcome-916fe21d.js";
import "../chunks/shared-backoff-e8835d09.js";
import "../chunks/ssh2-e1848cd0.js";
import {
  runActionStep
} from "../chunks/actions-core-3bf6b8e1.js";
import "../chunks/undici-dbc595cd.js";
import "../chunks/platform-job-deadline-e5be5c07.js";
import "../chunks/yaml-302915f6.js";
import "../chunks/esbuild-runtime.js";

// actions/provision/post.ts
await runActionStep(provision, "post");
