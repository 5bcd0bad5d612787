import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);

// src/recipe/app-domain.ts
import { randomBytes } from "node:crypto";
function domainStem(recipe) {
  return recipe.toLowerCase().replace(/[^a-z0-9]/g, "").slice(0, 4) || "app";
}
function generateAppDomain(recipe, baseDomain) {
  return `${domainStem(recipe)}-${randomBytes(3).toString("hex")}.${baseDomain.toLowerCase()}`;
}
function isDomainName(value) {
  return /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/i.test(value);
}

export {
  domainStem,
  generateAppDomain,
  isDomainName
};
