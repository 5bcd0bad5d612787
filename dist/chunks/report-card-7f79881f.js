import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);
import {
  ForgeApiError
} from "./platform-forge-api-d2af8fab.js";
import {
  escapeXml,
  runLinksOf
} from "./platform-run-links-e1f14709.js";
import {
  tierLabel
} from "./suite-tier-result-292ec093.js";
import {
  RECIPE_NAME_HINT,
  isRecipeName
} from "./recipe-recipe-name-ed2dffb3.js";
import {
  forgeTokenOf
} from "./platform-run-origin-98ca828c.js";
import {
  markdownTable
} from "./yaml-80979275.js";
import {
  formatDuration,
  getErrorMessage
} from "./shared-duration-7abedc94.js";

// src/actions/report.ts
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { basename as basename2, join as join2 } from "node:path";

// src/report/verdict.ts
function verdictOf(loaded) {
  if (loaded.targets.some((t) => t.status === "failed")) return "failed";
  if (loaded.targets.length === 0 || loaded.problems.length > 0) return "incomplete";
  return "passed";
}
var VERDICT_ICONS = {
  passed: "\u2705",
  failed: "\u274C",
  incomplete: "\u26A0\uFE0F"
};
var VERDICT_COLOURS = {
  passed: { name: "brightgreen", hex: "#4c1" },
  failed: { name: "red", hex: "#e05d44" },
  incomplete: { name: "lightgrey", hex: "#9f9f9f" }
};

// src/report/badge.ts
function badgeText(recipe, level, verdict) {
  const rung = level === void 0 ? "no level" : `L${String(level)}`;
  return { label: recipe, message: `${rung} ${verdict}`, verdict };
}
function shieldsEndpoint(badge) {
  const json = {
    schemaVersion: 1,
    label: badge.label,
    message: badge.message,
    color: VERDICT_COLOURS[badge.verdict].name
  };
  return `${JSON.stringify(json, null, 2)}
`;
}
function badgeSvg(badge) {
  const left = textWidth(badge.label) + 10;
  const right = textWidth(badge.message) + 10;
  const width = left + right;
  const colour = VERDICT_COLOURS[badge.verdict].hex;
  const label = escapeXml(badge.label);
  const message = escapeXml(badge.message);
  const text = (x, value) => `<text x="${String(x)}" y="15" fill="#010101" fill-opacity=".3">${value}</text><text x="${String(x)}" y="14">${value}</text>`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${String(width)}" height="20" role="img" aria-label="${label}: ${message}">`,
    `<title>${label}: ${message}</title>`,
    '<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>',
    `<clipPath id="r"><rect width="${String(width)}" height="20" rx="3" fill="#fff"/></clipPath>`,
    '<g clip-path="url(#r)">',
    `<rect width="${String(left)}" height="20" fill="#555"/>`,
    `<rect x="${String(left)}" width="${String(right)}" height="20" fill="${colour}"/>`,
    `<rect width="${String(width)}" height="20" fill="url(#s)"/>`,
    "</g>",
    '<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">',
    text(left / 2, label),
    text(left + right / 2, message),
    "</g>",
    "</svg>",
    ""
  ].join("\n");
}
var NARROW = new Set("fijlrt1.,:;!|()[] -_".split(""));
var WIDE = new Set("mwMW@%".split(""));
function textWidth(text) {
  let width = 0;
  for (const char of text) {
    if (NARROW.has(char)) width += 4.5;
    else if (WIDE.has(char)) width += 11;
    else if (char >= "A" && char <= "Z") width += 8;
    else width += 7;
  }
  return Math.ceil(width);
}

