import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);

// node_modules/puppeteer-core/lib/puppeteer/util/version.js
var packageVersion = "25.16.0";

export {
  packageVersion
};
/*! For license information please see puppeteer-core-4a7dd854.js.LEGAL.txt */
