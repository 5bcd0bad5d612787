import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);
import {
  DEFAULT_KEEP_ALIVE_INTERVAL_MS,
  DEFAULT_MAX_PAYLOAD_BYTES,
  NodeWebSocketTransport
} from "./ws-a74269c5.js";
import "./puppeteer-core-4a7dd854.js";
import "./puppeteer-core-965833d8.js";
import "./esbuild-runtime.js";
export {
  DEFAULT_KEEP_ALIVE_INTERVAL_MS,
  DEFAULT_MAX_PAYLOAD_BYTES,
  NodeWebSocketTransport
};
