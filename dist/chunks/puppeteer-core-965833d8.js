import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);

// node_modules/puppeteer-core/lib/puppeteer/environment.js
var isNode = !!(typeof process !== "undefined" && process.version);
var environment = {
  value: {
    followSymlinks: true,
    ScreenRecorder: class {
      constructor() {
        throw new Error("ScreenRecorder is not available in this environment");
      }
    },
    readFile: (() => {
      throw new Error("readFile is not available in this environment");
    }),
    writeFile: () => {
      throw new Error("writeFile is not available in this environment");
    },
    openFileForWriting: () => {
      throw new Error("openFileForWriting is not available in this environment");
    },
    createWriteStream: () => {
      throw new Error("createWriteStream is not available in this environment");
    },
    mkdir: () => {
      throw new Error("mkdir is not available in this environment");
    }
  }
};

// node_modules/puppeteer-core/lib/puppeteer/common/Debug.js
var DEBUG_PREFIXES = {
  cdpSend: "puppeteer:protocol:SEND \u25BA",
  cdpReceive: "puppeteer:protocol:RECV \u25C0",
  bidiSend: "puppeteer:webDriverBiDi:SEND \u25BA",
  bidiReceive: "puppeteer:webDriverBiDi:RECV \u25C0",
  error: "puppeteer:error",
  ffmpeg: "puppeteer:ffmpeg"
};
var debug = (prefix) => {
  if (isNode) {
    const nodeDebug = environment.value.debuglog?.(prefix);
    if (!nodeDebug || !nodeDebug.enabled) {
      return;
    }
    return (...logArgs) => {
      nodeDebug(...logArgs);
    };
  }
  const debugLevel = globalThis.__PUPPETEER_DEBUG;
  if (!debugLevel) {
    return;
  }
  const everythingShouldBeLogged = debugLevel === "*";
  const prefixMatchesDebugLevel = everythingShouldBeLogged || /**
   * If the debug level is `foo*`, that means we match any prefix that
   * starts with `foo`. If the level is `foo`, we match only the prefix
   * `foo`.
   */
  (debugLevel.endsWith("*") ? prefix.startsWith(debugLevel.slice(0, -1)) : prefix === debugLevel);
  if (!prefixMatchesDebugLevel) {
    return;
  }
  return (...logArgs) => {
    console.log(`${prefix}:`, ...logArgs);
  };
};

export {
  isNode,
  environment,
  DEBUG_PREFIXES,
  debug
};
/*! For license information please see puppeteer-core-965833d8.js.LEGAL.txt */
