#!/usr/bin/env bash
# The pull-request comment of one stack, run by the preview job of contact-center.yml (copy this file to
# .github/scripts/call-flow-comment.sh): what changes for callers since the pull request's base
# (`stringee-pulumi graph --diff`: one line per change, then the call flow with the changes marked), then the
# output of `pulumi preview`. Writes the comment to $OUT, first line a marker naming the stack (the posting
# step finds the stack's earlier comment by it), and the whole of it to the job summary. A comment has at most
# 65,536 characters: the preview, then the graph, are cut to fit (the job summary keeps everything). A
# comparison that fails is reported in the comment; the script still exits 0, so the comment is posted.
#
# Environment:
#   STACK            the stack (required); the spec is contact-center.$STACK.yaml, or $SPEC
#   BASE_REF         git revision to compare with: the pull request's base commit (required)
#   PREVIEW_FILE     file holding the output of `pulumi preview` (optional)
#   PREVIEW_EXIT     exit code of that preview (default 0)
#   OUT              the comment file to write (default call-flow.md)
#   GITHUB_STEP_SUMMARY  set by GitHub Actions: the job summary the comment is appended to
#   STRINGEE_PULUMI  how to run the CLI (default: npx stringee-pulumi)
#   COMMENT_LIMIT    size budget of the comment in bytes (default 65000, under GitHub's limit)
set -euo pipefail

: "${STACK:?set STACK to the stack name}"
: "${BASE_REF:?set BASE_REF to the git revision to compare with (the pull request base)}"
spec="${SPEC:-contact-center.$STACK.yaml}"
out="${OUT:-call-flow.md}"
limit="${COMMENT_LIMIT:-65000}"
preview_exit="${PREVIEW_EXIT:-0}"
read -r -a cli <<<"${STRINGEE_PULUMI:-npx stringee-pulumi}"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# A fence longer than any run of backticks in the file, so the file cannot close it.
fence_for() {
  local longest
  longest="$(grep -o '`\+' "$1" 2>/dev/null | awk '{ if (length($0) > m) m = length($0) } END { print m + 0 }')"
  local n=$((longest < 3 ? 3 : longest + 1))
  printf '%*s' "$n" '' | tr ' ' '`'
}

# Lines of file $1 that fit in $2 bytes, whole lines only.
fit() {
  head -c "$2" "$1" | awk -v total="$(wc -c <"$1")" -v room="$2" '
    { lines[NR] = $0 }
    END { n = NR; if (total > room && n > 0) n--; for (i = 1; i <= n; i++) print lines[i] }'
}

# ---- what changes for callers ----
{
  echo "<!-- stringee-pulumi graph: $STACK -->"
  echo "### \`$STACK\`: what changes for callers"
  echo
  echo "\`$spec\` compared with \`$BASE_REF\`:"
  echo
} >"$tmp/head.md"
: >"$tmp/graph.md"
if "${cli[@]}" graph --diff "$BASE_REF" "$spec" --format markdown >"$tmp/diff.md" 2>"$tmp/diff.err"; then
  # The command prints the change lines, then the graph from its ```mermaid line on.
  sed '/^```mermaid$/,$d' "$tmp/diff.md" >>"$tmp/head.md"
  if [ -s "$tmp/diff.err" ]; then
    sed 's/^stringee-pulumi graph: /> /' "$tmp/diff.err" >>"$tmp/head.md"
    echo >>"$tmp/head.md"
  fi
  {
    echo "<details open><summary>Call flow of <code>$spec</code>: + added, - removed, ~ changed</summary>"
    echo
    sed -n '/^```mermaid$/,$p' "$tmp/diff.md"
    echo
    echo "</details>"
    echo
  } >"$tmp/graph.md"
else
  fence="$(fence_for "$tmp/diff.err")"
  {
    echo "The call flow of \`$spec\` could not be compared with \`$BASE_REF\`:"
    echo
    echo "$fence"
    cat "$tmp/diff.err"
    echo "$fence"
    echo
  } >>"$tmp/head.md"
fi

# ---- the Pulumi preview ----
: >"$tmp/preview.md"
if [ -n "${PREVIEW_FILE:-}" ]; then
  if [ "$preview_exit" = 0 ]; then
    title="#### Pulumi preview of \`$STACK\`"
  else
    title="#### Pulumi preview of \`$STACK\`: failed (exit code $preview_exit)"
  fi
  if [ -f "$PREVIEW_FILE" ]; then
    cp "$PREVIEW_FILE" "$tmp/preview.txt"
  else
    echo "(no preview output: $PREVIEW_FILE is missing)" >"$tmp/preview.txt"
  fi
  fence="$(fence_for "$tmp/preview.txt")"
  { echo "$title"; echo; echo "${fence}text"; } >"$tmp/preview.open"
  { echo "$fence"; } >"$tmp/preview.close"
  cat "$tmp/preview.open" "$tmp/preview.txt" "$tmp/preview.close" >"$tmp/preview.md"
fi

# ---- the job summary gets everything; the comment what fits ----
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  cat "$tmp/head.md" "$tmp/graph.md" "$tmp/preview.md" >>"$GITHUB_STEP_SUMMARY"
fi

size() { wc -c <"$1"; }
note="(cut to fit a comment: the whole of it is in the job summary of this run)"
room=$((limit - $(size "$tmp/head.md") - 200))
if [ "$room" -lt 0 ]; then
  # Even the change lines alone are too many.
  fit "$tmp/head.md" "$((limit - 200))" >"$tmp/head.cut"
  { cat "$tmp/head.cut"; echo; echo "$note"; } >"$tmp/head.md"
  : >"$tmp/graph.md"
  : >"$tmp/preview.md"
  room=0
fi
if [ "$(size "$tmp/graph.md")" -gt "$room" ]; then
  printf 'The call-flow graph is too big for a comment %s\n\n' "$note" >"$tmp/graph.md"
fi
room=$((room - $(size "$tmp/graph.md")))
if [ -s "$tmp/preview.md" ] && [ "$(size "$tmp/preview.md")" -gt "$room" ]; then
  keep=$((room - $(size "$tmp/preview.open") - $(size "$tmp/preview.close") - ${#note} - 2))
  if [ "$keep" -gt 0 ]; then
    fit "$tmp/preview.txt" "$keep" >"$tmp/preview.cut"
  else
    : >"$tmp/preview.cut"
  fi
  cat "$tmp/preview.open" "$tmp/preview.cut" "$tmp/preview.close" >"$tmp/preview.md"
  echo "$note" >>"$tmp/preview.md"
fi
cat "$tmp/head.md" "$tmp/graph.md" "$tmp/preview.md" >"$out"
echo "call-flow-comment: wrote $out ($(size "$out") bytes)" >&2
