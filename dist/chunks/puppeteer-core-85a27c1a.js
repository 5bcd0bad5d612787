import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);
import {
  DEBUG_PREFIXES
} from "./puppeteer-core-965833d8.js";

// node_modules/puppeteer-core/lib/puppeteer/common/BrowserWebSocketTransport.js
var BrowserWebSocketTransport = class _BrowserWebSocketTransport {
  static create(url, _headers, logger, _options) {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.addEventListener("open", () => {
        return resolve(new _BrowserWebSocketTransport(ws, logger));
      });
      ws.addEventListener("error", reject);
    });
  }
  #ws;
  #logger;
  onmessage;
  onclose;
  constructor(ws, logger) {
    this.#ws = ws;
    this.#logger = logger;
    this.#ws.addEventListener("message", (event) => {
      if (this.onmessage) {
        this.onmessage.call(null, event.data);
      }
    });
    this.#ws.addEventListener("close", () => {
      if (this.onclose) {
        this.onclose.call(null);
      }
    });
    this.#ws.addEventListener("error", (err) => {
      this.#logger?.(DEBUG_PREFIXES.error)?.(err);
    });
  }
  send(message) {
    this.#ws.send(message);
  }
  close() {
    this.#ws.close();
  }
};

export {
  BrowserWebSocketTransport
};
