#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests (the Mermaid render test) and scripts/render-graph.ts.
# Idempotent: does nothing when /usr/bin/chromium is already there. CI machines start bare, and test tools'
# own browser downloads are not reachable from them, so the browser comes from the Debian mirror.
# Needs root (or passwordless sudo) for apt-get. fonts-dejavu-core gives the PNGs readable text on a bare image.
set -euo pipefail
CHROMIUM=/usr/bin/chromium
[ -x "$CHROMIUM" ] && exit 0
log() { printf '[chromium] %s\n' "$*" >&2; }
sudo=""
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null 2>&1 || { log "error: installing Chromium needs root or sudo"; exit 1; }
  sudo="sudo -n"
fi
command -v apt-get >/dev/null 2>&1 || { log "error: no apt-get: install Chromium at $CHROMIUM yourself"; exit 1; }
log "installing Debian's chromium (first time only)"
t0=$SECONDS
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q >&2
$sudo apt-get install -y -q --no-install-recommends chromium fonts-dejavu-core >&2
[ -x "$CHROMIUM" ] || { log "error: apt-get installed chromium but $CHROMIUM is missing"; exit 1; }
log "installed $("$CHROMIUM" --version 2>/dev/null || echo chromium) in $((SECONDS - t0))s"
