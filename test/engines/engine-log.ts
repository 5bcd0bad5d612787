/**
 * The `--json` log of act and of the Gitea runner (an act fork: same format), read from the
 * outside: one JSON object a line, with the job's name and, when a job or step ends, its
 * `jobResult` or `stepResult`; `set-output` lines carry a step's outputs.
 */

/** One line of the log. */
export interface EngineLine {
  msg: string;
  level: string;
  job?: string;
  jobID?: string;
  step?: string;
  stage?: string;
  jobResult?: string;
  stepResult?: string;
  matrix?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface EngineLog {
  lines: EngineLine[];
  /** The engine's stderr and anything on stdout that was not JSON. */
  other: string;
  /** Each job's result by its name as the engine logs it (`recipe-ci/plan`, `pr.yml/test`). */
  jobs: Map<string, string>;
  /** Each step's result: `<job> / <stage> <step>` → success, failure, skipped. */
  steps: Map<string, string>;
  /** Each job's step outputs as logged (`set-output` lines): job → name → value. */
  outputs: Map<string, Record<string, string>>;
  /** Every line's message, for assertions and for a failing test's message. */
  text: string;
}

/** Read an engine's stdout (its JSON log) and stderr. */
export function readEngineLog(stdout: string, stderr: string): EngineLog {
  let other = stderr;
  const lines: EngineLine[] = [];
  for (const raw of stdout.split('\n')) {
    if (raw.trim() === '') continue;
    try {
      lines.push(JSON.parse(raw) as EngineLine);
    } catch {
      other += `${raw}\n`;
    }
  }
  const jobs = new Map<string, string>();
  const steps = new Map<string, string>();
  const outputs = new Map<string, Record<string, string>>();
  for (const line of lines) {
    // act pads job names to line its text log up; the names themselves have no trailing blanks.
    if (line.job !== undefined) line.job = line.job.trimEnd();
    if (line.job !== undefined && line.command === 'set-output') {
      const job = outputs.get(line.job) ?? {};
      job[String(line.name)] = String(line.arg);
      outputs.set(line.job, job);
    }
    if (line.job !== undefined && line.jobResult !== undefined) jobs.set(line.job, line.jobResult);
    if (line.job !== undefined && line.step !== undefined && line.stepResult !== undefined) {
      steps.set(`${line.job} / ${line.stage ? `${line.stage} ` : ''}${line.step}`, line.stepResult);
    }
  }
  const text = lines.map((l) => `${l.job ?? ''} | ${l.msg}`).join('\n');
  return { lines, other, jobs, steps, outputs, text };
}
