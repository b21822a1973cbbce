# shellcheck shell=bash
# Sourced by every entry point (setup, test, demo, .ci/run). Puts Node >= 22, the npm dependencies and a
# Pulumi CLI with its Node.js language host on PATH, building or downloading only what is missing.
#
# Everything comes from the package registries this project may use (npm registry, Go module proxy);
# nothing is fetched from anywhere else. Downloads and builds are cached per user and keyed by version,
# so a fresh clone on the same machine reuses them:
#   ${XDG_CACHE_HOME:-$HOME/.cache}/stringee-pulumi/node/<version>/bin/node
#   ${XDG_CACHE_HOME:-$HOME/.cache}/stringee-pulumi/pulumi-cli/<version>/pulumi  (built from the Go module proxy)
#   ${XDG_CACHE_HOME:-$HOME/.cache}/stringee-pulumi/pulumi/<version>-<host source hash>/  (pulumi, our
#     pulumi-language-nodejs built from tools/pulumi-cli, and the pulumi-resource-pulumi-nodejs script)

SP_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SP_CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/stringee-pulumi"
# The exact Node 22 LTS build installed when the machine's node is older than 22.
SP_NODE_VERSION="22.23.3"
SP_NODE_MIN_MAJOR=22

sp_log() { printf '[setup] %s\n' "$*" >&2; }
sp_die() { printf '[setup] error: %s\n' "$*" >&2; exit 1; }

sp_node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

sp_ensure_node() {
  local sys
  sys="$(command -v node || true)"
  if [ -n "$sys" ] && [ "$(sp_node_major "$sys")" -ge "$SP_NODE_MIN_MAJOR" ]; then
    return 0
  fi
  local arch pkg dir
  case "$(uname -m)" in
    x86_64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) sp_die "no official Node.js package for $(uname -m); install Node >= $SP_NODE_MIN_MAJOR yourself" ;;
  esac
  pkg="node-linux-${arch}"
  dir="$SP_CACHE/node/$SP_NODE_VERSION-$arch"
  if [ ! -x "$dir/bin/node" ]; then
    sp_log "system node is ${sys:+$("$sys" --version)}${sys:-missing}; installing Node $SP_NODE_VERSION from the npm registry ($pkg)"
    local tmp
    tmp="$(mktemp -d)"
    if command -v npm >/dev/null 2>&1; then
      # npm pack checks the tarball against the registry's integrity hash.
      (cd "$tmp" && npm pack --silent "$pkg@$SP_NODE_VERSION" >/dev/null) || sp_die "npm pack $pkg@$SP_NODE_VERSION failed"
    else
      curl -fsSL -o "$tmp/$pkg-$SP_NODE_VERSION.tgz" \
        "https://registry.npmjs.org/$pkg/-/$pkg-$SP_NODE_VERSION.tgz" || sp_die "download of $pkg failed"
    fi
    tar -xzf "$tmp/$pkg-$SP_NODE_VERSION.tgz" -C "$tmp" || sp_die "could not unpack $pkg"
    mkdir -p "$(dirname "$dir")"
    rm -rf "$dir.partial" && mv "$tmp/package" "$dir.partial" && rm -rf "$dir" && mv "$dir.partial" "$dir"
    rm -rf "$tmp"
  fi
  export PATH="$dir/bin:$PATH"
  [ "$(sp_node_major node)" -ge "$SP_NODE_MIN_MAJOR" ] || sp_die "node on PATH is still older than $SP_NODE_MIN_MAJOR"
}

sp_ensure_npm_deps() {
  local stamp="$SP_ROOT/node_modules/.stringee-setup-stamp" want
  want="$(node -v) $(sha256sum "$SP_ROOT/package-lock.json" | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  sp_log "npm ci"
  (cd "$SP_ROOT" && npm ci --no-audit --no-fund --loglevel=error) || sp_die "npm ci failed"
  printf '%s' "$want" >"$stamp"
}

# The CLI version is the one tools/pulumi-cli/go.mod pins (github.com/pulumi/pulumi/pkg/v3), which is what
# `go build` compiles. package.json declares @pulumi/pulumi as a range for users (see README, Versioning),
# so it cannot name the CLI.
sp_pulumi_version() {
  local v
  v="$(sed -n 's|^[[:space:]]*github.com/pulumi/pulumi/pkg/v3 v\([0-9][0-9.]*\)\([[:space:]].*\)\{0,1\}$|\1|p' \
    "$SP_ROOT/tools/pulumi-cli/go.mod")"
  [ -n "$v" ] || sp_die "no github.com/pulumi/pulumi/pkg/v3 version in tools/pulumi-cli/go.mod"
  printf '%s\n' "$v"
}

sp_version_ge() { [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]; }

sp_existing_pulumi_ok() {
  local want="$1" have dir
  command -v pulumi >/dev/null 2>&1 || return 1
  have="$(pulumi version 2>/dev/null | sed 's/^v//')"
  [ -n "$have" ] && sp_version_ge "$have" "$want" || return 1
  dir="$(dirname "$(command -v pulumi)")"
  command -v pulumi-language-nodejs >/dev/null 2>&1 || [ -x "$dir/pulumi-language-nodejs" ]
}

