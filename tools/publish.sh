#!/usr/bin/env bash
# The steps of .github/workflows/publish.yml, one subcommand each, so the workflow and the
# local dry run (tools/publish_dry_run.sh, `make publish-dry-run`) run the very same commands.
#
#   publish.sh plan                 decide fetch or rebuild-only, shard list (key=value lines)
#   publish.sh fetch OUT            fetch (a shard of) the sources; copy new store records to OUT
#   publish.sh merge DIR            copy fetched records into data/articles unless already kept
#   publish.sh epoch                print SOURCE_DATE_EPOCH=<time of the last commit>
#   publish.sh generate             newsdigest generate (exit 1 warns, exit 2 stops)
#   publish.sh commit BRANCH [DIR]  commit data/ and docs/ as the bot; rebase and retry on a race
#   publish.sh build                newsdigest build (mkdocs build --strict) into site/
#   publish.sh summary [DIR]        print the run report as Markdown (for $GITHUB_STEP_SUMMARY)
#   publish.sh newsletter           email the day's digest (NEWSLETTER_DAY, default yesterday)
#                                   once; skipped when NEWSDIGEST_SMTP_HOST is not set
#
# Environment: NEWSDIGEST (command, default .venv/bin/newsdigest), PUBLISH_WORK (folder for
# logs, default $RUNNER_TEMP/newsdigest-publish), PUBLISH_TRACE (file: each subcommand run is
# appended, for the dry run's drift check). Run from the project root.
set -euo pipefail

NEWSDIGEST=${NEWSDIGEST:-.venv/bin/newsdigest}
PYTHON=${PYTHON:-.venv/bin/python}
read -r -a ND <<<"$NEWSDIGEST"
WORK=${PUBLISH_WORK:-${RUNNER_TEMP:-${TMPDIR:-/tmp}}/newsdigest-publish}
BOT_NAME=${PUBLISH_GIT_NAME:-github-actions[bot]}
BOT_EMAIL=${PUBLISH_GIT_EMAIL:-41898282+github-actions[bot]@users.noreply.github.com}
PUSH_ATTEMPTS=${PUBLISH_PUSH_ATTEMPTS:-5}
# The push token (PUBLISH_TOKEN) is taken out of the environment at once: newsdigest and any
# other child process never see it; only `remote` hands it to git, as an HTTP header.
AUTH_HEADER=
if [[ -n ${PUBLISH_TOKEN:-} ]]; then
  AUTH_HEADER="AUTHORIZATION: basic $(printf 'x-access-token:%s' "$PUBLISH_TOKEN" | base64 -w0)"
  [[ ${GITHUB_ACTIONS:-} == true ]] && echo "::add-mask::${AUTH_HEADER#AUTHORIZATION: basic }"
fi
unset PUBLISH_TOKEN
STORE=data/articles
STATE=data/state  # fetch state: health and quarantine are committed; HTTP validators are cached

say() { printf '%s\n' "$*" >&2; }
die() { say "publish.sh: $*"; exit 2; }

# Run newsdigest, keep its output in a log, and map its status: 1 warns, anything else stops.
run_tolerant() {
  local log=$1 status=0
  shift
  "${ND[@]}" "$@" 2>&1 | tee -a "$log" || status=$?
  case $status in
    0) ;;
    1) say "::warning::newsdigest $1: some inputs failed (exit 1); publishing the rest" ;;
    *) say "::error::newsdigest $1 stopped the publish (exit $status)"; return "$status" ;;
  esac
}

cmd_plan() {
  # Inputs come from the environment: EVENT, INPUT_SOURCES, INPUT_REBUILD_ONLY, INPUT_SHARDS,
  # FETCH_SHARDS (the default shard count). A push (a note or config change) only rebuilds.
  local sources=${INPUT_SOURCES:-all} shards=${INPUT_SHARDS:-} fetch=true
  shards=${shards:-${FETCH_SHARDS:-1}}
  [[ $shards =~ ^[1-9][0-9]*$ ]] || die "shard count must be a whole number >= 1, got '$shards'"
  # Names may hold spaces ("Focus Taiwan"): they are separated by commas.
  sources=$(tr ',' '\n' <<<"$sources" | sed 's/^[[:space:]]*//; s/[[:space:]]*$//' | grep . \
    | paste -sd, -) || true
  [[ -z $sources || $sources == all ]] && sources=all
  [[ $sources != all ]] && shards=1  # named sources are fetched by one runner
  if [[ ${EVENT:-schedule} == push || ${INPUT_REBUILD_ONLY:-false} == true ]]; then
    fetch=false
  fi
  printf 'fetch=%s\nsources=%s\nshard_count=%s\nshards=[%s]\n' "$fetch" "$sources" "$shards" \
    "$(seq -s , 1 "$shards")"
}

