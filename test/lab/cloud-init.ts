/**
 * cloud-init inside a guest. The guest runs the REAL `cloud-init status` CLI; the lab only writes
 * the files the real boot stages would have written — /var/lib/cloud/data/status.json and
 * result.json, their links in /run/cloud-init, /var/lib/cloud/instance/boot-finished and
 * /var/log/cloud-init-output.log — in exactly the shapes cloud-init's own status_wrapper writes them
 * (cloudinit/cmd/main.py of 22.4 and 25.1). What the CLI then reports (status, errors, exit code)
 * is cloud-init's own reading of those files.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { appendFile, mkdir, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TRIXIE_DIR } from './names.ts';
import { shellQuote } from './run.ts';

/**
 * Which cloud-init a guest has: Debian bookworm's 22.4 (the host's own), Debian trixie's 25.1
 * (knows "degraded", exits 2), or none at all (the shell answers 127).
 */
export type CloudInitFlavor = 'bookworm' | 'trixie' | 'absent';

/** The boot progress the guest's cloud-init files describe. */
export type CloudInitPhase =
  /** No stage has run yet: 22.4 reports `not run`, 25.1 `not started`. */
  | { readonly status: 'not-run' }
  /** A stage is under way; stays so until the next phase is written ("never finishing"). */
  | { readonly status: 'running' }
  | { readonly status: 'done' }
  /** Finished with errors: `error`, exit 1, the lines listed in `errors`. */
  | { readonly status: 'error'; readonly errors: readonly string[] }
  /** 25.1 only: finished with recoverable errors: `degraded done`, exit 2. */
  | { readonly status: 'degraded'; readonly warnings: readonly string[] }
  /**
   * Disabled for this boot, as a systemd machine shows it when /etc/cloud/cloud-init.disabled or
   * `cloud-init=disabled` on the kernel command line made cloud-init's generator leave it out:
   * /run/systemd/system (systemd is init), /run/cloud-init/disabled (the generator's marker),
   * no status.json. Both CLIs report `disabled`.
   */
  | { readonly status: 'disabled' };

const DIST_PACKAGES = '/usr/lib/python3/dist-packages';
const CLI_FILES = ['cloud-init', 'cloud-id', 'cloud-init-per'];

/** True when cloud-init has stopped running, whatever the outcome. */
export function isTerminal(phase: CloudInitPhase): boolean {
  return phase.status === 'done' || phase.status === 'error' || phase.status === 'degraded';
}

/** True when nothing more will come from cloud-init in this boot: it finished, or never will run. */
export function isSettled(phase: CloudInitPhase): boolean {
  return isTerminal(phase) || phase.status === 'disabled';
}

/** Fail early for a phase this flavor cannot show. */
export function assertPhaseSupported(flavor: CloudInitFlavor, phase: CloudInitPhase): void {
  if (flavor === 'absent' && phase.status !== 'not-run') {
    throw new Error(`cloud-init is not installed in this guest; it cannot be '${phase.status}'`);
  }
  if (flavor === 'bookworm' && phase.status === 'degraded') {
    throw new Error(
      "cloud-init 22.4 (bookworm) has no 'degraded' state (it arrived in 23.4); " +
        "start the guest with cloudInit: 'trixie' to test degraded",
    );
  }
}

function eggInfoDir(root: string): string {
  const name = readdirSync(join(root, DIST_PACKAGES)).find((entry) =>
    /^cloud_init-.*\.egg-info$/.test(entry),
  );
  if (name === undefined) throw new Error(`no cloud_init egg-info under ${root}${DIST_PACKAGES}`);
  return join(DIST_PACKAGES, name);
}

function trixieReady(): void {
  try {
    readFileSync(join(TRIXIE_DIR, 'usr/bin/cloud-init'));
  } catch {
    throw new Error(
      `a trixie guest needs Debian trixie's cloud-init in ${TRIXIE_DIR}: run test/lab/setup.sh as root`,
    );
  }
}

/** The cloud-init version a flavor reports (`cloud-init --version`), from its package metadata. */
export function cloudInitVersion(flavor: CloudInitFlavor): string | undefined {
  if (flavor === 'absent') return undefined;
  const root = flavor === 'trixie' ? TRIXIE_DIR : '/';
  if (flavor === 'trixie') trixieReady();
  const info = readFileSync(join(root, eggInfoDir(root), 'PKG-INFO'), 'utf8');
  const version = /^Version: (.+)$/m.exec(info)?.[1];
  if (version === undefined) throw new Error(`no Version in ${root} cloud-init PKG-INFO`);
  return version;
}

/**
 * Shell lines, run by the guest's mount-namespace holder, that give the guest its cloud-init:
 * trixie's files bound over the host's, or for `absent` overlays whose whiteouts remove the CLI,
 * the Python package and /etc/cloud — so the guest's shell finds no `cloud-init` at all.
 */
