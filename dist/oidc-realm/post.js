import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);
import {
  oidcRealm
} from "../chunks/oidc-admin-api-578150b7.js";
import "../chunks/oidc-settings-f5f40daf.js";
import "../chunks/shared-http-client-65d83f5e.js";
import "../chunks/shared-slug-e35b7b1b.js";
import "../chunks/platform-job-outcome-916fe21d.js";
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

// actions/oidc-realm/post.ts
await runActionStep(oidcRealm, "post");
