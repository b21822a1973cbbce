#!/usr/bin/env bash
# `npm run bench`: sets up the toolchain, then runs bench/run.ts (see its header for the options).
set -euo pipefail
# shellcheck source=scripts/toolchain.sh
. "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
sp_setup
cd "$SP_ROOT"
exec npx ts-node --transpile-only --project tsconfig.json bench/run.ts "$@"
