import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);

// src/platform/review-api.ts
var ReviewApiError = class extends Error {
  constructor(call, status, detail) {
    super(`${call}: ${status > 0 ? `HTTP ${String(status)}` : "no answer"}: ${detail}`);
    this.call = call;
    this.status = status;
  }
  call;
  status;
};

export {
  ReviewApiError
};
