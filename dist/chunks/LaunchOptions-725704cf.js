import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);
import {
  convertPuppeteerChannelToBrowsersChannel
} from "./puppeteer-core-113dd9df.js";
import "./puppeteer-browsers-4b47932a.js";
import "./esbuild-runtime.js";
export {
  convertPuppeteerChannelToBrowsersChannel
};