// src/report/levels.ts
var RUNGS = [
  { level: 1, name: "install", tiers: ["install"] },
  { level: 2, name: "upgrade", tiers: ["upgrade"] },
  { level: 3, name: "backup/restore", tiers: ["backup", "restore"] },
  { level: 4, name: "functional", tiers: ["custom"] },
  { level: 5, name: "lint", tiers: ["lint"] }
];
var DECLARED_NOT_APPLICABLE = "not applicable:";
function ladderOf(tiers) {
  const rungs = RUNGS.map((rung) => {
    const states = rung.tiers.map((tier) => tierState(tiers.filter((t) => t.tier === tier)));
    return { ...rung, ...combine(states), ...pathsOf(rung, tiers) };
  });
  let level = 0;
  for (const rung of rungs) {
    const climbs = rung.state === "passed" || rung.level > 1 && rung.state === "skipped";
    if (!climbs) break;
    level = rung.level;
  }
  return { level, rungs };
}
function pathsOf(rung, tiers) {
  const paths = tiers.filter((t) => rung.tiers.includes(t.tier) && t.from !== void 0);
  if (paths.length === 0) return {};
  const failed = paths.filter((t) => t.status === "failed").map((t) => t.from ?? "");
  return {
    paths: new Set(paths.map((t) => t.from)).size,
    failedPaths: [...new Set(failed)]
  };
}
function lowestLevel(levels) {
  return levels.length === 0 ? void 0 : Math.min(...levels);
}
function tierState(attempts) {
  if (attempts.length === 0) return { state: "unverified", reason: "not run" };
  const failed = attempts.find((t) => t.status === "failed");
  if (failed) return { state: "failed", reason: withPath(failed, failed.reason) };
  const open = attempts.find((t) => t.status !== "passed" && !declaredNotApplicable(t));
  if (open)
    return { state: "unverified", reason: withPath(open, `${open.status}: ${open.reason}`) };
  const skipped = attempts.find(declaredNotApplicable);
  if (skipped) return { state: "skipped", reason: skipped.reason };
  return { state: "passed", reason: "" };
}
function withPath(tier, reason) {
  return tier.from === void 0 ? reason : `from ${tier.from}: ${reason}`;
}
function declaredNotApplicable(tier) {
  return tier.status === "skipped" && tier.reason.startsWith(DECLARED_NOT_APPLICABLE);
}
function combine(states) {
  for (const state of ["failed", "unverified", "passed", "skipped"]) {
    const found = states.find((s) => s.state === state);
    if (found) return found;
  }
  return { state: "unverified", reason: "not run" };
}

