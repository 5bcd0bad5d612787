// The recording stand-in's swarm: services, secrets and volumes kept in the state file
// (swarm-state.mjs). Volumes are folders, so data written into them is real; services are
// entries that "run" unless a test said otherwise (ABRA_STAND_IN_FAIL=replicas). Used when no
// real engine is given; real-swarm.mjs is its counterpart over a real Docker Swarm.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { told, volumeDir, withSwarm } from './swarm-state.mjs';
import { copyVolumeIn, copyVolumeOut } from './volume-copy.mjs';

const now = () => new Date().toISOString();

/** Top-level keys of a compose section (`services:`, `volumes:`), read without a YAML parser. */
function composeKeys(file, section) {
  const lines = readFileSync(file, 'utf8').split('\n');
  const start = lines.findIndex((l) => l === `${section}:`);
  if (start === -1) return [];
  const keys = [];
  for (const line of lines.slice(start + 1)) {
    if (/^\S/.test(line)) break;
    const match = /^ {2}([\w-]+):/.exec(line);
    if (match) keys.push(match[1]);
  }
  return keys;
}

export const recordedSwarm = {
  real: false,

  deployed(stack) {
    return withSwarm((swarm) => swarm.services.some((s) => s.stack === stack));
  },

  /** The first of `names` that is not a secret on the server. */
  missingSecret(names) {
    return withSwarm((swarm) => names.find((n) => !swarm.secrets.some((s) => s.name === n)));
  },

  /** The value itself stays with abra.mjs (its log); the swarm keeps names, as Docker shows them. */
  createSecret(name) {
    return withSwarm((swarm) => {
      if (swarm.secrets.some((s) => s.name === name)) return `secret ${name} already exists`;
      swarm.secrets.push({ name, createdAt: now() });
      return undefined;
    });
  },

  /** Start the stack's services and create its volumes, as `docker stack deploy` would. */
  deploy({ stack, composeFile, version }) {
    withSwarm((swarm) => {
      // `replicas` fails every deploy; `replicas <version>` only that version's (a broken release).
      const running = told('replicas') || (version && told(`replicas ${version}`)) ? 0 : 1;
      swarm.services = swarm.services.filter((s) => s.stack !== stack);
      for (const service of composeKeys(composeFile, 'services')) {
        swarm.services.push({
          name: `${stack}_${service}`,
          stack,
          running,
          desired: 1,
          createdAt: now(),
        });
      }
      for (const volume of composeKeys(composeFile, 'volumes')) {
        const name = `${stack}_${volume}`;
        if (!swarm.volumes.some((v) => v.name === name)) {
          swarm.volumes.push({ name, stack, createdAt: now() });
          mkdirSync(volumeDir(name), { recursive: true });
        }
      }
    });
  },

  undeploy(stack) {
    withSwarm((swarm) => {
      swarm.services = swarm.services.filter((s) => s.stack !== stack);
    });
  },

  /** Remove the stack's secrets and volumes (the app is undeployed). */
  removeData(stack) {
    withSwarm((swarm) => {
      swarm.secrets = swarm.secrets.filter((s) => !s.name.startsWith(`${stack}_`));
      for (const volume of swarm.volumes.filter((v) => v.stack === stack)) {
        rmSync(volumeDir(volume.name), { recursive: true, force: true });
      }
      swarm.volumes = swarm.volumes.filter((v) => v.stack !== stack);
    });
  },

  volumes(stack) {
    return withSwarm((swarm) => swarm.volumes.filter((v) => v.stack === stack).map((v) => v.name));
  },

  volumePath(name) {
    const dir = volumeDir(name);
    if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
    return dir;
  },

  saveVolume(name, into) {
    copyVolumeOut(this.volumePath(name), into);
  },

  loadVolume(from, name) {
    copyVolumeIn(from, this.volumePath(name));
  },

  run() {
    return {
      status: 1,
      stdout: '',
      stderr: 'stand-in: app run needs a real swarm (ABRA_STAND_IN_DOCKER)\n',
    };
  },
};
