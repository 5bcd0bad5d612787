import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);

// src/process/run-program.ts
import { spawn } from "node:child_process";
var KEEP_OUTPUT_CHARS = 64 * 1024;
var KILL_GRACE_MS = 5e3;
function succeeded(result) {
  return result.code === 0 && !result.timedOut && !result.cancelled && result.spawnError === void 0;
}
function describeEnd(result, limit) {
  if (result.cancelled) return "cancelled";
  if (result.timedOut) return `did not finish within ${limit}`;
  if (result.spawnError !== void 0) return `could not start (${result.spawnError})`;
  return result.code === 0 ? "succeeded" : `exited with ${String(result.code)}`;
}
function runCommandLine(command, options) {
  return runProgram("bash", ["-c", command], options);
}
function runProgram(file, args, options = {}) {
  const started = Date.now();
  const keepStdout = options.keepStdoutChars ?? KEEP_OUTPUT_CHARS;
  const keepOutput = options.keepOutputChars ?? KEEP_OUTPUT_CHARS;
  const { signal } = options;
  let output = "";
  let stdout = "";
  let stderr = "";
  let timedOut = false;
  let cancelled = false;
  const result = (code, spawnError) => {
    const lastLine = stdout.split("\n").map((l) => l.trim()).filter(Boolean).at(-1) ?? "";
    return {
      code,
      output,
      stdout,
      stderr,
      lastLine,
      timedOut,
      cancelled,
      ...spawnError === void 0 ? {} : { spawnError },
      durationMs: Date.now() - started
    };
  };
  if (signal?.aborted) {
    cancelled = true;
    return Promise.resolve(result(null));
  }
  return new Promise((resolve) => {
    const child = spawn(file, [...args], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      detached: true,
      stdio: ["ignore", "pipe", "pipe", options.onChannel === void 0 ? "ignore" : "pipe"]
    });
    const channel = child.stdio[3];
    let channelPartial = "";
    if (options.onChannel !== void 0 && channel && "on" in channel) {
      channel.on("data", (chunk) => {
        const lines = (channelPartial + chunk.toString()).split("\n");
        channelPartial = lines.pop() ?? "";
        for (const line of lines) options.onChannel?.(line);
      });
    }
    const partial = { stdout: "", stderr: "" };
    const take = (chunk, stream) => {
      const text = chunk.toString();
      output = (output + text).slice(-keepOutput);
      if (stream === "stdout") stdout = (stdout + text).slice(-keepStdout);
      else stderr = (stderr + text).slice(-keepOutput);
      if (options.onLine === void 0) return;
      const lines = (partial[stream] + text).split("\n");
      partial[stream] = lines.pop() ?? "";
      for (const line of lines) options.onLine(line, stream);
    };
    child.stdout?.on("data", (chunk) => {
      take(chunk, "stdout");
    });
    child.stderr?.on("data", (chunk) => {
      take(chunk, "stderr");
    });
    let killer;
    const stop = () => {
      if (killer !== void 0) return;
      signalGroup(child.pid, "SIGTERM");
      killer = setTimeout(() => {
        signalGroup(child.pid, "SIGKILL");
      }, options.killGraceMs ?? KILL_GRACE_MS);
    };
    const timer = options.timeoutMs === void 0 ? void 0 : setTimeout(() => {
      timedOut = true;
      stop();
    }, options.timeoutMs);
    const onAbort = () => {
      cancelled = true;
      stop();
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    let finished = false;
    const finish = (code, spawnError) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      clearTimeout(killer);
      signal?.removeEventListener("abort", onAbort);
      for (const stream of ["stdout", "stderr"]) {
        if (partial[stream] !== "") options.onLine?.(partial[stream], stream);
        partial[stream] = "";
      }
      if (channelPartial !== "") options.onChannel?.(channelPartial);
      resolve(result(code, spawnError));
    };
    child.on("error", (error) => {
      finish(null, error.message);
    });
    child.on("close", (code) => {
      finish(code);
    });
  });
}
function signalGroup(pid, signal) {
  if (pid === void 0) return;
  try {
    process.kill(-pid, signal);
  } catch {
  }
}

export {
  succeeded,
  describeEnd,
  runCommandLine,
  runProgram
};
