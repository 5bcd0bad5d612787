import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);
import {
  provision
} from "../chunks/chunk-572FFY7F.js";
import "../chunks/chunk-7CMK653W.js";
import {
  runActionStep
} from "../chunks/chunk-5HZIFE7K.js";
import "../chunks/chunk-L4DSN74A.js";

// actions/provision/main.ts
await runActionStep(provision, "main");
