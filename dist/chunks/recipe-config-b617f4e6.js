import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);
import {
  escapeXml,
  runLinksOf
} from "./report-run-links-9d9d6869.js";
import {
  OPT_IN_TIERS,
  Swarm,
  TIERS,
  TIERS_WITHOUT_APP,
  abraBackend,
  abraServerName,
  appEnvPath,
  buildRunEnv,
  checkBackendInputs,
  commandBackend,
  createBackend,
  disposeBackend,
  exportTag,
  fileAtTag,
  listTags,
  parseDockerTime,
  parseEnvFile,
  placeRecipe,
  readSuiteMode,
  readSuiteSettings,
  removeByHand,
  runAbra,
  serverOfMachine,
  stackName,
  tagsAtHead
} from "./deploy-abra-backend-b29dd33e.js";
import {
  domainStem
} from "./targets-spec-2780765a.js";
import {
  describeEnd,
  runCommandLine,
  runProgram,
  succeeded
} from "./process-run-program-f113fc19.js";
import {
  jobOutcome
} from "./platform-job-outcome-916fe21d.js";
import {
  SshFailure,
  openSshSession,
  runHttpChecks
} from "./ssh-session-61b486a6.js";
import {
  HttpSpecError,
  parseHostTarget,
  parseHttpChecks
} from "./http-spec-47b1c279.js";
import {
  JOB_SLACK_MS,
  abortableSleep,
  boundOf,
  boundWithout,
  cleanupBound,
  recordedDeadline,
  stepDeadline
} from "./platform-job-deadline-e5be5c07.js";
import {
  ConfigurationError,
  Report,
  WrapperState,
  formatDuration,
  getErrorMessage,
  parseDurationMs,
  require_dist
} from "./yaml-302915f6.js";
import {
  __commonJS,
  __toESM
} from "./esbuild-runtime.js";

// node_modules/semver/internal/constants.js
var require_constants = __commonJS({
  "node_modules/semver/internal/constants.js"(exports, module) {
    "use strict";
    var SEMVER_SPEC_VERSION = "2.0.0";
    var MAX_LENGTH = 256;
    var MAX_SAFE_INTEGER = Number.MAX_SAFE_INTEGER || /* istanbul ignore next */
    9007199254740991;
    var MAX_SAFE_COMPONENT_LENGTH = 16;
    var MAX_SAFE_BUILD_LENGTH = MAX_LENGTH - 6;
    var WHITESPACE_CHARACTERS = [
      "	",
      "\n",
      "\v",
      "\f",
      "\r",
      " ",
      "\xA0",
      "\u1680",
      "\u2000",
      "\u2001",
      "\u2002",
      "\u2003",
      "\u2004",
      "\u2005",
      "\u2006",
      "\u2007",
      "\u2008",
      "\u2009",
      "\u200A",
      "\u2028",
      "\u2029",
      "\u202F",
      "\u205F",
      "\u3000",
      "\uFEFF"
    ];
    var RELEASE_TYPES = [
      "major",
      "premajor",
      "minor",
      "preminor",
      "patch",
      "prepatch",
      "prerelease"
    ];
    module.exports = {
      MAX_LENGTH,
      MAX_SAFE_COMPONENT_LENGTH,
      MAX_SAFE_BUILD_LENGTH,
      MAX_SAFE_INTEGER,
      WHITESPACE_CHARACTERS,
      RELEASE_TYPES,
      SEMVER_SPEC_VERSION,
      FLAG_INCLUDE_PRERELEASE: 1,
      FLAG_LOOSE: 2
    };
  }
});

// node_modules/semver/internal/debug.js
var require_debug = __commonJS({
  "node_modules/semver/internal/debug.js"(exports, module) {
    "use strict";
    var debug = typeof process === "object" && process.env && process.env.NODE_DEBUG && /\bsemver\b/i.test(process.env.NODE_DEBUG) ? (...args) => console.error("SEMVER", ...args) : () => {
    };
    module.exports = debug;
  }
});

// node_modules/semver/internal/re.js
var require_re = __commonJS({
  "node_modules/semver/internal/re.js"(exports, module) {
    "use strict";
    var {
      MAX_SAFE_COMPONENT_LENGTH,
      MAX_SAFE_BUILD_LENGTH,
      MAX_LENGTH
    } = require_constants();
    var debug = require_debug();
    exports = module.exports = {};
    var re = exports.re = [];
    var safeRe = exports.safeRe = [];
    var src = exports.src = [];
    var safeSrc = exports.safeSrc = [];
    var t = exports.t = {};
    var R = 0;
    var LETTERDASHNUMBER = "[a-zA-Z0-9-]";
    var safeRegexReplacements = [
      ["\\s", 1],
      ["\\d", MAX_LENGTH],
      [LETTERDASHNUMBER, MAX_SAFE_BUILD_LENGTH]
    ];
    var makeSafeRegex = (value) => {
      for (const [token, max] of safeRegexReplacements) {
        value = value.split(`${token}*`).join(`${token}{0,${max}}`).split(`${token}+`).join(`${token}{1,${max}}`);
      }
      return value;
    };
    var createToken = (name, value, isGlobal) => {
      const safe = makeSafeRegex(value);
      const index = R++;
      debug(name, index, value);
      t[name] = index;
      src[index] = value;
      safeSrc[index] = safe;
      re[index] = new RegExp(value, isGlobal ? "g" : void 0);
      safeRe[index] = new RegExp(safe, isGlobal ? "g" : void 0);
    };
    createToken("NUMERICIDENTIFIER", "0|[1-9]\\d*");
    createToken("NUMERICIDENTIFIERLOOSE", "\\d+");
    createToken("NONNUMERICIDENTIFIER", `\\d*[a-zA-Z-]${LETTERDASHNUMBER}*`);
    createToken("MAINVERSION", `(${src[t.NUMERICIDENTIFIER]})\\.(${src[t.NUMERICIDENTIFIER]})\\.(${src[t.NUMERICIDENTIFIER]})`);
    createToken("MAINVERSIONLOOSE", `(${src[t.NUMERICIDENTIFIERLOOSE]})\\.(${src[t.NUMERICIDENTIFIERLOOSE]})\\.(${src[t.NUMERICIDENTIFIERLOOSE]})`);
    createToken("PRERELEASEIDENTIFIER", `(?:${src[t.NONNUMERICIDENTIFIER]}|${src[t.NUMERICIDENTIFIER]})`);
    createToken("PRERELEASEIDENTIFIERLOOSE", `(?:${src[t.NONNUMERICIDENTIFIER]}|${src[t.NUMERICIDENTIFIERLOOSE]})`);
    createToken("PRERELEASE", `(?:-(${src[t.PRERELEASEIDENTIFIER]}(?:\\.${src[t.PRERELEASEIDENTIFIER]})*))`);
    createToken("PRERELEASELOOSE", `(?:-?(${src[t.PRERELEASEIDENTIFIERLOOSE]}(?:\\.${src[t.PRERELEASEIDENTIFIERLOOSE]})*))`);
    createToken("BUILDIDENTIFIER", `${LETTERDASHNUMBER}+`);
    createToken("BUILD", `(?:\\+(${src[t.BUILDIDENTIFIER]}(?:\\.${src[t.BUILDIDENTIFIER]})*))`);
    createToken("FULLPLAIN", `v?${src[t.MAINVERSION]}${src[t.PRERELEASE]}?${src[t.BUILD]}?`);
    createToken("FULL", `^${src[t.FULLPLAIN]}$`);
    createToken("LOOSEPLAIN", `[v=\\s]*${src[t.MAINVERSIONLOOSE]}${src[t.PRERELEASELOOSE]}?${src[t.BUILD]}?`);
    createToken("LOOSE", `^${src[t.LOOSEPLAIN]}$`);
    createToken("GTLT", "((?:<|>)?=?)");
    createToken("XRANGEIDENTIFIERLOOSE", `${src[t.NUMERICIDENTIFIERLOOSE]}|x|X|\\*`);
    createToken("XRANGEIDENTIFIER", `${src[t.NUMERICIDENTIFIER]}|x|X|\\*`);
    createToken("XRANGEPLAIN", `[v=\\s]*(${src[t.XRANGEIDENTIFIER]})(?:\\.(${src[t.XRANGEIDENTIFIER]})(?:\\.(${src[t.XRANGEIDENTIFIER]})(?:${src[t.PRERELEASE]})?${src[t.BUILD]}?)?)?`);
    createToken("XRANGEPLAINLOOSE", `[v=\\s]*(${src[t.XRANGEIDENTIFIERLOOSE]})(?:\\.(${src[t.XRANGEIDENTIFIERLOOSE]})(?:\\.(${src[t.XRANGEIDENTIFIERLOOSE]})(?:${src[t.PRERELEASELOOSE]})?${src[t.BUILD]}?)?)?`);
    createToken("XRANGE", `^${src[t.GTLT]}\\s*${src[t.XRANGEPLAIN]}$`);
    createToken("XRANGELOOSE", `^${src[t.GTLT]}\\s*${src[t.XRANGEPLAINLOOSE]}$`);
    createToken("COERCEPLAIN", `${"(^|[^\\d])(\\d{1,"}${MAX_SAFE_COMPONENT_LENGTH}})(?:\\.(\\d{1,${MAX_SAFE_COMPONENT_LENGTH}}))?(?:\\.(\\d{1,${MAX_SAFE_COMPONENT_LENGTH}}))?`);
    createToken("COERCE", `${src[t.COERCEPLAIN]}(?:$|[^\\d])`);
    createToken("COERCEFULL", src[t.COERCEPLAIN] + `(?:${src[t.PRERELEASE]})?(?:${src[t.BUILD]})?(?:$|[^\\d])`);
    createToken("COERCERTL", src[t.COERCE], true);
    createToken("COERCERTLFULL", src[t.COERCEFULL], true);
    createToken("LONETILDE", "(?:~>?)");
    createToken("TILDETRIM", `(\\s*)${src[t.LONETILDE]}\\s+`, true);
    exports.tildeTrimReplace = "$1~";
    createToken("TILDE", `^${src[t.LONETILDE]}${src[t.XRANGEPLAIN]}$`);
    createToken("TILDELOOSE", `^${src[t.LONETILDE]}${src[t.XRANGEPLAINLOOSE]}$`);
    createToken("LONECARET", "(?:\\^)");
    createToken("CARETTRIM", `(\\s*)${src[t.LONECARET]}\\s+`, true);
    exports.caretTrimReplace = "$1^";
    createToken("CARET", `^${src[t.LONECARET]}${src[t.XRANGEPLAIN]}$`);
    createToken("CARETLOOSE", `^${src[t.LONECARET]}${src[t.XRANGEPLAINLOOSE]}$`);
    createToken("COMPARATORLOOSE", `^${src[t.GTLT]}\\s*(${src[t.LOOSEPLAIN]})$|^$`);
    createToken("COMPARATOR", `^${src[t.GTLT]}\\s*(${src[t.FULLPLAIN]})$|^$`);
    createToken("COMPARATORTRIM", `(\\s*)${src[t.GTLT]}\\s*(${src[t.LOOSEPLAIN]}|${src[t.XRANGEPLAIN]})`, true);
    exports.comparatorTrimReplace = "$1$2$3";
    createToken("HYPHENRANGE", `^\\s*(${src[t.XRANGEPLAIN]})\\s+-\\s+(${src[t.XRANGEPLAIN]})\\s*$`);
    createToken("HYPHENRANGELOOSE", `^\\s*(${src[t.XRANGEPLAINLOOSE]})\\s+-\\s+(${src[t.XRANGEPLAINLOOSE]})\\s*$`);
    createToken("STAR", "(<|>)?=?\\s*\\*");
    createToken("GTE0", "^\\s*>=\\s*0\\.0\\.0\\s*$");
    createToken("GTE0PRE", "^\\s*>=\\s*0\\.0\\.0-0\\s*$");
  }
});

// node_modules/semver/internal/parse-options.js
var require_parse_options = __commonJS({
  "node_modules/semver/internal/parse-options.js"(exports, module) {
    "use strict";
    var looseOption = Object.freeze({ loose: true });
    var emptyOpts = Object.freeze({});
    var parseOptions = (options) => {
      if (!options) {
        return emptyOpts;
      }
      if (typeof options !== "object") {
        return looseOption;
      }
      return options;
    };
    module.exports = parseOptions;
  }
});

// node_modules/semver/internal/identifiers.js
var require_identifiers = __commonJS({
  "node_modules/semver/internal/identifiers.js"(exports, module) {
    "use strict";
    var numeric = /^[0-9]+$/;
    var compareIdentifiers = (a, b) => {
      if (typeof a === "number" && typeof b === "number") {
        return a === b ? 0 : a < b ? -1 : 1;
      }
      const anum = numeric.test(a);
      const bnum = numeric.test(b);
      if (anum && bnum) {
        a = +a;
        b = +b;
      }
      return a === b ? 0 : anum && !bnum ? -1 : bnum && !anum ? 1 : a < b ? -1 : 1;
    };
    var rcompareIdentifiers = (a, b) => compareIdentifiers(b, a);
    module.exports = {
      compareIdentifiers,
      rcompareIdentifiers
    };
  }
});

// node_modules/semver/classes/semver.js
var require_semver = __commonJS({
  "node_modules/semver/classes/semver.js"(exports, module) {
    "use strict";
    var debug = require_debug();
    var { MAX_LENGTH, MAX_SAFE_INTEGER } = require_constants();
    var { safeRe: re, t } = require_re();
    var parseOptions = require_parse_options();
    var { compareIdentifiers } = require_identifiers();
    var isPrereleaseIdentifier = (prerelease, identifier) => {
      const identifiers = identifier.split(".");
      if (identifiers.length > prerelease.length) {
        return false;
      }
      for (let i = 0; i < identifiers.length; i++) {
        if (compareIdentifiers(prerelease[i], identifiers[i]) !== 0) {
          return false;
        }
      }
      return true;
    };
    var SemVer = class _SemVer {
      constructor(version, options) {
        options = parseOptions(options);
        if (version instanceof _SemVer) {
          if (version.loose === !!options.loose && version.includePrerelease === !!options.includePrerelease) {
            return version;
          } else {
            version = version.version;
          }
        } else if (typeof version !== "string") {
          throw new TypeError(`Invalid version. Must be a string. Got type "${typeof version}".`);
        }
        if (version.length > MAX_LENGTH) {
          throw new TypeError(
            `version is longer than ${MAX_LENGTH} characters`
          );
        }
        debug("SemVer", version, options);
        this.options = options;
        this.loose = !!options.loose;
        this.includePrerelease = !!options.includePrerelease;
        const m = version.trim().match(options.loose ? re[t.LOOSE] : re[t.FULL]);
        if (!m) {
          throw new TypeError(`Invalid Version: ${version}`);
        }
        this.raw = version;
        this.major = +m[1];
        this.minor = +m[2];
        this.patch = +m[3];
        if (this.major > MAX_SAFE_INTEGER || this.major < 0) {
          throw new TypeError("Invalid major version");
        }
        if (this.minor > MAX_SAFE_INTEGER || this.minor < 0) {
          throw new TypeError("Invalid minor version");
        }
        if (this.patch > MAX_SAFE_INTEGER || this.patch < 0) {
          throw new TypeError("Invalid patch version");
        }
        if (!m[4]) {
          this.prerelease = [];
        } else {
          this.prerelease = m[4].split(".").map((id) => {
            if (/^[0-9]+$/.test(id)) {
              const num = +id;
              if (num >= 0 && num < MAX_SAFE_INTEGER) {
                return num;
              }
            }
            return id;
          });
        }
        this.build = m[5] ? m[5].split(".") : [];
        this.format();
      }
      format() {
        this.version = `${this.major}.${this.minor}.${this.patch}`;
        if (this.prerelease.length) {
          this.version += `-${this.prerelease.join(".")}`;
        }
        return this.version;
      }
      toString() {
        return this.version;
      }
      compare(other) {
        debug("SemVer.compare", this.version, this.options, other);
        if (!(other instanceof _SemVer)) {
          if (typeof other === "string" && other === this.version) {
            return 0;
          }
          other = new _SemVer(other, this.options);
        }
        if (other.version === this.version) {
          return 0;
        }
        return this.compareMain(other) || this.comparePre(other);
      }
      compareMain(other) {
        if (!(other instanceof _SemVer)) {
          other = new _SemVer(other, this.options);
        }
        if (this.major < other.major) {
          return -1;
        }
        if (this.major > other.major) {
          return 1;
        }
        if (this.minor < other.minor) {
          return -1;
        }
        if (this.minor > other.minor) {
          return 1;
        }
        if (this.patch < other.patch) {
          return -1;
        }
        if (this.patch > other.patch) {
          return 1;
        }
        return 0;
      }
      comparePre(other) {
        if (!(other instanceof _SemVer)) {
          other = new _SemVer(other, this.options);
        }
        if (this.prerelease.length && !other.prerelease.length) {
          return -1;
        } else if (!this.prerelease.length && other.prerelease.length) {
          return 1;
        } else if (!this.prerelease.length && !other.prerelease.length) {
          return 0;
        }
        let i = 0;
        do {
          const a = this.prerelease[i];
          const b = other.prerelease[i];
          debug("prerelease compare", i, a, b);
          if (a === void 0 && b === void 0) {
            return 0;
          } else if (b === void 0) {
            return 1;
          } else if (a === void 0) {
            return -1;
          } else if (a === b) {
            continue;
          } else {
            return compareIdentifiers(a, b);
          }
        } while (++i);
      }
      compareBuild(other) {
        if (!(other instanceof _SemVer)) {
          other = new _SemVer(other, this.options);
        }
        let i = 0;
        do {
          const a = this.build[i];
          const b = other.build[i];
          debug("build compare", i, a, b);
          if (a === void 0 && b === void 0) {
            return 0;
          } else if (b === void 0) {
            return 1;
          } else if (a === void 0) {
            return -1;
          } else if (a === b) {
            continue;
          } else {
            return compareIdentifiers(a, b);
          }
        } while (++i);
      }
      // preminor will bump the version up to the next minor release, and immediately
      // down to pre-release. premajor and prepatch work the same way.
      inc(release, identifier, identifierBase) {
        if (release.startsWith("pre")) {
          if (!identifier && identifierBase === false) {
            throw new Error("invalid increment argument: identifier is empty");
          }
          if (identifier) {
            const match = `-${identifier}`.match(this.options.loose ? re[t.PRERELEASELOOSE] : re[t.PRERELEASE]);
            if (!match || match[1] !== identifier) {
              throw new Error(`invalid identifier: ${identifier}`);
            }
          }
        }
        switch (release) {
          case "premajor":
            this.prerelease.length = 0;
            this.patch = 0;
            this.minor = 0;
            this.major++;
            this.inc("pre", identifier, identifierBase);
            break;
          case "preminor":
            this.prerelease.length = 0;
            this.patch = 0;
            this.minor++;
            this.inc("pre", identifier, identifierBase);
            break;
          case "prepatch":
            this.prerelease.length = 0;
            this.inc("patch", identifier, identifierBase);
            this.inc("pre", identifier, identifierBase);
            break;
          // If the input is a non-prerelease version, this acts the same as
          // prepatch.
          case "prerelease":
            if (this.prerelease.length === 0) {
              this.inc("patch", identifier, identifierBase);
            }
            this.inc("pre", identifier, identifierBase);
            break;
          case "release":
            if (this.prerelease.length === 0) {
              throw new Error(`version ${this.raw} is not a prerelease`);
            }
            this.prerelease.length = 0;
            break;
          case "major":
            if (this.minor !== 0 || this.patch !== 0 || this.prerelease.length === 0) {
              this.major++;
            }
            this.minor = 0;
            this.patch = 0;
            this.prerelease = [];
            break;
          case "minor":
            if (this.patch !== 0 || this.prerelease.length === 0) {
              this.minor++;
            }
            this.patch = 0;
            this.prerelease = [];
            break;
          case "patch":
            if (this.prerelease.length === 0) {
              this.patch++;
            }
            this.prerelease = [];
            break;
          // This probably shouldn't be used publicly.
          // 1.0.0 'pre' would become 1.0.0-0 which is the wrong direction.
          case "pre": {
            const base = Number(identifierBase) ? 1 : 0;
            if (this.prerelease.length === 0) {
              this.prerelease = [base];
            } else {
              let i = this.prerelease.length;
              while (--i >= 0) {
                if (typeof this.prerelease[i] === "number") {
                  this.prerelease[i]++;
                  i = -2;
                }
              }
              if (i === -1) {
                if (identifier === this.prerelease.join(".") && identifierBase === false) {
                  throw new Error("invalid increment argument: identifier already exists");
                }
                this.prerelease.push(base);
              }
            }
            if (identifier) {
              let prerelease = [identifier, base];
              if (identifierBase === false) {
                prerelease = [identifier];
              }
              if (isPrereleaseIdentifier(this.prerelease, identifier)) {
                const prereleaseBase = this.prerelease[identifier.split(".").length];
                if (isNaN(prereleaseBase)) {
                  this.prerelease = prerelease;
                }
              } else {
                this.prerelease = prerelease;
              }
            }
            break;
          }
          default:
            throw new Error(`invalid increment argument: ${release}`);
        }
        this.raw = this.format();
        if (this.build.length) {
          this.raw += `+${this.build.join(".")}`;
        }
        return this;
      }
    };
    module.exports = SemVer;
  }
});

// node_modules/semver/functions/parse.js
var require_parse = __commonJS({
  "node_modules/semver/functions/parse.js"(exports, module) {
    "use strict";
    var SemVer = require_semver();
    var parse = (version, options, throwErrors = false) => {
      if (version instanceof SemVer) {
        return version;
      }
      try {
        return new SemVer(version, options);
      } catch (er) {
        if (!throwErrors) {
          return null;
        }
        throw er;
      }
    };
    module.exports = parse;
  }
});

// node_modules/semver/functions/valid.js
var require_valid = __commonJS({
  "node_modules/semver/functions/valid.js"(exports, module) {
    "use strict";
    var parse = require_parse();
    var valid = (version, options) => {
      const v = parse(version, options);
      return v ? v.version : null;
    };
    module.exports = valid;
  }
});

// node_modules/semver/functions/clean.js
var require_clean = __commonJS({
  "node_modules/semver/functions/clean.js"(exports, module) {
    "use strict";
    var parse = require_parse();
    var clean = (version, options) => {
      const s = parse(version.trim().replace(/^[=v]+/, ""), options);
      return s ? s.version : null;
    };
    module.exports = clean;
  }
});

