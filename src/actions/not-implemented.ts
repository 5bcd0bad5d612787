/**
 * The failure of an action whose behaviour has not landed yet. Its inputs are still parsed and
 * checked first, so a workflow written against the documented contract fails on the right input.
 */
export function notImplemented(action: string): Error {
  return new Error(
    `the ${action} action is not implemented in this version of recipe-ci yet; its inputs were ` +
      'checked and nothing was created',
  );
}
