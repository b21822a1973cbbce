#!/usr/bin/env bash
# The whole test suite: unit (no sockets), integration (real HTTP against the emulator) and e2e (the real
# Pulumi CLI against the emulator, file backend in a temp folder). Extra arguments go to every jest run.
set -euo pipefail
# shellcheck source=scripts/toolchain.sh
. "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
sp_setup
cd "$SP_ROOT"
# The Mermaid render test drives Debian's Chromium; a bare CI machine gets it here (no-op when installed).
bash scripts/chromium.sh
npx jest --selectProjects unit integration "$@"
# e2e drives whole `pulumi` processes; one at a time keeps them from starving each other on small machines.
npx jest --selectProjects e2e --runInBand "$@"
