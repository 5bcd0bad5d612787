import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);
import {
  provision
} from "../chunks/chunk-QTA6JXYZ.js";
import "../chunks/chunk-A6HAVXNV.js";
import "../chunks/chunk-CPRTCP4I.js";
import {
  runActionStep
} from "../chunks/chunk-VD67VIUO.js";
import "../chunks/chunk-6FF6Q36Q.js";
import "../chunks/chunk-UURHBOEJ.js";

// actions/provision/main.ts
await runActionStep(provision, "main");