// src/report/card.ts
function cardMarker(recipe) {
  return `<!-- recipe-ci:result-card:${recipe} -->`;
}
var MAX_CARD_CHARS = 6e4;
var TAIL_LINES = 40;
var TAIL_CHARS = 3e3;
var RUNG_ICONS = {
  passed: "\u2705",
  failed: "\u274C",
  skipped: "\u23ED\uFE0F",
  unverified: "\u2754"
};
var TIER_ICONS = {
  passed: "\u2705",
  failed: "\u274C",
  skipped: "\u23ED\uFE0F",
  held: "\u270B",
  blocked: "\u26D4"
};
function buildCard(inputs) {
  const { loaded } = inputs;
  const ladders = new Map(loaded.targets.map((t) => [t.target, ladderOf(t.tiers)]));
  const level = lowestLevel([...ladders.values()].map((l) => l.level));
  const verdict = verdictOf(loaded);
  const sections = [
    header(inputs, verdict, level),
    ladderTable(loaded.targets, ladders, inputs.runUrl),
    tierTable(loaded.targets),
    heldUpgrades(loaded.targets),
    unreadable(loaded),
    screenshots(loaded.targets, inputs.screenshots)
  ];
  const tails = failingTails(loaded.targets);
  let markdown = `${cardMarker(inputs.recipe)}
${sections.filter((s) => s !== "").join("\n\n")}
`;
  for (const tail2 of tails) {
    if (markdown.length + tail2.length > MAX_CARD_CHARS) {
      markdown += "\n_More failing output is in the job logs and the results artifacts._\n";
      break;
    }
    markdown += `
${tail2}
`;
  }
  return { marker: cardMarker(inputs.recipe), markdown, verdict, level, ladders };
}
function header(inputs, verdict, level) {
  const rung = level === void 0 ? "no level" : `level L${String(level)}`;
  const count = inputs.loaded.targets.length;
  const facts = [
    inputs.sha ? `tested \`${inputs.sha.slice(0, 12)}\`` : "tested",
    `on ${String(count)} target${count === 1 ? "" : "s"}`
  ];
  const run = inputs.runUrl ? ` \xB7 [workflow run](${inputs.runUrl})` : "";
  return [
    `## ${VERDICT_ICONS[verdict]} recipe-ci: ${inputs.recipe} ${verdict} \xB7 ${rung}`,
    "",
    `${facts.join(" ")}${run} \xB7 ladder: L1 install, L2 upgrade, L3 backup/restore, L4 functional, L5 lint (${legend()})`
  ].join("\n");
}
function legend() {
  return Object.entries(RUNG_ICONS).map(([state, icon]) => `${icon} ${state}`).join(", ");
}
function ladderTable(targets, ladders, runUrl) {
  if (targets.length === 0) return "_No target results were found._";
  const first = ladders.values().next().value;
  const rungNames = first?.rungs.map((r) => `L${String(r.level)} ${r.name}`) ?? [];
  const rows = targets.map((t) => {
    const ladder = ladders.get(t.target);
    const job = t.job?.url ?? runUrl;
    return [
      t.target,
      `${t.status === "passed" ? "\u2705" : "\u274C"} ${t.status}`,
      `L${String(ladder?.level ?? 0)}`,
      ...(ladder?.rungs ?? []).map(rungCell),
      job ? `[${t.job?.name ?? "job"}](${job})` : ""
    ];
  });
  return markdownTable(["target", "verdict", "level", ...rungNames, "job"], rows);
}
function rungCell(rung) {
  const icon = RUNG_ICONS[rung.state];
  if (rung.failedPaths !== void 0 && rung.failedPaths.length > 0) {
    return `${icon} from ${rung.failedPaths.join(", ")}`;
  }
  return rung.paths !== void 0 && rung.state === "passed" ? `${icon} ${String(rung.paths)} paths` : icon;
}
function tierTable(targets) {
  const rows = targets.flatMap(
    (t) => t.tiers.map((tier) => [
      t.target,
      tier.attempt > 1 ? `${tierLabel(tier)} (attempt ${String(tier.attempt)})` : tierLabel(tier),
      `${TIER_ICONS[tier.status]} ${tier.status}`,
      tier.durationMs > 0 ? formatDuration(tier.durationMs) : "",
      tier.reason
    ])
  );
  if (rows.length === 0) return "";
  return `### Tiers

${markdownTable(["target", "tier", "status", "duration", "reason"], rows)}`;
}
function heldUpgrades(targets) {
  const held = targets.flatMap(
    (t) => t.tiers.filter((tier) => tier.status === "held").map((tier) => ({ target: t, tier }))
  );
  if (held.length === 0) return "";
  const blocks = held.map(({ target, tier }) => {
    const from = target.previous ? ` from ${target.previous}` : "";
    const to = target.candidate ? ` to ${target.candidate}` : "";
    const quoted = tier.reason.split("\n").map((line) => `> ${line}`).join("\n");
    return `**${target.target}**: the upgrade${from}${to} is held for a person to look at.

${quoted}`;
  });
  return `### Held upgrades

${blocks.join("\n\n")}`;
}
function unreadable(loaded) {
  if (loaded.problems.length === 0) return "";
  const lines = loaded.problems.map((p) => `- \`${p.path}\` ${p.problem}: skipped`);
  return `### Results that could not be read

${lines.join("\n")}`;
}
function screenshots(targets, where) {
  const lines = targets.flatMap((t) => {
    if (t.screenshot === void 0) return [];
    if (t.screenshot.error !== void 0) {
      return [`- **${t.target}**: no screenshot of ${t.screenshot.url} (${t.screenshot.error})`];
    }
    const seen = where?.get(t.target);
    if (seen?.image)
      return [`**${t.target}** \u2014 ${t.screenshot.url}

![${t.target}](${seen.image})`];
    const link = seen?.link ? `: [download](${seen.link})` : " (in the results artifact)";
    return [
      `- **${t.target}**: \`${t.screenshot.file ?? "screenshot.png"}\` of ${t.screenshot.url}${link}`
    ];
  });
  return lines.length === 0 ? "" : `### Screenshots

${lines.join("\n\n")}`;
}
function failingTails(targets) {
  return targets.flatMap(
    (t) => t.tiers.flatMap(
      (tier) => tier.checks.filter((check) => check.status === "failed").map((check) => {
        const output = tail(check.output || check.message);
        const fence = fenceFor(output);
        return [
          `<details><summary>\u274C ${escapeHtml(`${t.target} \xB7 ${tierLabel(tier)} \xB7 ${check.name}`)}</summary>`,
          "",
          `${fence}text`,
          output,
          fence,
          "",
          "</details>"
        ].join("\n");
      })
    )
  );
}
function tail(text) {
  const lines = text.trimEnd().split("\n").slice(-TAIL_LINES).join("\n");
  return lines.length > TAIL_CHARS ? `\u2026${lines.slice(-TAIL_CHARS)}` : lines;
}
function fenceFor(text) {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  return "`".repeat(Math.max(3, longest + 1));
}
function escapeHtml(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

// src/report/publish.ts
import { readFile } from "node:fs/promises";
async function upsertCardComment(api, issue, marker, body) {
  const ours = async () => (await api.listComments(issue)).filter((comment) => comment.body.includes(marker)).sort((a, b) => a.id - b.id);
  const found = await ours();
  let kept;
  let extra;
  if (found[0] !== void 0) {
    kept = await api.updateComment(found[0].id, body);
    extra = found.slice(1);
  } else {
    const created = await api.createComment(issue, body);
    const again = await ours();
    const oldest = again[0] ?? created;
    kept = oldest.id === created.id ? created : await api.updateComment(oldest.id, body);
    extra = again.filter((comment) => comment.id !== kept.id);
  }
  for (const comment of extra) await api.deleteComment(comment.id);
  return kept;
}
var imageName = (target) => `recipe-ci-screenshot-${target}.png`;
async function attachImages(api, commentId, images) {
  const ours = new Set([...images.files.keys()].map(imageName));
  for (const old of await images.attachments.list(commentId)) {
    if (ours.has(old.name)) await images.attachments.remove(commentId, old.id);
  }
  const urls = /* @__PURE__ */ new Map();
  for (const [target, file] of images.files) {
    const attached = await images.attachments.upload(
      commentId,
      imageName(target),
      await readFile(file)
    );
    urls.set(target, attached.url);
  }
  await api.updateComment(commentId, images.render(urls));
}
var STATES = {
  passed: "success",
  failed: "failure",
  incomplete: "error"
};
function statusesOf(card, loaded, context, runUrl) {
  const level = (n) => n === void 0 ? "no level" : `L${String(n)}`;
  const perTarget = loaded.targets.map((target) => {
    const ladder = card.ladders.get(target.target);
    const stop = ladder?.rungs.find((rung) => rung.level === ladder.level + 1);
    const why = target.status === "failed" && stop ? ` at ${stop.name}: ${stop.reason}` : "";
    return {
      state: target.status === "passed" ? "success" : "failure",
      context: `${context}/${target.target}`,
      description: `${level(ladder?.level)} ${target.status}${why}`,
      targetUrl: target.job?.url ?? runUrl
    };
  });
  const unread = loaded.problems.length > 0 ? `, ${String(loaded.problems.length)} unreadable` : "";
  const overall = {
    state: STATES[card.verdict],
    context,
    description: `${level(card.level)} ${card.verdict}: ${String(loaded.targets.length)} target(s)${unread}`,
    targetUrl: runUrl
  };
  return [...perTarget, overall];
}
async function publishCard(api, where, card, statuses, images) {
  const published = { commentUrl: void 0, statuses: 0, warnings: [] };
  const attempt = async (fn) => {
    try {
      await fn();
    } catch (error) {
      if (!(error instanceof ForgeApiError)) throw error;
      published.warnings.push(error.message);
    }
  };
  if (where.issue !== void 0) {
    const issue = where.issue;
    let commentId;
    await attempt(async () => {
      const comment = await upsertCardComment(api, issue, card.marker, card.markdown);
      published.commentUrl = comment.url;
      commentId = comment.id;
    });
    if (commentId !== void 0 && images !== void 0 && images.files.size > 0) {
      const id = commentId;
      await attempt(() => attachImages(api, id, images));
    }
  }
  if (where.sha !== void 0) {
    const sha = where.sha;
    for (const status of statuses) {
      await attempt(async () => {
        await api.setStatus(sha, status);
        published.statuses++;
      });
    }
  }
  return published;
}

// src/report/results-files.ts
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
var RESULTS_VERSION = 1;
var RESULTS_FILE = "results.json";
var MAX_DEPTH = 3;
function loadResults(paths, recipe) {
  const loaded = { targets: [], problems: [] };
  for (const path of paths) {
    const files = findResultFiles(path, loaded.problems);
    for (const file of files) {
      const one = readResultsFile(file, recipe);
      if ("problem" in one) loaded.problems.push(one);
      else loaded.targets.push(one);
    }
  }
  loaded.targets.sort((a, b) => a.target.localeCompare(b.target));
  return loaded;
}
function findResultFiles(path, problems) {
  let stat;
  try {
    stat = statSync(path);
  } catch (error) {
    const code = error.code;
    problems.push({
      path,
      problem: code === "ENOENT" ? "does not exist" : `cannot be read (${getErrorMessage(error)})`
    });
    return [];
  }
  if (!stat.isDirectory()) return [path];
  const found = [];
  const walk = (dir, depth) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isFile() && entry.name === RESULTS_FILE) found.push(full);
      else if (entry.isDirectory() && depth < MAX_DEPTH) walk(full, depth + 1);
    }
  };
  walk(path, 0);
  if (found.length === 0) problems.push({ path, problem: `holds no ${RESULTS_FILE}` });
  return found.sort();
}
function readResultsFile(path, recipe) {
  let data;
  try {
    data = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    return { path, problem: `does not parse: ${error.message}` };
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    return { path, problem: "is not a results object" };
  }
  const record = data;
  if (record.version !== RESULTS_VERSION) {
    return {
      path,
      problem: `is results version ${JSON.stringify(record.version ?? null)}; this report reads version ${String(RESULTS_VERSION)} (use the same recipe-ci version for the tests and the report)`
    };
  }
  if (typeof record.recipe !== "string" || !Array.isArray(record.tiers)) {
    return { path, problem: "has no recipe or no tiers" };
  }
  if (recipe !== void 0 && record.recipe !== recipe) {
    return { path, problem: `is for the recipe ${record.recipe}, not ${recipe}` };
  }
  const dir = dirname(path);
  const target = typeof record.target === "string" && record.target !== "" ? record.target : targetFromFolder(dir, record.recipe);
  return { ...record, target, dir, ...optional(record) };
}
function optional(record) {
  const out = {};
  const job = fields(record.job);
  if (job !== void 0) out.job = { name: job.name, url: job.url };
  const shot = fields(record.screenshot);
  if (shot?.url !== void 0) {
    out.screenshot = { url: shot.url, file: shot.file, error: shot.error };
  }
  return out;
}
function fields(value) {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return void 0;
  const out = {};
  for (const [key, field] of Object.entries(value)) {
    if (typeof field === "string") out[key] = field;
  }
  return out;
}
function targetFromFolder(dir, recipe) {
  const name = basename(dir) || relative(process.cwd(), dir) || "default";
  const prefix = `recipe-ci-${recipe}-`;
  return name.startsWith(prefix) && name.length > prefix.length ? name.slice(prefix.length) : name;
}