sp_go_build() {
  # $1 = output binary, $2 = package, $3 = version stamp; builds inside a throw-away copy of the wrapper module
  # (tools/pulumi-cli) whose go.mod/go.sum pin every dependency.
  local out="$1" pkg="$2" version="$3" work
  work="$(mktemp -d)"
  cp -r "$SP_ROOT/tools/pulumi-cli/." "$work/"
  (
    cd "$work" &&
      GOTOOLCHAIN=local GOFLAGS="-mod=readonly -buildvcs=false" go build -trimpath \
        -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$version" \
        -o "$out.partial" "$pkg"
  ) || { rm -rf "$work"; sp_die "go build $pkg failed (see above)"; }
  rm -rf "$work"
  mv "$out.partial" "$out"
}

sp_ensure_pulumi() {
  local version
  version="$(sp_pulumi_version)"
  export PATH="$SP_ROOT/node_modules/@pulumi/pulumi:$PATH"
  if [ "${STRINGEE_PULUMI_BUILD_CLI:-}" != "1" ] && sp_existing_pulumi_ok "$version"; then
    return 0
  fi
  command -v go >/dev/null 2>&1 || sp_die "no pulumi >= $version on PATH and no Go toolchain to build it; install Pulumi $version or Go"
  local cli="$SP_CACHE/pulumi-cli/$version/pulumi" host_hash bin
  host_hash="$(cat "$SP_ROOT"/tools/pulumi-cli/go.mod "$SP_ROOT"/tools/pulumi-cli/go.sum \
    "$SP_ROOT"/tools/pulumi-cli/pulumi-language-nodejs/*.go | sha256sum | cut -c1-12)"
  # The engine looks for its language host and plugins next to its own executable first (and warns when it
  # falls back to PATH), so the bin folder holds the three together, keyed by CLI version and host source.
  bin="$SP_CACHE/pulumi/$version-$host_hash"
  if [ ! -x "$cli" ]; then
    mkdir -p "$(dirname "$cli")"
    sp_log "building the Pulumi CLI v$version from the Go module proxy (first time only: a few minutes on 2 cores)"
    local t0=$SECONDS
    sp_go_build "$cli" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi "$version"
    sp_log "built pulumi v$version in $((SECONDS - t0))s -> $cli"
  fi
  if [ ! -x "$bin/pulumi-language-nodejs" ]; then
    mkdir -p "$bin"
    sp_log "building the Node.js language host for v$version (tools/pulumi-cli/pulumi-language-nodejs)"
    local t1=$SECONDS
    sp_go_build "$bin/pulumi-language-nodejs" ./pulumi-language-nodejs "$version"
    sp_log "built pulumi-language-nodejs in $((SECONDS - t1))s -> $bin"
  fi
  if [ ! -x "$bin/pulumi" ]; then
    # A hard link, not a symlink: the CLI resolves symlinks to find its own folder.
    ln -f "$cli" "$bin/.pulumi.partial" 2>/dev/null || cp "$cli" "$bin/.pulumi.partial"
    mv "$bin/.pulumi.partial" "$bin/pulumi"
  fi
  # The dynamic-provider plugin script only resolves @pulumi/pulumi from the program folder, so one copy
  # per version serves every checkout.
  if [ ! -x "$bin/pulumi-resource-pulumi-nodejs" ]; then
    cp "$SP_ROOT/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs" "$bin/.plugin.partial" &&
      chmod +x "$bin/.plugin.partial" && mv "$bin/.plugin.partial" "$bin/pulumi-resource-pulumi-nodejs"
  fi
  export PATH="$bin:$PATH"
}

# Programs in this repository (the root GitOps program, examples, e2e projects) import the package by its
# name, and the dynamic providers load `stringee-pulumi/runtime` by name from the program folder: build
# dist/ and let the package resolve itself through node_modules, as it does once installed from npm.
sp_build_package() {
  (cd "$SP_ROOT" && npx tsc -p tsconfig.build.json) || sp_die "TypeScript build failed (npm run build)"
  # `ln -sfn` removes then creates the link: a Pulumi program resolving it in between (another shell
  # running tests on this tree) fails with "Cannot find module". Leave a correct link alone, and replace a
  # wrong one by renaming a new link over it, which is atomic.
  local link="$SP_ROOT/node_modules/stringee-pulumi"
  if [ "$(readlink "$link" 2>/dev/null)" != ".." ]; then
    ln -sfn .. "$link.$$" && mv -T "$link.$$" "$link"
  fi
}

sp_setup() {
  local t0=$SECONDS
  sp_ensure_node
  sp_ensure_npm_deps
  sp_build_package
  sp_ensure_pulumi
  # Tests and scripts never phone home and never touch the user's own Pulumi login.
  export PULUMI_SKIP_UPDATE_CHECK=true
  export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
  sp_log "ready in $((SECONDS - t0))s: node $(node --version), pulumi $(pulumi version) ($(command -v pulumi))"
}
