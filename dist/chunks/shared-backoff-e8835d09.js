import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);

// src/shared/backoff.ts
function backoffDelay(policy, attempt, random = Math.random) {
  const nominal = Math.min(policy.capMs, policy.firstMs * 1.5 ** Math.max(0, attempt));
  return Math.round(nominal * (1 - policy.jitter * random()));
}

export {
  backoffDelay
};
