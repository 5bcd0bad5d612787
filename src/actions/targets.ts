/**
 * The targets action: turn the recipe's target list and a dispatch's choice into a matrix, with
 * unselected targets skipped — never failed — and `has-targets` so that an empty matrix never
 * reaches a test job (GitHub and Gitea fail a matrix with no entries).
 */
import { generateAppDomain, isDomainName } from '../recipe/app-domain.ts';
import type { ActionContext, ActionDefinition } from '../platform/context.ts';
import { matrixOf, planTargets, running, skipped } from '../targets/plan.ts';
import { planReport } from '../targets/report.ts';
import { parseSelection } from '../targets/selection.ts';
import { parseTargets } from '../targets/spec.ts';

export const targets: ActionDefinition = {
  name: 'targets',
  async main({ inputs, outputs, log, platform, publish }) {
    const raw = inputs.yaml('targets');
    if (raw === undefined) inputs.required('targets', 'give a YAML list of target names');
    const list = parseTargets(raw, (problem) => inputs.fail('targets', problem));
    const selection = parseSelection(inputs.string('selected'), list, (problem) =>
      inputs.fail('selected', problem),
    );
    const plan = planTargets(list, selection, platform.eventName);
    const appDomain = readAppDomain(inputs);

    if (plan.ignoredSelection) {
      log.notice(
        `selected is ignored on ${plan.event ?? ''} events: they test the default set; choose targets in a workflow_dispatch`,
      );
    }
    const matrix = matrixOf(plan, appDomain);
    outputs.set('matrix', matrix);
    outputs.set('has-targets', matrix.include.length > 0 ? 'true' : 'false');
    outputs.set(
      'selected',
      running(plan)
        .map((target) => target.name)
        .join(','),
    );
    outputs.set(
      'skipped',
      skipped(plan)
        .map((target) => target.name)
        .join(','),
    );
    await publish(planReport(plan));
    if (matrix.include.length === 0) log.notice('No target runs; the test job will be skipped.');
  },
};

/** With `base-domain`, each entry's app domain; `recipe` names it. Checked before any output. */
function readAppDomain(inputs: ActionContext['inputs']): (() => string) | undefined {
  const base = inputs.string('base-domain');
  if (base === undefined) return undefined;
  if (!isDomainName(base)) inputs.fail('base-domain', `"${base}" is not a domain name`);
  const recipe = inputs.required('recipe', "give the recipe's name: app domains start with it");
  return () => generateAppDomain(recipe, base);
}
