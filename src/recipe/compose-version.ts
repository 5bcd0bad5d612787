/**
 * The version a Co-op Cloud recipe records for itself: the `coop-cloud.${STACK_NAME}.version`
 * deploy label of its `app` service in `compose.yml`. A pull request's candidate carries no tag
 * yet, but a PR that bumps this label to a new major is exactly the one to hold, so the label
 * stands in for the tag when HEAD has none.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { parseRecipeVersion, type RecipeVersion } from './versions.ts';

const LABEL = 'coop-cloud.${STACK_NAME}.version';

export type LabelVersion =
  | { version: RecipeVersion; where: string }
  /** No usable version, and why (said in the report; the run goes on without a hold). */
  | { unknown: string }
  /** A compose file or label that is wrong: the upgrade cannot be judged. */
  | { problem: string };

export async function composeVersion(recipePath: string): Promise<LabelVersion> {
  const file = 'compose.yml';
  let text: string;
  try {
    text = await readFile(join(recipePath, file), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { unknown: `no ${file}` };
    throw error;
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false });
  const lineOf = (node: Node | null | undefined): number =>
    node?.range ? lines.linePos(node.range[0]).line : 1;
  if (doc.errors.length > 0) {
    const error = doc.errors[0];
    const line = error ? lines.linePos(error.pos[0]).line : 1;
    return {
      problem: `${file}:${String(line)} does not parse: ${error?.message.split('\n')[0] ?? ''}`,
    };
  }
  const labels = doc.getIn(['services', 'app', 'deploy', 'labels'], true) as Node | undefined;
  let value: Node | undefined;
  if (isSeq(labels)) {
    value = labels.items.find(
      (item): item is Node => isScalar(item) && String(item.value).startsWith(`${LABEL}=`),
    );
  } else if (isMap(labels)) {
    const pair = labels.items.find((p) => isScalar(p.key) && String(p.key.value) === LABEL);
    value = pair?.value as Node | undefined;
  }
  if (value === undefined || !isScalar(value)) {
    return { unknown: `${file} has no ${LABEL} label on its app service` };
  }
  const raw = String(value.value);
  const literal = raw.startsWith(`${LABEL}=`) ? raw.slice(LABEL.length + 1) : raw;
  const where = `${file}:${String(lineOf(value))}`;
  if (literal.includes('${')) {
    return { unknown: `${where}: the version label is "${literal}", not a literal version` };
  }
  const version = parseRecipeVersion(literal);
  if (version === undefined) {
    return {
      problem: `${where}: the version label is "${literal}", which is not a <semver>+<app> version`,
    };
  }
  return { version, where };
}
