import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);
import {
  oidcRealm
} from "../chunks/chunk-OMEAFFFM.js";
import {
  runActionStep
} from "../chunks/chunk-VD67VIUO.js";
import "../chunks/chunk-6FF6Q36Q.js";
import "../chunks/chunk-UURHBOEJ.js";

// actions/oidc-realm/main.ts
await runActionStep(oidcRealm, "main");