// src/report/settings.ts
import { resolve } from "node:path";
function readReportSettings(inputs, links, apiUrlOfRunner, envToken) {
  const results = inputs.list("results");
  if (results.length === 0) {
    inputs.fail("results", "is empty; give the results folder (the downloaded artifacts) or files");
  }
  const recipe = inputs.string("recipe");
  if (recipe !== void 0 && !isRecipeName(recipe)) {
    inputs.fail("recipe", `"${recipe}" is not a recipe name; ${RECIPE_NAME_HINT}`);
  }
  const statusContext = inputs.defaulted("status-context", inputs.string("status-context"));
  const outputDir = resolve(inputs.defaulted("output-dir", inputs.string("output-dir")));
  const comment = inputs.defaulted("comment", inputs.boolean("comment"));
  const statuses = inputs.defaulted("statuses", inputs.boolean("statuses"));
  const pullRequest = inputs.integer("pull-request", { min: 1 }) ?? links.pullRequest;
  const sha = inputs.string("sha") ?? links.sha;
  if (sha !== void 0 && !/^[0-9a-f]{7,64}$/i.test(sha)) {
    inputs.fail("sha", `"${sha}" is not a commit SHA`);
  }
  const token = inputs.secret("token") ?? envToken;
  const settings = {
    results,
    recipe,
    outputDir,
    statusContext,
    post: void 0,
    notes: []
  };
  if (token === void 0) {
    settings.notes.push("no token: the card goes to the job summary and a file only");
    return settings;
  }
  const apiUrl = inputs.string("api-url") ?? apiUrlOfRunner;
  if (apiUrl === void 0) {
    inputs.fail(
      "api-url",
      "is needed to post outside a runner; give the forge API base (GitHub: https://api.github.com, Gitea/Forgejo: https://<host>/api/v1)"
    );
  }
  const repository = inputs.string("repository") ?? links.repository;
  if (repository === void 0 || !/^[^/\s]+\/[^/\s]+$/.test(repository)) {
    inputs.fail(
      "repository",
      `${repository === void 0 ? "is unknown" : `"${repository}" is not owner/name`}; give owner/name`
    );
  }
  const wantsComment = comment && pullRequest !== void 0;
  if (comment && pullRequest === void 0) {
    settings.notes.push(
      "no pull request in this event: no comment (give pull-request to post one)"
    );
  }
  if (statuses && sha === void 0) {
    settings.notes.push(
      "this event names no pull-request commit: no statuses (give sha, e.g. the !testme run's head SHA)"
    );
  }
  settings.post = {
    token,
    apiUrl,
    repository,
    pullRequest: wantsComment ? pullRequest : void 0,
    sha: statuses ? sha : void 0
  };
  return settings;
}

