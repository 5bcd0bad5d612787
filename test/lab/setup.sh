#!/usr/bin/env bash
# Prepares a Debian 12 machine (run as root) for the guest lab: the Debian packages the lab
# drives, Debian trixie's cloud-init unpacked beside the installed one so a guest can run the
# newer CLI (the one that reports "degraded" and exits 2), and a real Keycloak server from Maven
# Central. Safe to run again: it installs only what is missing and keeps what is already there.
# No mirror or registry host is written here: apt and Maven use the machine's own settings.
set -euo pipefail

LAB_DIR=/opt/recipe-ci-lab
TRIXIE_DIR=$LAB_DIR/cloud-init-trixie
# The newest Keycloak 26 server distribution Maven Central serves here (26.7.4 is not served).
KEYCLOAK_VERSION=26.7.3
KEYCLOAK_DIR=$LAB_DIR/keycloak
# The newest act the Go module proxy serves here (`go list -m -versions github.com/nektos/act`).
ACT_VERSION=0.2.89
# The Gitea runner (act_runner's successor, module gitea.com/gitea/runner): the newest release the
# proxy serves here; it lists no versions, but serves this one by name.
GITEA_RUNNER_VERSION=1.0.8

# The lab runs real sshd, cloud-init, ip, nft, unshare/nsenter and mount in namespaces.
PACKAGES=(
  openssh-server openssh-client cloud-init python3 iproute2 nftables procps util-linux mount
  ca-certificates
  maven openjdk-17-jre-headless # Keycloak: fetched by Maven, run on Java 17
  git openssl # the recipe-suite tests build git repositories; the HTTP tests make a TLS cert
  passwd      # useradd/userdel: the demo test runs the demo as a throwaway user without root
  # The Docker tests: a real engine and single-node swarm (the tests start dockerd themselves)
  # and Debian's static busybox, imported as the only image (there is no registry here).
  docker.io busybox-static
  # The screenshot after install: recipe-ci drives the system's browser, it downloads none.
  chromium
)

say() { printf 'lab setup: %s\n' "$*"; }

# The Debian mirror this machine's apt already uses for its own release (RECIPE_CI_LAB_TRIXIE_MIRROR
# overrides it): the archive that serves bookworm serves trixie too.
debian_mirror() {
  if [ -n "${RECIPE_CI_LAB_TRIXIE_MIRROR:-}" ]; then
    echo "$RECIPE_CI_LAB_TRIXIE_MIRROR"
    return
  fi
  local codename uri
  codename=$(. /etc/os-release && echo "$VERSION_CODENAME")
  uri=$(apt-get indextargets --format '$(REPO_URI) $(RELEASE) $(IDENTIFIER)' |
    awk -v rel="$codename" '$2 == rel && $3 == "Packages" { print $1; exit }')
  if [ -z "$uri" ]; then
    apt-get update >/dev/null
    uri=$(apt-get indextargets --format '$(REPO_URI) $(RELEASE) $(IDENTIFIER)' |
      awk -v rel="$codename" '$2 == rel && $3 == "Packages" { print $1; exit }')
  fi
  if [ -z "$uri" ]; then
    echo "lab setup: apt has no source for $codename; set RECIPE_CI_LAB_TRIXIE_MIRROR to a Debian mirror" >&2
    exit 1
  fi
  echo "${uri%/}"
}

# The version the lab's act reports ("act version 0.2.89"), empty when there is none.
act_version() {
  "$LAB_DIR/bin/act" --version 2>/dev/null | awk '$1 == "act" && $2 == "version" { print $3 }'
}

# The version the lab's Gitea runner reports ("gitea-runner version v1.0.8"), empty when none.
gitea_runner_version() {
  "$LAB_DIR/bin/gitea-runner" --version 2>/dev/null | awk '$2 == "version" { sub(/^v/, "", $3); print $3 }'
}

