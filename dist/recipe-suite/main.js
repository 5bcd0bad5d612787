import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);
import {
  recipeSuite
} from "../chunks/chunk-R5S2PKEG.js";
import "../chunks/chunk-BVO7ZD5I.js";
import {
  runActionStep
} from "../chunks/chunk-7MGJ2OAC.js";
import "../chunks/chunk-WMC7EUNZ.js";

// actions/recipe-suite/main.ts
await runActionStep(recipeSuite, "main");
