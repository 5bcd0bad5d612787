/**
 * The report inputs, read whole before anything is written or posted: where the results are,
 * where the card goes, and, with a token, which pull request and commit to post to.
 */
import { resolve } from 'node:path';
import type { Inputs } from '../platform/inputs.ts';
import { isRecipeName, RECIPE_NAME_HINT } from '../recipe/recipe-name.ts';
import type { RunLinks } from '../platform/run-links.ts';

export interface ReportSettings {
  results: string[];
  recipe: string | undefined;
  outputDir: string;
  statusContext: string;
  /** Undefined: the card goes to the summary and a file only. */
  post:
    | {
        token: string;
        apiUrl: string;
        repository: string;
        pullRequest: number | undefined;
        sha: string | undefined;
      }
    | undefined;
  /** Why nothing is posted, or part of it, for the log. */
  notes: string[];
}

export function readReportSettings(
  inputs: Inputs,
  links: RunLinks,
  apiUrlOfRunner: string | undefined,
  envToken: string | undefined,
): ReportSettings {
  const results = inputs.list('results');
  if (results.length === 0) {
    inputs.fail('results', 'is empty; give the results folder (the downloaded artifacts) or files');
  }
  const recipe = inputs.string('recipe');
  if (recipe !== undefined && !isRecipeName(recipe)) {
    inputs.fail('recipe', `"${recipe}" is not a recipe name; ${RECIPE_NAME_HINT}`);
  }
  const statusContext = inputs.defaulted('status-context', inputs.string('status-context'));
  const outputDir = resolve(inputs.defaulted('output-dir', inputs.string('output-dir')));
  const comment = inputs.defaulted('comment', inputs.boolean('comment'));
  const statuses = inputs.defaulted('statuses', inputs.boolean('statuses'));
  const pullRequest = inputs.integer('pull-request', { min: 1 }) ?? links.pullRequest;
  const sha = inputs.string('sha') ?? links.sha;
  if (sha !== undefined && !/^[0-9a-f]{7,64}$/i.test(sha)) {
    inputs.fail('sha', `"${sha}" is not a commit SHA`);
  }
  const token = inputs.secret('token') ?? envToken;
  const settings: ReportSettings = {
    results,
    recipe,
    outputDir,
    statusContext,
    post: undefined,
    notes: [],
  };
  if (token === undefined) {
    settings.notes.push('no token: the card goes to the job summary and a file only');
    return settings;
  }
  const apiUrl = inputs.string('api-url') ?? apiUrlOfRunner;
  if (apiUrl === undefined) {
    inputs.fail(
      'api-url',
      'is needed to post outside a runner; give the forge API base (GitHub: https://api.github.com, Gitea/Forgejo: https://<host>/api/v1)',
    );
  }
  const repository = inputs.string('repository') ?? links.repository;
  if (repository === undefined || !/^[^/\s]+\/[^/\s]+$/.test(repository)) {
    inputs.fail(
      'repository',
      `${repository === undefined ? 'is unknown' : `"${repository}" is not owner/name`}; give owner/name`,
    );
  }
  const wantsComment = comment && pullRequest !== undefined;
  if (comment && pullRequest === undefined) {
    settings.notes.push(
      'no pull request in this event: no comment (give pull-request to post one)',
    );
  }
  if (statuses && sha === undefined) {
    settings.notes.push(
      "this event names no pull-request commit: no statuses (give sha, e.g. the !testme run's head SHA)",
    );
  }
  settings.post = {
    token,
    apiUrl,
    repository,
    pullRequest: wantsComment ? pullRequest : undefined,
    sha: statuses ? sha : undefined,
  };
  return settings;
}