// node_modules/semver/functions/inc.js
var require_inc = __commonJS({
  "node_modules/semver/functions/inc.js"(exports, module) {
    "use strict";
    var SemVer = require_semver();
    var inc = (version, release, options, identifier, identifierBase) => {
      if (typeof options === "string") {
        identifierBase = identifier;
        identifier = options;
        options = void 0;
      }
      try {
        return new SemVer(
          version instanceof SemVer ? version.version : version,
          options
        ).inc(release, identifier, identifierBase).version;
      } catch (er) {
        return null;
      }
    };
    module.exports = inc;
  }
});

// node_modules/semver/functions/diff.js
var require_diff = __commonJS({
  "node_modules/semver/functions/diff.js"(exports, module) {
    "use strict";
    var parse = require_parse();
    var diff = (version1, version2) => {
      const v1 = parse(version1, null, true);
      const v2 = parse(version2, null, true);
      const comparison = v1.compare(v2);
      if (comparison === 0) {
        return null;
      }
      const v1Higher = comparison > 0;
      const highVersion = v1Higher ? v1 : v2;
      const lowVersion = v1Higher ? v2 : v1;
      const highHasPre = !!highVersion.prerelease.length;
      const lowHasPre = !!lowVersion.prerelease.length;
      if (lowHasPre && !highHasPre) {
        if (!lowVersion.patch && !lowVersion.minor) {
          return "major";
        }
        if (lowVersion.compareMain(highVersion) === 0) {
          if (lowVersion.minor && !lowVersion.patch) {
            return "minor";
          }
          return "patch";
        }
      }
      const prefix = highHasPre ? "pre" : "";
      if (v1.major !== v2.major) {
        return prefix + "major";
      }
      if (v1.minor !== v2.minor) {
        return prefix + "minor";
      }
      if (v1.patch !== v2.patch) {
        return prefix + "patch";
      }
      return "prerelease";
    };
    module.exports = diff;
  }
});

// node_modules/semver/functions/major.js
var require_major = __commonJS({
  "node_modules/semver/functions/major.js"(exports, module) {
    "use strict";
    var SemVer = require_semver();
    var major = (a, loose) => new SemVer(a, loose).major;
    module.exports = major;
  }
});

// node_modules/semver/functions/minor.js
var require_minor = __commonJS({
  "node_modules/semver/functions/minor.js"(exports, module) {
    "use strict";
    var SemVer = require_semver();
    var minor = (a, loose) => new SemVer(a, loose).minor;
    module.exports = minor;
  }
});

// node_modules/semver/functions/patch.js
var require_patch = __commonJS({
  "node_modules/semver/functions/patch.js"(exports, module) {
    "use strict";
    var SemVer = require_semver();
    var patch = (a, loose) => new SemVer(a, loose).patch;
    module.exports = patch;
  }
});

// node_modules/semver/functions/prerelease.js
var require_prerelease = __commonJS({
  "node_modules/semver/functions/prerelease.js"(exports, module) {
    "use strict";
    var parse = require_parse();
    var prerelease = (version, options) => {
      const parsed = parse(version, options);
      return parsed && parsed.prerelease.length ? parsed.prerelease : null;
    };
    module.exports = prerelease;
  }
});

// node_modules/semver/functions/compare.js
var require_compare = __commonJS({
  "node_modules/semver/functions/compare.js"(exports, module) {
    "use strict";
    var SemVer = require_semver();
    var compare = (a, b, loose) => new SemVer(a, loose).compare(new SemVer(b, loose));
    module.exports = compare;
  }
});

// node_modules/semver/functions/rcompare.js
var require_rcompare = __commonJS({
  "node_modules/semver/functions/rcompare.js"(exports, module) {
    "use strict";
    var compare = require_compare();
    var rcompare = (a, b, loose) => compare(b, a, loose);
    module.exports = rcompare;
  }
});

// node_modules/semver/functions/compare-loose.js
var require_compare_loose = __commonJS({
  "node_modules/semver/functions/compare-loose.js"(exports, module) {
    "use strict";
    var compare = require_compare();
    var compareLoose = (a, b) => compare(a, b, true);
    module.exports = compareLoose;
  }
});

// node_modules/semver/functions/compare-build.js
var require_compare_build = __commonJS({
  "node_modules/semver/functions/compare-build.js"(exports, module) {
    "use strict";
    var SemVer = require_semver();
    var compareBuild = (a, b, loose) => {
      const versionA = new SemVer(a, loose);
      const versionB = new SemVer(b, loose);
      return versionA.compare(versionB) || versionA.compareBuild(versionB);
    };
    module.exports = compareBuild;
  }
});

// node_modules/semver/functions/sort.js
var require_sort = __commonJS({
  "node_modules/semver/functions/sort.js"(exports, module) {
    "use strict";
    var compareBuild = require_compare_build();
    var sort = (list, loose) => list.sort((a, b) => compareBuild(a, b, loose));
    module.exports = sort;
  }
});

// node_modules/semver/functions/rsort.js
var require_rsort = __commonJS({
  "node_modules/semver/functions/rsort.js"(exports, module) {
    "use strict";
    var compareBuild = require_compare_build();
    var rsort = (list, loose) => list.sort((a, b) => compareBuild(b, a, loose));
    module.exports = rsort;
  }
});

// node_modules/semver/functions/gt.js
var require_gt = __commonJS({
  "node_modules/semver/functions/gt.js"(exports, module) {
    "use strict";
    var compare = require_compare();
    var gt = (a, b, loose) => compare(a, b, loose) > 0;
    module.exports = gt;
  }
});

// node_modules/semver/functions/lt.js
var require_lt = __commonJS({
  "node_modules/semver/functions/lt.js"(exports, module) {
    "use strict";
    var compare = require_compare();
    var lt = (a, b, loose) => compare(a, b, loose) < 0;
    module.exports = lt;
  }
});

// node_modules/semver/functions/eq.js
var require_eq = __commonJS({
  "node_modules/semver/functions/eq.js"(exports, module) {
    "use strict";
    var compare = require_compare();
    var eq = (a, b, loose) => compare(a, b, loose) === 0;
    module.exports = eq;
  }
});

// node_modules/semver/functions/neq.js
var require_neq = __commonJS({
  "node_modules/semver/functions/neq.js"(exports, module) {
    "use strict";
    var compare = require_compare();
    var neq = (a, b, loose) => compare(a, b, loose) !== 0;
    module.exports = neq;
  }
});

// node_modules/semver/functions/gte.js
var require_gte = __commonJS({
  "node_modules/semver/functions/gte.js"(exports, module) {
    "use strict";
    var compare = require_compare();
    var gte = (a, b, loose) => compare(a, b, loose) >= 0;
    module.exports = gte;
  }
});

// node_modules/semver/functions/lte.js
var require_lte = __commonJS({
  "node_modules/semver/functions/lte.js"(exports, module) {
    "use strict";
    var compare = require_compare();
    var lte = (a, b, loose) => compare(a, b, loose) <= 0;
    module.exports = lte;
  }
});

// node_modules/semver/functions/cmp.js
var require_cmp = __commonJS({
  "node_modules/semver/functions/cmp.js"(exports, module) {
    "use strict";
    var eq = require_eq();
    var neq = require_neq();
    var gt = require_gt();
    var gte = require_gte();
    var lt = require_lt();
    var lte = require_lte();
    var cmp = (a, op, b, loose) => {
      switch (op) {
        case "===":
          if (typeof a === "object") {
            a = a.version;
          }
          if (typeof b === "object") {
            b = b.version;
          }
          return a === b;
        case "!==":
          if (typeof a === "object") {
            a = a.version;
          }
          if (typeof b === "object") {
            b = b.version;
          }
          return a !== b;
        case "":
        case "=":
        case "==":
          return eq(a, b, loose);
        case "!=":
          return neq(a, b, loose);
        case ">":
          return gt(a, b, loose);
        case ">=":
          return gte(a, b, loose);
        case "<":
          return lt(a, b, loose);
        case "<=":
          return lte(a, b, loose);
        default:
          throw new TypeError(`Invalid operator: ${op}`);
      }
    };
    module.exports = cmp;
  }
});

// node_modules/semver/functions/coerce.js
var require_coerce = __commonJS({
  "node_modules/semver/functions/coerce.js"(exports, module) {
    "use strict";
    var SemVer = require_semver();
    var parse = require_parse();
    var { safeRe: re, t } = require_re();
    var coerce = (version, options) => {
      if (version instanceof SemVer) {
        return version;
      }
      if (typeof version === "number") {
        version = String(version);
      }
      if (typeof version !== "string") {
        return null;
      }
      options = options || {};
      let match = null;
      if (!options.rtl) {
        match = version.match(options.includePrerelease ? re[t.COERCEFULL] : re[t.COERCE]);
      } else {
        const coerceRtlRegex = options.includePrerelease ? re[t.COERCERTLFULL] : re[t.COERCERTL];
        let next;
        while ((next = coerceRtlRegex.exec(version)) && (!match || match.index + match[0].length !== version.length)) {
          if (!match || next.index + next[0].length !== match.index + match[0].length) {
            match = next;
          }
          coerceRtlRegex.lastIndex = next.index + next[1].length + next[2].length;
        }
        coerceRtlRegex.lastIndex = -1;
      }
      if (match === null) {
        return null;
      }
      const major = match[2];
      const minor = match[3] || "0";
      const patch = match[4] || "0";
      const prerelease = options.includePrerelease && match[5] ? `-${match[5]}` : "";
      const build = options.includePrerelease && match[6] ? `+${match[6]}` : "";
      return parse(`${major}.${minor}.${patch}${prerelease}${build}`, options);
    };
    module.exports = coerce;
  }
});

// node_modules/semver/functions/truncate.js
var require_truncate = __commonJS({
  "node_modules/semver/functions/truncate.js"(exports, module) {
    "use strict";
    var parse = require_parse();
    var constants2 = require_constants();
    var SemVer = require_semver();
    var truncate = (version, truncation, options) => {
      if (!constants2.RELEASE_TYPES.includes(truncation)) {
        return null;
      }
      const clonedVersion = cloneInputVersion(version, options);
      return clonedVersion && doTruncation(clonedVersion, truncation);
    };
    var cloneInputVersion = (version, options) => {
      const versionStringToParse = version instanceof SemVer ? version.version : version;
      return parse(versionStringToParse, options);
    };
    var doTruncation = (version, truncation) => {
      if (isPrerelease(truncation)) {
        return version.version;
      }
      version.prerelease = [];
      switch (truncation) {
        case "major":
          version.minor = 0;
          version.patch = 0;
          break;
        case "minor":
          version.patch = 0;
          break;
      }
      return version.format();
    };
    var isPrerelease = (type) => {
      return type.startsWith("pre");
    };
    module.exports = truncate;
  }
});

// node_modules/semver/internal/lrucache.js
var require_lrucache = __commonJS({
  "node_modules/semver/internal/lrucache.js"(exports, module) {
    "use strict";
    var LRUCache = class {
      constructor() {
        this.max = 1e3;
        this.map = /* @__PURE__ */ new Map();
      }
      get(key) {
        const value = this.map.get(key);
        if (value === void 0) {
          return void 0;
        } else {
          this.map.delete(key);
          this.map.set(key, value);
          return value;
        }
      }
      delete(key) {
        return this.map.delete(key);
      }
      set(key, value) {
        const deleted = this.delete(key);
        if (!deleted && value !== void 0) {
          if (this.map.size >= this.max) {
            const firstKey = this.map.keys().next().value;
            this.delete(firstKey);
          }
          this.map.set(key, value);
        }
        return this;
      }
    };
    module.exports = LRUCache;
  }
});

// node_modules/semver/internal/trim-comparator-whitespace.js
var require_trim_comparator_whitespace = __commonJS({
  "node_modules/semver/internal/trim-comparator-whitespace.js"(exports, module) {
    "use strict";
    var {
      MAX_LENGTH,
      MAX_SAFE_BUILD_LENGTH,
      WHITESPACE_CHARACTERS
    } = require_constants();
    var whitespace = new Uint8Array(65536);
    for (const char of WHITESPACE_CHARACTERS) {
      whitespace[char.charCodeAt(0)] = 1;
    }
    var isWhitespace = (char) => char !== void 0 && whitespace[char.charCodeAt(0)] === 1;
    var isVersionPrefix = (char) => char === "v" || char === "=" || isWhitespace(char);
    var isDigit = (char) => char !== void 0 && char >= "0" && char <= "9";
    var isLetter = (char) => char !== void 0 && (char >= "a" && char <= "z" || char >= "A" && char <= "Z");
    var isIdentifierCharacter = (char) => isDigit(char) || isLetter(char) || char === "-";
    var isVersionStart = (char) => isDigit(char) || char === "x" || char === "X" || char === "*";
    var findDigitsEndIndex = (range, start, limit, digitRuns) => {
      if (!isDigit(range[start])) {
        return start;
      }
      if (start >= digitRuns.start && start < digitRuns.end) {
        return Math.min(start + limit, digitRuns.end);
      }
      if (start >= digitRuns.previousStart && start < digitRuns.previousEnd) {
        return Math.min(start + limit, digitRuns.previousEnd);
      }
      let end = start + 1;
      while (isDigit(range[end])) {
        end++;
      }
      digitRuns.previousStart = digitRuns.start;
      digitRuns.previousEnd = digitRuns.end;
      digitRuns.start = start;
      digitRuns.end = end;
      return Math.min(start + limit, end);
    };
    var findVersionNumberEndIndex = (range, start, loose, digitRuns) => {
      if (!loose && range[start] === "0") {
        return start + 1;
      }
      return findDigitsEndIndex(range, start, loose ? MAX_LENGTH : MAX_LENGTH + 1, digitRuns);
    };
    var findPrereleaseIdentifierEndIndex = (range, start, loose, digitRuns) => {
      const digitsEnd = findDigitsEndIndex(range, start, MAX_LENGTH, digitRuns);
      if (isLetter(range[digitsEnd]) || range[digitsEnd] === "-") {
        let end = digitsEnd + 1;
        const limit = end + MAX_SAFE_BUILD_LENGTH;
        while (end < limit && isIdentifierCharacter(range[end])) {
          end++;
        }
        return end;
      }
      return findVersionNumberEndIndex(range, start, loose, digitRuns);
    };
    var findPrereleaseEndIndex = (range, start, loose, digitRuns) => {
      const hyphen = range[start] === "-";
      if (!loose && !hyphen) {
        return start;
      }
      const identifierStart = start + (hyphen ? 1 : 0);
      let end = findPrereleaseIdentifierEndIndex(range, identifierStart, loose, digitRuns);
      if (end === identifierStart) {
        if (!loose || !hyphen) {
          return start;
        }
        end = findPrereleaseIdentifierEndIndex(range, start, loose, digitRuns);
      }
      while (range[end] === ".") {
        const next = findPrereleaseIdentifierEndIndex(range, end + 1, loose, digitRuns);
        if (next === end + 1) {
          break;
        }
        end = next;
      }
      return end;
    };
    var findBuildIdentifierEndIndex = (range, start) => {
      let end = start;
      while (end - start < MAX_SAFE_BUILD_LENGTH && isIdentifierCharacter(range[end])) {
        end++;
      }
      return end;
    };
    var findBuildEndIndex = (range, start) => {
      if (range[start] !== "+") {
        return start;
      }
      let end = findBuildIdentifierEndIndex(range, start + 1);
      if (end === start + 1) {
        return start;
      }
      while (range[end] === ".") {
        const next = findBuildIdentifierEndIndex(range, end + 1);
        if (next === end + 1) {
          break;
        }
        end = next;
      }
      return end;
    };
    var findLooseFullVersionEndIndex = (range, start, digitRuns) => {
      let end = start;
      for (let component = 0; component < 3; component++) {
        const next = findVersionNumberEndIndex(range, end, true, digitRuns);
        if (next === end) {
          return start;
        }
        end = next;
        if (component < 2) {
          if (range[end] !== ".") {
            return start;
          }
          end++;
        }
      }
      const prereleaseEnd = findPrereleaseEndIndex(range, end, true, digitRuns);
      return findBuildEndIndex(range, prereleaseEnd);
    };
    var findPartialVersionComponentEndIndex = (range, start, digitRuns) => {
      if (isDigit(range[start])) {
        return findVersionNumberEndIndex(range, start, false, digitRuns);
      }
      return isVersionStart(range[start]) ? start + 1 : start;
    };
    var findPartialVersionEndIndex = (range, start, digitRuns) => {
      let end = findPartialVersionComponentEndIndex(range, start, digitRuns);
      for (let component = 0; component < 2; component++) {
        if (range[end] !== ".") {
          return end;
        }
        const next = findPartialVersionComponentEndIndex(range, end + 1, digitRuns);
        if (next === end + 1) {
          return end;
        }
        end = next;
      }
      const prereleaseEnd = findPrereleaseEndIndex(range, end, false, digitRuns);
      return findBuildEndIndex(range, prereleaseEnd);
    };
    var findVersionEndIndex = (range, start, digitRuns) => {
      const fullVersionEnd = findLooseFullVersionEndIndex(range, start, digitRuns);
      return fullVersionEnd !== start ? fullVersionEnd : findPartialVersionEndIndex(range, start, digitRuns);
    };
    var findRemovableWhitespaceIndex = (range, matchStart) => {
      let position = matchStart;
      if (isWhitespace(range[position])) {
        position++;
      }
      if (range[position] === "<" || range[position] === ">") {
        position++;
      }
      if (range[position] === "=") {
        position++;
      }
      return isWhitespace(range[position]) ? position : -1;
    };
    var trimComparatorWhitespace = (range) => {
      let result = "";
      let copyFrom = 0;
      let cursor = 0;
      const digitRuns = { start: -1, end: -1, previousStart: -1, previousEnd: -1 };
      while (cursor < range.length) {
        const matchStart = cursor;
        if (range[cursor] === "<" || range[cursor] === ">") {
          cursor++;
        } else if (!isVersionPrefix(range[cursor]) && !isVersionStart(range[cursor])) {
          cursor++;
          continue;
        }
        while (cursor < range.length && isVersionPrefix(range[cursor])) {
          cursor++;
        }
        if (!isVersionStart(range[cursor])) {
          continue;
        }
        const whitespacePosition = findRemovableWhitespaceIndex(range, matchStart);
        if (whitespacePosition !== -1) {
          result += range.slice(copyFrom, whitespacePosition);
          copyFrom = whitespacePosition + 1;
        }
        cursor = findVersionEndIndex(range, cursor, digitRuns);
      }
      return result + range.slice(copyFrom);
    };
    module.exports = trimComparatorWhitespace;
  }
});

