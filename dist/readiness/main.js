import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);
import {
  readiness
} from "../chunks/chunk-MYZWWWOX.js";
import {
  runActionStep
} from "../chunks/chunk-7MGJ2OAC.js";
import "../chunks/chunk-WMC7EUNZ.js";

// actions/readiness/main.ts
await runActionStep(readiness, "main");
