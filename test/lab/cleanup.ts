/**
 * Removing a lab: its processes (and its guests' Docker engines' cgroups), namespaces, links and
 * directory. The same synchronous teardown
 * serves `close()`, the process's exit and signal handlers (which cannot await), and the sweep of
 * labs whose owner died without cleaning up (SIGKILL, a crash, a cancelled CI job).
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { removeCgroupSync, topCgroups } from './cgroups.ts';
import { Guard } from './guard.ts';
import { labIdOfLink, labIdOfNamespace, isLabId } from './names.ts';
import {
  deleteLinkSync,
  deleteNamespaceSync,
  existingLinks,
  existingNamespaces,
} from './network.ts';
import { ownerAlive, readOwner } from './owner.ts';
import { killNamespaceSync } from './processes.ts';
import { sleepSync } from './run.ts';

/**
 * Tear down everything `guard` claims and the lab's directory. Returns what could not be removed
 * (empty when all is gone).
 */
export function teardownSync(guard: Guard, labDir: string): string[] {
  const leftovers: string[] = [];
  // Processes first: a namespace's veth and mounts go away with its last process.
  for (const ns of guard.namespaces) {
    guard.assertNamespace(ns);
    const survivors = killNamespaceSync(ns);
    if (survivors.length > 0) leftovers.push(`processes ${survivors.join(', ')} in ${ns}`);
    // A guest's Docker engine: its containers live in namespaces of their own, found by cgroup.
    // After the engine (in the guest's namespace) is dead, so that nothing restarts them.
    leftovers.push(...removeCgroupSync(ns));
  }
  for (const ns of guard.namespaces) deleteNamespaceSync(guard, ns);
  // Veths before the bridge; a veth may already be gone with its namespace.
  const links = [...guard.links].sort((a, b) => b.length - a.length);
  for (const link of links) deleteLinkSync(guard, link);
  // The kernel removes a dead namespace's devices asynchronously: give it a moment.
  for (let i = 0; i < 200; i++) {
    const present = new Set(existingLinks());
    if (!links.some((l) => present.has(l))) break;
    sleepSync(10);
  }
  const namespaces = new Set(existingNamespaces());
  leftovers.push(...guard.namespaces.filter((ns) => namespaces.has(ns)).map((n) => `netns ${n}`));
  const present = new Set(existingLinks());
  leftovers.push(...links.filter((l) => present.has(l)).map((l) => `link ${l}`));
  try {
    rmSync(labDir, { recursive: true, force: true });
  } catch (error) {
    leftovers.push(`directory ${labDir}: ${(error as Error).message}`);
  }
  return leftovers;
}

/** An owner-less lab directory this old is a lab that died while starting. */
const ORPHAN_AGE_MS = 60_000;

/**
 * Remove the leftovers of labs under `root` whose owner process is dead. A lab whose owner lives
 * is never touched, nor is any name without a lab directory (its owner is unknown).
 */
export function sweepDeadLabs(root: string, log: (message: string) => void): string[] {
  let entries: string[];
  try {
    entries = readdirSync(root);
  } catch {
    return [];
  }
  const swept: string[] = [];
  const namespaces = existingNamespaces();
  const links = existingLinks();
  const cgroups = topCgroups();
  for (const labId of entries.filter(isLabId)) {
    const dir = join(root, labId);
    const owner = readOwner(join(dir, 'owner.json'));
    if (owner === undefined) {
      let age = 0;
      try {
        age = Date.now() - statSync(dir).mtimeMs;
      } catch {
        continue;
      }
      if (age < ORPHAN_AGE_MS) continue; // maybe a lab being created right now
    } else if (ownerAlive(owner)) {
      continue;
    }
    // The owner is dead: what carries its id is its own leftovers.
    const guard = new Guard(labId);
    for (const ns of namespaces) if (labIdOfNamespace(ns) === labId) guard.claimNamespace(ns);
    // A guest engine's cgroup tree carries its namespace's name, and may outlive the namespace.
    for (const tree of cgroups) if (labIdOfNamespace(tree) === labId) guard.claimNamespace(tree);
    for (const link of links) if (labIdOfLink(link) === labId) guard.claimLink(link);
    const leftovers = teardownSync(guard, dir);
    log(
      `swept dead lab ${labId} (owner pid ${owner?.pid ?? '?'})` +
        (leftovers.length ? `; could not remove: ${leftovers.join('; ')}` : ''),
    );
    swept.push(labId);
  }
  return swept;
}

/** Teardowns of the labs still open in this process, run on exit or a fatal signal. */
const openLabs = new Map<string, { teardown: () => void; keepOnSignal: boolean }>();
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

function runAll(onSignalOnly = false): void {
  for (const [id, { teardown, keepOnSignal }] of [...openLabs]) {
    if (onSignalOnly && keepOnSignal) continue;
    openLabs.delete(id);
    try {
      teardown();
    } catch {
      // keep going: the next lab must be cleaned as well
    }
  }
}

function onSignal(sig: NodeJS.Signals): void {
  // Another handler means the process lives on to clean up; a lab it keeps stays up for that.
  const othersListen = process.listenerCount(sig) > 1;
  runAll(othersListen);
  if (openLabs.size === 0 || !othersListen) uninstall();
  // With our handler gone and no other, the default action applies: die of the same signal.
  if (!othersListen) process.kill(process.pid, sig);
}

function install(): void {
  process.on('exit', runAll);
  for (const sig of SIGNALS) process.on(sig, onSignal);
}

function uninstall(): void {
  process.off('exit', runAll);
  for (const sig of SIGNALS) process.off(sig, onSignal);
}

/** Make sure `teardown` runs if the process exits or is signalled before the lab is closed. */
export function cleanUpOnExit(labId: string, teardown: () => void, keepOnSignal = false): void {
  if (openLabs.size === 0) install();
  openLabs.set(labId, { teardown, keepOnSignal });
}

/** The lab was closed normally: nothing left to do at exit. */
export function forgetOnExit(labId: string): void {
  openLabs.delete(labId);
  if (openLabs.size === 0) uninstall();
}