// node_modules/semver/classes/range.js
var require_range = __commonJS({
  "node_modules/semver/classes/range.js"(exports, module) {
    "use strict";
    var SPACE_CHARACTERS = /\s+/g;
    var Range = class _Range {
      constructor(range, options) {
        options = parseOptions(options);
        if (range instanceof _Range) {
          if (range.loose === !!options.loose && range.includePrerelease === !!options.includePrerelease) {
            return range;
          } else {
            return new _Range(range.raw, options);
          }
        }
        if (range instanceof Comparator) {
          this.raw = range.value;
          this.set = [[range]];
          this.formatted = void 0;
          return this;
        }
        this.options = options;
        this.loose = !!options.loose;
        this.includePrerelease = !!options.includePrerelease;
        this.raw = range.trim().replace(SPACE_CHARACTERS, " ");
        this.set = this.raw.split("||").map((r) => this.parseRange(r.trim())).filter((c) => c.length);
        if (!this.set.length) {
          throw new TypeError(`Invalid SemVer Range: ${this.raw}`);
        }
        if (this.set.length > 1) {
          const first = this.set[0];
          this.set = this.set.filter((c) => !isNullSet(c[0]));
          if (this.set.length === 0) {
            this.set = [first];
          } else if (this.set.length > 1) {
            for (const c of this.set) {
              if (c.length === 1 && isAny(c[0])) {
                this.set = [c];
                break;
              }
            }
          }
        }
        this.formatted = void 0;
      }
      get range() {
        if (this.formatted === void 0) {
          this.formatted = "";
          for (let i = 0; i < this.set.length; i++) {
            if (i > 0) {
              this.formatted += "||";
            }
            const comps = this.set[i];
            for (let k = 0; k < comps.length; k++) {
              if (k > 0) {
                this.formatted += " ";
              }
              this.formatted += comps[k].toString().trim();
            }
          }
        }
        return this.formatted;
      }
      format() {
        return this.range;
      }
      toString() {
        return this.range;
      }
      parseRange(range) {
        range = range.replace(BUILDSTRIPRE, "");
        const memoOpts = (this.options.includePrerelease && FLAG_INCLUDE_PRERELEASE) | (this.options.loose && FLAG_LOOSE);
        const memoKey = memoOpts + ":" + range;
        const cached = cache.get(memoKey);
        if (cached) {
          return cached;
        }
        const loose = this.options.loose;
        const hr = loose ? re[t.HYPHENRANGELOOSE] : re[t.HYPHENRANGE];
        range = range.replace(hr, hyphenReplace(this.options.includePrerelease));
        debug("hyphen replace", range);
        range = trimComparatorWhitespace(range);
        debug("comparator trim", range);
        range = range.replace(re[t.TILDETRIM], tildeTrimReplace);
        debug("tilde trim", range);
        range = range.replace(re[t.CARETTRIM], caretTrimReplace);
        debug("caret trim", range);
        let rangeList = range.split(" ").map((comp) => parseComparator(comp, this.options)).join(" ").split(/\s+/).map((comp) => replaceGTE0(comp, this.options));
        if (loose) {
          rangeList = rangeList.filter((comp) => {
            debug("loose invalid filter", comp, this.options);
            return !!comp.match(re[t.COMPARATORLOOSE]);
          });
        }
        debug("range list", rangeList);
        const rangeMap = /* @__PURE__ */ new Map();
        const comparators = rangeList.map((comp) => new Comparator(comp, this.options));
        for (const comp of comparators) {
          if (isNullSet(comp)) {
            return [comp];
          }
          rangeMap.set(comp.value, comp);
        }
        if (rangeMap.size > 1 && rangeMap.has("")) {
          rangeMap.delete("");
        }
        const result = [...rangeMap.values()];
        cache.set(memoKey, result);
        return result;
      }
      intersects(range, options) {
        if (!(range instanceof _Range)) {
          throw new TypeError("a Range is required");
        }
        return this.set.some((thisComparators) => {
          return isSatisfiable(thisComparators, options) && range.set.some((rangeComparators) => {
            return isSatisfiable(rangeComparators, options) && thisComparators.every((thisComparator) => {
              return rangeComparators.every((rangeComparator) => {
                return thisComparator.intersects(rangeComparator, options);
              });
            });
          });
        });
      }
      // if ANY of the sets match ALL of its comparators, then pass
      test(version) {
        if (!version) {
          return false;
        }
        if (typeof version === "string") {
          try {
            version = new SemVer(version, this.options);
          } catch (er) {
            return false;
          }
        }
        for (let i = 0; i < this.set.length; i++) {
          if (testSet(this.set[i], version, this.options)) {
            return true;
          }
        }
        return false;
      }
    };
    module.exports = Range;
    var LRU = require_lrucache();
    var cache = new LRU();
    var parseOptions = require_parse_options();
    var Comparator = require_comparator();
    var debug = require_debug();
    var SemVer = require_semver();
    var trimComparatorWhitespace = require_trim_comparator_whitespace();
    var {
      safeRe: re,
      src,
      t,
      tildeTrimReplace,
      caretTrimReplace
    } = require_re();
    var { FLAG_INCLUDE_PRERELEASE, FLAG_LOOSE } = require_constants();
    var BUILDSTRIPRE = new RegExp(src[t.BUILD], "g");
    var isNullSet = (c) => c.value === "<0.0.0-0";
    var isAny = (c) => c.value === "";
    var isSatisfiable = (comparators, options) => {
      let result = true;
      const remainingComparators = comparators.slice();
      let testComparator = remainingComparators.pop();
      while (result && remainingComparators.length) {
        result = remainingComparators.every((otherComparator) => {
          return testComparator.intersects(otherComparator, options);
        });
        testComparator = remainingComparators.pop();
      }
      return result;
    };
    var parseComparator = (comp, options) => {
      comp = comp.replace(re[t.BUILD], "");
      debug("comp", comp, options);
      comp = replaceCarets(comp, options);
      debug("caret", comp);
      comp = replaceTildes(comp, options);
      debug("tildes", comp);
      comp = replaceXRanges(comp, options);
      debug("xrange", comp);
      comp = replaceStars(comp, options);
      debug("stars", comp);
      return comp;
    };
    var isX = (id) => !id || id.toLowerCase() === "x" || id === "*";
    var invalidXRangeOrder = (M, m, p) => isX(M) && !isX(m) || isX(m) && p && !isX(p);
    var replaceTildes = (comp, options) => {
      return comp.trim().split(/\s+/).map((c) => replaceTilde(c, options)).join(" ");
    };
    var replaceTilde = (comp, options) => {
      const r = options.loose ? re[t.TILDELOOSE] : re[t.TILDE];
      const z = options.includePrerelease ? "-0" : "";
      return comp.replace(r, (_, M, m, p, pr) => {
        debug("tilde", comp, _, M, m, p, pr);
        let ret;
        if (isX(M)) {
          ret = "";
        } else if (isX(m)) {
          ret = `>=${M}.0.0${z} <${+M + 1}.0.0-0`;
        } else if (isX(p)) {
          ret = `>=${M}.${m}.0${z} <${M}.${+m + 1}.0-0`;
        } else if (pr) {
          debug("replaceTilde pr", pr);
          ret = `>=${M}.${m}.${p}-${pr} <${M}.${+m + 1}.0-0`;
        } else {
          ret = `>=${M}.${m}.${p} <${M}.${+m + 1}.0-0`;
        }
        debug("tilde return", ret);
        return ret;
      });
    };
    var replaceCarets = (comp, options) => {
      return comp.trim().split(/\s+/).map((c) => replaceCaret(c, options)).join(" ");
    };
    var replaceCaret = (comp, options) => {
      debug("caret", comp, options);
      const r = options.loose ? re[t.CARETLOOSE] : re[t.CARET];
      const z = options.includePrerelease ? "-0" : "";
      return comp.replace(r, (_, M, m, p, pr) => {
        debug("caret", comp, _, M, m, p, pr);
        let ret;
        if (isX(M)) {
          ret = "";
        } else if (isX(m)) {
          ret = `>=${M}.0.0${z} <${+M + 1}.0.0-0`;
        } else if (isX(p)) {
          if (M === "0") {
            ret = `>=${M}.${m}.0${z} <${M}.${+m + 1}.0-0`;
          } else {
            ret = `>=${M}.${m}.0${z} <${+M + 1}.0.0-0`;
          }
        } else if (pr) {
          debug("replaceCaret pr", pr);
          if (M === "0") {
            if (m === "0") {
              ret = `>=${M}.${m}.${p}-${pr} <${M}.${m}.${+p + 1}-0`;
            } else {
              ret = `>=${M}.${m}.${p}-${pr} <${M}.${+m + 1}.0-0`;
            }
          } else {
            ret = `>=${M}.${m}.${p}-${pr} <${+M + 1}.0.0-0`;
          }
        } else {
          debug("no pr");
          if (M === "0") {
            if (m === "0") {
              ret = `>=${M}.${m}.${p} <${M}.${m}.${+p + 1}-0`;
            } else {
              ret = `>=${M}.${m}.${p} <${M}.${+m + 1}.0-0`;
            }
          } else {
            ret = `>=${M}.${m}.${p} <${+M + 1}.0.0-0`;
          }
        }
        debug("caret return", ret);
        return ret;
      });
    };
    var replaceXRanges = (comp, options) => {
      debug("replaceXRanges", comp, options);
      return comp.split(/\s+/).map((c) => replaceXRange(c, options)).join(" ");
    };
    var replaceXRange = (comp, options) => {
      comp = comp.trim();
      const r = options.loose ? re[t.XRANGELOOSE] : re[t.XRANGE];
      return comp.replace(r, (ret, gtlt, M, m, p, pr) => {
        debug("xRange", comp, ret, gtlt, M, m, p, pr);
        if (invalidXRangeOrder(M, m, p)) {
          return comp;
        }
        const xM = isX(M);
        const xm = xM || isX(m);
        const xp = xm || isX(p);
        const anyX = xp;
        if (gtlt === "=" && anyX) {
          gtlt = "";
        }
        pr = options.includePrerelease ? "-0" : "";
        if (xM) {
          if (gtlt === ">" || gtlt === "<") {
            ret = "<0.0.0-0";
          } else {
            ret = "*";
          }
        } else if (gtlt && anyX) {
          if (xm) {
            m = 0;
          }
          p = 0;
          if (gtlt === ">") {
            gtlt = ">=";
            if (xm) {
              M = +M + 1;
              m = 0;
              p = 0;
            } else {
              m = +m + 1;
              p = 0;
            }
          } else if (gtlt === "<=") {
            gtlt = "<";
            if (xm) {
              M = +M + 1;
            } else {
              m = +m + 1;
            }
          }
          if (gtlt === "<") {
            pr = "-0";
          }
          ret = `${gtlt + M}.${m}.${p}${pr}`;
        } else if (xm) {
          ret = `>=${M}.0.0${pr} <${+M + 1}.0.0-0`;
        } else if (xp) {
          ret = `>=${M}.${m}.0${pr} <${M}.${+m + 1}.0-0`;
        }
        debug("xRange return", ret);
        return ret;
      });
    };
    var replaceStars = (comp, options) => {
      debug("replaceStars", comp, options);
      return comp.trim().replace(re[t.STAR], "");
    };
    var replaceGTE0 = (comp, options) => {
      debug("replaceGTE0", comp, options);
      return comp.trim().replace(re[options.includePrerelease ? t.GTE0PRE : t.GTE0], "");
    };
    var hyphenReplace = (incPr) => ($0, from, fM, fm, fp, fpr, fb, to, tM, tm, tp, tpr) => {
      if (isX(fM)) {
        from = "";
      } else if (isX(fm)) {
        from = `>=${fM}.0.0${incPr ? "-0" : ""}`;
      } else if (isX(fp)) {
        from = `>=${fM}.${fm}.0${incPr ? "-0" : ""}`;
      } else if (fpr) {
        from = `>=${from}`;
      } else {
        from = `>=${from}${incPr ? "-0" : ""}`;
      }
      if (isX(tM)) {
        to = "";
      } else if (isX(tm)) {
        to = `<${+tM + 1}.0.0-0`;
      } else if (isX(tp)) {
        to = `<${tM}.${+tm + 1}.0-0`;
      } else if (tpr) {
        to = `<=${tM}.${tm}.${tp}-${tpr}`;
      } else if (incPr) {
        to = `<${tM}.${tm}.${+tp + 1}-0`;
      } else {
        to = `<=${to}`;
      }
      return `${from} ${to}`.trim();
    };
    var testSet = (set, version, options) => {
      for (let i = 0; i < set.length; i++) {
        if (!set[i].test(version)) {
          return false;
        }
      }
      if (version.prerelease.length && !options.includePrerelease) {
        for (let i = 0; i < set.length; i++) {
          debug(set[i].semver);
          if (set[i].semver === Comparator.ANY) {
            continue;
          }
          if (set[i].semver.prerelease.length > 0) {
            const allowed = set[i].semver;
            if (allowed.major === version.major && allowed.minor === version.minor && allowed.patch === version.patch) {
              return true;
            }
          }
        }
        return false;
      }
      return true;
    };
  }
});

// node_modules/semver/classes/comparator.js
var require_comparator = __commonJS({
  "node_modules/semver/classes/comparator.js"(exports, module) {
    "use strict";
    var ANY = /* @__PURE__ */ Symbol("SemVer ANY");
    var Comparator = class _Comparator {
      static get ANY() {
        return ANY;
      }
      constructor(comp, options) {
        options = parseOptions(options);
        if (comp instanceof _Comparator) {
          if (comp.loose === !!options.loose) {
            return comp;
          } else {
            comp = comp.value;
          }
        }
        comp = comp.trim().split(/\s+/).join(" ");
        debug("comparator", comp, options);
        this.options = options;
        this.loose = !!options.loose;
        this.parse(comp);
        if (this.semver === ANY) {
          this.value = "";
        } else {
          this.value = this.operator + this.semver.version;
        }
        debug("comp", this);
      }
      parse(comp) {
        const r = this.options.loose ? re[t.COMPARATORLOOSE] : re[t.COMPARATOR];
        const m = comp.match(r);
        if (!m) {
          throw new TypeError(`Invalid comparator: ${comp}`);
        }
        this.operator = m[1] !== void 0 ? m[1] : "";
        if (this.operator === "=") {
          this.operator = "";
        }
        if (!m[2]) {
          this.semver = ANY;
        } else {
          this.semver = new SemVer(m[2], this.options.loose);
        }
      }
      toString() {
        return this.value;
      }
      test(version) {
        debug("Comparator.test", version, this.options.loose);
        if (this.semver === ANY || version === ANY) {
          return true;
        }
        if (typeof version === "string") {
          try {
            version = new SemVer(version, this.options);
          } catch (er) {
            return false;
          }
        }
        return cmp(version, this.operator, this.semver, this.options);
      }
      intersects(comp, options) {
        if (!(comp instanceof _Comparator)) {
          throw new TypeError("a Comparator is required");
        }
        if (this.operator === "") {
          if (this.value === "") {
            return true;
          }
          return new Range(comp.value, options).test(this.value);
        } else if (comp.operator === "") {
          if (comp.value === "") {
            return true;
          }
          return new Range(this.value, options).test(comp.semver);
        }
        options = parseOptions(options);
        if (options.includePrerelease && (this.value === "<0.0.0-0" || comp.value === "<0.0.0-0")) {
          return false;
        }
        if (!options.includePrerelease && (this.value.startsWith("<0.0.0") || comp.value.startsWith("<0.0.0"))) {
          return false;
        }
        if (this.operator.startsWith(">") && comp.operator.startsWith(">")) {
          return true;
        }
        if (this.operator.startsWith("<") && comp.operator.startsWith("<")) {
          return true;
        }
        if (this.semver.version === comp.semver.version && this.operator.includes("=") && comp.operator.includes("=")) {
          return true;
        }
        if (cmp(this.semver, "<", comp.semver, options) && this.operator.startsWith(">") && comp.operator.startsWith("<")) {
          return true;
        }
        if (cmp(this.semver, ">", comp.semver, options) && this.operator.startsWith("<") && comp.operator.startsWith(">")) {
          return true;
        }
        return false;
      }
    };
    module.exports = Comparator;
    var parseOptions = require_parse_options();
    var { safeRe: re, t } = require_re();
    var cmp = require_cmp();
    var debug = require_debug();
    var SemVer = require_semver();
    var Range = require_range();
  }
});

// node_modules/semver/functions/satisfies.js
var require_satisfies = __commonJS({
  "node_modules/semver/functions/satisfies.js"(exports, module) {
    "use strict";
    var Range = require_range();
    var satisfies = (version, range, options) => {
      try {
        range = new Range(range, options);
      } catch (er) {
        return false;
      }
      return range.test(version);
    };
    module.exports = satisfies;
  }
});

// node_modules/semver/ranges/to-comparators.js
var require_to_comparators = __commonJS({
  "node_modules/semver/ranges/to-comparators.js"(exports, module) {
    "use strict";
    var Range = require_range();
    var toComparators = (range, options) => new Range(range, options).set.map((comp) => comp.map((c) => c.value).join(" ").trim().split(" "));
    module.exports = toComparators;
  }
});

// node_modules/semver/ranges/max-satisfying.js
var require_max_satisfying = __commonJS({
  "node_modules/semver/ranges/max-satisfying.js"(exports, module) {
    "use strict";
    var SemVer = require_semver();
    var Range = require_range();
    var maxSatisfying = (versions, range, options) => {
      let max = null;
      let maxSV = null;
      let rangeObj = null;
      try {
        rangeObj = new Range(range, options);
      } catch (er) {
        return null;
      }
      versions.forEach((v) => {
        if (rangeObj.test(v)) {
          if (!max || maxSV.compare(v) === -1) {
            max = v;
            maxSV = new SemVer(max, options);
          }
        }
      });
      return max;
    };
    module.exports = maxSatisfying;
  }
});

// node_modules/semver/ranges/min-satisfying.js
var require_min_satisfying = __commonJS({
  "node_modules/semver/ranges/min-satisfying.js"(exports, module) {
    "use strict";
    var SemVer = require_semver();
    var Range = require_range();
    var minSatisfying = (versions, range, options) => {
      let min = null;
      let minSV = null;
      let rangeObj = null;
      try {
        rangeObj = new Range(range, options);
      } catch (er) {
        return null;
      }
      versions.forEach((v) => {
        if (rangeObj.test(v)) {
          if (!min || minSV.compare(v) === 1) {
            min = v;
            minSV = new SemVer(min, options);
          }
        }
      });
      return min;
    };
    module.exports = minSatisfying;
  }
});

// node_modules/semver/ranges/min-version.js
var require_min_version = __commonJS({
  "node_modules/semver/ranges/min-version.js"(exports, module) {
    "use strict";
    var SemVer = require_semver();
    var Range = require_range();
    var gt = require_gt();
    var minVersion = (range, loose) => {
      range = new Range(range, loose);
      let minver = new SemVer("0.0.0");
      if (range.test(minver)) {
        return minver;
      }
      minver = new SemVer("0.0.0-0");
      if (range.test(minver)) {
        return minver;
      }
      minver = null;
      for (let i = 0; i < range.set.length; ++i) {
        const comparators = range.set[i];
        let setMin = null;
        comparators.forEach((comparator) => {
          const compver = new SemVer(comparator.semver.version);
          switch (comparator.operator) {
            case ">":
              if (compver.prerelease.length === 0) {
                compver.patch++;
              } else {
                compver.prerelease.push(0);
              }
              compver.raw = compver.format();
            /* fallthrough */
            case "":
            case ">=":
              if (!setMin || gt(compver, setMin)) {
                setMin = compver;
              }
              break;
            case "<":
            case "<=":
              break;
            /* istanbul ignore next */
            default:
              throw new Error(`Unexpected operation: ${comparator.operator}`);
          }
        });
        if (setMin && (!minver || gt(minver, setMin))) {
          minver = setMin;
        }
      }
      if (minver && range.test(minver)) {
        return minver;
      }
      return null;
    };
    module.exports = minVersion;
  }
});

// node_modules/semver/ranges/valid.js
var require_valid2 = __commonJS({
  "node_modules/semver/ranges/valid.js"(exports, module) {
    "use strict";
    var Range = require_range();
    var validRange = (range, options) => {
      try {
        return new Range(range, options).range || "*";
      } catch (er) {
        return null;
      }
    };
    module.exports = validRange;
  }
});

// node_modules/semver/ranges/outside.js
var require_outside = __commonJS({
  "node_modules/semver/ranges/outside.js"(exports, module) {
    "use strict";
    var SemVer = require_semver();
    var Comparator = require_comparator();
    var { ANY } = Comparator;
    var Range = require_range();
    var satisfies = require_satisfies();
    var gt = require_gt();
    var lt = require_lt();
    var lte = require_lte();
    var gte = require_gte();
    var outside = (version, range, hilo, options) => {
      version = new SemVer(version, options);
      range = new Range(range, options);
      let gtfn, ltefn, ltfn, comp, ecomp;
      switch (hilo) {
        case ">":
          gtfn = gt;
          ltefn = lte;
          ltfn = lt;
          comp = ">";
          ecomp = ">=";
          break;
        case "<":
          gtfn = lt;
          ltefn = gte;
          ltfn = gt;
          comp = "<";
          ecomp = "<=";
          break;
        default:
          throw new TypeError('Must provide a hilo val of "<" or ">"');
      }
      if (satisfies(version, range, options)) {
        return false;
      }
      for (let i = 0; i < range.set.length; ++i) {
        const comparators = range.set[i];
        let high = null;
        let low = null;
        comparators.forEach((comparator) => {
          if (comparator.semver === ANY) {
            comparator = new Comparator(">=0.0.0");
          }
          high = high || comparator;
          low = low || comparator;
          if (gtfn(comparator.semver, high.semver, options)) {
            high = comparator;
          } else if (ltfn(comparator.semver, low.semver, options)) {
            low = comparator;
          }
        });
        if (high.operator === comp || high.operator === ecomp) {
          return false;
        }
        if ((!low.operator || low.operator === comp) && ltefn(version, low.semver)) {
          return false;
        } else if (low.operator === ecomp && ltfn(version, low.semver)) {
          return false;
        }
      }
      return true;
    };
    module.exports = outside;
  }
});

// node_modules/semver/ranges/gtr.js
var require_gtr = __commonJS({
  "node_modules/semver/ranges/gtr.js"(exports, module) {
    "use strict";
    var outside = require_outside();
    var gtr = (version, range, options) => outside(version, range, ">", options);
    module.exports = gtr;
  }
});

// node_modules/semver/ranges/ltr.js
var require_ltr = __commonJS({
  "node_modules/semver/ranges/ltr.js"(exports, module) {
    "use strict";
    var outside = require_outside();
    var ltr = (version, range, options) => outside(version, range, "<", options);
    module.exports = ltr;
  }
});

// node_modules/semver/ranges/intersects.js
var require_intersects = __commonJS({
  "node_modules/semver/ranges/intersects.js"(exports, module) {
    "use strict";
    var Range = require_range();
    var intersects = (r1, r2, options) => {
      r1 = new Range(r1, options);
      r2 = new Range(r2, options);
      return r1.intersects(r2, options);
    };
    module.exports = intersects;
  }
});

// node_modules/semver/ranges/simplify.js
var require_simplify = __commonJS({
  "node_modules/semver/ranges/simplify.js"(exports, module) {
    "use strict";
    var satisfies = require_satisfies();
    var compare = require_compare();
    module.exports = (versions, range, options) => {
      const set = [];
      let first = null;
      let prev = null;
      const v = versions.sort((a, b) => compare(a, b, options));
      for (const version of v) {
        const included = satisfies(version, range, options);
        if (included) {
          prev = version;
          if (!first) {
            first = version;
          }
        } else {
          if (prev) {
            set.push([first, prev]);
          }
          prev = null;
          first = null;
        }
      }
      if (first) {
        set.push([first, null]);
      }
      const ranges = [];
      for (const [min, max] of set) {
        if (min === max) {
          ranges.push(min);
        } else if (!max && min === v[0]) {
          ranges.push("*");
        } else if (!max) {
          ranges.push(`>=${min}`);
        } else if (min === v[0]) {
          ranges.push(`<=${max}`);
        } else {
          ranges.push(`${min} - ${max}`);
        }
      }
      const simplified = ranges.join(" || ");
      const original = typeof range.raw === "string" ? range.raw : String(range);
      return simplified.length < original.length ? simplified : range;
    };
  }
});

