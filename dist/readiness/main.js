import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);
import {
  readiness
} from "../chunks/chunk-RWVVMKA4.js";
import "../chunks/chunk-GL45OOFI.js";
import "../chunks/chunk-KA2VQD3L.js";
import {
  runActionStep
} from "../chunks/chunk-RWKNB3JS.js";
import "../chunks/chunk-IAJE3ZPD.js";
import "../chunks/chunk-RUJTLFQE.js";
import "../chunks/chunk-WPKM4DTQ.js";
import "../chunks/chunk-VBRTJAEW.js";

// actions/readiness/main.ts
await runActionStep(readiness, "main");
