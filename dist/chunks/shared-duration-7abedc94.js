import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);

// src/shared/errors.ts
var ConfigurationError = class extends Error {
  name = "ConfigurationError";
};
var CancelledError = class extends Error {
  constructor(signal) {
    super(`cancelled by ${signal}`);
    this.signal = signal;
  }
  signal;
  name = "CancelledError";
};
function getErrorMessage(error) {
  if (error instanceof Error) return error.message;
  if (typeof error === "string") return error;
  try {
    const json = JSON.stringify(error);
    return json === void 0 ? String(error) : json;
  } catch {
    return String(error);
  }
}

// src/shared/duration.ts
var UNIT_MS = { ms: 1, s: 1e3, m: 6e4, h: 36e5, d: 864e5 };
var PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/y;
function parseDurationMs(text) {
  const value = text.trim();
  if (/^\d+(?:\.\d+)?$/.test(value)) return Math.round(Number(value) * 1e3);
  if (value === "") return void 0;
  let total = 0;
  PART.lastIndex = 0;
  while (PART.lastIndex < value.length) {
    const start = PART.lastIndex;
    const match = PART.exec(value);
    if (!match || match.index !== start) return void 0;
    const [, amount, unit] = match;
    total += Number(amount) * (UNIT_MS[unit ?? ""] ?? Number.NaN);
  }
  return Number.isFinite(total) ? Math.round(total) : void 0;
}
function formatDuration(ms) {
  if (ms < 1e3) return `${Math.round(ms)}ms`;
  const totalSeconds = Math.round(ms / 1e3);
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor(totalSeconds % 3600 / 60);
  const s = totalSeconds % 60;
  return [h ? `${h}h` : "", m ? `${m}m` : "", s || !h && !m ? `${s}s` : ""].join("");
}

export {
  ConfigurationError,
  CancelledError,
  getErrorMessage,
  parseDurationMs,
  formatDuration
};
