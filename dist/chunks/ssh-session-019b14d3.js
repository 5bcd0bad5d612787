import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);
import {
  require_lib
} from "./ssh2-e1848cd0.js";
import {
  __toESM
} from "./esbuild-runtime.js";

// src/ssh/session.ts
var import_ssh2 = __toESM(require_lib(), 1);
import { connect as connectTcp } from "node:net";

// src/ssh/failure.ts
var SshFailure = class extends Error {
  constructor(kind, message) {
    super(message);
    this.kind = kind;
  }
  kind;
  name = "SshFailure";
};
function classifySshError(error) {
  if (error instanceof SshFailure) return error;
  const e = error instanceof Error ? error : { message: String(error) };
  const code = typeof e.code === "string" ? e.code : "";
  const level = typeof e.level === "string" ? e.level : "";
  if (code === "ECONNREFUSED") return new SshFailure("refused", "connection refused");
  if (code === "ECONNRESET" || code === "EPIPE") return new SshFailure("reset", "connection reset");
  if (code === "EHOSTUNREACH" || code === "ENETUNREACH") {
    return new SshFailure("unreachable", `no route to host (${code})`);
  }
  if (code === "ETIMEDOUT") return new SshFailure("timeout", "connect timed out");
  if (level === "client-dns" || code === "ENOTFOUND" || code === "EAI_AGAIN") {
    return new SshFailure("dns", `name not resolved: ${e.message}`);
  }
  if (level === "client-authentication") {
    return new SshFailure("auth-denied", "publickey authentication denied");
  }
  if (/Host denied \(verification failed\)/.test(e.message)) {
    return new SshFailure("host-key-mismatch", "host key differs from the pinned one");
  }
  if (level === "client-timeout") return new SshFailure("timeout", e.message);
  if (level === "protocol" || level === "handshake" || /handshake|kex/i.test(e.message)) {
    return new SshFailure("handshake", `handshake failed: ${e.message}`);
  }
  if (/No response from server|Connection lost/i.test(e.message)) {
    return new SshFailure("reset", e.message);
  }
  return new SshFailure("other", e.message);
}

// src/ssh/fingerprint.ts
import { createHash } from "node:crypto";
function sha256Fingerprint(keyBlob) {
  return `SHA256:${createHash("sha256").update(keyBlob).digest("base64").replace(/=+$/, "")}`;
}

// src/ssh/session.ts
function preparsePrivateKey(key) {
  const parsed = import_ssh2.default.utils.parseKey(key);
  if (parsed instanceof Error) return key;
  return (Array.isArray(parsed) ? parsed[0] : parsed) ?? key;
}
async function openSshSession(options) {
  const { target, timeoutMs, signal } = options;
  if (signal?.aborted) throw new SshFailure("aborted", "cancelled");
  const deadline = Date.now() + timeoutMs;
  const socket = await connectSocket(target, timeoutMs, signal);
  let sawBytes = false;
  socket.once("data", () => sawBytes = true);
  const client = new import_ssh2.Client();
  let hostKey = "";
  let hostKeyText = "";
  let refusedKey = "";
  let open = false;
  const ready = new Promise((resolve, reject) => {
    let settled = false;
    const onAbort = () => {
      client.end();
      socket.destroy();
      settle(() => {
        reject(new SshFailure("aborted", "cancelled"));
      });
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    function settle(fn) {
      if (settled) return;
      settled = true;
      signal?.removeEventListener("abort", onAbort);
      fn();
    }
    client.once("ready", () => {
      settle(() => {
        open = true;
        resolve();
      });
    });
    client.on("error", (error) => {
      settle(() => {
        socket.destroy();
        if (!sawBytes) {
          reject(new SshFailure("no-banner", "TCP connected but the server sent no SSH banner"));
        } else if (refusedKey) {
          reject(
            new SshFailure("host-key-mismatch", `host key ${refusedKey} is not the pinned one`)
          );
        } else {
          reject(classifySshError(error));
        }
      });
    });
    client.once("close", () => {
      settle(() => {
        reject(new SshFailure("reset", "connection closed during the handshake"));
      });
    });
  });
  client.on("close", () => open = false);
  const key = options.privateKey;
  const text = typeof key === "string" || Buffer.isBuffer(key);
  const publickey = { type: "publickey", username: target.user, key };
  client.connect({
    sock: socket,
    username: target.user,
    // A parsed key goes through the auth handler, which ssh2 takes as it is; publickey only, as
    // with a key given as text.
    ...text ? { privateKey: key } : { authHandler: [publickey] },
    readyTimeout: Math.max(1, deadline - Date.now()),
    tryKeyboard: false,
    hostVerifier: (key2) => {
      hostKey = sha256Fingerprint(key2);
      hostKeyText = `${keyType(key2)} ${key2.toString("base64")}`;
      const accepted = options.acceptHostKey?.(hostKey) ?? true;
      if (!accepted) refusedKey = hostKey;
      return accepted;
    }
  });
  await ready;
  return {
    hostKey,
    hostKeyText,
    get isOpen() {
      return open;
    },
    exec: (command, execTimeoutMs) => execOn(client, command, execTimeoutMs),
    close: () => {
      client.end();
      socket.destroy();
    }
  };
}
function connectSocket(target, timeoutMs, signal) {
  return new Promise((resolve, reject) => {
    const socket = connectTcp({ host: target.host, port: target.port });
    const timer = setTimeout(() => {
      fail(new SshFailure("timeout", `TCP connect timed out after ${timeoutMs} ms`));
    }, timeoutMs);
    const onAbort = () => {
      fail(new SshFailure("aborted", "cancelled"));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      socket.removeAllListeners("error");
      socket.removeAllListeners("connect");
    }
    function fail(error) {
      done();
      socket.destroy();
      reject(error);
    }
    socket.once("connect", () => {
      done();
      socket.setNoDelay(true);
      resolve(socket);
    });
    socket.once("error", (error) => {
      fail(classifySshError(error));
    });
  });
}
function execOn(client, command, timeoutMs) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new SshFailure("timeout", `"${command}" did not finish within ${timeoutMs} ms`));
    }, timeoutMs);
    const onClose = () => {
      clearTimeout(timer);
      reject(new SshFailure("reset", "the connection closed before the command ran"));
    };
    client.once("close", onClose);
    client.exec(command, (error, stream) => {
      if (error) {
        clearTimeout(timer);
        client.off("close", onClose);
        reject(classifySshError(error));
        return;
      }
      let stdout = "";
      let stderr = "";
      let code = null;
      stream.on("data", (chunk) => stdout += chunk.toString());
      stream.stderr.on("data", (chunk) => stderr += chunk.toString());
      stream.on("exit", (status) => {
        code = typeof status === "number" ? status : null;
      });
      stream.on("close", () => {
        clearTimeout(timer);
        client.off("close", onClose);
        resolve({ code, stdout, stderr });
      });
    });
  });
}
function keyType(blob) {
  if (blob.length < 4) return "unknown";
  const length = blob.readUInt32BE(0);
  return blob.subarray(4, 4 + length).toString("latin1");
}

export {
  SshFailure,
  classifySshError,
  preparsePrivateKey,
  openSshSession
};
