/**
 * Which abra is on the runner, checked before the abra backend changes anything. Our command lines
 * (abra-commands.ts) are written for abra 0.13.0-beta; an older abra lacks flags we pass or reads
 * the app env's version differently, and would fail halfway through a run — after it deployed
 * something — with a message about a flag. So a missing or older abra fails the step first, with
 * the version found, the version needed and how to install it.
 *
 * `abra --version`: abra's command line is cobra (since 0.10), whose default version template
 * prints `<name> version <version>`; abra's build puts its release and commit in the version
 * (`abra version 0.13.0-beta-1a2b3c4`). Read from cobra's template, not seen from the 0.13 binary
 * here, so the parser takes the first `X.Y.Z[-pre]` anywhere in the answer and ignores a commit.
 * cobra answers `--version` before running any command hook, so the check touches no ABRA_DIR.
 */
import semver from 'semver';
import { ConfigurationError } from '../shared/errors.ts';
import { askVersion } from './tool-version.ts';

/** The oldest abra release the abra backend supports. */
export const OLDEST_ABRA = '0.13.0-beta';

const RELEASES = 'https://git.coopcloud.tech/toolshed/abra/releases';

/** How to install a supported abra, for the messages below. */
export function installAbraHint(version = OLDEST_ABRA): string {
  return `install abra ${version} or newer: download abra_${version}_linux_amd64 and checksums.txt from ${RELEASES}/tag/${version}, check it with \`grep " abra_${version}_linux_amd64$" checksums.txt | sha256sum --check\`, and put it on PATH as abra (the reusable workflow's abra-version input does this)`;
}

/** The release in `abra --version`'s answer (`0.13.0-beta`), or undefined. */
export function parseAbraVersion(text: string): string | undefined {
  const match = /\bv?(\d+)\.(\d+)\.(\d+)(?:-((?:alpha|beta|rc)[0-9.]*))?/i.exec(text);
  if (!match) return undefined;
  const [, major, minor, patch, pre] = match;
  return `${major ?? ''}.${minor ?? ''}.${patch ?? ''}${pre ? `-${pre.toLowerCase()}` : ''}`;
}

/** Whether `found` is `OLDEST_ABRA` or newer. */
export function abraSupported(found: string, oldest = OLDEST_ABRA): boolean {
  return semver.gte(found, oldest);
}

/**
 * Run `abra --version` and throw a ConfigurationError when abra is missing, says no version, or
 * is older than `OLDEST_ABRA`. Returns the version found.
 */
export async function checkAbraVersion(options: {
  abra?: string | undefined;
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
}): Promise<string> {
  const abra = options.abra ?? 'abra';
  const needs = `backend abra needs abra ${OLDEST_ABRA} or newer`;
  const { output, said } = await askVersion(abra, needs, installAbraHint(), options);
  const found = parseAbraVersion(output);
  if (found === undefined) {
    throw new ConfigurationError(
      `${needs}, and \`${abra} --version\` names no release ("${said}"); ${installAbraHint()}`,
    );
  }
  if (!abraSupported(found)) {
    throw new ConfigurationError(
      `${needs}, and the abra on PATH is ${found} ("${said}"); ${installAbraHint()}`,
    );
  }
  return found;
}
