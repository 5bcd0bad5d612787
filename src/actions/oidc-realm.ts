/**
 * The oidc-realm action. Main: a realm (or a client and user in the shared CI realm) per run,
 * verified with real grants, its settings in the outputs and the app's env file. Post: remove
 * it with a fresh admin token, as `cleanup` says. `mode: janitor` sweeps what killed runs leaked.
 */
import type { ActionDefinition } from '../platform/context.ts';
import { jobOutcome } from '../platform/job-outcome.ts';
import { WrapperState } from '../platform/run.ts';
import { describeLeftovers, leftoversFromState, removeLeftovers } from '../oidc/cleanup.ts';
import { createAndVerify } from '../oidc/create.ts';
import { writeEnvFile } from '../oidc/env-file.ts';
import { realHttpDeps } from '../oidc/http.ts';
import { sweep } from '../oidc/janitor.ts';
import { createdReport, janitorReport } from '../oidc/report.ts';
import { openSession } from '../oidc/session.ts';
import { boundOf, stepDeadline } from '../platform/job-deadline.ts';
import { readOidcSettings, SECRET_SETTINGS, SETTINGS } from '../oidc/settings.ts';
import { getErrorMessage } from '../shared/errors.ts';
import { runOrigin } from '../platform/run-origin.ts';

export const oidcRealm: ActionDefinition = {
  name: 'oidc-realm',
  async main(context) {
    const { inputs, outputs, state, secrets, log, group, publish, signal } = context;
    const settings = readOidcSettings(inputs);
    const deadline = stepDeadline(context);
    const onSecret = (value: string): void => {
      secrets.add(value);
    };
    const session = openSession(
      settings.keycloakUrl,
      settings.auth,
      realHttpDeps,
      signal,
      onSecret,
      process.env,
    );

    if (settings.mode === 'janitor') {
      const entries = await group(`Sweeping realms of prefix ${settings.prefix}`, () =>
        sweep(session, {
          prefix: settings.prefix,
          maxAgeMs: settings.maxAgeMs,
          dryRun: settings.dryRun,
          nowMs: Date.now(),
          sharedRealm: settings.isolation === 'client' ? settings.sharedRealm : undefined,
        }),
      );
      await publish(janitorReport(entries, settings.dryRun, settings.prefix));
      const failed = entries.filter((e) => e.action === 'failed');
      if (failed.length > 0) {
        throw new Error(`could not delete: ${failed.map((e) => `${e.kind} ${e.name}`).join(', ')}`);
      }
      return;
    }

    // Verification retries until verify-timeout, or what the job has left, whichever is first.
    const bound = boundOf(deadline, settings.verifyTimeoutMs);
    if (bound.by === 'deadline') log.info(`oidc-realm: verifying for at most ${bound.describe}`);
    const created = await createAndVerify(
      session,
      { ...settings, verifyTimeoutMs: bound.ms },
      runOrigin(process.env),
      {
        state,
        onSecret,
        group,
        info: (message) => {
          log.info(message);
        },
        now: () => Date.now(),
      },
    );
    for (const name of SETTINGS) {
      outputs.set(name, created.values[name], { secret: SECRET_SETTINGS.has(name) });
    }
    if (settings.envFile !== undefined) {
      writeEnvFile(
        settings.envFile,
        settings.envMap.map(([key, setting]) => [key, created.values[setting]]),
      );
      log.info(`wrote ${settings.envMap.map(([key]) => key).join(', ')} to ${settings.envFile}`);
    }
    await publish(createdReport(created, settings.envFile));
  },

  async post({ inputs, state, secrets, log, signal }) {
    const left = leftoversFromState(state);
    if (left === undefined) {
      log.info('oidc-realm: no realm was created, so there is nothing to delete');
      return;
    }
    const what = describeLeftovers(left);
    const settings = readOidcSettings(inputs);
    const outcome = jobOutcome(state.get(WrapperState.mainOutcome), process.env);
    if (
      settings.cleanup === 'never' ||
      (settings.cleanup === 'on-success' && outcome !== 'success')
    ) {
      log.notice(
        `keeping ${what} (cleanup: ${settings.cleanup}, main: ${outcome}); a janitor run (mode: janitor) removes it once older than max-age`,
      );
      return;
    }
    const session = openSession(
      settings.keycloakUrl,
      settings.auth,
      realHttpDeps,
      signal,
      (value) => {
        secrets.add(value);
      },
      process.env,
    );
    try {
      for (const line of await removeLeftovers(session, left)) log.info(line);
    } catch (error) {
      throw new Error(`${what} may remain: ${getErrorMessage(error)}`);
    }
  },
};