export function flavorMountLines(flavor: CloudInitFlavor, overlayDir: string): string[] {
  const bind = (from: string, to: string) => `mount --bind ${shellQuote(from)} ${shellQuote(to)}`;
  if (flavor === 'bookworm') return [];
  if (flavor === 'trixie') {
    trixieReady();
    const lines = [
      bind(join(TRIXIE_DIR, DIST_PACKAGES, 'cloudinit'), join(DIST_PACKAGES, 'cloudinit')),
      bind(join(TRIXIE_DIR, eggInfoDir(TRIXIE_DIR)), eggInfoDir('/')),
      bind(join(TRIXIE_DIR, 'etc/cloud'), '/etc/cloud'),
    ];
    for (const file of CLI_FILES) {
      lines.push(bind(join(TRIXIE_DIR, 'usr/bin', file), join('/usr/bin', file)));
    }
    return lines;
  }
  const hide: Record<string, string[]> = {
    '/usr/bin': CLI_FILES,
    [DIST_PACKAGES]: ['cloudinit', eggInfoDir('/').slice(DIST_PACKAGES.length + 1)],
    '/etc': ['cloud'],
  };
  const lines: string[] = [];
  for (const [dir, names] of Object.entries(hide)) {
    const base = join(overlayDir, dir.replaceAll('/', '_'));
    const upper = shellQuote(join(base, 'upper'));
    const work = shellQuote(join(base, 'work'));
    lines.push(`mkdir -p ${upper} ${work}`);
    // A character device 0/0 in the upper layer is overlayfs's whiteout: the entry is gone.
    for (const name of names) lines.push(`mknod ${upper}/${shellQuote(name)} c 0 0`);
    lines.push(
      `mount -t overlay overlay -o lowerdir=${dir},upperdir=${upper},workdir=${work} ${dir}`,
    );
  }
  return lines;
}

/** Where a guest's cloud-init files live on the host, given the guest's root directory. */
function paths(guestRoot: string) {
  const varLibCloud = join(guestRoot, 'var/lib/cloud');
  return {
    varLibCloud,
    data: join(varLibCloud, 'data'),
    runDir: join(guestRoot, 'run/cloud-init'),
    systemdRun: join(guestRoot, 'run/systemd/system'),
    instances: join(varLibCloud, 'instances'),
    outputLog: join(guestRoot, 'var/log/cloud-init-output.log'),
  };
}

/** JSON as cloud-init's atomic_helper writes it: sorted keys, indent 1. */
function cloudInitJson(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(
        Object.entries(v as Record<string, unknown>)
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([k, x]) => [k, sort(x)]),
      );
    }
    return v;
  };
  return `${JSON.stringify(sort(value), null, 1)}\n`;
}

/** Write-then-rename, as atomic_helper does, so a reader never sees half a file. */
async function writeAtomic(path: string, content: string): Promise<void> {
  await writeFile(`${path}.tmp`, content, { mode: 0o644 });
  await rename(`${path}.tmp`, path);
}

async function uptimeSeconds(): Promise<number> {
  return Number((await readFile('/proc/uptime', 'utf8')).split(' ')[0]);
}

/** `Thu, 21 Nov 2024 07:09:00 +0000`, as util.time_rfc2822 prints it. */
function rfc2822(date: Date): string {
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    `${String(days[date.getUTCDay()])}, ${two(date.getUTCDate())} ` +
    `${String(months[date.getUTCMonth()])} ${date.getUTCFullYear()} ` +
    `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} +0000`
  );
}

/** What the guest's cloud-init files need to know about the guest. */
export interface CloudInitGuest {
  readonly root: string;
  readonly flavor: CloudInitFlavor;
  readonly version: string | undefined;
  readonly instanceId: string;
}

interface StageStatus {
  errors: string[];
  recoverable_errors?: Record<string, string[]>;
  start: number | null;
  finished: number | null;
}

/** Boot stages in the order they run. */
const RUN_ORDER = ['init-local', 'init', 'modules-config', 'modules-final'] as const;

/**
 * Write the files for `phase`, replacing what described the previous phase.
 * 22.4 stamps stages with the wall clock (time.time()); 25.1 with the uptime (util.uptime()).
 */
