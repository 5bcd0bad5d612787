/**
 * The same realm made by hand, as an operator would with the distribution's own admin CLI:
 * log in, `kcadm.sh create realms -f realm.json` with exactly the representation oidc-realm
 * sends, later `kcadm.sh delete realms/<name>`. Each kcadm call is a new JVM (over a second on
 * this machine before it sends anything); that is what an operator pays, so it is in the
 * figures, and measured alone with `kcadm.sh help` so it can be told apart. Nothing is verified:
 * an operator would have to try the grants by hand afterwards.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runName } from '../../src/oidc/names.ts';
import { generateSecret, realmRepresentation } from '../../src/oidc/representation.ts';
import { describeEnd, runProgram, succeeded } from '../../src/process/run-program.ts';
import { LAB_KEYCLOAK_HOME, type LabKeycloak } from '../../test/support/keycloak-lab.ts';
import { PREFIX } from './action-path.ts';
import { timed } from './measure.ts';

const KCADM_TIMEOUT_MS = 120_000;

export interface ByHandLife {
  realm: string;
  /** `kcadm.sh config credentials`: a JVM and one token request. */
  loginMs: number;
  /** `kcadm.sh create realms -f`: a JVM and the POST. */
  createMs: number;
  /** `kcadm.sh delete realms/<name>`: a JVM and the DELETE. */
  deleteMs: number;
  totalMs: number;
}

/** kcadm.sh with its config (which holds the token) in a folder of its own, removed by close(). */
export class Kcadm {
  readonly #dir = mkdtempSync(join(tmpdir(), 'recipe-ci-bench-kcadm-'));
  readonly #bin = join(LAB_KEYCLOAK_HOME, 'bin', 'kcadm.sh');

  constructor(private readonly keycloak: LabKeycloak) {}

  /** Milliseconds one call took from spawn to exit; throws with kcadm's words when it fails. */
  run(...args: string[]): Promise<number> {
    return this.#time([...args, '--config', join(this.#dir, 'kcadm.config')]);
  }

  /** A JVM start and the CLI's own loading, with no request at all. */
  jvmOnly(): Promise<number> {
    return this.#time(['help']);
  }

  async #time(args: string[]): Promise<number> {
    const { ms, value: result } = await timed(() =>
      runProgram(this.#bin, args, { timeoutMs: KCADM_TIMEOUT_MS }),
    );
    if (!succeeded(result)) {
      const end = describeEnd(result, `${String(KCADM_TIMEOUT_MS / 1000)} s`);
      throw new Error(`kcadm.sh ${args.slice(0, 2).join(' ')} ${end}: ${result.output.trim()}`);
    }
    return ms;
  }

  /** Create and delete one realm; `server` is Keycloak's address, or a proxy in front of it. */
  async life(runId: number, server = this.keycloak.url): Promise<ByHandLife> {
    const realm = runName(
      PREFIX,
      { repo: 'by-hand', runId: String(runId), attempt: '1' },
      Date.now() / 1000,
    );
    const file = join(this.#dir, `${realm}.json`);
    const representation = realmRepresentation(
      realm,
      { clientId: 'app', secret: generateSecret(), redirectUris: [], webOrigins: [] },
      { username: 'tester', password: generateSecret() },
    );
    writeFileSync(file, JSON.stringify(representation, null, 2), { mode: 0o600 });
    const started = performance.now();
    // The same least-privilege login oidc-realm uses (create-realm only).
    const loginMs = await this.run(
      ...['config', 'credentials', '--server', server, '--realm', 'master'],
      ...['--client', this.keycloak.client.id, '--secret', this.keycloak.client.secret],
    );
    const createMs = await this.run('create', 'realms', '-f', file);
    const deleteMs = await this.run('delete', `realms/${realm}`);
    return { realm, loginMs, createMs, deleteMs, totalMs: performance.now() - started };
  }

  close(): void {
    rmSync(this.#dir, { recursive: true, force: true });
  }
}
