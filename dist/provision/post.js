import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);
import {
  provision
} from "../chunks/chunk-IZLVA7HD.js";
import "../chunks/chunk-C3OMQADD.js";
import "../chunks/chunk-3E5NOQM2.js";
import "../chunks/chunk-KA2VQD3L.js";
import {
  runActionStep
} from "../chunks/chunk-RWKNB3JS.js";
import "../chunks/chunk-IAJE3ZPD.js";
import "../chunks/chunk-RUJTLFQE.js";
import "../chunks/chunk-WPKM4DTQ.js";
import "../chunks/chunk-VBRTJAEW.js";

// actions/provision/post.ts
await runActionStep(provision, "post");
