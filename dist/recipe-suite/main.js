import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);
import {
  recipeSuite
} from "../chunks/chunk-IWC5ABG5.js";
import "../chunks/chunk-SBWRRKFW.js";
import "../chunks/chunk-CPRTCP4I.js";
import {
  runActionStep
} from "../chunks/chunk-VD67VIUO.js";
import "../chunks/chunk-6FF6Q36Q.js";
import "../chunks/chunk-UURHBOEJ.js";

// actions/recipe-suite/main.ts
await runActionStep(recipeSuite, "main");
