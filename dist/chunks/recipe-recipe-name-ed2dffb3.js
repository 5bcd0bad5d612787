import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);

// src/recipe/recipe-name.ts
function isRecipeName(value) {
  return /^[a-z0-9][a-z0-9_-]*$/i.test(value);
}
var RECIPE_NAME_HINT = "use letters, digits, - and _";

export {
  isRecipeName,
  RECIPE_NAME_HINT
};