// node_modules/semver/ranges/subset.js
var require_subset = __commonJS({
  "node_modules/semver/ranges/subset.js"(exports, module) {
    "use strict";
    var Range = require_range();
    var Comparator = require_comparator();
    var { ANY } = Comparator;
    var satisfies = require_satisfies();
    var compare = require_compare();
    var subset = (sub, dom, options = {}) => {
      if (sub === dom) {
        return true;
      }
      sub = new Range(sub, options);
      dom = new Range(dom, options);
      let sawNonNull = false;
      OUTER: for (const simpleSub of sub.set) {
        for (const simpleDom of dom.set) {
          const isSub = simpleSubset(simpleSub, simpleDom, options);
          sawNonNull = sawNonNull || isSub !== null;
          if (isSub) {
            continue OUTER;
          }
        }
        if (sawNonNull) {
          return false;
        }
      }
      return true;
    };
    var minimumVersionWithPreRelease = [new Comparator(">=0.0.0-0")];
    var minimumVersion = [new Comparator(">=0.0.0")];
    var simpleSubset = (sub, dom, options) => {
      if (sub === dom) {
        return true;
      }
      if (sub.length === 1 && sub[0].semver === ANY) {
        if (dom.length === 1 && dom[0].semver === ANY) {
          return true;
        } else if (options.includePrerelease) {
          sub = minimumVersionWithPreRelease;
        } else {
          sub = minimumVersion;
        }
      }
      if (dom.length === 1 && dom[0].semver === ANY) {
        if (options.includePrerelease) {
          return true;
        } else {
          dom = minimumVersion;
        }
      }
      const eqSet = /* @__PURE__ */ new Set();
      let gt, lt;
      for (const c of sub) {
        if (c.operator === ">" || c.operator === ">=") {
          gt = higherGT(gt, c, options);
        } else if (c.operator === "<" || c.operator === "<=") {
          lt = lowerLT(lt, c, options);
        } else {
          eqSet.add(c.semver);
        }
      }
      if (eqSet.size > 1) {
        return null;
      }
      let gtltComp;
      if (gt && lt) {
        gtltComp = compare(gt.semver, lt.semver, options);
        if (gtltComp > 0) {
          return null;
        } else if (gtltComp === 0 && (gt.operator !== ">=" || lt.operator !== "<=")) {
          return null;
        }
      }
      for (const eq of eqSet) {
        if (gt && !satisfies(eq, String(gt), options)) {
          return null;
        }
        if (lt && !satisfies(eq, String(lt), options)) {
          return null;
        }
        for (const c of dom) {
          if (!satisfies(eq, String(c), options)) {
            return false;
          }
        }
        return true;
      }
      let higher, lower;
      let hasDomLT, hasDomGT;
      let needDomLTPre = lt && !options.includePrerelease && lt.semver.prerelease.length ? lt.semver : false;
      let needDomGTPre = gt && !options.includePrerelease && gt.semver.prerelease.length ? gt.semver : false;
      if (needDomLTPre && needDomLTPre.prerelease.length === 1 && lt.operator === "<" && needDomLTPre.prerelease[0] === 0) {
        needDomLTPre = false;
      }
      for (const c of dom) {
        hasDomGT = hasDomGT || c.operator === ">" || c.operator === ">=";
        hasDomLT = hasDomLT || c.operator === "<" || c.operator === "<=";
        if (gt) {
          if (needDomGTPre) {
            if (c.semver.prerelease && c.semver.prerelease.length && c.semver.major === needDomGTPre.major && c.semver.minor === needDomGTPre.minor && c.semver.patch === needDomGTPre.patch) {
              needDomGTPre = false;
            }
          }
          if (c.operator === ">" || c.operator === ">=") {
            higher = higherGT(gt, c, options);
            if (higher === c && higher !== gt) {
              return false;
            }
          } else if (gt.operator === ">=" && !c.test(gt.semver)) {
            return false;
          }
        }
        if (lt) {
          if (needDomLTPre) {
            if (c.semver.prerelease && c.semver.prerelease.length && c.semver.major === needDomLTPre.major && c.semver.minor === needDomLTPre.minor && c.semver.patch === needDomLTPre.patch) {
              needDomLTPre = false;
            }
          }
          if (c.operator === "<" || c.operator === "<=") {
            lower = lowerLT(lt, c, options);
            if (lower === c && lower !== lt) {
              return false;
            }
          } else if (lt.operator === "<=" && !c.test(lt.semver)) {
            return false;
          }
        }
        if (!c.operator && (lt || gt) && gtltComp !== 0) {
          return false;
        }
      }
      if (gt && hasDomLT && !lt && gtltComp !== 0) {
        return false;
      }
      if (lt && hasDomGT && !gt && gtltComp !== 0) {
        return false;
      }
      if (needDomGTPre || needDomLTPre) {
        return false;
      }
      return true;
    };
    var higherGT = (a, b, options) => {
      if (!a) {
        return b;
      }
      const comp = compare(a.semver, b.semver, options);
      return comp > 0 ? a : comp < 0 ? b : b.operator === ">" && a.operator === ">=" ? b : a;
    };
    var lowerLT = (a, b, options) => {
      if (!a) {
        return b;
      }
      const comp = compare(a.semver, b.semver, options);
      return comp < 0 ? a : comp > 0 ? b : b.operator === "<" && a.operator === "<=" ? b : a;
    };
    module.exports = subset;
  }
});

// node_modules/semver/index.js
var require_semver2 = __commonJS({
  "node_modules/semver/index.js"(exports, module) {
    "use strict";
    var internalRe = require_re();
    var constants2 = require_constants();
    var SemVer = require_semver();
    var identifiers = require_identifiers();
    var parse = require_parse();
    var valid = require_valid();
    var clean = require_clean();
    var inc = require_inc();
    var diff = require_diff();
    var major = require_major();
    var minor = require_minor();
    var patch = require_patch();
    var prerelease = require_prerelease();
    var compare = require_compare();
    var rcompare = require_rcompare();
    var compareLoose = require_compare_loose();
    var compareBuild = require_compare_build();
    var sort = require_sort();
    var rsort = require_rsort();
    var gt = require_gt();
    var lt = require_lt();
    var eq = require_eq();
    var neq = require_neq();
    var gte = require_gte();
    var lte = require_lte();
    var cmp = require_cmp();
    var coerce = require_coerce();
    var truncate = require_truncate();
    var Comparator = require_comparator();
    var Range = require_range();
    var satisfies = require_satisfies();
    var toComparators = require_to_comparators();
    var maxSatisfying = require_max_satisfying();
    var minSatisfying = require_min_satisfying();
    var minVersion = require_min_version();
    var validRange = require_valid2();
    var outside = require_outside();
    var gtr = require_gtr();
    var ltr = require_ltr();
    var intersects = require_intersects();
    var simplifyRange = require_simplify();
    var subset = require_subset();
    module.exports = {
      parse,
      valid,
      clean,
      inc,
      diff,
      major,
      minor,
      patch,
      prerelease,
      compare,
      rcompare,
      compareLoose,
      compareBuild,
      sort,
      rsort,
      gt,
      lt,
      eq,
      neq,
      gte,
      lte,
      cmp,
      coerce,
      truncate,
      Comparator,
      Range,
      satisfies,
      toComparators,
      maxSatisfying,
      minSatisfying,
      minVersion,
      validRange,
      outside,
      gtr,
      ltr,
      intersects,
      simplifyRange,
      subset,
      SemVer,
      re: internalRe.re,
      src: internalRe.src,
      tokens: internalRe.t,
      SEMVER_SPEC_VERSION: constants2.SEMVER_SPEC_VERSION,
      RELEASE_TYPES: constants2.RELEASE_TYPES,
      compareIdentifiers: identifiers.compareIdentifiers,
      rcompareIdentifiers: identifiers.rcompareIdentifiers
    };
  }
});

// src/actions/recipe-suite.ts
import { mkdirSync as mkdirSync2, mkdtempSync as mkdtempSync3, readFileSync as readFileSync3, rmSync as rmSync3 } from "node:fs";
import { tmpdir as tmpdir3 } from "node:os";
import { join as join11, relative } from "node:path";

// src/suite/clock.ts
var TEARDOWN_BUDGET_MS = 5 * 6e4;
var DIAGNOSTICS_BUDGET_MS = 6e4;
var SuiteClock = class {
  constructor(deadline, slackMs = JOB_SLACK_MS, now = Date.now) {
    this.deadline = deadline;
    this.slackMs = slackMs;
    this.now = now;
    this.phase = this.makePhase("teardown", TEARDOWN_BUDGET_MS);
  }
  deadline;
  slackMs;
  now;
  phase;
  /** Starts a phase (a tier, `teardown`, `diagnostics`) with its own budget. */
  enter(name, budgetMs) {
    this.phase = this.makePhase(name, budgetMs);
    return this.phase;
  }
  /** The limit of the next command or wait: its own, or what is left of the phase. */
  limit(ownMs = Number.POSITIVE_INFINITY) {
    return Math.max(0, Math.min(ownMs, this.phase.endsAt - this.now()));
  }
  /** Whether the current phase's budget is used up. */
  spent() {
    return this.now() >= this.phase.endsAt;
  }
  get current() {
    return this.phase;
  }
  makePhase(name, budgetMs) {
    const startedAt = this.now();
    const bound = this.slackMs === 0 ? cleanupBound(this.deadline, budgetMs, startedAt) ?? boundWithout(budgetMs) : boundOf(this.deadline, budgetMs, name === "diagnostics" ? 0 : this.slackMs, startedAt);
    return { name, startedAt, endsAt: startedAt + bound.ms, bound };
  }
};

// src/suite/budget.ts
function planBudget(config, selected, repeat, deadline, now = Date.now()) {
  const attempt = [];
  for (const tier of TIERS) {
    const settings = config.tiers[tier];
    if (!selected.has(tier) || settings.notApplicable !== void 0) continue;
    attempt.push({
      item: tier,
      ms: settings.timeoutMs,
      source: settings.timeoutGiven ? `tiers.${tier}.timeout` : "default"
    });
  }
  attempt.push({ item: "teardown", ms: TEARDOWN_BUDGET_MS, source: "fixed" });
  const once = [];
  const install2 = attempt.some((line) => line.item === "install");
  if (config.screenshot !== void 0 && install2) {
    once.push({
      item: "screenshot",
      ms: config.screenshot.timeoutMs,
      source: config.screenshot.timeoutGiven ? "screenshot.timeout" : "default"
    });
  }
  const perAttempt = attempt.reduce((sum, line) => sum + line.ms, 0);
  return {
    attempt,
    repeat,
    once,
    slackMs: JOB_SLACK_MS,
    totalMs: perAttempt * repeat + sumOf(once) + JOB_SLACK_MS,
    leftMs: deadline?.remainingMs(now),
    deadline
  };
}
function sumOf(lines) {
  return lines.reduce((sum, line) => sum + line.ms, 0);
}
function budgetArithmetic(budget) {
  const perAttempt = budget.attempt.reduce((sum2, line) => sum2 + line.ms, 0);
  const sum = budget.attempt.map((l) => `${l.item} ${formatDuration(l.ms)}`).join(" + ");
  const times = budget.repeat > 1 ? `, \xD7 repeat ${String(budget.repeat)} = ${formatDuration(perAttempt * budget.repeat)}` : "";
  const once = budget.once.map((l) => `, + ${l.item} ${formatDuration(l.ms)}`).join("");
  return `${sum} = ${formatDuration(perAttempt)}${times}${once}, + slack ${formatDuration(budget.slackMs)} = ${formatDuration(budget.totalMs)}`;
}
function budgetProblem(budget, configFile) {
  if (budget.leftMs === void 0 || budget.totalMs <= budget.leftMs) return void 0;
  const longest = [...budget.attempt].filter((l) => l.item !== "teardown").sort((a, b) => b.ms - a.ms)[0];
  const knobs = [
    longest ? `lower tiers.${longest.item}.timeout in ${configFile} (now ${formatDuration(longest.ms)})` : void 0,
    "select fewer tiers",
    budget.repeat > 1 ? `lower repeat (now ${String(budget.repeat)})` : void 0,
    "raise the job's timeout-minutes and job-timeout"
  ].filter((k) => k !== void 0);
  return `the plan needs ${formatDuration(budget.totalMs)} (${budgetArithmetic(budget)}), but ${formatDuration(Math.max(0, budget.leftMs))} is left of the job's ${budget.deadline?.from ?? "deadline"}; ${knobs.join(", or ")}`;
}
function budgetRows(budget) {
  const rows = budget.attempt.map((l) => [l.item, formatDuration(l.ms), l.source]);
  if (budget.repeat > 1) rows.push([`\xD7 repeat ${String(budget.repeat)}`, "", "repeat"]);
  for (const l of budget.once) rows.push([`${l.item} (once)`, formatDuration(l.ms), l.source]);
  rows.push(["slack (diagnostics, results, post)", formatDuration(budget.slackMs), "fixed"]);
  rows.push(["total", formatDuration(budget.totalMs), ""]);
  rows.push([
    "left of the job",
    budget.leftMs === void 0 ? "no deadline" : formatDuration(Math.max(0, budget.leftMs)),
    budget.deadline?.from ?? "give job-timeout to plan against the job"
  ]);
  return rows;
}

// src/actions/reconcile.ts
import { homedir } from "node:os";
import { join as join3, resolve as resolve2 } from "node:path";

// src/reconcile/reconcile.ts
var import_semver2 = __toESM(require_semver2(), 1);

// src/recipe/versions.ts
var import_semver = __toESM(require_semver2(), 1);
function parseRecipeVersion(tag) {
  const trimmed = tag.trim();
  const plus = trimmed.indexOf("+");
  const recipePart = plus === -1 ? trimmed : trimmed.slice(0, plus);
  const app = plus === -1 ? void 0 : trimmed.slice(plus + 1);
  const recipe = import_semver.default.parse(recipePart.replace(/^v/, ""));
  if (!recipe || app !== void 0 && app === "") return void 0;
  const leading = app === void 0 ? void 0 : /^v?(\d+)/.exec(app);
  return { tag: trimmed, recipe, app, appMajor: leading ? Number(leading[1]) : void 0 };
}
function publishedVersions(tags) {
  return tags.map(parseRecipeVersion).filter((v) => v !== void 0 && v.recipe.prerelease.length === 0).sort((a, b) => import_semver.default.rcompare(a.recipe, b.recipe));
}
var VersionError = class extends Error {
};
function choosePrevious(candidate, tags, previous) {
  const published = publishedVersions(tags);
  if (previous === "auto") {
    return published.find((v) => candidate === void 0 || import_semver.default.lt(v.recipe, candidate.recipe));
  }
  const named = tags.includes(previous) ? parseRecipeVersion(previous) : void 0;
  if (named === void 0) {
    const nearest = published.slice(0, 3).map((v) => v.tag);
    throw new VersionError(
      `"${previous}" is not a version tag of this recipe${nearest.length > 0 ? ` (newest: ${nearest.join(", ")})` : " (it has no version tags)"}; use auto or an existing tag`
    );
  }
  if (candidate !== void 0 && !import_semver.default.lt(named.recipe, candidate.recipe)) {
    throw new VersionError(
      `"${previous}" is not older than the candidate ${candidate.tag}; an upgrade goes from an older version to the candidate`
    );
  }
  return named;
}
function majorBump(from, to) {
  const parts = [];
  if (to.recipe.major > from.recipe.major) {
    parts.push(`recipe ${String(from.recipe.major)} \u2192 ${String(to.recipe.major)}`);
  }
  if (from.appMajor !== void 0 && to.appMajor !== void 0 && to.appMajor > from.appMajor) {
    parts.push(`app ${String(from.appMajor)} \u2192 ${String(to.appMajor)}`);
  }
  return parts.length > 0 ? `major upgrade (${parts.join(", ")})` : void 0;
}
function ignoredVersionTags(tags) {
  const published = new Set(publishedVersions(tags).map((v) => v.tag));
  return tags.filter((tag) => /^v?\d/.test(tag.trim()) && !published.has(tag.trim()));
}
function ignoredTagsNotice(tags) {
  const ignored = ignoredVersionTags(tags);
  return ignored.length === 0 ? void 0 : `ignored tags that are not <semver>+<app> releases: ${ignored.join(", ")}`;
}
function versionsBetween(versions, after, upTo) {
  return versions.filter(
    (v) => import_semver.default.gt(v.recipe, after.recipe) && import_semver.default.lte(v.recipe, upTo.recipe)
  );
}

// src/reconcile/reconcile.ts
var HEALTHY_ON_LATEST = [
  "deployed-fresh",
  "noop-healthy",
  "redeployed-healthy",
  "upgraded"
];
var ALERTING = [
  "held-major",
  "held-manual-migration",
  "rolled-back",
  "unrecovered",
  "backup-failed"
];
var FAILING = ["unrecovered", "backup-failed"];
async function reconcile(inputs) {
  const latest = inputs.published[0];
  if (latest === void 0) throw new Error("reconcile needs at least one published version");
  const run = new ReconcileRun(inputs, latest);
  const { running } = inputs;
  if (running === void 0) return deployFirst(run, latest);
  if (import_semver2.default.gte(running.recipe, latest.recipe)) return keepNewest(run, running, latest);
  const rejected = (await inputs.ledger.read()).rejected;
  if (rejected?.version === latest.tag && inputs.retryRejected !== true)
    return keepRejectedOut(run, running, latest, rejected);
  const step = await safeStep(run, running, latest, inputs);
  if ("hold" in step) return step.hold;
  if (rejected?.version === step.target.tag && inputs.retryRejected !== true)
    return keepRejectedOut(run, running, step.target, rejected);
  return upgradeOrRollBack(run, running, step.target, step.heldBack);
}
var ReconcileRun = class {
  constructor(inputs, latest) {
    this.inputs = inputs;
    this.latest = latest;
  }
  inputs;
  latest;
  steps = [];
  get app() {
    return this.inputs.app;
  }
  get ledger() {
    return this.inputs.ledger;
  }
  /** Records a step for the log and the report; returns whether it passed. */
  record(name, step) {
    const output = "results" in step ? step.results.map((r) => r.output.trimEnd()).filter(Boolean).join("\n") : "";
    const entry = { name, ok: step.ok, summary: step.summary, output };
    this.steps.push(entry);
    this.inputs.onStep?.(entry);
    return step.ok;
  }
  async deployAndGate(name, step) {
    return this.record(name, await step) && this.record(`health gate (${name})`, await this.app.health());
  }
  /**
   * Looks after the version that runs: a health check, and when it fails one redeploy of the
   * same version and its gate. Never more than one redeploy, never another version.
   */
  async healWhatRuns(tag) {
    if (this.record("health check", await this.app.health())) return "healthy";
    if (await this.deployAndGate(`redeploy ${tag}`, this.app.upgrade(tag))) return "redeployed";
    return "unrecovered";
  }
  async outcome(result, now, message, quoted = []) {
    const saved = await this.ledger.read();
    const diagnose = FAILING.includes(result) || result === "rolled-back";
    return {
      result,
      running: this.inputs.running?.tag,
      latest: this.latest.tag,
      now,
      lastGood: saved.lastGood,
      rejected: saved.rejected?.version === this.latest.tag ? saved.rejected : void 0,
      message,
      quoted,
      steps: this.steps,
      diagnostics: diagnose ? await this.app.diagnostics() : void 0
    };
  }
};
async function deployFirst(run, latest) {
  if (await run.deployAndGate(`deploy ${latest.tag}`, run.app.deploy(latest.tag))) {
    await run.ledger.update({ lastGood: latest.tag });
    return run.outcome("deployed-fresh", latest.tag, `deployed ${latest.tag} and it is healthy`);
  }
  return run.outcome(
    "unrecovered",
    latest.tag,
    `the first deploy of ${latest.tag} is not healthy and there is no earlier version to go back to`
  );
}
async function keepNewest(run, running, latest) {
  const ahead = import_semver2.default.gt(running.recipe, latest.recipe) ? ` (ahead of the newest published ${latest.tag})` : "";
  const lastGood = (await run.ledger.read()).lastGood ?? running.tag;
  const healed = await run.healWhatRuns(running.tag);
  if (healed === "unrecovered") {
    return run.outcome(
      "unrecovered",
      running.tag,
      `${running.tag}${ahead} is unhealthy and one redeploy did not help; a person is needed`
    );
  }
  if (healed === "healthy") {
    await run.ledger.update({ lastGood, rejected: void 0 });
    return run.outcome(
      "noop-healthy",
      running.tag,
      `${running.tag}${ahead} is running and healthy`
    );
  }
  await run.ledger.update({ lastGood: running.tag, rejected: void 0 });
  return run.outcome(
    "redeployed-healthy",
    running.tag,
    `${running.tag}${ahead} was unhealthy; one redeploy made it healthy`
  );
}
async function keepRejectedOut(run, running, latest, rejected) {
  const when = rejected.at === "" ? "before" : `at ${rejected.at}`;
  const why = `${latest.tag} was rolled back ${when} (${rejected.reason || "its health gate failed"}); it is not tried again until a newer release is published or retry-rejected is true`;
  const healed = await run.healWhatRuns(running.tag);
  if (healed === "unrecovered") {
    return run.outcome(
      "unrecovered",
      running.tag,
      `${running.tag} is unhealthy and one redeploy did not help (${why}); a person is needed`
    );
  }
  const state = healed === "healthy" ? "is running and healthy" : "was unhealthy; one redeploy made it healthy";
  return run.outcome("held-rejected", running.tag, `${running.tag} ${state}; ${why}`);
}
async function safeStep(run, running, latest, inputs) {
  const crossed = versionsBetween(inputs.published, running, latest);
  const flagged = (await inputs.notes(crossed)).filter((n) => n.flagged.length > 0);
  const flaggedTags = new Set(flagged.map((n) => n.tag));
  let target;
  let blocker;
  for (const version of [...crossed].reverse()) {
    const bump2 = majorBump(running, version);
    if (bump2 !== void 0 || flaggedTags.has(version.tag)) {
      blocker = bump2 ?? `the release notes of ${version.tag} ask for a person`;
      break;
    }
    target = version;
  }
  if (target?.tag === latest.tag) return { target, heldBack: void 0 };
  const bump = majorBump(running, latest);
  if (target !== void 0) {
    return {
      target,
      heldBack: {
        tag: latest.tag,
        why: blocker ?? "held",
        alert: bump === void 0 ? "held-manual-migration" : "held-major",
        quoted: flagged
      }
    };
  }
  if (bump !== void 0) {
    return {
      hold: await run.outcome(
        "held-major",
        running.tag,
        `${running.tag} \u2192 ${latest.tag} is a ${bump}; held for a person, nothing was changed`,
        flagged
      )
    };
  }
  const tags = flagged.map((n) => n.tag).join(", ");
  return {
    hold: await run.outcome(
      "held-manual-migration",
      running.tag,
      `${running.tag} \u2192 ${latest.tag}: the release notes of ${tags} ask for a person; held, nothing was changed`,
      flagged
    )
  };
}
async function upgradeOrRollBack(run, running, latest, heldBack) {
  const lastGood = running.tag;
  await run.ledger.update({ lastGood });
  const backup2 = await run.app.backup();
  if (!run.record("backup", backup2)) {
    return run.outcome(
      "backup-failed",
      running.tag,
      `the backup before ${running.tag} \u2192 ${latest.tag} failed, so the upgrade was not started`
    );
  }
  if (await run.deployAndGate(`upgrade to ${latest.tag}`, run.app.upgrade(latest.tag))) {
    await run.ledger.update({ lastGood: latest.tag, rejected: void 0 });
    const held = heldBack === void 0 ? "" : `; ${heldBack.tag} is held for a person (${heldBack.why}), this is the newest safe step`;
    const done = await run.outcome(
      "upgraded",
      latest.tag,
      `upgraded ${running.tag} \u2192 ${latest.tag}; healthy${held}`,
      heldBack?.quoted ?? []
    );
    return heldBack === void 0 ? done : { ...done, heldBack };
  }
  await run.ledger.update({
    rejected: {
      version: latest.tag,
      at: (/* @__PURE__ */ new Date()).toISOString(),
      reason: run.steps.findLast((s) => !s.ok)?.summary ?? "its health gate failed"
    }
  });
  const restored = run.record(
    `restore the backup (${backup2.location ?? "as the backend keeps it"})`,
    await run.app.restore(backup2.location, lastGood)
  );
  const recovered = await run.deployAndGate(`redeploy ${lastGood}`, run.app.upgrade(lastGood));
  if (restored && recovered) {
    return run.outcome(
      "rolled-back",
      lastGood,
      `${latest.tag} failed its health gate; the backup was restored and ${lastGood} is healthy again; ${latest.tag} is rejected: later runs keep ${lastGood} until a newer release is published or retry-rejected is true`
    );
  }
  return run.outcome(
    "unrecovered",
    recovered ? lastGood : void 0,
    `${latest.tag} failed its health gate and the rollback to ${lastGood} did not recover (${restored ? "redeploy or health gate failed" : "the restore failed"}); a person is needed`
  );
}

