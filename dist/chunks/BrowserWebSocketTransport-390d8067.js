import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);
import {
  BrowserWebSocketTransport
} from "./puppeteer-core-85a27c1a.js";
import "./puppeteer-core-965833d8.js";
import "./esbuild-runtime.js";
export {
  BrowserWebSocketTransport
};
