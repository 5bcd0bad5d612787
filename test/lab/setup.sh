#!/usr/bin/env bash
# Prepares a Debian 12 machine (run as root) for the guest lab: the Debian packages the lab
# drives, and Debian trixie's cloud-init unpacked beside the installed one so a guest can run
# the newer CLI (the one that reports "degraded" and exits 2). Safe to run again: it installs
# only what is missing and keeps what is already there.
set -euo pipefail

TRIXIE_DIR=/opt/recipe-ci-lab/cloud-init-trixie
TRIXIE_MIRROR=${RECIPE_CI_LAB_TRIXIE_MIRROR:-http://deb.debian.org/debian}

# The lab runs real sshd, cloud-init, ip, nft, unshare/nsenter and mount in namespaces.
PACKAGES=(
  openssh-server openssh-client cloud-init python3 iproute2 nftables procps util-linux mount
  ca-certificates
  git openssl # the recipe-suite tests build git repositories; the HTTP tests make a TLS cert
  passwd      # useradd/userdel: the demo test runs the demo as a throwaway user without root
  # The Docker tests: a real engine and single-node swarm (the tests start dockerd themselves)
  # and Debian's static busybox, imported as the only image (there is no registry here).
  docker.io busybox-static
  # The screenshot after install: recipe-ci drives the system's browser, it downloads none.
  chromium
)

say() { printf 'lab setup: %s\n' "$*"; }

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
  echo "deb $TRIXIE_MIRROR trixie main" >"$work/sources.list"
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

# Quick proof that both CLIs run on this machine's python.
say "bookworm cloud-init: $(/usr/bin/cloud-init --version 2>&1)"
say "trixie cloud-init: $(PYTHONPATH="$TRIXIE_DIR/usr/lib/python3/dist-packages" /usr/bin/python3 \
  "$TRIXIE_DIR/usr/bin/cloud-init" --version 2>&1)"
say "nft: $(nft --version)"
say done
