/**
 * Which backend the demo runs, and why. The Co-op Cloud path — real abra registering a guest with
 * its own Docker engine as a server — needs abra in the lab; until the demo has that path it runs
 * the command backend, and says so on its first lines rather than leave a reader to guess.
 */
import { existsSync } from 'node:fs';

/** Where test/lab/setup.sh would install abra. */
export const LAB_ABRA = '/opt/recipe-ci-lab/bin/abra';

/** The line that names the demo's backend and why it is not abra. */
export function backendLine(): string {
  const why = existsSync(LAB_ABRA)
    ? `the demo's abra path is not written yet (${LAB_ABRA} is there)`
    : `the lab has no abra at ${LAB_ABRA}: the Go module proxy here refuses coopcloud.tech/abra, so test/lab/setup.sh cannot build it`;
  return `backend: command (the example recipe's own commands), not the Co-op Cloud path, because ${why}`;
}