store_files() { [[ -d $STORE ]] && find "$STORE" -name '*.json' -type f | LC_ALL=C sort; true; }

cmd_fetch() {
  local out=${1:?usage: publish.sh fetch OUT} shard=${SHARD:-} sources=${SOURCES:-all}
  local label=${shard:-1/1} status=0 worst=0 before
  label=${label/\//-of-}
  mkdir -p "$out/articles" "$WORK"
  local log="$out/report-shard-$label.txt"
  : >"$log"
  before=$(mktemp)
  store_files >"$before"
  if [[ $sources == all ]]; then
    run_tolerant "$log" fetch ${shard:+--shard "$shard"} || status=$?
    worst=$status
  else
    local names=() name
    IFS=, read -r -a names <<<"$sources"
    for name in "${names[@]}"; do
      status=0
      run_tolerant "$log" fetch --source "$name" || status=$?
      if ((status > worst)); then worst=$status; fi
    done
  fi
  # New records = files present now that were not there before (works even if data/ is ignored).
  local count=0
  while IFS= read -r path; do
    mkdir -p "$out/articles/$(basename "$(dirname "$path")")"
    cp "$path" "$out/articles/${path#"$STORE"/}"
    count=$((count + 1))
  done < <(LC_ALL=C comm -13 "$before" <(store_files))
  rm -f "$before"
  if [[ -f $STATE/health.json ]]; then mkdir -p "$out/state" && cp "$STATE/health.json" "$out/state/"; fi
  say "fetch shard $label: $count new store record(s) kept for the generate job"
  return "$worst"
}

cmd_merge() {
  local dir=${1:?usage: publish.sh merge DIR} added=0 kept=0 rel
  [[ -d $dir ]] || { say "merge: $dir absent: nothing fetched"; return 0; }
  # The store is one file per article named by its id: merging is copying files not yet kept.
  while IFS= read -r path; do
    rel=$(basename "$(dirname "$path")")/$(basename "$path")
    if [[ -e $STORE/$rel ]]; then
      kept=$((kept + 1))
    else
      mkdir -p "$STORE/$(dirname "$rel")"
      cp "$path" "$STORE/$rel"
      added=$((added + 1))
    fi
  done < <(find "$dir" -path '*/articles/*/*.json' -type f | LC_ALL=C sort)
  say "merge: $added record(s) added, $kept already in the store"
  merge_health "$dir"
}

# Each shard knows the health of its own sources: the union is the health of all of them.
merge_health() {
  local files=()
  mapfile -t files < <(find "$1" -path '*/state/health.json' -type f | LC_ALL=C sort)
  ((${#files[@]})) || return 0
  mkdir -p "$STATE"
  "$PYTHON" - "$STATE/health.json" "${files[@]}" <<'PY'
import json, sys
from pathlib import Path
target = Path(sys.argv[1])
merged = json.loads(target.read_text(encoding="utf-8")) if target.exists() else {}
for name in sys.argv[2:]:
    merged.update(json.loads(Path(name).read_text(encoding="utf-8")))
text = json.dumps(merged, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
target.write_text(text, encoding="utf-8")
PY
}

cmd_epoch() { printf 'SOURCE_DATE_EPOCH=%s\n' "$(git log -1 --format=%ct)"; }

cmd_generate() {
  mkdir -p "$WORK"
  run_tolerant "$WORK/generate.txt" generate
}

cmd_build() {
  mkdir -p "$WORK"
  export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct)}
  run_tolerant "$WORK/build.txt" build
}

# git push / git fetch, with the token's header when there is one.
remote() {
  if [[ -n $AUTH_HEADER ]]; then
    GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0="http.${PUBLISH_SERVER:-https://github.com}/.extraheader" \
      GIT_CONFIG_VALUE_0=$AUTH_HEADER git "$@"
  else
    git "$@"
  fi
}

# Generated paths may be git-ignored in a copy of the template, hence -f. Source health and
# the build quarantine are committed (the Sources page is rebuilt from them on any push);
# the HTTP validators change every run and live in actions/cache instead.
stage() {
  local paths=() path
  for path in data docs; do
    if [[ -e $path ]]; then paths+=("$path"); fi
  done
  ((${#paths[@]} == 0)) || git add -f -- "${paths[@]}" ":(exclude)$STATE/http-cache.json"
}

# After the remote moved: replay on top of it (rebase; on conflict, redo merge + generate).
catch_up() {
  local branch=$1 fetched=$2
  remote fetch --quiet origin "$branch"
  if git rebase --quiet FETCH_HEAD; then
    say "rebased onto origin/$branch"
  else
    git rebase --abort
    say "rebase conflicted: redoing merge and generate on top of origin/$branch"
    git reset --quiet --hard FETCH_HEAD
    cmd_merge "$fetched"
  fi
  cmd_generate
  stage
  git diff --cached --quiet || git commit --quiet -m "Publish: regenerate pages after catching up"
}

cmd_commit() {
  local branch=${1:?usage: publish.sh commit BRANCH [FETCHED]} fetched=${2:-/nonexistent}
  export GIT_AUTHOR_NAME=$BOT_NAME GIT_AUTHOR_EMAIL=$BOT_EMAIL
  export GIT_COMMITTER_NAME=$BOT_NAME GIT_COMMITTER_EMAIL=$BOT_EMAIL
  mkdir -p "$WORK"
  stage
  if git diff --cached --quiet; then
    echo "nothing changed: no commit" | tee "$WORK/commit.txt"
    return 0
  fi
  git commit --quiet -m "Publish: update the article store and generated pages"
  local attempt
  for ((attempt = 1; attempt <= PUSH_ATTEMPTS; attempt++)); do
    if remote push --quiet origin "HEAD:refs/heads/$branch"; then
      echo "pushed $(git rev-parse --short HEAD) to $branch (attempt $attempt)" \
        | tee "$WORK/commit.txt"
      return 0
    fi
    say "push rejected (attempt $attempt): the branch moved; catching up"
    catch_up "$branch" "$fetched"
    if [[ -z $(git rev-list FETCH_HEAD..HEAD) ]]; then
      echo "nothing left to push after catching up" | tee "$WORK/commit.txt"
      return 0
    fi
  done
  die "push failed $PUSH_ATTEMPTS times; giving up (never force-pushing)"
}

# "name: 3 new, 1 unchanged, 0 failed[, ...]" as printed by the fetch report.
REPORT_LINE='^([^:]+): ([0-9]+) new, ([0-9]+) unchanged, ([0-9]+) failed(, (.*))?$'

cmd_newsletter() {
  # Optional: the SMTP settings are the repository's secrets; without them, say so and stop.
  # The sent log (data/state/newsletter.json) makes hourly runs send each day once.
  if [[ -z ${NEWSDIGEST_SMTP_HOST:-} ]]; then
    echo "newsletter: skipped (NEWSDIGEST_SMTP_HOST is not set; see README, Daily email)"
    return 0
  fi
  mkdir -p "$WORK"
  "${ND[@]}" newsletter --day "${NEWSLETTER_DAY:-yesterday}" --send 2>&1 \
    | tee -a "$WORK/newsletter.txt"
}

cmd_summary() {
  local dir=${1:-/nonexistent} file line
  echo "## Publish report"
  echo
  local reports=()
  [[ -d $dir ]] && mapfile -t reports < <(find "$dir" -name 'report-*.txt' -type f | LC_ALL=C sort)
  if ((${#reports[@]} == 0)); then
    echo "No fetch this run (rebuild only)."
  else
    echo "| source | new | unchanged | failed | notes |"
    echo "|---|---:|---:|---:|---|"
    for file in "${reports[@]}"; do
      while IFS= read -r line; do
        [[ $line =~ $REPORT_LINE ]] || continue
        printf '| %s | %s | %s | %s | %s |\n' "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}" \
          "${BASH_REMATCH[3]}" "${BASH_REMATCH[4]}" "${BASH_REMATCH[6]//|/\\|}"
      done <"$file"
    done
  fi
  for file in "${reports[@]}" "$WORK/generate.txt" "$WORK/commit.txt" "$WORK/build.txt"; do
    [[ -s $file ]] || continue
    printf '\n<details><summary>%s</summary>\n\n```text\n' "$(basename "$file")"
    tail -n 200 "$file"
    printf '```\n\n</details>\n'
  done
}

main() {
  local sub=${1:-}
  [[ -n $sub ]] || die "usage: publish.sh plan|fetch|merge|epoch|generate|commit|build|summary|newsletter"
  shift
  [[ -n ${PUBLISH_TRACE:-} ]] && echo "$sub" >>"$PUBLISH_TRACE"
  case $sub in
    plan | fetch | merge | epoch | generate | commit | build | summary | newsletter) "cmd_$sub" "$@" ;;
    *) die "unknown step '$sub'" ;;
  esac
}

main "$@"
