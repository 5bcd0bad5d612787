/**
 * user-data templates that ship with provision, chosen by name (`user-data: template:<name>`), so
 * a target gets a working server without each recipe repository writing its own cloud-config.
 * Their work happens inside cloud-init, so readiness's cloud-init wait covers it: the gate passes
 * only once Docker runs, the swarm exists and the `proxy` network is there.
 */

/** The prefix that selects a shipped template instead of inline text or a file path. */
export const TEMPLATE_PREFIX = 'template:';

/**
 * A Co-op Cloud server on Debian 12: Docker from Debian's own packages (no third-party
 * repository to trust or reach), a single-node swarm, and the `proxy` overlay network that
 * recipes' compose files join. Traefik is an abra app (`abra app new traefik`), left to the run.
 *
 * The swarm advertises the first address of `hostname -I`: a cloud VM with IPv4 and IPv6 on one
 * interface makes a bare `docker swarm init` refuse to choose. Each command is idempotent, so a
 * re-run of cloud-init's final stage does not fail on a swarm or network that already exists.
 */
const COOP_CLOUD_SERVER = `#cloud-config
ssh_authorized_keys:
  - {{ public-key }}
package_update: true
packages:
  - docker.io
  - git
write_files:
  - path: /usr/local/sbin/recipe-ci-swarm
    permissions: '0755'
    content: |
      #!/bin/sh
      # Written by recipe-ci's coop-cloud-server template: one swarm, one proxy network.
      set -eu
      systemctl enable --now docker
      if ! docker info 2>/dev/null | grep -q 'Swarm: active'; then
        docker swarm init --advertise-addr "$(hostname -I | cut -d' ' -f1)"
      fi
      if ! docker network inspect proxy >/dev/null 2>&1; then
        docker network create --driver overlay --scope swarm --attachable proxy
      fi
runcmd:
  - [/usr/local/sbin/recipe-ci-swarm]
`;

/** Every shipped template by name. */
export const SERVER_TEMPLATES: Readonly<Record<string, string>> = {
  'coop-cloud-server': COOP_CLOUD_SERVER,
};

/** The template named by `template:<name>`, undefined for any other value, or the problem. */
export function shippedTemplate(value: string): string | undefined | { problem: string } {
  if (!value.startsWith(TEMPLATE_PREFIX)) return undefined;
  const name = value.slice(TEMPLATE_PREFIX.length).trim();
  const template = SERVER_TEMPLATES[name];
  if (template !== undefined) return template;
  const names = Object.keys(SERVER_TEMPLATES).map((n) => `${TEMPLATE_PREFIX}${n}`);
  return {
    problem: `names the template "${name}", which does not exist; the templates are ${names.join(', ')}`,
  };
}