// src/reconcile/alerts.ts
function alertTitle(domain, reason) {
  return `[recipe-ci] ${domain}: ${reason}`;
}
async function syncAlertIssues(api, domain, outcome, body) {
  const titles = new Map(ALERTING.map((reason2) => [alertTitle(domain, reason2), reason2]));
  const open = (await api.listOpen()).filter((issue) => titles.has(issue.title));
  const done = [];
  const reason = outcome.heldBack?.alert ?? outcome.result;
  if (ALERTING.includes(reason)) {
    const title = alertTitle(domain, reason);
    const existing = open.find((issue) => issue.title === title);
    if (existing === void 0) {
      done.push(`opened #${String(await api.create(title, body))} ${title}`);
    } else if (existing.body.trim() !== body.trim()) {
      await api.updateBody(existing.number, body);
      done.push(`updated #${String(existing.number)} ${title}`);
    } else {
      done.push(`#${String(existing.number)} ${title} already says this`);
    }
  }
  if (HEALTHY_ON_LATEST.includes(outcome.result) && outcome.heldBack === void 0) {
    for (const issue of open) {
      await api.close(
        issue.number,
        `${domain} is healthy on ${outcome.latest} (${outcome.result}); closing.`
      );
      done.push(`closed #${String(issue.number)} ${issue.title}`);
    }
  }
  return done;
}

// src/reconcile/abra-app.ts
var import_semver3 = __toESM(require_semver2(), 1);
import { existsSync as existsSync2, readFileSync } from "node:fs";

// src/reconcile/command-app.ts
import { existsSync } from "node:fs";
import { join } from "node:path";

// src/deploy/health.ts
var POLL_INTERVAL_MS = 250;
var ATTEMPT_TIMEOUT_MS = 5e3;
function httpHealthGate(config, env, signal, timeoutMs = () => config.health.timeoutMs) {
  return async () => {
    const checks = config.health.http(env);
    if (checks.length === 0) return { ok: true, summary: "no HTTP checks configured" };
    const clock = { now: Date.now, sleep: abortableSleep, random: Math.random };
    const outcomes = await runHttpChecks(
      checks,
      {
        timeoutMs: timeoutMs(),
        connectTimeoutMs: ATTEMPT_TIMEOUT_MS,
        intervalMs: POLL_INTERVAL_MS
      },
      clock,
      signal,
      clock.now()
    );
    const failed2 = outcomes.filter((o) => !o.passed);
    return {
      ok: failed2.length === 0,
      summary: failed2.length === 0 ? outcomes.map((o) => `${o.check.label}: ${o.reason}`).join("; ") : failed2.map((o) => `${o.check.label}: ${o.reason}`).join("; ")
    };
  };
}

// src/reconcile/command-app.ts
var RunningVersionError = class extends Error {
};
function commandApp(options) {
  const { config, signal } = options;
  const release = async (version) => {
    const dir = join(options.appDir, "releases", version.replace(/[^\w.+-]/g, "_"));
    if (!existsSync(dir)) await exportTag(options.recipePath, version, dir);
    return { version, dir };
  };
  const backendAt = async (version) => {
    const env = { ...options.env };
    if (version !== void 0) {
      const source = await release(version);
      env.RECIPE_CI_VERSION = version;
      env.RECIPE_CI_SOURCE = source.dir;
    }
    return commandBackend({ config, env, signal, timeoutMs: () => options.timeoutMs });
  };
  const gate = httpHealthGate(config, options.env, signal);
  return {
    runningFrom: `${config.file} commands.version`,
    async runningVersion() {
      const command = config.commands.version;
      if (command === void 0)
        throw new RunningVersionError(`${config.file} gives no commands.version`);
      const result = await runCommandLine(command, {
        cwd: options.recipePath,
        env: options.env,
        timeoutMs: options.timeoutMs,
        signal
      });
      if (!succeeded(result)) {
        throw new RunningVersionError(
          `${config.file} commands.version ${describeEnd(result, "its time limit")}: ${result.output.trim().slice(-500)}`
        );
      }
      return result.lastLine === "" ? void 0 : result.lastLine;
    },
    deploy: async (version) => (await backendAt(version)).deploy(await release(version)),
    upgrade: async (version) => (await backendAt(version)).upgrade(await release(version)),
    backup: async () => (await backendAt(void 0)).backup(),
    restore: async (location, version) => (await backendAt(version)).restore(location),
    health: async () => {
      const http = await gate();
      if (!http.ok) return http;
      const own = await (await backendAt(void 0)).health();
      return { ok: own.ok, summary: `${http.summary}; ${own.summary}` };
    },
    diagnostics: async () => (await backendAt(void 0)).diagnostics()
  };
}

// src/reconcile/abra-app.ts
var UnknownAppError = class extends Error {
};
function runningFromEnvFile(text, recipe, file) {
  const type = parseEnvFile(text).TYPE;
  if (type === void 0 || type === "") {
    throw new RunningVersionError(`${file} has no TYPE=<recipe>:<version> line`);
  }
  const colon = type.indexOf(":");
  const name = colon === -1 ? type : type.slice(0, colon);
  if (name !== recipe) {
    throw new UnknownAppError(
      `${file} is an app of recipe ${name}, not ${recipe}; check the recipe and domain inputs`
    );
  }
  return colon === -1 || type.slice(colon + 1) === "" ? void 0 : type.slice(colon + 1);
}
function abraApp(options) {
  const { recipe, domain, abraDir, signal } = options;
  const envFile = appEnvPath(abraDir, options.server, domain);
  const env = { ...process.env, ABRA_DIR: abraDir };
  const swarm = abraBackend({
    recipe,
    server: options.server,
    domain,
    abraDir,
    candidateDir: options.recipePath,
    appEnv: {},
    signal,
    commandTimeoutMs: options.commandTimeoutMs,
    healthTimeoutMs: options.healthTimeoutMs
  });
  const running = () => {
    if (!existsSync2(envFile)) {
      throw new UnknownAppError(
        `there is no app ${domain} on server ${options.server} in ABRA_DIR ${abraDir} (no ${envFile}); create it first with abra app new ${recipe} -s ${options.server} -D ${domain} and abra app secret generate ${domain} -a, or fix the domain, server or abra-dir input`
      );
    }
    return runningFromEnvFile(readFileSync(envFile, "utf8"), recipe, envFile);
  };
  let placed = false;
  const placeOurRecipe = () => {
    if (placed) return;
    placeRecipe(abraDir, recipe, options.recipePath);
    placed = true;
  };
  const abra = async (args) => {
    const { ok, summary, result } = await runAbra(args, {
      abraDir,
      env,
      timeoutMs: options.commandTimeoutMs,
      signal
    });
    return { ok, summary, results: [result] };
  };
  return {
    runningFrom: envFile,
    runningVersion: () => Promise.resolve(running()),
    deploy: (version) => {
      placeOurRecipe();
      return abra(["app", "deploy", domain, version, "-n"]);
    },
    upgrade: (version) => {
      placeOurRecipe();
      const now = parseRecipeVersion(running() ?? "");
      const target = parseRecipeVersion(version);
      if (now && target && import_semver3.default.gt(target.recipe, now.recipe)) {
        return abra(["app", "upgrade", domain, version, "-n"]);
      }
      return abra(["app", "deploy", domain, version, "--force", "-n"]);
    },
    backup: async () => ({
      ...await abra(["app", "backup", "create", domain, "-n"]),
      location: void 0
    }),
    restore: () => abra(["app", "restore", domain, "-n"]),
    health: async () => {
      const own = await swarm.health();
      if (!own.ok) return own;
      const http = await options.httpHealth();
      return { ok: http.ok, summary: `${own.summary}; ${http.summary}` };
    },
    diagnostics: () => swarm.diagnostics()
  };
}

// src/reconcile/ledger.ts
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
var LedgerError = class extends Error {
};
function fileLedger(path, app) {
  let current;
  const read = async () => {
    if (current) return current;
    let text;
    try {
      text = await readFile(path, "utf8");
    } catch (error) {
      if (error.code !== "ENOENT") throw error;
      current = {
        version: 1,
        ...app,
        lastGood: void 0,
        port: void 0,
        rejected: void 0,
        updated: void 0
      };
      return current;
    }
    current = parseLedger(text, path, app);
    return current;
  };
  return {
    path,
    read,
    async update(change) {
      const before = await read();
      const after = { ...before, ...change };
      if (after.lastGood === before.lastGood && after.port === before.port && JSON.stringify(after.rejected) === JSON.stringify(before.rejected)) {
        return before;
      }
      after.updated = (/* @__PURE__ */ new Date()).toISOString();
      await mkdir(dirname(path), { recursive: true });
      const temporary = `${path}.${String(process.pid)}.tmp`;
      await writeFile(temporary, `${JSON.stringify(after, null, 2)}
`);
      await rename(temporary, path);
      current = after;
      return after;
    }
  };
}
function parseLedger(text, path, app) {
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    throw new LedgerError(`${path} is not JSON; fix or remove it (it only holds last-good)`);
  }
  const fields = typeof value === "object" && value !== null ? value : {};
  if (fields.version !== 1) {
    throw new LedgerError(`${path} has format ${String(fields.version)}, this version reads 1`);
  }
  if (fields.recipe !== app.recipe || fields.domain !== app.domain) {
    throw new LedgerError(
      `${path} belongs to ${String(fields.recipe)} at ${String(fields.domain)}, not ${app.recipe} at ${app.domain}; check the recipe and domain inputs`
    );
  }
  return {
    version: 1,
    recipe: app.recipe,
    domain: app.domain,
    lastGood: typeof fields.lastGood === "string" ? fields.lastGood : void 0,
    port: typeof fields.port === "number" ? fields.port : void 0,
    rejected: parseRejection(fields.rejected),
    updated: typeof fields.updated === "string" ? fields.updated : void 0
  };
}
function parseRejection(value) {
  if (typeof value !== "object" || value === null) return void 0;
  const { version, at, reason } = value;
  if (typeof version !== "string" || version === "") return void 0;
  return {
    version,
    at: typeof at === "string" ? at : "",
    reason: typeof reason === "string" ? reason : ""
  };
}

// src/recipe/release-notes.ts
import { readFile as readFile2 } from "node:fs/promises";
import { join as join2 } from "node:path";
var NOTE_MARKERS = [
  { phrase: "manual migration", pattern: /\bmanual(ly)?[\s_-]*migrat/i },
  { phrase: "manual action", pattern: /\bmanual[\s_-]+actions?\b/i },
  { phrase: "manual step", pattern: /\bmanual[\s_-]+steps?\b/i },
  { phrase: "action required", pattern: /\b(action[\s_-]+required|required[\s_-]+action)\b/i },
  { phrase: "by hand", pattern: /\bby[\s_-]+hand\b/i },
  { phrase: "manually", pattern: /\bmanually\b/i },
  { phrase: "breaking change", pattern: /\bbreaking[\s_-]*changes?\b/i }
];
function noteLayouts(version) {
  return [`releaseNotes/${version}.md`, `releaseNotes/${version}`, `release/${version}`];
}
async function readNotesAtTags(recipePath, versions) {
  const found = [];
  for (const { tag } of versions) {
    const notes = await readVersionNotes(tag, (path) => fileAtTag(recipePath, tag, path));
    found.push(...notes.map((note) => ({ tag, ...note })));
  }
  return found;
}
async function readVersionNotes(version, read) {
  const found = [];
  for (const path of noteLayouts(version)) {
    const text = await read(path);
    if (text !== void 0) found.push({ path, flagged: flaggedLines(text) });
  }
  return found;
}
function checkoutReader(recipePath) {
  return async (path) => {
    try {
      return await readFile2(join2(recipePath, path), "utf8");
    } catch (error) {
      const code = error.code;
      if (code === "ENOENT" || code === "EISDIR" || code === "ENOTDIR") return void 0;
      throw error;
    }
  };
}
function flaggedLines(text) {
  return text.split("\n").map((line) => line.trim()).filter((line) => NOTE_MARKERS.some((marker) => marker.pattern.test(line)));
}

// src/reconcile/settings.ts
import { existsSync as existsSync3, statSync } from "node:fs";
import { resolve } from "node:path";
function readReconcileSettings(inputs, env) {
  const domain = inputs.required(
    "domain",
    "mode reconcile keeps one long-lived app current; give its domain (a generated one would be a new app every run)"
  );
  let appDir;
  if (inputs.choice("backend", ["abra", "command"]) === "command") {
    appDir = resolve(
      inputs.required(
        "app-dir",
        "with backend command, give the folder the long-lived app lives in (its data, releases and ledger)"
      )
    );
    if (!existsSync3(appDir) || !statSync(appDir).isDirectory()) {
      inputs.fail(
        "app-dir",
        `${appDir} is not a folder, so there is no such app here; create it (mkdir) to deploy the app there for the first time, or fix the path`
      );
    }
  }
  let issues;
  if (inputs.defaulted("alert-issues", inputs.boolean("alert-issues"))) {
    const token = inputs.secret("alert-token");
    if (token === void 0) {
      inputs.fail(
        "alert-token",
        "is required when alert-issues is true; pass ${{ github.token }} and give the job `issues: write`"
      );
    }
    const repository = env.GITHUB_REPOSITORY ?? "";
    if (!/^[^/\s]+\/[^/\s]+$/.test(repository)) {
      inputs.fail(
        "alert-issues",
        "needs the repository (GITHUB_REPOSITORY, set by the runner) to open issues in; set it or turn alerts off"
      );
    }
    issues = { token, repository };
  }
  const retryRejected = inputs.defaulted("retry-rejected", inputs.boolean("retry-rejected"));
  return { domain: domain.toLowerCase(), appDir, issues, retryRejected };
}

// src/actions/reconcile.ts
async function reconcileMain(context, readConfig2) {
  const { inputs, outputs, log, publish, group } = context;
  const settings = readReconcileSettings(inputs, process.env);
  const suite = readSuiteSettings(inputs);
  const config = await readConfig2(suite);
  const url = `https://${settings.domain}`;
  outputs.set("domain", settings.domain);
  outputs.set("url", url);
  const published = await readPublished(suite, (message) => {
    log.notice(message);
  });
  const { app, ledger, fixPort } = await openApp(context, suite, settings, config, url);
  const running = await readRunning(app, published, suite);
  await fixPort();
  const latest = published[0];
  const saved = await ledger.read();
  log.info(
    `${settings.domain}: running ${running?.tag ?? "nothing"}, newest published ${latest.tag}, last good ${saved.lastGood ?? "none yet"}${saved.rejected ? `, rejected ${saved.rejected.version}` : ""}`
  );
  const outcome = await reconcile({
    app,
    published,
    running,
    ledger,
    retryRejected: settings.retryRejected,
    notes: (versions) => readNotesAtTags(suite.recipePath, versions),
    onStep: (step) => {
      log.info(`${step.ok ? "\u2713" : "\u2717"} ${step.name}: ${step.summary}`);
      if (!step.ok && step.output !== "") log.info(step.output);
    }
  });
  outputs.set("result", outcome.result);
  outputs.set("running-version", outcome.now ?? "");
  outputs.set("latest-version", outcome.latest);
  outputs.set("last-good", outcome.lastGood ?? "");
  outputs.set("rejected-version", outcome.rejected?.version ?? "");
  outputs.set("status", FAILING.includes(outcome.result) ? "failed" : "passed");
  const alerts = settings.issues ? await sendAlerts(context, settings, outcome) : [];
  await publish(reconcileReport(suite.recipe, settings.domain, outcome, alerts));
  if (outcome.diagnostics) {
    const diagnostics = outcome.diagnostics;
    await group("diagnostics", () => {
      log.info(diagnostics);
      return Promise.resolve();
    });
  }
  if (outcome.heldBack !== void 0) {
    log.warning(
      `${settings.domain}: ${outcome.heldBack.tag} held for a person (${outcome.heldBack.why}); moved to ${outcome.now ?? ""}, the newest safe version`
    );
  }
  if (ALERTING.includes(outcome.result) || outcome.result === "held-rejected") {
    log.warning(`${settings.domain}: ${outcome.result} \u2014 ${outcome.message}`);
  }
  if (FAILING.includes(outcome.result)) {
    throw new Error(`${settings.domain}: ${outcome.result} \u2014 ${outcome.message}`);
  }
}
async function readPublished(suite, notice) {
  let tags;
  try {
    tags = await listTags(suite.recipePath);
  } catch (error) {
    throw new ConfigurationError(
      `input "recipe-path": ${suite.recipePath} is not a git checkout of the recipe (${getErrorMessage(error)}).`
    );
  }
  const ignored = ignoredTagsNotice(tags);
  if (ignored !== void 0) notice(ignored);
  const published = publishedVersions(tags);
  if (published.length === 0) {
    throw new ConfigurationError(
      `input "recipe-path": ${suite.recipePath} has no published version tags (like 1.2.0+3.4), so there is nothing to deploy; check out the recipe with its tags (actions/checkout with fetch-depth: 0).`
    );
  }
  return published;
}
async function openApp(context, suite, settings, config, url) {
  if (suite.backend === "abra") return openAbraApp(context, suite, settings, config, url);
  if (settings.appDir === void 0) throw new Error("app-dir is checked with the inputs");
  const missing = ["version", "deploy", "backup", "restore"].filter(
    (op) => config.commands[op] === void 0
  );
  if (missing.length > 0) {
    throw new ConfigurationError(
      `${config.file}: mode reconcile with backend command needs commands.${missing.join(", commands.")} (version prints the running version's tag, nothing when not deployed).`
    );
  }
  const ledger = fileLedger(join3(settings.appDir, "recipe-ci-reconcile.json"), {
    recipe: suite.recipe,
    domain: settings.domain
  });
  const saved = await readLedger(ledger);
  const env = await buildRunEnv({
    recipe: suite.recipe,
    domain: settings.domain,
    url,
    stateDir: settings.appDir,
    candidateDir: suite.recipePath,
    configEnv: config.env,
    envFile: suite.envFile
  });
  if (saved.port !== void 0) env.RECIPE_CI_PORT = String(saved.port);
  const fixPort = async () => {
    await ledger.update({ port: Number(env.RECIPE_CI_PORT) });
  };
  const app = commandApp({
    config,
    recipePath: suite.recipePath,
    appDir: settings.appDir,
    env,
    signal: context.signal,
    timeoutMs: Math.max(...Object.values(config.tiers).map((t) => t.timeoutMs))
  });
  return { app, ledger, fixPort };
}
async function openAbraApp(context, suite, settings, config, url) {
  checkBackendInputs(suite, context.inputs);
  const server = suite.server ?? "local";
  const abraDir = resolve2(
    context.inputs.string("abra-dir") ?? process.env.ABRA_DIR ?? join3(homedir(), ".abra")
  );
  const ledgerDir = join3(abraDir, "recipe-ci", abraServerName(server));
  const ledger = fileLedger(join3(ledgerDir, `${settings.domain}.json`), {
    recipe: suite.recipe,
    domain: settings.domain
  });
  await readLedger(ledger);
  const env = await buildRunEnv({
    recipe: suite.recipe,
    domain: settings.domain,
    url,
    stateDir: ledgerDir,
    candidateDir: suite.recipePath,
    configEnv: config.env,
    envFile: suite.envFile
  });
  const app = abraApp({
    recipe: suite.recipe,
    server,
    domain: settings.domain,
    abraDir,
    recipePath: suite.recipePath,
    httpHealth: httpHealthGate(config, env, context.signal),
    signal: context.signal,
    commandTimeoutMs: Math.max(...Object.values(config.tiers).map((t) => t.timeoutMs)),
    healthTimeoutMs: config.health.timeoutMs
  });
  return { app, ledger, fixPort: () => Promise.resolve() };
}
async function readLedger(ledger) {
  try {
    return await ledger.read();
  } catch (error) {
    if (error instanceof LedgerError) throw new ConfigurationError(`${error.message}.`);
    throw error;
  }
}
async function readRunning(app, published, suite) {
  let tag;
  try {
    tag = await app.runningVersion();
  } catch (error) {
    if (error instanceof UnknownAppError) throw new ConfigurationError(`${error.message}.`);
    if (error instanceof RunningVersionError) {
      throw new ConfigurationError(
        `the running version of the app cannot be read: ${error.message}; fix it so it prints the version's tag (nothing when not deployed).`
      );
    }
    throw error;
  }
  if (tag === void 0) return void 0;
  const version = parseRecipeVersion(tag);
  if (version === void 0) {
    const newest = published.slice(0, 3).map((v) => v.tag).join(", ");
    throw new ConfigurationError(
      `the running version of ${suite.recipe} read from ${app.runningFrom} is "${tag.slice(0, 80)}", which is not a version tag (published: ${newest}); fix what records it, or redeploy a published version by hand.`
    );
  }
  return version;
}
async function sendAlerts(context, settings, outcome) {
  const { log, platform } = context;
  if (settings.issues === void 0) return [];
  if (platform.apiUrl === void 0) {
    log.warning("alert-issues: the runner gives no API URL (GITHUB_API_URL); no issue was touched");
    return ["no API URL from the runner; no issue was touched"];
  }
  try {
    const { githubIssues } = await import("./platform-github-issues-65daecd8.js");
    const api = githubIssues({ ...settings.issues, apiUrl: platform.apiUrl });
    const body = reconcileReport("", settings.domain, outcome, []).toMarkdown();
    const done = await syncAlertIssues(api, settings.domain, outcome, body);
    for (const line of done) log.info(`alert issue: ${line}`);
    return done;
  } catch (error) {
    const message = `alert issue not updated: ${getErrorMessage(error)}`;
    log.warning(message);
    return [message];
  }
}
function reconcileReport(recipe, domain, outcome, alerts) {
  const report = new Report(
    recipe === "" ? `${domain}: ${outcome.result}` : `${recipe} reconcile \u2014 ${domain}: ${outcome.result}`
  );
  report.text(outcome.message);
  report.table(
    ["running before", "newest published", "running now", "last good"],
    [[outcome.running ?? "\u2014", outcome.latest, outcome.now ?? "unknown", outcome.lastGood ?? "\u2014"]]
  );
  if (outcome.rejected) {
    const { version, at, reason } = outcome.rejected;
    report.text(
      `Rejected: ${version} failed its health gate here${at === "" ? "" : ` (${at})`}: ${reason}. It is not tried again until a newer release is published or \`retry-rejected: true\`.`
    );
  }
  for (const notes of outcome.quoted) {
    report.text(
      `Release notes ${notes.tag} (${notes.path}):
${notes.flagged.map((l) => `> ${l}`).join("\n")}`
    );
  }
  if (outcome.steps.length > 0) {
    report.table(
      ["step", "ok", "summary"],
      outcome.steps.map((s) => [s.name, s.ok ? "yes" : "no", s.summary])
    );
  }
  for (const line of alerts) report.text(`Alert issue: ${line}`);
  return report;
}

