import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);
import {
  oidcRealm
} from "../chunks/oidc-create-578150b7.js";
import "../chunks/oidc-settings-f5f40daf.js";
import "../chunks/platform-job-outcome-916fe21d.js";
import {
  runActionStep
} from "../chunks/actions-core-3bf6b8e1.js";
import "../chunks/undici-dbc595cd.js";
import "../chunks/platform-job-deadline-e5be5c07.js";
import "../chunks/yaml-302915f6.js";
import "../chunks/esbuild-runtime.js";

// actions/oidc-realm/main.ts
await runActionStep(oidcRealm, "main");
