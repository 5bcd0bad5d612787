/**
 * The gate's last stages (see gate.ts): settle on fresh connections once cloud-init is
 * terminal, then judge whether the host is ready and pin the key the settle connections agreed on.
 */
import { classifySshError } from '../ssh/failure.ts';
import {
  cancelled,
  commandBudget,
  finish,
  openSession,
  pause,
  remaining,
  timedOutReason,
  type GateContext,
} from './gate-context.ts';
import type { HostOutcome } from './gate.ts';

/**
 * Stage 4: `settings.settle` fresh connections (new TCP, new handshake, new authentication)
 * that succeed back to back, one interval apart, so the gate never passes on a session that
 * survived the restart of an sshd that is now gone. A failure, or a host key other than the
 * last one, starts settling again. Returns whether it settled within the budget.
 */
export async function settle(ctx: GateContext): Promise<boolean> {
  const { deps, outcome, settings, signal, timeline } = ctx;
  outcome.stage = 'settle';
  let inARow = 0;
  let lastStart = 0;
  let key: string | undefined;
  while (inARow < settings.settle && remaining(ctx) > 0 && !signal.aborted) {
    // One interval from the start of one settle connection to the start of the next.
    if (inARow > 0) await pause(ctx, settings.intervalMs - (deps.now() - lastStart));
    lastStart = deps.now();
    const fresh = await openSession(ctx);
    if (!fresh) {
      inARow = 0;
      continue;
    }
    try {
      await fresh.exec('true', commandBudget(ctx));
    } catch (error) {
      outcome.lastError = classifySshError(error).message;
      timeline.add('settle', `session failed: ${outcome.lastError}`);
      inARow = 0;
      continue;
    } finally {
      fresh.close();
    }
    if (key !== undefined && fresh.hostKey !== key) {
      timeline.add('settle', `host key changed to ${fresh.hostKey}; settling again`);
      inARow = 0;
    }
    key = fresh.hostKey;
    outcome.hostKey = fresh.hostKey;
    outcome.hostKeyText = fresh.hostKeyText;
    inARow++;
  }
  return inARow >= settings.settle;
}

/** The verdict: cancelled (thrown), timed out in the stage reached, or ready. */
export function judge(ctx: GateContext, settled: boolean): HostOutcome {
  if (ctx.signal.aborted) throw cancelled(ctx.signal);
  if (!settled) return finish(ctx, false, timedOutReason(ctx.outcome));
  const { outcome } = ctx;
  return finish(
    ctx,
    true,
    outcome.sawCloudInitFinish ? `cloud-init ${outcome.cloudInit?.state ?? ''}` : 'ready',
  );
}