export async function writeCloudInitPhase(
  guest: CloudInitGuest,
  phase: CloudInitPhase,
): Promise<void> {
  assertPhaseSupported(guest.flavor, phase);
  const p = paths(guest.root);
  if (phase.status === 'not-run' || phase.status === 'disabled') {
    await rm(p.varLibCloud, { recursive: true, force: true });
    await rm(p.runDir, { recursive: true, force: true });
    if (guest.flavor !== 'absent') {
      await mkdir(p.varLibCloud, { recursive: true });
      await mkdir(p.runDir, { recursive: true });
    }
    if (phase.status === 'disabled') {
      // What systemd and cloud-init's generator leave in /run on a boot without cloud-init.
      await mkdir(p.systemdRun, { recursive: true });
      await writeFile(join(p.runDir, 'disabled'), '');
    }
    return;
  }
  const trixie = guest.flavor === 'trixie';
  const version = guest.version ?? '?';
  const uptime = await uptimeSeconds();
  const now = trixie ? uptime : Date.now() / 1000;
  // /proc/uptime has centiseconds, time.time() microseconds; keep the stamps as they would be.
  const round = (t: number) => (trixie ? Math.round(t * 100) / 100 : Math.round(t * 1e6) / 1e6);
  const datasource = trixie
    ? 'DataSourceNoCloud [seed=/dev/sr0]'
    : 'DataSourceNoCloud [seed=/dev/sr0][dsmode=net]';
  const nullStatus = (): StageStatus =>
    trixie
      ? { errors: [], recoverable_errors: {}, start: null, finished: null }
      : { errors: [], start: null, finished: null };
  const v1: Record<string, unknown> = { datasource };
  const stages: Record<string, StageStatus> = {};
  for (const name of trixie ? RUN_ORDER : [...RUN_ORDER, 'modules-init']) {
    stages[name] = nullStatus();
    v1[name] = stages[name];
  }
  // Earlier stages finished a few seconds before the current moment, in boot order.
  const running = phase.status === 'running';
  const ran = running ? RUN_ORDER.slice(0, 3) : RUN_ORDER;
  ran.forEach((name, i) => {
    const stage = stages[name];
    if (stage === undefined) return;
    stage.start = round(now - (ran.length - i) * 0.5);
    stage.finished = running && name === 'modules-config' ? null : round(stage.start + 0.4);
  });
  const final = stages['modules-final'];
  if (final !== undefined && phase.status === 'error') final.errors = [...phase.errors];
  if (final !== undefined && phase.status === 'degraded') {
    final.recoverable_errors = { WARNING: [...phase.warnings] };
  }
  v1.stage = running ? 'modules-config' : null;

  await mkdir(p.data, { recursive: true });
  await mkdir(p.runDir, { recursive: true });
  await rm(join(p.runDir, 'disabled'), { force: true });
  const instanceDir = join(p.instances, guest.instanceId);
  await mkdir(instanceDir, { recursive: true });
  await writeFile(join(p.data, 'instance-id'), `${guest.instanceId}\n`);
  await rm(join(p.varLibCloud, 'instance'), { force: true });
  // Absolute, as cloud-init makes it: it resolves inside the guest.
  await symlink(`/var/lib/cloud/instances/${guest.instanceId}`, join(p.varLibCloud, 'instance'));

  await writeAtomic(join(p.data, 'status.json'), cloudInitJson({ v1 }));
  await relink(p.runDir, 'status.json');

  const log: string[] = [];
  const stamp = rfc2822(new Date());
  const welcome = (action: string) =>
    `Cloud-init v. ${version} running '${action}' at ${stamp}. Up ${uptime.toFixed(2)} seconds.`;
  const resultPath = join(p.data, 'result.json');
  const bootFinished = join(instanceDir, 'boot-finished');
  if (running) {
    await rm(resultPath, { force: true });
    await rm(join(p.runDir, 'result.json'), { force: true });
    await rm(bootFinished, { force: true });
    log.push(welcome('init-local'), welcome('init'), welcome('modules:config'));
  } else {
    const errors = phase.status === 'error' ? [...phase.errors] : [];
    await writeAtomic(resultPath, cloudInitJson({ v1: { datasource, errors } }));
    await relink(p.runDir, 'result.json');
    await writeFile(bootFinished, `${uptime.toFixed(2)} - ${stamp} - v. ${version}\n`);
    log.push(welcome('modules:final'));
    if (phase.status === 'error') log.push(...phase.errors);
    if (phase.status === 'degraded') log.push(...phase.warnings.map((w) => `WARNING: ${w}`));
    log.push(
      `Cloud-init v. ${version} finished at ${stamp}. Datasource ${datasource}.  ` +
        `Up ${uptime.toFixed(2)} seconds`,
    );
  }
  await appendFile(p.outputLog, `${log.join('\n')}\n`);
}

/** /run/cloud-init/<name> → ../../var/lib/cloud/data/<name>, the relative link cloud-init makes. */
async function relink(runDir: string, name: string): Promise<void> {
  await rm(join(runDir, name), { force: true });
  await symlink(join('../../var/lib/cloud/data', name), join(runDir, name));
}
