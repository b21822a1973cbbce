#!/usr/bin/env bash
# Prepare this checkout: Node >= 22, npm dependencies, the Pulumi CLI and its Node.js language host.
# Run it directly (`bash scripts/setup.sh`) or source it to get the tools on your shell's PATH.
set -euo pipefail
# shellcheck source=scripts/toolchain.sh
. "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
sp_setup
