import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);
import {
  recipeSuite
} from "../chunks/chunk-QKUQ6SQB.js";
import "../chunks/chunk-I2IZFYU3.js";
import "../chunks/chunk-C3OMQADD.js";
import "../chunks/chunk-3E5NOQM2.js";
import "../chunks/chunk-GIS6L6LW.js";
import "../chunks/chunk-W7DN2W2U.js";
import {
  runActionStep
} from "../chunks/chunk-CV54XJ2J.js";
import "../chunks/chunk-IAJE3ZPD.js";
import "../chunks/chunk-6FF6Q36Q.js";
import "../chunks/chunk-VBHXMJCA.js";
import "../chunks/chunk-VBRTJAEW.js";

// actions/recipe-suite/post.ts
await runActionStep(recipeSuite, "post");
