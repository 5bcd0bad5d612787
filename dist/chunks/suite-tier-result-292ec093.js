import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);

// src/suite/tier-result.ts
function failsRun(result, mayBlock) {
  return result.status === "failed" || result.status === "blocked" && !mayBlock;
}
function tierLabel(result) {
  return result.from === void 0 ? result.tier : `${result.tier} from ${result.from}`;
}

export {
  failsRun,
  tierLabel
};
