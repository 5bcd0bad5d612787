import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  provision
} from "../chunks/chunk-T2GOGB3V.js";
import {
  runActionStep
} from "../chunks/chunk-XBXSHYKQ.js";
import "../chunks/chunk-OAXJL5R3.js";

// actions/provision/post.ts
await runActionStep(provision, "post");
