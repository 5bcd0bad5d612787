import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  targets
} from "../chunks/chunk-HTGBJSRN.js";
import {
  runActionStep
} from "../chunks/chunk-XBXSHYKQ.js";
import "../chunks/chunk-OAXJL5R3.js";

// actions/targets/main.ts
await runActionStep(targets, "main");
