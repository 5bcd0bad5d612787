/**
 * The guest lab: real sshd and real cloud-init in network and mount namespaces, driven by
 * scenario timelines, for testing code that must tell a ready machine from one that only
 * shows a banner. See DESIGN.md, "The guest lab". Needs root; prepare a machine with setup.sh.
 */
export { Lab, startLab } from './lab.ts';
export type { LabOptions } from './lab.ts';
export { Guest } from './guest.ts';
export type { BounceOptions, BounceTimes, GuestOptions, GuestState, Listener } from './guest.ts';
export type { CloudInitFlavor, CloudInitPhase } from './cloud-init.ts';
export { isTerminal } from './cloud-init.ts';
export { playScenario, ScenarioRun, timelines } from './scenario.ts';
export type {
  CloudBootOptions,
  EventRecord,
  ScenarioEvent,
  ScenarioResult,
  ScenarioStep,
} from './scenario.ts';
export { Guard, NotOwnedError } from './guard.ts';
export type { ClientKey, DockerSshEnv, SshOptions, Target } from './client.ts';
export { GuestDocker, guestDockerUnavailable, PROXY_NETWORK } from './guest-docker.ts';
export type { TcpProbeOptions, TcpProbeResult } from './probe.ts';
export { tcpProbe } from './probe.ts';
export { LabUnavailableError } from './preflight.ts';
export { SubnetInUseError } from './network.ts';
export type { ExecResult } from './run.ts';
export { DEFAULT_ROOT, PREFIX } from './names.ts';
