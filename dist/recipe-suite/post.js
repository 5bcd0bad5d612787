import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  recipeSuite
} from "../chunks/chunk-HGUDNIDN.js";
import {
  runActionStep
} from "../chunks/chunk-XBXSHYKQ.js";
import "../chunks/chunk-OAXJL5R3.js";

// actions/recipe-suite/post.ts
await runActionStep(recipeSuite, "post");
