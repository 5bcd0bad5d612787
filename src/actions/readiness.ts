/**
 * The readiness action: parse, gate every host at once, pin, report, and say loudly what was
 * not observed. Fails when any host is not ready, naming each one's stage and last error.
 */
import type { ActionDefinition } from '../platform/context.ts';
import { collectDiagnostics } from '../readiness/diagnostics.ts';
import { boundOf, stepDeadline } from '../platform/job-deadline.ts';
import { runGate } from '../readiness/gate.ts';
import { realGateDeps } from '../readiness/gate-deps.ts';
import { runHttpChecks, type HttpOutcome } from '../http/checks.ts';
import { readinessReport, writeResultFiles } from '../readiness/results.ts';
import { readReadinessSettings, sensitiveHeaderValues } from '../readiness/settings.ts';
import { openSshSession } from '../ssh/session.ts';

const DIAGNOSTICS_TIMEOUT_MS = 10_000;

export const readiness: ActionDefinition = {
  name: 'readiness',
  async main(context) {
    const { inputs, outputs, secrets, log, group, publish, signal } = context;
    const given = readReadinessSettings(inputs);
    // The gate's timeout, or what the job has left (less its slack), whichever is smaller.
    const bound = boundOf(stepDeadline(context), given.gate.timeoutMs);
    if (bound.by === 'deadline') log.info(`readiness: waiting at most ${bound.describe}`);
    const settings = { ...given, gate: { ...given.gate, timeoutMs: bound.ms } };
    secrets.add(settings.privateKey);
    for (const value of sensitiveHeaderValues(settings.http)) secrets.add(value);
    const deps = realGateDeps(settings.privateKey);
    const started = deps.now();
    const outcomes = await group(`Waiting for ${String(settings.hosts.length)} host(s)`, () =>
      runGate(settings.hosts, settings.gate, deps, signal, started),
    );
    // HTTP checks only once every host is ready: an app on a half-booted machine is not up.
    let checks: HttpOutcome[] = [];
    if (settings.http.length > 0 && outcomes.every((o) => o.ready)) {
      checks = await group(`HTTP checks (${String(settings.http.length)})`, () =>
        runHttpChecks(settings.http, settings.gate, deps, signal, started),
      );
    } else if (settings.http.length > 0) {
      log.warning('HTTP checks were not run: not every host is ready');
    }
    const files = writeResultFiles(outcomes, checks, process.env);
    const ready = outcomes.filter((o) => o.ready);
    outputs.set('ready-hosts', ready.map((o) => o.target.spec).join('\n'));
    outputs.set('known-hosts', files.knownHosts);
    outputs.set('host-keys', Object.fromEntries(ready.map((o) => [o.target.spec, o.hostKey])));
    outputs.set('elapsed-seconds', ((deps.now() - started) / 1000).toFixed(1));
    outputs.set('report', files.report);
    await publish(readinessReport(outcomes, checks));

    for (const outcome of outcomes) {
      for (const warning of outcome.warnings) log.warning(`${outcome.target.spec}: ${warning}`);
      if (outcome.ready && !outcome.sawCloudInitFinish) {
        log.warning(
          `${outcome.target.spec}: ready WITHOUT having seen cloud-init finish — later steps may race a boot that is still going on`,
        );
      }
    }
    const failed = outcomes.filter((o) => !o.ready);
    for (const outcome of failed) {
      await group(`Diagnostics: ${outcome.target.spec}`, async () => {
        const found = await collectDiagnostics(
          (target, timeoutMs) =>
            openSshSession({ target, privateKey: settings.privateKey, timeoutMs }),
          outcome.target,
          DIAGNOSTICS_TIMEOUT_MS,
        );
        log.info(found);
      });
    }
    if (failed.length > 0) {
      throw new Error(
        `${String(failed.length)} of ${String(outcomes.length)} host(s) not ready: ${failed
          .map((o) => `${o.target.spec} (${o.reason})`)
          .join('; ')}`,
      );
    }
    const failedChecks = checks.filter((c) => !c.passed);
    if (failedChecks.length > 0) {
      throw new Error(
        `${String(failedChecks.length)} of ${String(checks.length)} HTTP check(s) failed: ${failedChecks
          .map((c) => `${c.check.label} (${c.reason})`)
          .join('; ')}`,
      );
    }
  },
};
