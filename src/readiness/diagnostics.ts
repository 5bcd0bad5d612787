/**
 * On failure, what the machine itself says: cloud-init's long status, the tail of its output
 * log and sshd's journal — collected over SSH when a session can still be made, and bounded in
 * time so diagnostics never eat the job's remaining budget.
 */
import type { SshSession, SshTarget } from '../ssh/session.ts';
import { getErrorMessage } from '../shared/errors.ts';

export const DIAGNOSTICS_COMMAND = [
  'echo "== cloud-init status --long"; cloud-init status --long 2>&1',
  'echo "== tail /var/log/cloud-init-output.log"; tail -n 40 /var/log/cloud-init-output.log 2>&1',
  'echo "== sshd journal"; (journalctl -u ssh -u sshd -n 30 --no-pager 2>/dev/null || tail -n 30 /var/log/auth.log 2>&1)',
].join('; ');

export async function collectDiagnostics(
  connect: (target: SshTarget, timeoutMs: number) => Promise<SshSession>,
  target: SshTarget,
  timeoutMs: number,
): Promise<string> {
  let session: SshSession | undefined;
  try {
    session = await connect(target, timeoutMs);
    const result = await session.exec(DIAGNOSTICS_COMMAND, timeoutMs);
    return result.stdout + result.stderr;
  } catch (error) {
    return `no diagnostics: ${getErrorMessage(error)}`;
  } finally {
    session?.close();
  }
}
