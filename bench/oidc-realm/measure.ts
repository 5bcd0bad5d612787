/**
 * What every part of this benchmark records: order statistics of timings, the Keycloak JVM's
 * resident memory, and facts about the machine the figures came from.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { runProgram } from '../../src/process/run-program.ts';
import { percentile } from '../readiness/stats.ts';

export interface Stat {
  n: number;
  median: number;
  p90: number;
}

/** Median and p90 by nearest rank (each figure is one real sample), rounded to ms. */
export function stat(samples: readonly number[]): Stat {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number): number => Math.round(percentile(sorted, p) ?? Number.NaN);
  return { n: sorted.length, median: at(50), p90: at(90) };
}

/** Milliseconds `fn` took, with its result. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}

/**
 * Resident memory of the Keycloak JVM serving `url`, in bytes. Found by its command line, not
 * by the pid the lab spawned: `kc.sh` runs java as a child (and execs it only after a
 * re-augmentation), so the spawned pid is often the 2 MB shell, not the JVM.
 */
export function keycloakJvmRss(url: string): number {
  const flag = `--http-port=${new URL(url).port}`;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (!/(^|\/)java$/.test(argv[0] ?? '') || !argv.includes(flag)) continue;
      const kb = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
      if (kb !== undefined) return Number(kb) * 1024;
    } catch {
      // the process ended while we looked
    }
  }
  throw new Error(`no Keycloak JVM with ${flag} found in /proc`);
}

export const mib = (bytes: number): number => Math.round(bytes / 2 ** 20);

/** The 1-minute load average, sampled every few seconds while the benchmark runs. */
export class LoadSampler {
  readonly samples: number[] = [loadavg()[0] ?? 0];
  readonly #timer = setInterval(() => this.samples.push(loadavg()[0] ?? 0), 5000);

  constructor() {
    this.#timer.unref();
  }

  stop(): { mean1m: number; max1m: number } {
    clearInterval(this.#timer);
    const mean = this.samples.reduce((a, b) => a + b, 0) / this.samples.length;
    const round = (n: number): number => Math.round(n * 100) / 100;
    return { mean1m: round(mean), max1m: round(Math.max(...this.samples)) };
  }
}

export interface MachineFacts {
  cpu: string;
  cores: number;
  memoryGiB: number;
  kernel: string;
  node: string;
  java: string;
}

export async function machineFacts(): Promise<MachineFacts> {
  // `java -version` prints on stderr.
  const java = await runProgram('java', ['-version'], { timeoutMs: 30_000 });
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    kernel: release(),
    node: process.version,
    java: java.stderr.trim().split('\n')[0] ?? 'unknown',
  };
}