if [ "$(id -u)" -ne 0 ]; then
  echo 'lab setup: must run as root (the lab creates network and mount namespaces)' >&2
  exit 1
fi

missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]}"
  # Installing openssh-server would start the host's sshd; the lab wants it stopped, so keep
  # every service from starting for the length of the install (exit 101 = "action forbidden").
  created_policy=no
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    created_policy=yes
  else
    say 'keeping the existing /usr/sbin/policy-rc.d'
  fi
  trap '[ "$created_policy" = yes ] && rm -f /usr/sbin/policy-rc.d' EXIT
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
  if [ "$created_policy" = yes ]; then
    rm -f /usr/sbin/policy-rc.d
    say 'removed the temporary /usr/sbin/policy-rc.d'
  fi
  trap - EXIT
else
  say "packages already installed: ${PACKAGES[*]}"
fi

if [ -x "$TRIXIE_DIR/usr/bin/cloud-init" ]; then
  say "trixie cloud-init already at $TRIXIE_DIR ($(cat "$TRIXIE_DIR/VERSION" 2>/dev/null || echo '?'))"
else
  say "fetching cloud-init from Debian trixie into $TRIXIE_DIR"
  work=$(mktemp -d)
  chmod 755 "$work" # apt downloads as the _apt user
  # A private source list, list dir and cache: the host's apt configuration is not touched.
  mkdir -p "$work/lists/partial" "$work/cache/archives/partial"
  echo "deb $(debian_mirror) trixie main" >"$work/sources.list"
  apt_opts=(
    -o "Dir::Etc::sourcelist=$work/sources.list" -o 'Dir::Etc::sourceparts=-'
    -o "Dir::State::Lists=$work/lists" -o "Dir::Cache=$work/cache"
    -o 'APT::Get::List-Cleanup=0'
  )
  apt-get "${apt_opts[@]}" update
  (cd "$work" && apt-get "${apt_opts[@]}" download cloud-init)
  deb=$(ls "$work"/cloud-init_*.deb)
  mkdir -p "$TRIXIE_DIR.partial"
  dpkg -x "$deb" "$TRIXIE_DIR.partial"
  dpkg-deb -f "$deb" Version >"$TRIXIE_DIR.partial/VERSION"
  rm -rf "$TRIXIE_DIR"
  mv "$TRIXIE_DIR.partial" "$TRIXIE_DIR"
  rm -rf "$work"
  say "unpacked $(basename "$deb")"
fi

# Byte-compile trixie's package as its postinst would, so the first `cloud-init` in a guest is not
# slowed by compiling (and nothing is written under $TRIXIE_DIR later). Quick when up to date.
/usr/bin/python3 -m compileall -q "$TRIXIE_DIR/usr/lib/python3/dist-packages/cloudinit" >/dev/null
say "byte-compiled trixie cloud-init"

# Keycloak: the server distribution from Maven Central (the machine's Maven settings say where
# that is), unpacked as $KEYCLOAK_DIR. Tests start it themselves (test/support/keycloak-lab.ts).
if [ "$(cat "$KEYCLOAK_DIR/version.txt" 2>/dev/null)" = "Keycloak - Version $KEYCLOAK_VERSION" ]; then
  say "Keycloak $KEYCLOAK_VERSION already at $KEYCLOAK_DIR"
else
  say "fetching Keycloak $KEYCLOAK_VERSION with Maven"
  work=$(mktemp -d)
  mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.6.1:copy \
    "-Dartifact=org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:tar.gz" \
    "-DoutputDirectory=$work"
  mkdir -p "$work/unpacked"
  tar -xzf "$work/keycloak-quarkus-dist-$KEYCLOAK_VERSION.tar.gz" -C "$work/unpacked"
  rm -rf "$KEYCLOAK_DIR"
  mv "$work/unpacked/keycloak-$KEYCLOAK_VERSION" "$KEYCLOAK_DIR"
  rm -rf "$work"
  say "unpacked Keycloak $KEYCLOAK_VERSION to $KEYCLOAK_DIR"
