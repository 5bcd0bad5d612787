/**
 * Start a lab and keep it until this process is signalled:
 *   node --import tsx test/lab/hold.ts [guests]
 * Prints one JSON line describing the lab (for poking at it by hand, and for the test that kills
 * a lab's owner and checks nothing is left behind).
 */
import { startLab } from './index.ts';

const count = Number(process.argv[2] ?? '2');
const lab = await startLab({
  guests: Array.from({ length: count }, () => ({
    authorized: true,
    cloudInitPhase: { status: 'done' } as const,
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
  })}\n`,
);
// Stay alive until a signal; the lab's own handlers clean up then.
setInterval(() => undefined, 1 << 30);
