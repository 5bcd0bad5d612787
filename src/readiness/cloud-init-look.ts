/**
 * The cheap look at cloud-init: one shell on the host, no Python. `cloud-init status` starts
 * Python (about 0.3 s of CPU); on a small VM still booting, running it several times a second
 * slows the very boot the gate waits for, and on many hosts at once it is most of what the gate
 * costs them. The look reads the files `cloud-init status` reads and, run as a loop on the host,
 * checks them every interval on one exec channel, answering as soon as it can decide:
 *
 * - `absent`: no `cloud-init` on the PATH — what exit 127 of `cloud-init status` meant.
 * - `disabled`: cloud-init's own disable markers, read as `get_bootstatus` in
 *   cloudinit/cmd/status.py (22.4 and 25.1) reads them: only under systemd
 *   (/run/systemd/system), unless the kernel command line says `cloud-init=enabled`; then
 *   /etc/cloud/cloud-init.disabled, `cloud-init=disabled` on the kernel command line, or
 *   /run/cloud-init/disabled, which the systemd generator writes when it disables cloud-init
 *   (https://cloudinit.readthedocs.io/en/22.1_a/topics/boot.html, "Generator"). Trusted only
 *   while /run/cloud-init/status.json does not exist: once a stage has run, 22.4 and 25.1
 *   disagree (running vs disabled), so the look says `undecided`.
 * - `finished`: /run/cloud-init/result.json exists (written when the final stage ends; /run does
 *   not outlive the boot), with status.json for doneFromStatusFile.
 * - `running` (status.json but no result.json) or `not-started` (neither): not yet. "Not run"
 *   never becomes "done" here: only result.json can end the wait.
 *
 * What the look cannot see (another run_dir, the 25.1 `systemctl show-environment` switch, a
 * finish that is not clean) is left to `cloud-init status` itself, which the gate still runs
 * when the look cannot decide and every few seconds regardless.
 */
import { doneFromStatusFile, type CloudInitObservation } from './cloud-init-status.ts';

export type CloudInitLook =
  /** The look decided (absent, disabled, a clean done) or saw "not yet" until its loop ended. */
  | { kind: 'seen'; observation: CloudInitObservation; pending: boolean }
  /** Finished but not a clean done, or disabled after a stage ran: ask `cloud-init status`. */
  | { kind: 'undecided'; detail: string }
  /** The session ended under the look (no exit status, or the answer was cut short). */
  | { kind: 'cut' }
  /** An answer the look does not know (a shell that is not POSIX?): ask `cloud-init status`. */
  | { kind: 'unreadable'; detail: string };

const END = '__ci_end';

/**
 * The look, repeated up to `looks` times `intervalMs` apart on the host, ending at the first
 * answer that decides (`root`: for tests only). POSIX shell only; one `sleep` per round is its only process, and it falls
 * back to whole seconds where `sleep` takes no fractions rather than spinning.
 */
export function cloudInitLookCommand(looks: number, intervalMs: number, root = ''): string {
  const rounds = Math.max(1, Math.floor(looks));
  const pause = (Math.max(1, intervalMs) / 1000).toFixed(3);
  const lines = [
    'command -v cloud-init >/dev/null 2>&1 || { echo __ci=absent; exit 0; }',
    'c=; read -r c 2>/dev/null </proc/cmdline; c=" $c "; d=',
    'if [ -d /run/systemd/system ]; then case $c in *" cloud-init=enabled "*) ;; *)',
    ' if [ -e /etc/cloud/cloud-init.disabled ]; then d="by /etc/cloud/cloud-init.disabled"',
    ' else case $c in *" cloud-init=disabled "*) d="by the kernel command line";; esac; fi',
    ' if [ -z "$d" ] && [ -e /run/cloud-init/disabled ]; then d="by the cloud-init generator"; fi;;',
    'esac; fi',
    `n=${String(rounds)}`,
    'while :; do',
    ' v=not-started',
    ' if [ -e /run/cloud-init/status.json ]; then v=running; fi',
    ' if [ -e /run/cloud-init/result.json ]; then v=finished; fi',
    ' if [ -n "$d" ]; then',
    '  if [ "$v" = not-started ]; then echo "__ci=disabled $d"; exit 0; fi',
    '  echo "__ci=undecided disabled $d, but cloud-init has written its status"; exit 0',
    ' fi',
    ` if [ "$v" = finished ]; then echo __ci=finished; cat /run/cloud-init/status.json 2>/dev/null; echo; echo ${END}; exit 0; fi`,
    ' n=$((n-1)); if [ "$n" -le 0 ]; then echo "__ci=$v"; exit 0; fi',
    ` sleep ${pause} 2>/dev/null || sleep 1`,
    'done',
  ];
  // `root` moves every path under a directory: the unit tests run the real script on a fake tree.
  if (root === '') return lines.join('\n');
  return lines
    .join('\n')
    .replace(/(?<=[\s<])\/(?=run\/|etc\/|proc\/)/g, `${root.replace(/\/$/, '')}/`);
}

/** What the look printed, and its exit status (null: the channel closed without one). */
export function parseCloudInitLook(code: number | null, stdout: string): CloudInitLook {
  const match = /^__ci=(\S+)(?: (.*))?$/m.exec(stdout);
  if (match === null) {
    if (code === null) return { kind: 'cut' };
    return { kind: 'unreadable', detail: firstLine(stdout) || `exit code ${String(code)}` };
  }
  const verdict = match[1] ?? '';
  const rest = match[2] ?? '';
  const seen = (observation: CloudInitObservation, pending = false): CloudInitLook => ({
    kind: 'seen',
    observation,
    pending,
  });
  switch (verdict) {
    case 'absent':
      return seen({ state: 'absent', errors: [], detail: 'no cloud-init command on the PATH' });
    case 'disabled':
      return seen({ state: 'disabled', errors: [], detail: `cloud-init disabled ${rest}`.trim() });
    case 'running':
      return seen(
        { state: 'running', errors: [], detail: 'status.json without result.json' },
        true,
      );
    case 'not-started':
      return seen(
        { state: 'not-started', errors: [], detail: 'no status.json in /run/cloud-init' },
        true,
      );
    case 'undecided':
      return { kind: 'undecided', detail: rest };
    case 'finished': {
      const end = stdout.indexOf(END, match.index);
      if (end === -1) return { kind: 'cut' };
      const statusJson = stdout.slice(match.index + match[0].length, end);
      const done = doneFromStatusFile(statusJson);
      return done
        ? seen(done)
        : { kind: 'undecided', detail: 'result.json written, status.json not a clean done' };
    }
    default:
      return { kind: 'unreadable', detail: `unexpected answer "${verdict}"` };
  }
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}
