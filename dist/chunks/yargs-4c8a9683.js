import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);
import {
  applyExtends,
  esm_default,
  hideBin,
  lib_default
} from "./yargs-parser-cd1f353f.js";
import "./esbuild-runtime.js";

// node_modules/yargs/helpers/helpers.mjs
var applyExtends2 = (config, cwd, mergeExtends) => {
  return applyExtends(config, cwd, mergeExtends, esm_default);
};
export {
  lib_default as Parser,
  applyExtends2 as applyExtends,
  hideBin
};