// src/recipe/config.ts
var import_yaml = __toESM(require_dist(), 1);
import { readFile as readFile3 } from "node:fs/promises";
import { isIP } from "node:net";
var OPERATIONS = [
  "deploy",
  "upgrade",
  "backup",
  "restore",
  "teardown",
  "logs",
  // For mode: janitor: prints the apps it knows, one `<domain> <created> [<state dir>]` a line.
  "list",
  // Prints the running version's tag, nothing when not deployed (mode: reconcile).
  "version",
  // The lint tier: checks the recipe's files (RECIPE_CI_SOURCE, the candidate); exit 0 passes.
  "lint"
];
var DATA_HOOKS = ["seed", "verify", "mutate"];
var DEFAULT_TIER_TIMEOUTS_MS = {
  install: 8 * 6e4,
  upgrade: 12 * 6e4,
  backup: 4 * 6e4,
  restore: 6 * 6e4,
  custom: 6 * 6e4,
  // Lint reads files and deploys nothing (abra's takes about a second).
  lint: 2 * 6e4
};
var DEFAULT_HEALTH_TIMEOUT_MS = 5 * 6e4;
var DEFAULT_TEST_TIMEOUT_MS = 5 * 6e4;
var DEFAULT_SCREENSHOT_TIMEOUT_MS = 3e4;
var DEFAULT_VIEWPORT = { width: 1280, height: 800 };
var VIEWPORT_SIDE = { min: 100, max: 4096 };
var SCREENSHOT_KEYS = ["url", "path", "resolve", "wait-for", "viewport", "timeout"];
var SAMPLE_ENV = {
  RECIPE_CI_DOMAIN: "app.example.test",
  RECIPE_CI_URL: "https://app.example.test",
  RECIPE_CI_PORT: "8080",
  RECIPE_CI_HOST: "192.0.2.10"
};
function expandEnv(value, env) {
  if (typeof value === "string") {
    return value.replace(
      /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g,
      (whole, name) => env[name] ?? whole
    );
  }
  if (Array.isArray(value)) return value.map((item) => expandEnv(item, env));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expandEnv(v, env)]));
  }
  return value;
}
var RecipeConfigError = class extends Error {
};
async function readRecipeConfig(path, label = path) {
  let text;
  try {
    text = await readFile3(path, "utf8");
  } catch (error) {
    if (error.code === "ENOENT") return parseRecipeConfig("", label);
    throw new RecipeConfigError(`${label}: cannot be read (${error.message})`);
  }
  return parseRecipeConfig(text, label);
}
function parseRecipeConfig(text, file) {
  const lines = new import_yaml.LineCounter();
  const doc = (0, import_yaml.parseDocument)(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const [syntax] = doc.errors;
  if (syntax) {
    const at = lines.linePos(syntax.pos[0]);
    throw new RecipeConfigError(
      `${file}:${String(at.line)}: not valid YAML: ${syntax.message.split("\n")[0] ?? ""}`
    );
  }
  return new ConfigReader(doc, lines, file).read();
}
var ConfigReader = class {
  constructor(doc, lines, file) {
    this.doc = doc;
    this.lines = lines;
    this.file = file;
  }
  doc;
  lines;
  file;
  read() {
    const root = this.mapping(
      [],
      ["version", "env", "commands", "data", "health", "tiers", "custom", "screenshot"]
    );
    const version = root.version;
    if (version !== void 0 && version !== 1) this.fail(["version"], "must be 1");
    const health = this.mapping(["health"], ["timeout", "http"]);
    const tiers = this.mapping(["tiers"], TIERS);
    const env = this.strings(["env"], void 0);
    return {
      file: this.file,
      env,
      commands: this.strings(["commands"], OPERATIONS),
      data: this.strings(["data"], DATA_HOOKS),
      health: {
        timeoutMs: this.duration(["health", "timeout"], health.timeout, DEFAULT_HEALTH_TIMEOUT_MS),
        http: this.httpChecks(["health", "http"], health.http, env)
      },
      tiers: Object.fromEntries(
        TIERS.map((tier) => [tier, this.tier(tier, tiers[tier])])
      ),
      custom: this.custom(),
      screenshot: this.screenshot(env)
    };
  }
  /**
   * `screenshot:` — absent or `false`: none; `true` or empty: the defaults; else a mapping. URLs
   * and `resolve` are checked now with sample values, as health checks are.
   */
  screenshot(env) {
    const path = ["screenshot"];
    const value = this.valueAt(path);
    if (value === void 0 || value === false) return void 0;
    const fields = value === true ? {} : this.mapping(path, SCREENSHOT_KEYS, value);
    const url = this.optionalText([...path, "url"], fields.url);
    const page = this.optionalText([...path, "path"], fields.path);
    if (url !== void 0 && page !== void 0) {
      this.fail([...path, "path"], "cannot be given with url; give the whole url, or only path");
    }
    if (page !== void 0 && !page.startsWith("/")) {
      this.fail([...path, "path"], `must start with /; got ${JSON.stringify(page)}`);
    }
    const pageUrl = (values) => url === void 0 ? `${(values.RECIPE_CI_URL ?? "").replace(/\/+$/, "")}${page ?? "/"}` : expandEnv(url, values);
    if (url !== void 0) {
      this.checkEnvNames([...path, "url"], url, env);
      const problem = urlProblem(pageUrl(SAMPLE_ENV), url);
      if (problem !== void 0) this.fail([...path, "url"], problem);
    }
    const resolve4 = this.optionalText([...path, "resolve"], fields.resolve);
    if (resolve4 !== void 0) {
      this.checkEnvNames([...path, "resolve"], resolve4, env);
      const sample = expandEnv(resolve4, SAMPLE_ENV);
      if (!isAddressOrHost(sample)) {
        this.fail([...path, "resolve"], `must be an IP address or a host name; got "${resolve4}"`);
      }
    }
    return {
      url: pageUrl,
      resolve: (values) => resolve4 === void 0 ? values.RECIPE_CI_HOST : expandEnv(resolve4, values),
      waitFor: this.screenshotWait([...path, "wait-for"], fields["wait-for"]),
      viewport: this.viewport([...path, "viewport"], fields.viewport),
      timeoutMs: this.duration([...path, "timeout"], fields.timeout, DEFAULT_SCREENSHOT_TIMEOUT_MS),
      timeoutGiven: fields.timeout !== void 0 && fields.timeout !== null
    };
  }
  /** `wait-for: <CSS selector>`, or a mapping with one of `selector` and `text`. */
  screenshotWait(path, value) {
    if (value === void 0 || value === null) return void 0;
    if (typeof value === "string") {
      const selector2 = this.optionalText(path, value);
      if (selector2 === void 0) return void 0;
      if (/^text\s*:/.test(selector2)) {
        const text2 = selector2.replace(/^text\s*:\s*/, "");
        this.fail(
          path,
          `is read as a CSS selector; to wait for text, write wait-for: { text: ${text2} }`
        );
      }
      return { selector: selector2 };
    }
    const fields = this.mapping(path, ["selector", "text"], value);
    const selector = this.optionalText([...path, "selector"], fields.selector);
    const text = this.optionalText([...path, "text"], fields.text);
    if (selector !== void 0 && text !== void 0) {
      this.fail(path, "takes one of selector and text, not both");
    }
    if (selector !== void 0) return { selector };
    if (text !== void 0) return { text };
    this.fail(path, "needs selector (a CSS selector) or text (words shown on the page)");
  }
  viewport(path, value) {
    if (value === void 0 || value === null) return { ...DEFAULT_VIEWPORT };
    const match = typeof value === "string" ? /^\s*(\d+)\s*x\s*(\d+)\s*$/i.exec(value) : null;
    const [width, height] = [Number(match?.[1]), Number(match?.[2])];
    const fits = (side) => side >= VIEWPORT_SIDE.min && side <= VIEWPORT_SIDE.max;
    if (!match || !fits(width) || !fits(height)) {
      this.fail(
        path,
        `must be WIDTHxHEIGHT in pixels, each ${String(VIEWPORT_SIDE.min)} to ${String(VIEWPORT_SIDE.max)}, like 1280x800; got ${JSON.stringify(value)}`
      );
    }
    return { width, height };
  }
  /** Every `${NAME}` in `value` must be one a run sets, or one of the config's env. */
  checkEnvNames(path, value, env) {
    for (const [, name = ""] of JSON.stringify(value ?? null).matchAll(/\$\{(\w+)\}/g)) {
      if (!(name in SAMPLE_ENV) && !(name in env)) {
        this.fail(
          path,
          `uses \${${name}}, which a run does not set; use ${Object.keys(SAMPLE_ENV).join(", ")} or a name from env`
        );
      }
    }
  }
  tier(tier, value) {
    const path = ["tiers", tier];
    const fields = this.mapping(path, ["timeout", "not-applicable", "may-block"], value);
    return {
      timeoutMs: this.duration(
        [...path, "timeout"],
        fields.timeout,
        DEFAULT_TIER_TIMEOUTS_MS[tier]
      ),
      timeoutGiven: fields.timeout !== void 0 && fields.timeout !== null,
      notApplicable: this.optionalText([...path, "not-applicable"], fields["not-applicable"]),
      mayBlock: this.optionalText([...path, "may-block"], fields["may-block"])
    };
  }
  custom() {
    const value = this.valueAt(["custom"]);
    if (value === void 0 || value === null) return [];
    if (!Array.isArray(value))
      this.fail(["custom"], "must be a list of tests, each with name and run");
    const names = /* @__PURE__ */ new Set();
    return value.map((item, index) => {
      const path = ["custom", index];
      const fields = this.mapping(path, ["name", "run", "needs-oidc", "timeout"], item);
      const name = this.optionalText([...path, "name"], fields.name);
      const run = this.optionalText([...path, "run"], fields.run);
      if (name === void 0) this.fail(path, "needs a name");
      if (run === void 0) this.fail(path, "needs run: the command of the test");
      if (names.has(name)) this.fail([...path, "name"], `"${name}" is used twice`);
      names.add(name);
      const needsOidc = fields["needs-oidc"] ?? false;
      if (typeof needsOidc !== "boolean")
        this.fail([...path, "needs-oidc"], "must be true or false");
      return {
        name,
        run,
        needsOidc,
        timeoutMs: this.duration([...path, "timeout"], fields.timeout, DEFAULT_TEST_TIMEOUT_MS)
      };
    });
  }
  /** Validated now with sample values, so a typo fails before the first deploy. */
  httpChecks(path, value, env) {
    this.checkEnvNames(path, value, env);
    try {
      parseHttpChecks(expandEnv(value, SAMPLE_ENV));
    } catch (error) {
      if (error instanceof HttpSpecError) this.fail(path, error.message);
      throw error;
    }
    return (env2) => parseHttpChecks(expandEnv(value, env2));
  }
  /** A mapping at `path` (or the given value) with only `known` keys; absent is empty. */
  mapping(path, known, value = this.valueAt(path)) {
    if (value === void 0 || value === null) return {};
    if (typeof value !== "object" || Array.isArray(value)) {
      this.fail(path, "must be a mapping of key: value");
    }
    const fields = value;
    if (known) {
      for (const key of Object.keys(fields)) {
        if (!known.includes(key)) {
          this.fail([...path, key], `is not a known key here; use ${known.join(", ")}`);
        }
      }
    }
    return fields;
  }
  strings(path, known) {
    const fields = this.mapping(path, known);
    const out = {};
    for (const [key, value] of Object.entries(fields)) {
      if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
        out[key] = String(value);
      } else {
        this.fail([...path, key], "must be a single value (quote it if it looks like a list)");
      }
    }
    return out;
  }
  optionalText(path, value) {
    if (value === void 0 || value === null) return void 0;
    if (typeof value !== "string" || value.trim() === "")
      this.fail(path, "must be a non-empty string");
    return value.trim();
  }
  duration(path, value, fallback) {
    if (value === void 0 || value === null) return fallback;
    const text = typeof value === "string" || typeof value === "number" ? String(value) : "";
    const ms = parseDurationMs(text);
    if (ms === void 0 || ms <= 0) {
      this.fail(path, `must be a duration like 90s or 10m; got ${JSON.stringify(value)}`);
    }
    return ms;
  }
  valueAt(path) {
    const node = this.doc.getIn(path, true);
    if (node === void 0) return void 0;
    if ((0, import_yaml.isMap)(node) || (0, import_yaml.isSeq)(node)) return node.toJSON();
    return this.doc.getIn(path);
  }
  /** Fail at the line of the deepest node on `path` that exists. */
  fail(path, problem) {
    let line;
    for (let depth = path.length; depth > 0 && line === void 0; depth--) {
      const node = this.doc.getIn(path.slice(0, depth), true);
      if (node?.range) line = this.lines.linePos(node.range[0]).line;
    }
    const where = line === void 0 ? this.file : `${this.file}:${String(line)}`;
    throw new RecipeConfigError(`${where}: ${path.join(".")} ${problem}`);
  }
};
function urlProblem(text, written) {
  let url;
  try {
    url = new URL(text);
  } catch {
    return `is not a URL; write http://host:port/path (\${RECIPE_CI_\u2026} allowed); got "${written}"`;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return `must start with http:// or https://; got "${written}"`;
  }
  if (url.username || url.password) return "must not carry credentials";
  return void 0;
}
function isAddressOrHost(text) {
  const bare = text.replace(/^\[(.*)\]$/, "$1");
  return isIP(bare) !== 0 || /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i.test(text);
}

// src/suite/tier-context.ts
function freshApp() {
  return { deployed: void 0, seeded: false, backup: void 0 };
}
var Checks = class {
  list = [];
  /** Records a step; returns whether it passed. */
  add(name, step) {
    const results = step.results ?? [];
    this.list.push({
      name,
      status: step.ok ? "passed" : "failed",
      durationMs: results.reduce((sum, r) => sum + r.durationMs, 0),
      message: step.summary,
      output: results.map((r) => r.output).join("\n")
    });
    return step.ok;
  }
  blocked(name, message) {
    this.list.push({ name, status: "blocked", durationMs: 0, message, output: "" });
  }
};
var TierContext = class {
  constructor(tier, plan, deps, app) {
    this.tier = tier;
    this.plan = plan;
    this.deps = deps;
    this.app = app;
  }
  tier;
  plan;
  deps;
  app;
  checks = new Checks();
  get backend() {
    return this.deps.backend;
  }
  get config() {
    return this.deps.config;
  }
  /** Deploys `source` fresh and gates on health; the problem in words, or undefined. */
  async deployHealthy(source, label) {
    if (this.app.deployed !== void 0) {
      const down = await this.backend.teardown();
      if (!down.ok) {
        this.checks.add(`teardown before deploying ${label}`, down);
        return `could not tear down the ${this.app.deployed} before deploying ${label}`;
      }
    }
    this.app.deployed = void 0;
    if (this.deps.signal.aborted) return `cancelled before deploying ${label}`;
    this.app.seeded = false;
    this.app.backup = void 0;
    if (!this.checks.add(`deploy ${label}`, await this.backend.deploy(source)))
      return `deploy of ${label} failed`;
    if (!await this.healthy(`health after deploying ${label}`))
      return `${label} did not become healthy`;
    this.app.deployed = label === "candidate" ? "candidate" : "previous";
    return void 0;
  }
  /** The backend's own wait first (replicas), then the recipe's HTTP checks. */
  async healthy(name) {
    const backendHealth = await this.backend.health();
    if (!this.checks.add(`${name} (${this.backend.name})`, backendHealth)) return false;
    return this.checks.add(name, await this.deps.httpHealth());
  }
  /** Runs a data hook of the config; a hook the recipe does not declare passes. */
  async hook(name) {
    const command = this.config.data[name];
    if (command === void 0) return true;
    return this.command(`data ${name}`, command, void 0, `${name}: `);
  }
  /** Seeds the app's data unless an earlier tier of this attempt did. */
  async seedOnce() {
    if (this.app.seeded) return true;
    if (!await this.hook("seed")) return false;
    this.app.seeded = this.config.data.seed !== void 0;
    return true;
  }
  /**
   * A recipe command line as a check of this tier: limited by its own timeout (a custom test's)
   * and by what is left of the tier's budget.
   */
  async command(check, line, ownMs, prefix = "") {
    const timeoutMs = this.deps.clock.limit(ownMs);
    const result = await runCommandLine(line, {
      cwd: this.deps.cwd,
      env: this.deps.env,
      timeoutMs,
      signal: this.deps.signal
    });
    const limit = `${String(Math.round(timeoutMs / 1e3))}s`;
    return this.checks.add(check, {
      ok: succeeded(result),
      summary: `${prefix}${describeEnd(result, limit)}`,
      results: [result]
    });
  }
  /** The candidate running and healthy: what backup, restore and custom start from. */
  async candidateReady() {
    if (this.app.deployed === "candidate") return void 0;
    const problem = await this.deployHealthy(this.plan.candidate, "candidate");
    return problem === void 0 ? void 0 : { status: "blocked", reason: problem };
  }
};

// src/suite/tier-result.ts
function failsRun(result, mayBlock) {
  return result.status === "failed" || result.status === "blocked" && !mayBlock;
}

// src/suite/tier-runs.ts
import { existsSync as existsSync4, readdirSync, statSync as statSync2 } from "node:fs";
var failed = (reason) => ({ status: "failed", reason });
var blocked = (reason) => ({ status: "blocked", reason });
async function install(ctx) {
  const problem = await ctx.deployHealthy(ctx.plan.candidate, "candidate");
  return problem === void 0 ? { status: "passed", reason: "deployed once, healthy" } : failed(problem);
}
async function upgrade(ctx) {
  const { plan, app } = ctx;
  if (plan.upgradeBlocked !== void 0) return blocked(plan.upgradeBlocked);
  if (plan.held !== void 0) return { status: "held", reason: plan.held };
  if ("none" in plan.previous) return { status: "skipped", reason: plan.previous.none };
  let previous;
  try {
    previous = await plan.previous.source();
  } catch (error) {
    return blocked(`cannot get the previous version: ${error.message}`);
  }
  const label = previous.version ?? "previous";
  const problem = await ctx.deployHealthy(previous, label);
  if (problem !== void 0) return blocked(problem);
  if (!await ctx.seedOnce()) return blocked("seeding data failed");
  const upgraded = await ctx.backend.upgrade(plan.candidate);
  app.deployed = void 0;
  if (!ctx.checks.add(`upgrade ${label} \u2192 candidate`, upgraded))
    return failed(`upgrade from ${label} failed`);
  if (!await ctx.healthy("health after upgrade"))
    return failed(`not healthy after the upgrade from ${label}`);
  app.deployed = "candidate";
  if (!await ctx.hook("verify"))
    return failed(`data seeded on ${label} did not survive the upgrade`);
  const data = app.seeded ? ", data kept" : " (no data hooks: data not checked)";
  return { status: "passed", reason: `${label} \u2192 candidate${data}` };
}
async function backup(ctx) {
  const notReady = await ctx.candidateReady();
  if (notReady) return notReady;
  if (!await ctx.seedOnce()) return blocked("seeding data failed");
  const made = await ctx.backend.backup();
  if (!ctx.checks.add("backup create", made)) return failed("backup failed");
  const problem = backupProblem(made.location, ctx.backend.name);
  ctx.checks.add("backup exists and is not empty", {
    ok: problem === void 0,
    summary: problem ?? made.location ?? ""
  });
  if (problem !== void 0) return failed(problem);
  ctx.app.backup = made.location ?? "";
  return {
    status: "passed",
    reason: `backup at ${made.location ?? "the backend\u2019s default place"}`
  };
}
async function restore(ctx) {
  const { app, config } = ctx;
  if (app.backup === void 0 || app.deployed !== "candidate")
    return blocked("needs a backup from the backup tier of this run");
  if (config.data.mutate === void 0 || config.data.verify === void 0) {
    return {
      status: "skipped",
      reason: `${config.file} gives no data.mutate and data.verify to prove a restore`
    };
  }
  if (!await ctx.hook("mutate")) return blocked("mutating data failed");
  if (!ctx.checks.add("restore", await ctx.backend.restore(app.backup)))
    return failed("restore failed");
  if (!await ctx.healthy("health after restore")) return failed("not healthy after the restore");
  if (!await ctx.hook("verify")) return failed("the restore did not bring the data back");
  return { status: "passed", reason: "mutated data was brought back" };
}
async function custom(ctx) {
  const tests = ctx.config.custom;
  if (tests.length === 0)
    return { status: "skipped", reason: `${ctx.config.file} declares no custom tests` };
  const notReady = await ctx.candidateReady();
  if (notReady) return notReady;
  let failures = 0;
  let blocks = 0;
  for (const test of tests) {
    if (test.needsOidc && !ctx.plan.oidc) {
      ctx.checks.blocked(test.name, "needs OIDC settings, and no env-file with them was given");
      blocks++;
    } else if (!await ctx.command(test.name, test.run, test.timeoutMs)) {
      failures++;
    }
  }
  const of = (n) => `${String(n)} of ${String(tests.length)} custom tests`;
  if (failures > 0) return failed(`${of(failures)} failed`);
  if (blocks > 0) return blocked(`${of(blocks)} need OIDC, which is missing`);
  return { status: "passed", reason: `${String(tests.length)} custom tests passed` };
}
async function lint(ctx) {
  const step = await ctx.backend.lint(ctx.plan.candidate);
  if (step.skipped !== void 0) return { status: "skipped", reason: step.skipped };
  return ctx.checks.add("lint", step) ? { status: "passed", reason: step.summary } : failed(step.summary);
}
var TIER_RUNS = {
  install,
  upgrade,
  backup,
  restore,
  custom,
  lint
};
function backupProblem(location, backend) {
  if (location === void 0 || location === "") {
    return backend === "command" ? "the backup command printed no location on its last line" : void 0;
  }
  if (!existsSync4(location))
    return backend === "command" ? `the backup ${location} does not exist` : void 0;
  const stats = statSync2(location);
  const empty = stats.isDirectory() ? readdirSync(location).length === 0 : stats.size === 0;
  return empty ? `the backup ${location} is empty` : void 0;
}

