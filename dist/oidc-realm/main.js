import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);
import {
  oidcRealm
} from "../chunks/chunk-MDHKRH55.js";
import {
  runActionStep
} from "../chunks/chunk-ELZYWRMH.js";
import "../chunks/chunk-VVEF36TZ.js";
import "../chunks/chunk-RHDU4XZL.js";

// actions/oidc-realm/main.ts
await runActionStep(oidcRealm, "main");
