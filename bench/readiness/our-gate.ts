/**
 * Our gate as the action runs it: the settings come from actions/readiness/action.yml's defaults
 * through the action's own input parser, so the benchmark measures what users get and follows
 * any change of default. Only the whole budget is shortened (a stuck host should not hold a
 * benchmark for 10 minutes).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseActionMetadata } from '../../src/cli/metadata.ts';
import { Inputs } from '../../src/platform/inputs.ts';
import type { GateSettings } from '../../src/readiness/gate.ts';
import { readReadinessSettings } from '../../src/readiness/settings.ts';

const ACTION_YML = fileURLToPath(new URL('../../actions/readiness/action.yml', import.meta.url));

export const BENCH_GATE_TIMEOUT = '2m';

/** The action's default gate settings, with `timeout` set to BENCH_GATE_TIMEOUT. */
export function defaultGateSettings(privateKeyPath: string): GateSettings {
  const meta = parseActionMetadata(readFileSync(ACTION_YML, 'utf8'));
  const given: Record<string, string> = {
    hosts: '192.0.2.1',
    'private-key-path': privateKeyPath,
    timeout: BENCH_GATE_TIMEOUT,
  };
  const inputs = new Inputs({
    get: (name) => given[name] ?? meta.inputs.find((i) => i.name === name)?.default,
    label: (name) => `input "${name}"`,
    onSecret: () => undefined,
  });
  return readReadinessSettings(inputs).gate;
}

/** The settings as plain data for the results file. */
export function describeSettings(settings: GateSettings): Record<string, unknown> {
  return { ...settings, cloudInitAllow: [...settings.cloudInitAllow] };
}
