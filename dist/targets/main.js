import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);
import {
  targets
} from "../chunks/chunk-XHUBEKBZ.js";
import {
  runActionStep
} from "../chunks/chunk-ELZYWRMH.js";
import "../chunks/chunk-RHDU4XZL.js";

// actions/targets/main.ts
await runActionStep(targets, "main");
