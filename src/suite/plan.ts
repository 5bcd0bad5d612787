/**
 * From the inputs and the recipe's git history to a plan: which version is the candidate, which
 * one the upgrade starts from, and whether the upgrade must wait for a person. Done before
 * anything is deployed, so that a `previous` that does not exist is a bad input, not a failure.
 */
import { join } from 'node:path';
import type { DeploySource } from '../deploy/backend.ts';
import type { SuitePlan } from './engine.ts';
import { exportTag, listTags, tagsAtHead } from '../recipe/git.ts';
import { readReleaseNotes } from '../recipe/release-notes.ts';
import type { TierName } from '../recipe/tiers.ts';
import {
  choosePrevious,
  majorBump,
  parseRecipeVersion,
  type RecipeVersion,
} from '../recipe/versions.ts';

export interface PlanInputs {
  recipePath: string;
  /** A folder of this run's own, where the previous version is exported. */
  workDir: string;
  tiers: ReadonlySet<TierName>;
  previous: string;
  allowMajor: boolean;
  failFast: boolean;
  repeat: number;
  oidc: boolean;
}

export interface PlannedRun {
  plan: SuitePlan;
  candidate: RecipeVersion | undefined;
  previous: RecipeVersion | undefined;
}

export async function planRun(inputs: PlanInputs): Promise<PlannedRun> {
  const tags = await listTags(inputs.recipePath);
  const candidate = (await tagsAtHead(inputs.recipePath))
    .map(parseRecipeVersion)
    .find((v) => v !== undefined);
  const previous = choosePrevious(candidate, tags, inputs.previous);
  const held = previous === undefined ? undefined : await holdReason(inputs, previous, candidate);
  const candidateSource: DeploySource = { version: candidate?.tag, dir: inputs.recipePath };
  return {
    candidate,
    previous,
    plan: {
      selected: inputs.tiers,
      candidate: candidateSource,
      previous:
        previous === undefined
          ? { none: 'no published version older than the candidate to upgrade from' }
          : {
              source: async () => {
                const dir = join(
                  inputs.workDir,
                  `previous-${previous.tag.replace(/[^\w.-]/g, '_')}`,
                );
                await exportTag(inputs.recipePath, previous.tag, dir);
                return { version: previous.tag, dir };
              },
            },
      held,
      failFast: inputs.failFast,
      repeat: inputs.repeat,
      oidc: inputs.oidc,
    },
  };
}

async function holdReason(
  inputs: PlanInputs,
  previous: RecipeVersion,
  candidate: RecipeVersion | undefined,
): Promise<string | undefined> {
  if (inputs.allowMajor || candidate === undefined) return undefined;
  const reasons: string[] = [];
  const bump = majorBump(previous, candidate);
  if (bump) reasons.push(`${bump} from ${previous.tag} to ${candidate.tag}`);
  const notes = await readReleaseNotes(inputs.recipePath, candidate.tag);
  if (notes && notes.flagged.length > 0) {
    reasons.push(
      `release notes ${notes.path} say: ${notes.flagged.map((l) => `"${l}"`).join(' ')}`,
    );
  }
  if (reasons.length === 0) return undefined;
  return `${reasons.join('; ')} — held for a person; set allow-major: true to run it`;
}
