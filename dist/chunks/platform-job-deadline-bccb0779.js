import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);
import {
  formatDuration
} from "./shared-duration-7abedc94.js";

// src/platform/job-deadline.ts
var JOB_DEADLINE_VARIABLE = "RECIPE_CI_JOB_DEADLINE";
var JOB_SLACK_MS = 3 * 6e4;
var JobDeadline = class {
  constructor(at, from) {
    this.at = at;
    this.from = from;
  }
  at;
  from;
  remainingMs(now = Date.now()) {
    return this.at - now;
  }
  /**
   * The smaller of `ownMs` (undefined: no limit of its own) and the time left less `slackMs`;
   * never below zero. Post steps pass a slack of 0: the slack was kept for them.
   */
  bound(ownMs, slackMs = JOB_SLACK_MS, now = Date.now()) {
    const left = Math.max(0, this.remainingMs(now) - slackMs);
    if (ownMs !== void 0 && ownMs <= left) {
      return { ms: ownMs, by: "own", describe: `${formatDuration(ownMs)} (its own timeout)` };
    }
    const less = slackMs > 0 ? `, less ${formatDuration(slackMs)} slack` : "";
    return {
      ms: left,
      by: "deadline",
      describe: `${formatDuration(left)} (what is left of the job's ${this.from}${less})`
    };
  }
};
function boundWithout(ownMs) {
  return { ms: ownMs, by: "own", describe: `${formatDuration(ownMs)} (its own timeout)` };
}
function boundOf(deadline, ownMs, slackMs = JOB_SLACK_MS, now = Date.now()) {
  return deadline === void 0 ? boundWithout(ownMs) : deadline.bound(ownMs, slackMs, now);
}
function jobDeadlineFrom(recorded, jobTimeoutMs, startedAt) {
  const candidates = [];
  if (recorded !== void 0 && recorded !== "") {
    const at = Date.parse(recorded);
    if (Number.isNaN(at)) {
      throw new Error(
        `${JOB_DEADLINE_VARIABLE} is "${recorded}", not a time; remove it from the job's env (the first step given job-timeout records it)`
      );
    }
    candidates.push(new JobDeadline(at, `deadline (${JOB_DEADLINE_VARIABLE})`));
  }
  if (jobTimeoutMs !== void 0) {
    candidates.push(
      new JobDeadline(startedAt + jobTimeoutMs, `job-timeout of ${formatDuration(jobTimeoutMs)}`)
    );
  }
  return candidates.sort((a, b) => a.at - b.at)[0];
}
function stepDeadline(context, startedAt = Date.now()) {
  const jobTimeoutMs = context.inputs.duration("job-timeout", { min: 1e3 });
  const recorded = process.env[JOB_DEADLINE_VARIABLE];
  const deadline = jobDeadlineFrom(recorded, jobTimeoutMs, startedAt);
  if (deadline !== void 0 && (recorded === void 0 || recorded === "")) {
    context.exportVariable(JOB_DEADLINE_VARIABLE, new Date(deadline.at).toISOString());
  }
  return deadline;
}
var CLEANUP_FLOOR_MS = 6e4;
function recordedDeadline(env = process.env) {
  return jobDeadlineFrom(env[JOB_DEADLINE_VARIABLE], void 0, Date.now());
}
function cleanupBound(deadline, ownMs, now = Date.now()) {
  if (deadline === void 0) return ownMs === void 0 ? void 0 : boundWithout(ownMs);
  const left = deadline.bound(ownMs, 0, now);
  if (left.by === "own" || left.ms >= CLEANUP_FLOOR_MS) return left;
  return {
    ms: CLEANUP_FLOOR_MS,
    by: "deadline",
    describe: `${formatDuration(CLEANUP_FLOOR_MS)} (the floor every cleanup gets)`
  };
}
function boundedSignal(signal, bound) {
  if (bound === void 0) return { signal, timedOut: () => false };
  const timer = AbortSignal.timeout(bound.ms);
  return {
    signal: AbortSignal.any([signal, timer]),
    timedOut: () => timer.aborted && !signal.aborted
  };
}

export {
  JOB_DEADLINE_VARIABLE,
  JOB_SLACK_MS,
  boundWithout,
  boundOf,
  stepDeadline,
  recordedDeadline,
  cleanupBound,
  boundedSignal
};