// src/suite/engine.ts
async function runSuite(plan, deps) {
  const all = [];
  let stopped;
  for (let attempt = 1; attempt <= plan.repeat; attempt++) {
    if (attempt > 1 && stopped === void 0) stopped = await tearDownBetween(deps, attempt);
    const app = freshApp();
    let failedFast;
    for (const tier of TIERS) {
      if (OPT_IN_TIERS.has(tier) && !plan.selected.has(tier)) continue;
      const why = whyNotRun(tier, plan, deps, failedFast);
      if (why !== void 0) {
        all.push({ tier, attempt, status: "skipped", reason: why, durationMs: 0, checks: [] });
      } else if (stopped !== void 0 && !TIERS_WITHOUT_APP.has(tier)) {
        all.push({ tier, attempt, status: "blocked", reason: stopped, durationMs: 0, checks: [] });
      } else {
        const result = await runOneTier(tier, attempt, plan, deps, app);
        all.push(result);
        if (plan.failFast && failsRun(result, deps.config.tiers[tier].mayBlock !== void 0))
          failedFast = `fail-fast: ${tier} ${result.status}`;
      }
    }
  }
  return all;
}
function whyNotRun(tier, plan, deps, failedFast) {
  const notApplicable = deps.config.tiers[tier].notApplicable;
  if (!plan.selected.has(tier)) return "not selected";
  if (notApplicable !== void 0) return `not applicable: ${notApplicable}`;
  if (failedFast !== void 0) return failedFast;
  if (deps.signal.aborted) return "cancelled";
  return void 0;
}
async function tearDownBetween(deps, attempt) {
  deps.clock.enter("teardown", TEARDOWN_BUDGET_MS);
  const down = await deps.backend.teardown();
  if (down.ok) return void 0;
  return `teardown after attempt ${String(attempt - 1)} failed: ${down.summary}`;
}
async function runOneTier(tier, attempt, plan, deps, app) {
  const started = Date.now();
  await deps.onTier?.(tier, attempt, "start");
  const budget = deps.clock.enter(tier, deps.config.tiers[tier].timeoutMs);
  const ctx = new TierContext(tier, plan, deps, app);
  let outcome = await TIER_RUNS[tier](ctx);
  if (outcome.status !== "passed" && deps.clock.spent() && !deps.signal.aborted) {
    outcome = { status: "failed", reason: timedOut(tier, budget.bound) };
  }
  const result = {
    tier,
    attempt,
    ...outcome,
    durationMs: Date.now() - started,
    checks: ctx.checks.list
  };
  if (result.status === "failed" && !TIERS_WITHOUT_APP.has(tier)) {
    deps.clock.enter("diagnostics", DIAGNOSTICS_BUDGET_MS);
    result.diagnostics = await deps.backend.diagnostics();
  }
  await deps.onTier?.(tier, attempt, "end", result);
  return result;
}
function timedOut(tier, bound) {
  return bound.by === "own" ? `timed out after ${formatDuration(bound.ms)} (the tier's budget, tiers.${tier}.timeout)` : `timed out after ${bound.describe}`;
}

// src/suite/janitor.ts
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join as join4 } from "node:path";
async function sweepApps(settings, options, config, { signal, log }) {
  const { baseDomain } = options;
  const sweep = { rows: [], leftovers: [] };
  const workDir = mkdtempSync(join4(process.env.RUNNER_TEMP ?? tmpdir(), "recipe-ci-janitor-"));
  try {
    const abraDir = join4(workDir, "abra");
    const backendFor = (app) => settings.backend === "abra" ? abraBackend({
      recipe: settings.recipe,
      server: settings.server ?? "local",
      domain: app.domain,
      abraDir,
      candidateDir: settings.recipePath,
      appEnv: {},
      signal,
      commandTimeoutMs: 10 * 6e4,
      healthTimeoutMs: 0
    }) : commandBackend({
      config,
      env: {
        ...process.env,
        ...config.env,
        RECIPE_CI_RECIPE: settings.recipe,
        RECIPE_CI_DOMAIN: app.domain,
        RECIPE_CI_STATE_DIR: app.stateDir ?? "",
        RECIPE_CI_SOURCE: settings.recipePath
      },
      signal,
      timeoutMs: () => 10 * 6e4
    });
    const swarm = settings.backend === "abra" ? serverSwarm(settings, signal) : void 0;
    const found = swarm !== void 0 ? await findAbraApps(swarm, settings.recipe, baseDomain) : await findCommandApps(settings, config, baseDomain, signal);
    const now = Date.now();
    for (const app of found) {
      const ageMs = now - app.createdAt.getTime();
      const age = Number.isNaN(ageMs) ? "unknown" : formatDuration(ageMs);
      const row = (result) => {
        sweep.rows.push({ domain: app.domain, age, result });
      };
      if (!(ageMs > options.maxAgeMs)) {
        row("kept (younger than max-age)");
        continue;
      }
      if (options.dryRun) {
        row("would remove (dry-run)");
        continue;
      }
      const backend = backendFor(app);
      const adopted = "adopt" in backend ? await backend.adopt() : void 0;
      const down = adopted && !adopted.ok ? adopted : await backend.teardown();
      for (const result of down.results) if (result.output.trim()) log(result.output.trimEnd());
      const remaining = down.ok && swarm !== void 0 ? await objectsOf(swarm, app.domain) : [];
      if (down.ok && remaining.length === 0) row("removed");
      else {
        row(
          `NOT removed: ${down.ok ? `still on the server after abra app rm: ${remaining.join(", ")}` : down.summary}`
        );
        sweep.leftovers.push(app.domain);
      }
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  return sweep;
}
function ourDomain(name, recipe, baseDomain) {
  const match = /^([a-z0-9]{1,4})-([0-9a-f]{6})_/.exec(name);
  if (!match || match[1] !== domainStem(recipe)) return void 0;
  const domain = `${match[1]}-${match[2] ?? ""}.${baseDomain}`;
  return name.startsWith(`${stackName(domain)}_`) ? domain : void 0;
}
function serverSwarm(settings, signal) {
  const server = settings.server ?? "local";
  return new Swarm({
    docker: "docker",
    context: server === "local" ? void 0 : abraServerName(server),
    env: process.env,
    cwd: process.cwd(),
    signal
  });
}
var KINDS = ["service", "secret", "volume"];
async function objectsOf(swarm, domain) {
  const prefix = `${stackName(domain)}_`;
  const names = [];
  for (const kind of KINDS) {
    for (const name of await swarm.names(kind)) if (name.startsWith(prefix)) names.push(name);
  }
  return names;
}
async function findAbraApps(swarm, recipe, baseDomain) {
  const apps = /* @__PURE__ */ new Map();
  for (const kind of KINDS) {
    const byDomain = /* @__PURE__ */ new Map();
    for (const name of await swarm.names(kind)) {
      const domain = ourDomain(name, recipe, baseDomain);
      if (domain !== void 0) byDomain.set(domain, [...byDomain.get(domain) ?? [], name]);
    }
    for (const [domain, names] of byDomain) {
      for (const created of await swarm.createdAt(kind, names)) {
        const known = apps.get(domain);
        if (known === void 0 || created < known) apps.set(domain, created);
      }
    }
  }
  return [...apps].map(([domain, createdAt]) => ({ domain, createdAt }));
}
async function findCommandApps(settings, config, baseDomain, signal) {
  const result = await runCommandLine(config.commands.list ?? "", {
    cwd: settings.recipePath,
    env: {
      ...process.env,
      ...config.env,
      RECIPE_CI_RECIPE: settings.recipe,
      RECIPE_CI_BASE_DOMAIN: baseDomain
    },
    timeoutMs: 5 * 6e4,
    signal
  });
  if (!succeeded(result)) {
    throw new Error(`commands.list failed: ${result.output.trim()}`);
  }
  const pattern = new RegExp(
    `^${domainStem(settings.recipe)}-[0-9a-f]{6}\\.${baseDomain.replace(/\./g, "\\.")}$`
  );
  const apps = [];
  for (const line of result.output.split("\n")) {
    const [domain = "", created = "", stateDir] = line.trim().split(/\s+/);
    if (!pattern.test(domain)) continue;
    const createdAt = /^\d+$/.test(created) ? new Date(Number(created) * 1e3) : parseDockerTime(created);
    apps.push({ domain, createdAt, ...stateDir === void 0 ? {} : { stateDir } });
  }
  return apps;
}

// src/actions/recipe-suite-janitor.ts
async function janitorMain(context, settings, loadConfig) {
  const { inputs, log, signal } = context;
  const baseDomain = settings.baseDomain ?? inputs.fail("base-domain", "is required with mode: janitor; our apps are found under it");
  if (!/^[a-z0-9.-]+$/.test(baseDomain)) {
    inputs.fail("base-domain", `"${baseDomain}" is not a domain name`);
  }
  const options = {
    baseDomain,
    maxAgeMs: inputs.defaulted("max-age", inputs.duration("max-age", { min: 6e4 })),
    dryRun: inputs.defaulted("dry-run", inputs.boolean("dry-run"))
  };
  const config = await loadConfig();
  if (settings.backend === "command" && config.commands.list === void 0) {
    throw new ConfigurationError(
      `${config.file} gives no commands.list; mode: janitor with backend: command needs it to find the apps (one "<domain> <created> [<state dir>]" a line)`
    );
  }
  const sweep = await sweepApps(settings, options, config, {
    signal,
    log: (line) => {
      log.info(line);
    }
  });
  const report = new Report(
    `recipe-suite janitor: ${settings.recipe} apps under ${baseDomain} older than ${formatDuration(options.maxAgeMs)}`
  );
  if (sweep.rows.length === 0) report.text("no apps of ours found");
  else
    report.table(
      ["app", "age", "result"],
      sweep.rows.map((r) => [r.domain, r.age, r.result])
    );
  await context.publish(report);
  if (sweep.leftovers.length > 0) {
    log.warning(`janitor could not remove: ${sweep.leftovers.join(", ")}; remove them by hand`);
  }
}

// src/suite/plan.ts
import { join as join6 } from "node:path";

// src/recipe/compose-version.ts
var import_yaml2 = __toESM(require_dist(), 1);
import { readFile as readFile4 } from "node:fs/promises";
import { join as join5 } from "node:path";
var LABEL = "coop-cloud.${STACK_NAME}.version";
async function composeVersion(recipePath) {
  const file = "compose.yml";
  let text;
  try {
    text = await readFile4(join5(recipePath, file), "utf8");
  } catch (error) {
    if (error.code === "ENOENT") return { unknown: `no ${file}` };
    throw error;
  }
  const lines = new import_yaml2.LineCounter();
  const doc = (0, import_yaml2.parseDocument)(text, { lineCounter: lines, uniqueKeys: false });
  const lineOf = (node) => node?.range ? lines.linePos(node.range[0]).line : 1;
  if (doc.errors.length > 0) {
    const error = doc.errors[0];
    const line = error ? lines.linePos(error.pos[0]).line : 1;
    return {
      problem: `${file}:${String(line)} does not parse: ${error?.message.split("\n")[0] ?? ""}`
    };
  }
  const labels = doc.getIn(["services", "app", "deploy", "labels"], true);
  let value;
  if ((0, import_yaml2.isSeq)(labels)) {
    value = labels.items.find(
      (item) => (0, import_yaml2.isScalar)(item) && String(item.value).startsWith(`${LABEL}=`)
    );
  } else if ((0, import_yaml2.isMap)(labels)) {
    const pair = labels.items.find((p) => (0, import_yaml2.isScalar)(p.key) && String(p.key.value) === LABEL);
    value = pair?.value;
  }
  if (value === void 0 || !(0, import_yaml2.isScalar)(value)) {
    return { unknown: `${file} has no ${LABEL} label on its app service` };
  }
  const raw = String(value.value);
  const literal = raw.startsWith(`${LABEL}=`) ? raw.slice(LABEL.length + 1) : raw;
  const where = `${file}:${String(lineOf(value))}`;
  if (literal.includes("${")) {
    return { unknown: `${where}: the version label is "${literal}", not a literal version` };
  }
  const version = parseRecipeVersion(literal);
  if (version === void 0) {
    return {
      problem: `${where}: the version label is "${literal}", which is not a <semver>+<app> version`
    };
  }
  return { version, where };
}

// src/suite/plan.ts
async function planRun(inputs) {
  const tags = await listTags(inputs.recipePath);
  const warnings = [];
  const ignored = ignoredTagsNotice(tags);
  if (ignored !== void 0) warnings.push(ignored);
  const tagged = (await tagsAtHead(inputs.recipePath)).map(parseRecipeVersion).find((v) => v !== void 0);
  const label = await composeVersion(inputs.recipePath);
  let candidate = tagged;
  let upgradeBlocked;
  if (tagged !== void 0) {
    if ("version" in label && label.version.tag !== tagged.tag) {
      warnings.push(
        `${label.where} says ${label.version.tag}, but HEAD is tagged ${tagged.tag}; the tag wins`
      );
    }
  } else if ("version" in label) {
    candidate = label.version;
  } else if ("problem" in label) {
    upgradeBlocked = label.problem;
  } else {
    warnings.push(`the candidate's version is unknown (no tag on HEAD; ${label.unknown})`);
  }
  const previous = choosePrevious(candidate, tags, inputs.previous);
  const held = previous === void 0 || upgradeBlocked !== void 0 ? void 0 : await holdReason(inputs, tags, previous, candidate);
  const candidateSource = { version: tagged?.tag, dir: inputs.recipePath };
  return {
    candidate,
    previous,
    plan: {
      selected: inputs.tiers,
      candidate: candidateSource,
      previous: previous === void 0 ? { none: "no published version older than the candidate to upgrade from" } : {
        source: async () => {
          const dir = join6(
            inputs.workDir,
            `previous-${previous.tag.replace(/[^\w.-]/g, "_")}`
          );
          await exportTag(inputs.recipePath, previous.tag, dir);
          return { version: previous.tag, dir };
        }
      },
      held,
      upgradeBlocked,
      failFast: inputs.failFast,
      repeat: inputs.repeat,
      oidc: inputs.oidc
    },
    warnings
  };
}
async function holdReason(inputs, tags, previous, candidate) {
  if (inputs.allowMajor || candidate === void 0) return void 0;
  const reasons = [];
  const bump = majorBump(previous, candidate);
  if (bump) reasons.push(`${bump} from ${previous.tag} to ${candidate.tag}`);
  const flagged = await notesCrossed(inputs.recipePath, tags, previous, candidate);
  for (const notes of flagged) {
    reasons.push(
      `release notes of ${notes.tag} (${notes.path}) say: ${notes.flagged.map((l) => `"${l}"`).join(" ")}`
    );
  }
  if (reasons.length === 0) return void 0;
  return `${reasons.join("; ")} \u2014 held for a person; set allow-major: true to run it`;
}
async function notesCrossed(recipePath, tags, previous, candidate) {
  const published = versionsBetween(publishedVersions(tags), previous, candidate).filter(
    (v) => v.tag !== candidate.tag
  );
  const own = await readVersionNotes(candidate.tag, checkoutReader(recipePath));
  return [
    ...await readNotesAtTags(recipePath, published.reverse()),
    ...own.map((note) => ({ tag: candidate.tag, ...note }))
  ].filter((n) => n.flagged.length > 0);
}

// src/suite/results.ts
import { writeFileSync } from "node:fs";
import { join as join7 } from "node:path";
function writeResults(dir, summary, redact) {
  const results = join7(dir, "results.json");
  writeFileSync(results, redact(`${JSON.stringify({ version: 1, ...summary }, null, 2)}
`));
  const junit = join7(dir, "junit.xml");
  writeFileSync(junit, redact(toJunit(summary)));
  return { results, junit };
}
function toJunit(summary) {
  const suites = summary.tiers.map((tier) => {
    const name = `${summary.recipe} ${tier.tier}${tier.attempt > 1 ? ` (attempt ${String(tier.attempt)})` : ""}`;
    const cases = tier.checks.length > 0 ? tier.checks.map((check) => {
      const body = check.status === "failed" ? `<failure message="${escapeXml(check.message)}">${escapeXml(check.output)}</failure>` : check.status === "passed" ? "" : `<skipped message="${escapeXml(check.message)}"/>`;
      return `    <testcase classname="${escapeXml(name)}" name="${escapeXml(check.name)}" time="${seconds(check.durationMs)}">${body}</testcase>`;
    }) : [
      // A tier with no checks (skipped, held) still shows, with its reason.
      `    <testcase classname="${escapeXml(name)}" name="${escapeXml(tier.tier)}" time="0">${tier.status === "failed" || tier.status === "blocked" ? `<failure message="${escapeXml(`${tier.status}: ${tier.reason}`)}"/>` : tier.status === "passed" ? "" : `<skipped message="${escapeXml(`${tier.status}: ${tier.reason}`)}"/>`}</testcase>`
    ];
    const failures = tier.checks.filter((c) => c.status === "failed").length;
    const skipped = tier.checks.filter(
      (c) => c.status !== "passed" && c.status !== "failed"
    ).length;
    return [
      `  <testsuite name="${escapeXml(name)}" tests="${String(Math.max(1, tier.checks.length))}" failures="${String(failures)}" skipped="${String(skipped)}" time="${seconds(tier.durationMs)}">`,
      ...cases,
      "  </testsuite>"
    ].join("\n");
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="recipe-ci ${escapeXml(summary.recipe)}">
${suites.join("\n")}
</testsuites>
`;
}
function suiteReport(summary) {
  const report = new Report(`recipe-ci: ${summary.recipe} ${summary.status}`).text(
    `${summary.candidate ?? "candidate (untagged)"} on ${summary.domain}` + (summary.previous ? `, upgraded from ${summary.previous}` : "")
  );
  report.table(
    ["tier", "attempt", "status", "duration", "reason"],
    summary.tiers.map((t) => [
      t.tier,
      String(t.attempt),
      t.status,
      formatDuration(t.durationMs),
      t.reason
    ])
  );
  for (const warning of summary.warnings ?? []) report.text(`\u26A0 ${warning}`);
  const shot = summary.screenshot;
  if (shot?.file !== void 0) report.text(`Screenshot of ${shot.url}: ${shot.file}`);
  if (shot?.error !== void 0) report.text(`\u26A0 no screenshot of ${shot.url}: ${shot.error}`);
  return report;
}
function seconds(ms) {
  return (ms / 1e3).toFixed(3);
}

// src/deploy/machine.ts
import { readFileSync as readFileSync2, statSync as statSync3 } from "node:fs";
import { resolve as resolve3 } from "node:path";

// src/ssh/machine-access.ts
import { createHash } from "node:crypto";
import { writeFileSync as writeFileSync2 } from "node:fs";
import { join as join8 } from "node:path";
var SSH_ALIAS = "target";
function knownHostsName(host, port) {
  return port === 22 ? host : `[${host}]:${String(port)}`;
}
function pinnedKeysFor(knownHosts, host, port) {
  const name = knownHostsName(host, port);
  const keys = [];
  for (const raw of knownHosts.split("\n")) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || line.startsWith("@")) continue;
    const [names = "", type = "", blob = ""] = line.split(/\s+/);
    if (!names.split(",").includes(name) || blob === "") continue;
    const fingerprint = `SHA256:${createHash("sha256").update(Buffer.from(blob, "base64")).digest("base64").replace(/=+$/, "")}`;
    keys.push({ keyText: `${type} ${blob}`, fingerprint });
  }
  return keys;
}
function configValue(value) {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `"${value.replace(/(["\\])/g, "\\$1")}"`;
}
function sshClientConfig(access) {
  const lines = [
    "# Written by recipe-ci for one run: the provisioned machine with its pinned host key.",
    // Both names: `ssh target` for recipe commands, the address for `abra server add <address>`.
    `Host ${SSH_ALIAS} ${configValue(access.host)}`,
    `  HostName ${configValue(access.host)}`,
    `  Port ${String(access.port)}`,
    `  User ${configValue(access.user)}`,
    `  IdentityFile ${configValue(access.privateKeyPath)}`,
    "  IdentitiesOnly yes",
    `  UserKnownHostsFile ${configValue(access.knownHostsPath)}`,
    "  GlobalKnownHostsFile /dev/null",
    "  StrictHostKeyChecking yes",
    "  BatchMode yes",
    "  PasswordAuthentication no",
    "  ConnectTimeout 20",
    "  ServerAliveInterval 15"
  ];
  return `${lines.join("\n")}
`;
}
function writeSshClientConfig(dir, access) {
  const path = join8(dir, "ssh_config");
  writeFileSync2(path, sshClientConfig(access), { mode: 384 });
  return path;
}
var HostKeyChangedError = class extends Error {
  name = "HostKeyChangedError";
};
async function checkPinnedHostKey(access, pinned, privateKey, options) {
  const allowed = new Set(pinned.map((k) => k.fingerprint));
  let offered;
  const connect = options.connect ?? openSshSession;
  try {
    const session = await connect({
      target: { host: access.host, port: access.port, user: access.user },
      privateKey,
      timeoutMs: options.timeoutMs,
      ...options.signal ? { signal: options.signal } : {},
      acceptHostKey: (fingerprint) => {
        offered = fingerprint;
        return allowed.has(fingerprint);
      }
    });
    session.close();
    return session.hostKey;
  } catch (error) {
    if (offered !== void 0 && !allowed.has(offered)) {
      throw new HostKeyChangedError(
        `${knownHostsName(access.host, access.port)} shows host key ${offered}, not the pinned ${[...allowed].join(" or ")} from known-hosts; nothing was deployed. The machine changed after readiness: re-run readiness, or find out who answers on that address.`
      );
    }
    const why = error instanceof SshFailure ? `${error.kind}: ${error.message}` : String(error);
    throw new Error(
      `cannot reach ${access.user}@${knownHostsName(access.host, access.port)} with the run key (${why}); nothing was deployed`
    );
  }
}

