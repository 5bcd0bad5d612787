import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  readiness
} from "../chunks/chunk-J3DBR5QQ.js";
import {
  runActionStep
} from "../chunks/chunk-XBXSHYKQ.js";
import "../chunks/chunk-OAXJL5R3.js";

// actions/readiness/main.ts
await runActionStep(readiness, "main");