fi

# act, the workflow engine the engine tests (test/engines) run our workflows with: built from its
# Go module (the machine's Go settings say where modules come from) into $LAB_DIR/bin. Why the
# other engines are not built is in README, "The guest lab".
if [ "$(act_version)" = "$ACT_VERSION" ]; then
  say "act $ACT_VERSION already at $LAB_DIR/bin/act"
elif ! command -v go >/dev/null; then
  say "no go on PATH: act is not built, and the engine tests will say so and skip"
else
  say "building act $ACT_VERSION with go install (a few minutes on 2 cores)"
  mkdir -p "$LAB_DIR/bin"
  # A throwaway working directory: go install must not pick up a go.mod from where we stand.
  work=$(mktemp -d)
  (cd "$work" && GOBIN="$LAB_DIR/bin" GOFLAGS=-buildvcs=false go install "github.com/nektos/act@v$ACT_VERSION")
  rm -rf "$work"
  if [ "$(act_version)" != "$ACT_VERSION" ]; then
    echo "lab setup: $LAB_DIR/bin/act does not report version $ACT_VERSION after the build" >&2
    exit 1
  fi
  say "built act $ACT_VERSION into $LAB_DIR/bin/act"
fi

# The Gitea runner, whose `exec` command runs a workflow on this machine as Gitea's runner would:
# built the same way, its version stamped as its own Makefile does, installed as gitea-runner.
if [ "$(gitea_runner_version)" = "$GITEA_RUNNER_VERSION" ]; then
  say "Gitea runner $GITEA_RUNNER_VERSION already at $LAB_DIR/bin/gitea-runner"
elif ! command -v go >/dev/null; then
  say "no go on PATH: the Gitea runner is not built, and its engine test will say so and skip"
else
  say "building the Gitea runner $GITEA_RUNNER_VERSION from its Go module (about a minute on 2 cores)"
  mkdir -p "$LAB_DIR/bin"
  work=$(mktemp -d)
  # Not `go install module@version`: that asks the proxy for the module's version list, which it
  # refuses here; the release itself is served, so it is fetched by name and built where it lands.
  src=$(cd "$work" && go mod download -json "gitea.com/gitea/runner@v$GITEA_RUNNER_VERSION" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["Dir"])')
  (cd "$src" && GOFLAGS=-buildvcs=false go build -trimpath -o "$work/bin/runner" \
    -ldflags "-X gitea.com/gitea/runner/internal/pkg/ver.version=v$GITEA_RUNNER_VERSION" .)
  install -m 0755 "$work/bin/runner" "$LAB_DIR/bin/gitea-runner"
  rm -rf "$work"
  if [ "$(gitea_runner_version)" != "$GITEA_RUNNER_VERSION" ]; then
    echo "lab setup: $LAB_DIR/bin/gitea-runner does not report version $GITEA_RUNNER_VERSION after the build" >&2
    exit 1
  fi
  say "built the Gitea runner $GITEA_RUNNER_VERSION into $LAB_DIR/bin/gitea-runner"
fi

# Quick proof that both CLIs run on this machine's python.
say "bookworm cloud-init: $(/usr/bin/cloud-init --version 2>&1)"
say "trixie cloud-init: $(PYTHONPATH="$TRIXIE_DIR/usr/lib/python3/dist-packages" /usr/bin/python3 \
  "$TRIXIE_DIR/usr/bin/cloud-init" --version 2>&1)"
say "nft: $(nft --version)"
say "$(cat "$KEYCLOAK_DIR/version.txt") on $(java -version 2>&1 | head -1)"
if [ -n "$(act_version)" ]; then say "$("$LAB_DIR/bin/act" --version)"; fi
if [ -n "$(gitea_runner_version)" ]; then say "$("$LAB_DIR/bin/gitea-runner" --version)"; fi
say done