// src/deploy/machine.ts
function readMachine(inputs) {
  const spec = inputs.string("host");
  if (spec === void 0) {
    for (const name of ["private-key-path", "known-hosts"]) {
      if (inputs.string(name) !== void 0) {
        inputs.fail(
          name,
          "is given without host; give host (provision's hosts output) too, or neither"
        );
      }
    }
    return void 0;
  }
  const target = parseHostTarget(spec, { user: inputs.string("user") ?? "root", port: 22 });
  if (typeof target === "string") inputs.fail("host", target);
  const keyPath = resolve3(
    inputs.required("private-key-path", "give provision's private-key-path output, the run key")
  );
  const privateKey = readText(inputs, "private-key-path", keyPath);
  if ((statSync3(keyPath).mode & 63) !== 0) {
    inputs.fail(
      "private-key-path",
      `names a key that others can read; ssh refuses it: chmod 600 the file`
    );
  }
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(privateKey)) {
    inputs.fail(
      "private-key-path",
      "names a file that is not a private key (no BEGIN \u2026 PRIVATE KEY line)"
    );
  }
  const knownHostsPath = resolve3(
    inputs.required("known-hosts", "give readiness's known-hosts output, the pinned host keys")
  );
  const pinned = pinnedKeysFor(
    readText(inputs, "known-hosts", knownHostsPath),
    target.host,
    target.port
  );
  if (pinned.length === 0) {
    inputs.fail(
      "known-hosts",
      `pins no key for ${knownHostsName(target.host, target.port)}; pass the known-hosts output of the readiness step that gated this host`
    );
  }
  return {
    access: {
      host: target.host,
      port: target.port,
      user: target.user,
      privateKeyPath: keyPath,
      knownHostsPath
    },
    pinned,
    privateKey
  };
}
function readText(inputs, name, path) {
  try {
    return readFileSync2(path, "utf8");
  } catch (error) {
    const code = error.code ?? "unreadable";
    return inputs.fail(name, `names a file that cannot be read (${code})`);
  }
}
async function handOverMachine(machine, workDir, signal) {
  const config = writeSshClientConfig(workDir, machine.access);
  await checkPinnedHostKey(machine.access, machine.pinned, machine.privateKey, {
    timeoutMs: 3e4,
    signal
  });
  return { RECIPE_CI_HOST: machine.access.host, RECIPE_CI_SSH_CONFIG: config };
}

// src/platform/secret-names.ts
var SECRET_PART = /(SECRET|PASSWORD|TOKEN|KEY)S?$/i;
var LOCATION_SUFFIX = /_(PATH|FILE|DIR|URL|URI|ENDPOINT|ID)$/i;
var MIN_NAMED_SECRET_LENGTH = 6;
function namesSecret(name) {
  if (LOCATION_SUFFIX.test(name)) return false;
  return name.split(/[_.-]/).some((part) => SECRET_PART.test(part));
}
function namedSecretValues(entries) {
  const values = [];
  for (const [name, value] of entries) {
    if (value === void 0 || !namesSecret(name)) continue;
    if (value.trim().length >= MIN_NAMED_SECRET_LENGTH) values.push(value.trim());
  }
  return values;
}

// src/screenshot/take.ts
import { writeFileSync as writeFileSync3 } from "node:fs";
import { isIP as isIP2 } from "node:net";
import { join as join10 } from "node:path";

// src/screenshot/browser.ts
import { accessSync, constants, mkdirSync, mkdtempSync as mkdtempSync2, rmSync as rmSync2, statSync as statSync4 } from "node:fs";
import { tmpdir as tmpdir2 } from "node:os";
import { delimiter, join as join9 } from "node:path";
var BROWSER_VARIABLE = "RECIPE_CI_CHROMIUM";
var BROWSER_NAMES = [
  "chromium",
  "chromium-browser",
  "google-chrome",
  "google-chrome-stable"
];
var KILL_GRACE_MS = 2e3;
var SOCKET_PATH_MAX = 107;
var SOCKET_SUFFIX = "/org.chromium.Chromium.XXXXXX/SingletonSocket";
function findBrowser(env = process.env) {
  const chosen = env[BROWSER_VARIABLE]?.trim();
  if (chosen) {
    const path = chosen.includes("/") ? isExecutable(chosen) ? chosen : void 0 : onPath(chosen, env.PATH);
    return path === void 0 ? { error: `${BROWSER_VARIABLE}=${chosen} is not an executable file` } : { path };
  }
  for (const name of BROWSER_NAMES) {
    const path = onPath(name, env.PATH);
    if (path !== void 0) return { path };
  }
  return {
    error: `no browser found: none of ${BROWSER_NAMES.join(", ")} is on PATH; install one (Debian: apt-get install chromium) or set ${BROWSER_VARIABLE} to a Chromium or Chrome binary`
  };
}
function onPath(name, path) {
  for (const dir of (path ?? "").split(delimiter)) {
    if (dir === "") continue;
    const file = join9(dir, name);
    if (isExecutable(file)) return file;
  }
  return void 0;
}
function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return statSync4(file).isFile();
  } catch {
    return false;
  }
}
var BrowserError = class extends Error {
};
async function withBrowser(executable, options, use) {
  const home = mkdtempSync2(join9(tmpdir2(), "recipe-ci-chromium-"));
  const roomy = join9(home, "tmp").length + SOCKET_SUFFIX.length <= SOCKET_PATH_MAX;
  let temp = join9(home, "tmp");
  const stop = new AbortController();
  let announced = () => void 0;
  const endpoint = new Promise((resolve4) => {
    announced = resolve4;
  });
  try {
    if (roomy) mkdirSync(temp);
    else temp = mkdtempSync2("/tmp/recipe-ci-chromium-");
    const program = runProgram(executable, browserArgs(home, options), {
      env: browserEnv(home, temp),
      signal: AbortSignal.any([options.signal, stop.signal]),
      timeoutMs: options.timeoutMs,
      killGraceMs: KILL_GRACE_MS,
      onLine: (line) => {
        const match = /DevTools listening on (ws:\/\/\S+)/.exec(line);
        if (match?.[1] !== void 0) announced(match[1]);
      }
    });
    const ended = program.then((result) => {
      throw new BrowserError(endOf(result, options.timeoutMs));
    });
    try {
      return await Promise.race([endpoint.then(use), ended]);
    } finally {
      stop.abort();
      await program;
    }
  } finally {
    for (const dir of [temp, home]) rmSync2(dir, { recursive: true, force: true, maxRetries: 3 });
  }
}
function browserArgs(home, options) {
  const { width, height } = options.viewport;
  const args = [
    "--headless=new",
    // Chromium refuses to start as root with its sandbox (CI runs as root), and the sandbox
    // needs unprivileged user namespaces that containers and Ubuntu 24.04's AppArmor deny. It
    // would guard nothing here anyway: the page is the recipe's own app, and the recipe's
    // commands already run on this runner with the same rights.
    "--no-sandbox",
    // DevTools on a loopback port of the kernel's choosing, announced on stderr.
    "--remote-debugging-port=0",
    `--user-data-dir=${join9(home, "profile")}`,
    `--window-size=${String(width)},${String(height)}`,
    // The test app's certificate is self-signed or from a staging CA: evidence, not a TLS check.
    "--ignore-certificate-errors",
    // Straight to the machine, as the health checks go; a runner's proxy cannot reach it.
    "--no-proxy-server",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-default-apps",
    "--disable-extensions",
    "--disable-sync",
    "--disable-breakpad",
    "--disable-crash-reporter",
    "--disable-dev-shm-usage",
    "--disable-features=Translate,MediaRouter,OptimizationHints",
    "--metrics-recording-only",
    "--password-store=basic",
    "--use-mock-keychain",
    "--force-color-profile=srgb",
    "--hide-scrollbars",
    "--mute-audio"
  ];
  if (options.hostMap !== void 0) {
    const { host, address } = options.hostMap;
    const target = address.includes(":") && !address.startsWith("[") ? `[${address}]` : address;
    args.push(`--host-resolver-rules=MAP ${host} ${target}`);
  }
  args.push("about:blank");
  return args;
}
function browserEnv(home, temp) {
  return {
    PATH: process.env.PATH,
    LANG: process.env.LANG ?? "C.UTF-8",
    HOME: home,
    TMPDIR: temp,
    XDG_CONFIG_HOME: join9(home, "config"),
    XDG_CACHE_HOME: join9(home, "cache"),
    XDG_DATA_HOME: join9(home, "data")
  };
}
function endOf(result, timeoutMs) {
  if (result.cancelled) return "cancelled";
  if (result.timedOut)
    return `the browser was stopped at the time limit (${formatDuration(timeoutMs)})`;
  if (result.spawnError !== void 0) return `the browser could not start (${result.spawnError})`;
  const lines = result.stderr.split("\n").map((line) => line.trim()).filter((line) => line !== "");
  const fatal = lines.find((line) => line.includes(":FATAL:"));
  const last = fatal ?? lines.slice(-3).join(" | ");
  return `the browser exited with ${String(result.code)}${last === "" ? "" : `: ${last}`}`;
}

// src/screenshot/take.ts
var SCREENSHOT_FILE = "screenshot.png";
var CAPTURE_RESERVE = { share: 0.1, maxMs: 2e3 };
var PageError = class extends Error {
};
async function takeScreenshot(options) {
  const { config, env, signal } = options;
  const url = config.url(env);
  const fail = (error) => ({ url, error });
  const cancelled = () => signal.aborted;
  if (cancelled()) return fail("cancelled");
  if (options.timeoutMs <= 0) return fail("no time left before the job's deadline");
  let target;
  try {
    target = new URL(url);
  } catch {
    return fail(`"${url}" is not a URL`);
  }
  const found = (options.browser ?? (() => findBrowser()))();
  if ("error" in found) return fail(found.error);
  const address = config.resolve(env);
  const host = target.hostname;
  const hostMap = address === void 0 || address === "" || isIP2(host) !== 0 || address === host ? void 0 : { host, address };
  const endsAt = Date.now() + options.timeoutMs;
  const reserve = Math.min(CAPTURE_RESERVE.maxMs, options.timeoutMs * CAPTURE_RESERVE.share);
  const left = () => Math.max(1, endsAt - reserve - Date.now());
  try {
    const png = await withBrowser(
      found.path,
      { hostMap, viewport: config.viewport, timeoutMs: options.timeoutMs, signal },
      (endpoint) => capture(endpoint, url, config, left, reserve)
    );
    writeFileSync3(join10(options.dir, SCREENSHOT_FILE), png);
    return { file: SCREENSHOT_FILE, url };
  } catch (error) {
    if (cancelled()) return fail("cancelled");
    if (error instanceof PageError || error instanceof BrowserError) return fail(error.message);
    if (Date.now() >= endsAt) {
      return fail(`did not finish within ${formatDuration(options.timeoutMs)}`);
    }
    return fail(getErrorMessage(error));
  }
}
async function capture(endpoint, url, config, left, reserve) {
  const { connect, TimeoutError } = await import("./puppeteer-core-598ced86.js");
  const browser = await connect({
    browserWSEndpoint: endpoint,
    acceptInsecureCerts: true,
    defaultViewport: config.viewport,
    protocolTimeout: left() + reserve
  });
  try {
    const page = await browser.newPage();
    let response;
    try {
      response = await page.goto(url, { waitUntil: "load", timeout: left() });
    } catch (error) {
      if (error instanceof TimeoutError) {
        throw new PageError(`${url} did not load within ${formatDuration(left())}`);
      }
      throw new PageError(`${url} could not be opened: ${getErrorMessage(error)}`);
    }
    const status = response?.status();
    if (status !== void 0 && status >= 400) {
      throw new PageError(
        `${url} answered HTTP ${String(status)} ${response?.statusText() ?? ""}`.trim()
      );
    }
    const wait = config.waitFor;
    const waited = Date.now();
    try {
      if (wait !== void 0 && "selector" in wait) {
        await page.waitForSelector(wait.selector, { visible: true, timeout: left() });
      } else if (wait !== void 0) {
        await page.waitForFunction(
          `document.body !== null && document.body.innerText.includes(${JSON.stringify(wait.text)})`,
          { timeout: left() }
        );
      }
    } catch (error) {
      if (!(error instanceof TimeoutError)) throw error;
      const what = wait !== void 0 && "selector" in wait ? wait.selector : `text "${wait?.text ?? ""}"`;
      throw new PageError(
        `${what} was not shown on ${url} within ${formatDuration(Date.now() - waited)} (screenshot.wait-for)`
      );
    }
    return await page.screenshot({ type: "png" });
  } finally {
    await browser.disconnect();
  }
}

// src/actions/recipe-suite.ts
var STATE_RUN = "suite-run";
var recipeSuite = {
  name: "recipe-suite",
  async main(context) {
    switch (readSuiteMode(context.inputs)) {
      case "reconcile":
        return reconcileMain(context, readConfig);
      case "janitor": {
        const settings = readSuiteSettings(context.inputs);
        checkBackendInputs(settings, context.inputs);
        return janitorMain(context, settings, () => readConfig(settings));
      }
      case "run":
        return runMain(context);
    }
  },
  async post({ inputs, state, log }) {
    const saved = state.getJson(STATE_RUN);
    if (saved === void 0) {
      log.info(
        inputs.string("mode") === "reconcile" ? "recipe-suite: reconcile keeps its long-lived app; there is nothing to remove" : "recipe-suite: no app was deployed, so there is nothing to remove"
      );
      return;
    }
    try {
      await removeApp(inputs, state, log, saved);
    } finally {
      if (saved.env.RECIPE_CI_SSH_CONFIG) rmSync3(saved.env.RECIPE_CI_SSH_CONFIG, { force: true });
    }
  }
};
async function runMain(context) {
  const { inputs, outputs, state, log, group, publish, signal } = context;
  const given = readSuiteSettings(inputs);
  checkBackendInputs(given, inputs);
  if (given.envFile !== void 0) {
    const fromFile = parseEnvFile(readFileSync3(given.envFile, "utf8"));
    for (const value of namedSecretValues(Object.entries(fromFile))) context.secrets.add(value);
  }
  const machine = readMachine(inputs);
  const settings = { ...given, server: serverOfMachine(given, machine?.access.host, inputs) };
  const config = await readConfig(settings);
  const deadline = stepDeadline(context);
  const budget = planBudget(config, settings.tiers, settings.repeat, deadline);
  const budgetReport = new Report("recipe-suite time plan").table(
    ["item", "budget", "from"],
    budgetRows(budget)
  );
  await publish(budgetReport);
  const problem = budgetProblem(budget, config.file);
  if (problem !== void 0) throw new ConfigurationError(problem);
  const clock = new SuiteClock(deadline);
  const workDir = mkdtempSync3(join11(process.env.RUNNER_TEMP ?? tmpdir3(), "recipe-ci-suite-"));
  let planned;
  try {
    planned = await planRun({
      recipePath: settings.recipePath,
      workDir,
      tiers: settings.tiers,
      previous: settings.previous,
      allowMajor: settings.allowMajor,
      failFast: settings.failFast,
      repeat: settings.repeat,
      oidc: settings.envFile !== void 0
    });
  } catch (error) {
    if (error instanceof VersionError) inputs.fail("previous", error.message);
    throw error;
  }
  for (const warning of planned.warnings) log.warning(warning);
  const url = `https://${settings.domain}`;
  const stateDir = join11(workDir, "state");
  mkdirSync2(stateDir);
  const env = await buildRunEnv({
    recipe: settings.recipe,
    domain: settings.domain,
    url,
    stateDir,
    machine: machine && await handOverMachine(machine, workDir, signal),
    candidateDir: settings.recipePath,
    configEnv: config.env,
    envFile: settings.envFile
  });
  const { backend, saved, commandEnv } = createBackend({
    settings,
    config,
    env,
    signal,
    workDir,
    clock
  });
  state.setJson(STATE_RUN, {
    workDir,
    env: runVariables(env),
    backend: saved
  });
  outputs.set("domain", settings.domain);
  outputs.set("url", url);
  let screenshot;
  const tiers = await runSuite(planned.plan, {
    config,
    backend,
    httpHealth: httpHealthGate(config, env, signal, () => clock.limit(config.health.timeoutMs)),
    env: { ...env, ...commandEnv },
    cwd: settings.recipePath,
    signal,
    clock,
    onTier: async (tier, attempt, phase, result) => {
      if (phase === "start")
        log.info(`\u25B6 ${tier}${settings.repeat > 1 ? ` (attempt ${String(attempt)})` : ""}`);
      if (phase !== "end" || !result) return;
      await logTier(result, { log, group });
      if (config.screenshot && tier === "install" && attempt === 1 && result.status === "passed") {
        screenshot = await screenshotAfterInstall(config.screenshot, {
          env,
          workDir,
          clock,
          signal,
          log
        });
      }
    }
  });
  const failed2 = tiers.filter((t) => failsRun(t, config.tiers[t.tier].mayBlock !== void 0));
  const summary = {
    recipe: settings.recipe,
    backend: settings.backend,
    domain: settings.domain,
    url,
    candidate: planned.candidate?.tag ?? null,
    previous: planned.previous?.tag ?? null,
    status: failed2.length === 0 ? "passed" : "failed",
    tiers,
    ...planned.warnings.length > 0 ? { warnings: planned.warnings } : {},
    ...screenshot === void 0 ? {} : { screenshot },
    ...settings.target === void 0 ? {} : { target: settings.target },
    ...jobOf(process.env)
  };
  const files = writeResults(workDir, summary, (text) => context.secrets.redact(text));
  const count = (status) => String(tiers.filter((t) => t.status === status).length);
  outputs.set("status", summary.status);
  outputs.set("results", files.results);
  outputs.set("junit", files.junit);
  outputs.set("screenshot", screenshot?.file === void 0 ? "" : join11(workDir, screenshot.file));
  outputs.set("passed", count("passed"));
  outputs.set("failed", count("failed"));
  outputs.set("skipped", count("skipped"));
  await publish(suiteReport(summary));
  for (const held of tiers.filter((t) => t.status === "held"))
    log.warning(`${held.tier} held: ${held.reason}`);
  signal.throwIfAborted();
  if (failed2.length > 0) {
    throw new Error(
      `${settings.recipe}: ${failed2.map((t) => `${t.tier} ${t.status} (${t.reason})`).join("; ")}`
    );
  }
}
async function screenshotAfterInstall(shot, run) {
  const started = Date.now();
  run.clock.enter("screenshot", shot.timeoutMs);
  const result = await takeScreenshot({
    config: shot,
    env: run.env,
    dir: run.workDir,
    timeoutMs: run.clock.limit(),
    signal: run.signal
  });
  const took = formatDuration(Date.now() - started);
  if (result.file !== void 0) {
    run.log.info(`screenshot of ${result.url}: ${join11(run.workDir, result.file)} (${took})`);
  } else {
    run.log.warning(`no screenshot of ${result.url}: ${result.error ?? "unknown"} (${took})`);
  }
  return result;
}
async function removeApp(inputs, state, log, saved) {
  const settings = readSuiteSettings(inputs);
  const outcome = jobOutcome(state.get(WrapperState.mainOutcome), process.env);
  const savedBackend = saved.backend ?? { backend: "command" };
  const byHand = removeByHand(savedBackend, saved.env);
  if (settings.keep === "always" || settings.keep === "on-failure" && outcome !== "success") {
    log.notice(
      `keeping ${saved.env.RECIPE_CI_DOMAIN ?? "the app"} (keep: ${settings.keep}, main: ${outcome}); to remove it, ${byHand}`
    );
    return;
  }
  const config = await readConfig(settings);
  const env = { ...process.env, ...saved.env };
  const clock = new SuiteClock(recordedDeadline(), 0);
  clock.enter("teardown", TEARDOWN_BUDGET_MS);
  const { backend } = createBackend({
    clock,
    settings: { ...settings, backend: savedBackend.backend },
    config,
    env,
    signal: new AbortController().signal,
    workDir: saved.workDir,
    saved: savedBackend
  });
  const down = await backend.teardown();
  for (const result of down.results) log.info(result.output);
  if (!down.ok) throw new Error(`teardown failed (${down.summary}); to remove it, ${byHand}`);
  disposeBackend(savedBackend);
  log.info(`removed ${saved.env.RECIPE_CI_DOMAIN ?? "the app"}: ${down.summary}`);
}
async function readConfig(settings) {
  try {
    return await readRecipeConfig(
      settings.configPath,
      relative(settings.recipePath, settings.configPath)
    );
  } catch (error) {
    if (error instanceof RecipeConfigError) throw new ConfigurationError(error.message);
    throw error;
  }
}
function runVariables(env) {
  return Object.fromEntries(
    Object.entries(env).filter(
      (entry) => entry[0].startsWith("RECIPE_CI_") && entry[1] !== void 0
    )
  );
}
function logTier(result, { log, group }) {
  return group(`${result.tier}: ${result.status} \u2014 ${result.reason}`, () => {
    for (const check of result.checks) {
      log.info(`\u2022 ${check.name}: ${check.status} \u2014 ${check.message}`);
      if (check.output.trim() !== "") log.info(check.output.trimEnd());
    }
    if (result.diagnostics) log.info(`diagnostics:
${result.diagnostics}`);
    return Promise.resolve();
  });
}
function jobOf(env) {
  const url = runLinksOf(env).runUrl;
  if (url === void 0 && !env.GITHUB_JOB) return {};
  return { job: { ...env.GITHUB_JOB ? { name: env.GITHUB_JOB } : {}, ...url ? { url } : {} } };
}

export {
  namedSecretValues,
  recipeSuite
};
