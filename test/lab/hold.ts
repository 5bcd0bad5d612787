/**
 * Start a lab and keep it until this process is signalled:
 *   node --import tsx test/lab/hold.ts [guests] [--docker]
 * Prints one JSON line describing the lab (for poking at it by hand, and for the tests that kill
 * a lab's owner and check nothing is left behind). With --docker every guest has its own Docker
 * engine, swarm and proxy network; `dockerHosts` are their sockets seen from the host.
 */
import { startLab } from './index.ts';

const docker = process.argv.includes('--docker');
const count = Number(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? '2');
const lab = await startLab({
  guests: Array.from({ length: count }, () => ({
    authorized: true,
    cloudInitPhase: { status: 'done' } as const,
    docker,
  })),
});
process.stdout.write(
  `${JSON.stringify({
    id: lab.id,
    dir: lab.dir,
    bridge: lab.bridge,
    namespaces: lab.guard.namespaces,
    links: lab.guard.links,
    addresses: lab.guests.map((g) => g.address),
    holderPids: lab.guests.map((g) => g.holderPid),
    clientKey: lab.clientKey.privateKeyPath,
    ...(docker ? { dockerHosts: lab.guests.map((g) => g.docker?.host) } : {}),
  })}\n`,
);
// Stay alive until a signal; the lab's own handlers clean up then.
setInterval(() => undefined, 1 << 30);
