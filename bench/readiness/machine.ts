/** Facts about the machine and the software under the benchmark, recorded with every result. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';

export interface MachineFacts {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  kernel: string;
  node: string;
  openssh: string;
  cloudInit: string;
}

function firstLine(command: string, args: string[]): string {
  try {
    // `ssh -V` prints on stderr; merge both.
    const out = execFileSync(command, args, {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return out.trim().split('\n')[0] ?? 'unknown';
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    return stderr.trim().split('\n')[0] ?? 'unknown';
  }
}

export function machineFacts(): MachineFacts {
  const list = cpus();
  return {
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    kernel: release(),
    node: process.version,
    openssh: firstLine('sh', ['-c', 'ssh -V 2>&1']),
    cloudInit: `${firstLine('cloud-init', ['--version'])} (guests: bookworm flavor)`,
  };
}

/** The 1-minute load average, sampled while the benchmark runs. */
export class LoadSampler {
  readonly samples: number[] = [];
  readonly #timer: NodeJS.Timeout;

  constructor(everyMs = 5000) {
    this.samples.push(loadavg()[0] ?? 0);
    this.#timer = setInterval(() => this.samples.push(loadavg()[0] ?? 0), everyMs);
    this.#timer.unref();
  }

  stop(): { mean1m: number; max1m: number } {
    clearInterval(this.#timer);
    const mean = this.samples.reduce((a, b) => a + b, 0) / Math.max(1, this.samples.length);
    return { mean1m: Math.round(mean * 100) / 100, max1m: Math.max(...this.samples) };
  }
}

export const loadAverages = (): number[] => loadavg().map((v) => Math.round(v * 100) / 100);

/** CPU time (ms) the whole machine has spent busy since boot, from /proc/stat. */
export function machineBusyMs(): number {
  const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '')
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  return (total - idle) * 10; // USER_HZ is 100 on Linux
}

/** CPU time (ms) this process has used. */
export function processCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/**
 * CPU time (ms) of this process and its reaped descendants — the lab's sshd, the sessions'
 * shells and `cloud-init` runs, the `ssh` clients — to tell the benchmark's own load from the
 * rest of the machine's.
 */
export function processTreeCpuMs(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the command: state is field 3, so utime..cstime (fields 14–17) are at 11–14 here.
  const ticks = [11, 12, 13, 14].reduce((a, i) => a + Number(fields[i] ?? 0), 0);
  return ticks * 10;
}

/** Wall, machine and own CPU over a phase of the benchmark. */
export class CpuMeter {
  readonly #wall = Date.now();
  readonly #busy = machineBusyMs();
  readonly #own = processTreeCpuMs();

  read(): { wallMs: number; machineCpuMs: number; benchTreeCpuMs: number } {
    return {
      wallMs: Date.now() - this.#wall,
      machineCpuMs: machineBusyMs() - this.#busy,
      benchTreeCpuMs: processTreeCpuMs() - this.#own,
    };
  }
}
