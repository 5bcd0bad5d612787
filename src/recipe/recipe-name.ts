/** A recipe's name as abra and app domains use it: letters, digits, `-` and `_`. */
export function isRecipeName(value: string): boolean {
  return /^[a-z0-9][a-z0-9_-]*$/i.test(value);
}

export const RECIPE_NAME_HINT = 'use letters, digits, - and _';
