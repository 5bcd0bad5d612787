/**
 * Which lines of a step's stdout a GitHub runner would act on as workflow commands — a model of
 * its command processing (actions/runner ActionCommandManager: a command is a line that starts
 * with `::` after leading blanks, or the older `##[` form; `::stop-commands::<token>` turns
 * processing off until a line `::<token>::`). Used to check that what a recipe prints stays text.
 */
export interface ProcessedCommand {
  name: string;
  line: string;
}

export function commandsRunnerWouldRun(stdout: string): ProcessedCommand[] {
  const processed: ProcessedCommand[] = [];
  let resumeToken: string | undefined;
  for (const raw of stdout.split(/\r?\n/)) {
    const line = raw.trimStart();
    if (resumeToken !== undefined) {
      if (line === `::${resumeToken}::`) resumeToken = undefined;
      continue;
    }
    const v2 = /^::([A-Za-z-]+)(?: [^:]*)?::(.*)$/.exec(line);
    const v1 = /^##\[([A-Za-z-]+)[^\]]*\](.*)$/.exec(line);
    const match = v2 ?? v1;
    if (match === null) continue;
    const name = match[1] ?? '';
    processed.push({ name, line });
    if (name === 'stop-commands') resumeToken = match[2];
  }
  return processed;
}
