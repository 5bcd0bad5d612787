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

// src/targets/spec.ts
var RESERVED_NAMES = ["all"];
var MATRIX_NAME_KEY = "target";
var NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
function isTargetName(value) {
  return NAME_PATTERN.test(value);
}
function parseTargets(value, fail) {
  let items;
  if (typeof value === "string") items = value.split(/[\s,]+/).filter((name) => name !== "");
  else if (Array.isArray(value)) items = value;
  else {
    return fail(
      "must be a YAML list of target names or of mappings with a `name` (for example `- name: local`)"
    );
  }
  if (items.length === 0) fail("lists no target; give at least one");
  const seen = /* @__PURE__ */ new Set();
  return items.map((item, index) => {
    const where = `item ${String(index + 1)}`;
    const target = parseItem(item, where, fail);
    if (seen.has(target.name)) {
      fail(`names "${target.name}" twice (${where}); every target needs its own name`);
    }
    seen.add(target.name);
    return target;
  });
}
function parseItem(item, where, fail) {
  if (typeof item === "string") {
    return { name: checkName(item, where, fail), properties: {}, isDefault: true };
  }
  if (item === null || typeof item !== "object" || Array.isArray(item)) {
    return fail(
      `${where} must be a name or a mapping with a \`name\`; got ${describe(item)} (quote names that YAML reads as numbers or booleans)`
    );
  }
  const { name, default: isDefault, ...properties } = item;
  if (typeof name !== "string") {
    return fail(`${where} has no \`name\` (a string); got ${describe(name)}`);
  }
  const checked = checkName(name, where, fail);
  if (isDefault !== void 0 && typeof isDefault !== "boolean") {
    fail(
      `${where} ("${checked}") has \`default\` set to ${describe(isDefault)}; use true or false`
    );
  }
  if (MATRIX_NAME_KEY in properties) {
    fail(
      `${where} ("${checked}") has a property \`${MATRIX_NAME_KEY}\`, which the matrix uses for the target's name; rename the property`
    );
  }
  return { name: checked, properties, isDefault: isDefault !== false };
}
function checkName(name, where, fail) {
  const trimmed = name.trim();
  if (!NAME_PATTERN.test(trimmed)) {
    fail(
      `${where} has the name "${name}"; names use letters, digits, ".", "_" and "-" only, starting with a letter or digit`
    );
  }
  if (RESERVED_NAMES.includes(trimmed)) {
    fail(`${where} is called "${trimmed}", which \`selected\` uses for every target; rename it`);
  }
  return trimmed;
}
function describe(value) {
  if (value === null || value === void 0) return "nothing";
  if (Array.isArray(value)) return "a list";
  return `${typeof value} ${JSON.stringify(value)}`;
}

export {
  domainStem,
  generateAppDomain,
  isDomainName,
  MATRIX_NAME_KEY,
  isTargetName,
  parseTargets
};
