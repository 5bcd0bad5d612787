/**
 * Talking to one Docker engine from the host with the docker CLI: the calls every lab engine
 * answers (the host's, a private one, a guest's), and the busybox image imported once per engine.
 */
import { spawnSync } from 'node:child_process';
import { BUSYBOX_IMAGE, importBusyboxSync } from './busybox-image.ts';
import { run, type ExecResult } from './run.ts';

export class EngineClient {
  #imported = false;
  readonly #tagged = new Set<string>();

  /** The DOCKER_HOST every docker call of the tests (and of the code under test) uses. */
  constructor(readonly host: string) {}

  /** The env for processes that talk to this engine. */
  get env(): { DOCKER_HOST: string } {
    return { DOCKER_HOST: this.host };
  }

  /** Runs `docker` against this engine. */
  docker(args: readonly string[], options: { input?: string } = {}): Promise<ExecResult> {
    return run('docker', ['-H', this.host, ...args], { ...options, timeoutMs: 120_000 });
  }

  /** Like docker(), but a failure throws with what docker said. */
  async must(args: readonly string[], input?: string): Promise<string> {
    const result = await this.docker(args, input === undefined ? {} : { input });
    if (result.code !== 0) throw new Error(`docker ${args.join(' ')}: ${result.stderr.trim()}`);
    return result.stdout;
  }

  async swarmState(): Promise<string> {
    return (await this.must(['info', '--format', '{{.Swarm.LocalNodeState}}'])).trim();
  }

  /**
   * The busybox image, imported once per engine, and also tagged as each of `tags` (e.g.
   * recipe-ci-busybox:1.0, the image of a recipe release).
   */
  busybox(...tags: string[]): string {
    if (!this.#imported) {
      importBusyboxSync(this.host);
      this.#imported = true;
    }
    for (const tag of tags) {
      if (this.#tagged.has(tag)) continue;
      const made = spawnSync('docker', ['-H', this.host, 'tag', BUSYBOX_IMAGE, tag], {
        encoding: 'utf8',
      });
      if (made.status !== 0) throw new Error(`docker tag ${tag}: ${made.stderr}`);
      this.#tagged.add(tag);
    }
    return BUSYBOX_IMAGE;
  }

  /** The images busybox() made on this engine: its tags first, then the image itself. */
  get images(): string[] {
    return [...this.#tagged, ...(this.#imported ? [BUSYBOX_IMAGE] : [])];
  }
}
