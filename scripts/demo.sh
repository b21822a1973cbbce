#!/usr/bin/env bash
# The demo: sets up the toolchain, then `pulumi up` of examples/contact-center against the embedded
# Stringee API emulator (started and stopped here), with a file backend in a temp folder.
set -euo pipefail
# shellcheck source=scripts/toolchain.sh
. "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
sp_setup
cd "$SP_ROOT"
exec npx ts-node --transpile-only scripts/demo.ts "$@"
