import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);
import {
  targets
} from "../chunks/chunk-E4ACDTZ2.js";
import "../chunks/chunk-I2IZFYU3.js";
import {
  runActionStep
} from "../chunks/chunk-CV54XJ2J.js";
import "../chunks/chunk-IAJE3ZPD.js";
import "../chunks/chunk-VBHXMJCA.js";
import "../chunks/chunk-VBRTJAEW.js";

// actions/targets/main.ts
await runActionStep(targets, "main");
