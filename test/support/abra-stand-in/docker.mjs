// A recording stand-in for the docker CLI's read-only swarm queries over the abra stand-in's
// swarm: `--version`, `service ls`, `secret ls`, `volume ls`, their `inspect --format
// '{{.CreatedAt}}'`, and `stack ps`. Anything else — `service update`, `service scale`, any write — is logged and
// refused, so a test sees it if the backend ever tries one.
import { record, goTime, withSwarm } from './swarm-state.mjs';

let argv = process.argv.slice(2);
const entry = { tool: 'docker', argv, abraDir: process.env.ABRA_DIR ?? '' };
function fail(message) {
  record({ ...entry, exit: 1, error: message });
  process.stderr.write(`${message}\n`);
  process.exit(1);
}
if (argv[0] === '--context') argv = argv.slice(2);
// The client's own version, which recipe-suite asks first to know a docker CLI is there: no
// swarm query, so not recorded with them.
if (argv.length === 1 && argv[0] === '--version') {
  process.stdout.write('Docker version 0.0.0-stand-in, build stand-in\n');
  process.exit(0);
}

const options = { filters: [], format: undefined, quiet: false, rest: [] };
for (let i = 2; i < argv.length; i++) {
  const arg = argv[i];
  if (arg === '--filter' || arg === '-f') options.filters.push(argv[++i]);
  else if (arg === '--format') options.format = argv[++i];
  else if (arg === '-q' || arg === '--quiet') options.quiet = true;
  else if (arg === '--no-trunc') continue;
  else if (arg.startsWith('-')) fail(`unknown flag: ${arg}`);
  else options.rest.push(arg);
}

function render(rows, fallback) {
  const format = (options.quiet ? '{{.ID}}' : (options.format ?? fallback)).replace(/\\t/g, '\t');
  for (const row of rows) {
    process.stdout.write(
      `${format.replace(/\{\{\s*\.(\w+)\s*\}\}/g, (_, key) => String(row[key] ?? ''))}\n`,
    );
  }
}
function stackFilter(rows) {
  let out = rows;
  for (const filter of options.filters) {
    const match = /^label=com\.docker\.stack\.namespace=(.+)$/.exec(filter);
    if (!match) fail(`stand-in does not know the filter ${filter}`);
    out = out.filter((r) => r.stack === match[1]);
  }
  return out;
}

const swarm = withSwarm((s) => s);
const kinds = { service: 'services', secret: 'secrets', volume: 'volumes' };
const [kind, verb] = argv;
if (kind in kinds && (verb === 'ls' || verb === 'list')) {
  const rows = stackFilter(swarm[kinds[kind]]).map((r) => ({
    ...r,
    ID: r.name,
    Name: r.name,
    Replicas: kind === 'service' ? `${r.running}/${r.desired}` : undefined,
  }));
  render(rows, '{{.Name}}');
} else if (kind in kinds && verb === 'inspect') {
  const rows = options.rest.map((name) => {
    const found = swarm[kinds[kind]].find((r) => r.name === name);
    if (!found) fail(`Error: No such ${kind}: ${name}`);
    return { ...found, CreatedAt: kind === 'volume' ? found.createdAt : goTime(found.createdAt) };
  });
  if (options.format === undefined) fail('stand-in answers inspect only with --format');
  render(rows, '');
} else if (kind === 'stack' && verb === 'ps') {
  const stack = options.rest[0];
  const rows = swarm.services
    .filter((s) => s.stack === stack)
    .map((s) => ({
      Name: `${s.name}.1`,
      Image: 'stand-in:latest',
      DesiredState: 'Running',
      CurrentState: s.running >= s.desired ? 'Running 1 minute ago' : 'Rejected 5 seconds ago',
      Error: s.running >= s.desired ? '' : 'task: non-zero exit (1)',
    }));
  if (rows.length === 0) fail(`nothing found in stack: ${stack}`);
  render(rows, '{{.Name}}\t{{.CurrentState}}');
} else {
  fail(`stand-in docker answers read-only queries only; refused: docker ${argv.join(' ')}`);
}
record({ ...entry, exit: 0 });