// src/actions/report.ts
var report = {
  name: "report",
  async main({ inputs, outputs, log, platform, secrets, group, appendSummary }) {
    const links = runLinksOf(process.env);
    const envToken = platform.kind === "cli" ? forgeTokenOf(process.env) : void 0;
    if (envToken !== void 0) secrets.add(envToken);
    const settings = readReportSettings(inputs, links, platform.apiUrl, envToken);
    const loaded = loadResults(settings.results, settings.recipe);
    for (const problem of loaded.problems)
      log.warning(`${problem.path} ${problem.problem}: skipped`);
    const recipe = settings.recipe ?? loaded.targets[0]?.recipe ?? "recipe";
    mkdirSync(settings.outputDir, { recursive: true });
    const pngs = collectScreenshots(loaded.targets, settings.outputDir);
    const cardOf = (images = /* @__PURE__ */ new Map()) => buildCard({
      recipe,
      loaded,
      sha: settings.post?.sha ?? links.sha,
      runUrl: links.runUrl,
      screenshots: new Map(
        [...pngs.keys()].map((target) => {
          const image = images.get(target);
          return [target, image === void 0 ? linkOnly(links.artifactsUrl) : { image }];
        })
      )
    });
    const card = cardOf();
    const files = {
      card: join2(settings.outputDir, "card.md"),
      badge: join2(settings.outputDir, "badge.svg"),
      badgeJson: join2(settings.outputDir, "badge.json")
    };
    const badge = badgeText(recipe, card.level, card.verdict);
    const markdown = secrets.redact(card.markdown);
    writeFileSync(files.card, markdown);
    writeFileSync(files.badge, badgeSvg(badge));
    writeFileSync(files.badgeJson, shieldsEndpoint(badge));
    await group(`recipe-ci card: ${recipe} ${card.verdict}`, () => {
      for (const line of markdown.split("\n")) log.info(line);
      return Promise.resolve();
    });
    await appendSummary(markdown);
    for (const note of settings.notes) log.notice(note);
    let commentUrl = "";
    if (settings.post !== void 0) {
      const { githubReview } = await import("./platform-github-review-06a29c56.js");
      const api = githubReview(settings.post);
      const statuses = statusesOf(card, loaded, settings.statusContext, links.runUrl);
      const forge = platform.kind === "gitea" || platform.kind === "forgejo" || /\/api\/v1\/?$/.test(settings.post.apiUrl);
      const images = forge ? {
        attachments: (await import("./platform-comment-attachments-6bb1c11b.js")).forgeCommentAttachments(settings.post),
        files: pngs,
        render: (urls) => secrets.redact(cardOf(urls).markdown)
      } : void 0;
      const published = await publishCard(
        api,
        { issue: settings.post.pullRequest, sha: settings.post.sha },
        { ...card, markdown },
        statuses,
        images
      );
      for (const warning of published.warnings) log.warning(`report: ${warning}`);
      commentUrl = published.commentUrl ?? "";
      if (commentUrl !== "") log.info(`card comment: ${commentUrl}`);
      if (published.statuses > 0) {
        log.info(`${String(published.statuses)} commit status(es) on ${settings.post.sha ?? ""}`);
      }
    }
    outputs.set("status", card.verdict);
    outputs.set("level", card.level === void 0 ? "" : `L${String(card.level)}`);
    outputs.set("card", files.card);
    outputs.set("badge", files.badge);
    outputs.set("badge-json", files.badgeJson);
    outputs.set("comment-url", commentUrl);
  }
};
function collectScreenshots(targets, outputDir) {
  const found = /* @__PURE__ */ new Map();
  for (const target of targets) {
    const file = target.screenshot?.file;
    if (file === void 0 || basename2(file) !== file) continue;
    const from = join2(target.dir, file);
    if (!existsSync(from)) continue;
    const to = join2(outputDir, "screenshots", `${target.target}.png`);
    mkdirSync(join2(outputDir, "screenshots"), { recursive: true });
    copyFileSync(from, to);
    found.set(target.target, to);
  }
  return found;
}
function linkOnly(url) {
  return url === void 0 ? {} : { link: url };
}

export {
  report
};
