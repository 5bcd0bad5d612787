import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);
import {
  ChromeReleaseChannel
} from "./puppeteer-browsers-4b47932a.js";

// node_modules/puppeteer-core/lib/puppeteer/node/LaunchOptions.js
function convertPuppeteerChannelToBrowsersChannel(channel) {
  switch (channel) {
    case "chrome":
      return ChromeReleaseChannel.STABLE;
    case "chrome-dev":
      return ChromeReleaseChannel.DEV;
    case "chrome-beta":
      return ChromeReleaseChannel.BETA;
    case "chrome-canary":
      return ChromeReleaseChannel.CANARY;
  }
}

export {
  convertPuppeteerChannelToBrowsersChannel
};
/*! For license information please see puppeteer-core-113dd9df.js.LEGAL.txt */
