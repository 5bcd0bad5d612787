import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);
import {
  HttpError,
  describeNetworkCause,
  withTimeLimit
} from "./shared-http-client-65d83f5e.js";

// src/platform/forge-api.ts
var FORGE_TIMEOUT_MS = 3e4;
var ForgeApiError = class extends HttpError {
  constructor(call, status, detail) {
    super(`${call}: ${status === void 0 ? "" : `HTTP ${String(status)}: `}${detail}`, {
      status,
      reason: status === void 0 ? detail : `HTTP ${String(status)}`
    });
    this.call = call;
  }
  call;
  name = "ForgeApiError";
};
function octokitOptions(apiUrl) {
  return {
    baseUrl: apiUrl.replace(/\/$/, ""),
    request: { fetch: withTimeLimit(FORGE_TIMEOUT_MS) }
  };
}
async function forgeCall(call, fn) {
  try {
    return await fn();
  } catch (error) {
    throw forgeError(call, error);
  }
}
function forgeError(call, error) {
  if (error instanceof ForgeApiError) return error;
  if (error instanceof HttpError) return new ForgeApiError(call, error.status, error.reason);
  const { status, response } = error;
  if (typeof status === "number" && status > 0 && response !== void 0) {
    const message = error instanceof Error ? error.message : "";
    return new ForgeApiError(call, status, message.split("\n")[0] ?? "");
  }
  return new ForgeApiError(call, void 0, describeNetworkCause(error, FORGE_TIMEOUT_MS));
}

export {
  FORGE_TIMEOUT_MS,
  ForgeApiError,
  octokitOptions,
  forgeCall
};
