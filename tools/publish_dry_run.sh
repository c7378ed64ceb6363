#!/usr/bin/env bash
# Run .github/workflows/publish.yml's steps locally, in temporary clones, against the bundled
# inbox and a loopback feed server on 127.0.0.1, ending with a built site/ and a pushed commit.
#
#   tools/publish_dry_run.sh [--worktree] [--shards N] [--race none|clean|conflict]
#                            [--install] [--keep]
#
# --worktree  publish the working tree's files (tracked and untracked, not ignored) instead of
#             HEAD; used automatically when the repository has no commit yet
# --shards N  fetch with N shards (default: FETCH_SHARDS of publish.yml)
# --race      before the publish commit, another commit lands on the branch: none, clean (a
#             file elsewhere: the push is rejected, rebase, retry) or conflict (a hand edit of a
#             generated page: the rebase conflicts, the run redoes merge and generate on top)
# --install   run `make install` in each clone as the workflow does (default: reuse this
#             repository's .venv, with the clone's own code first on the path)
# --keep      keep the temporary folder (its path is printed)
#
# Each job gets a fresh clone of a temporary bare "origin" (never this repository), as each
# GitHub runner does; the fetched records travel between jobs as "artifacts" (folders).
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
PY=${PYTHON:-$REPO/.venv/bin/python}
MODE=head SHARDS='' RACE=clean INSTALL=false KEEP=false
while (($#)); do
  case $1 in
    --worktree) MODE=worktree ;;
    --shards) SHARDS=${2:?--shards N}; shift ;;
    --race) RACE=${2:?--race none|clean|conflict}; shift ;;
    --install) INSTALL=true ;;
    --keep) KEEP=true ;;
    *) echo "usage: $0 [--worktree] [--shards N] [--race none|clean|conflict] [--install] [--keep]" >&2
       exit 2 ;;
  esac
  shift
done
[[ $RACE =~ ^(none|clean|conflict)$ ]] || { echo "--race: none, clean or conflict" >&2; exit 2; }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/newsdigest-dry-run.XXXXXX")
SERVER_PID= MAIL_PID=
cleanup() {
  if [[ -n $SERVER_PID ]]; then kill "$SERVER_PID" 2>/dev/null || true; fi
  if [[ -n $MAIL_PID ]]; then kill "$MAIL_PID" 2>/dev/null || true; fi
  if [[ $KEEP == true ]]; then echo "dry run kept in $TMP"; else rm -rf "$TMP"; fi
}
trap cleanup EXIT
step() { printf '\n=== [%ss] %s\n' "$SECONDS" "$*"; }
export PUBLISH_TRACE=$TMP/trace PUBLISH_WORK=$TMP/work PUBLISH_PUSH_ATTEMPTS=3 PYTHON=$PY
export NEWSDIGEST=${NEWSDIGEST:-"$PY -m generator"}  # the command publish.sh runs
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1  # no user settings leak in
GIT_ID=(-c user.name="dry-run editor" -c user.email=editor@example.invalid)
# What actions/configure-pages reports as base_url for a fork that sets no site.url.
PAGES_URL=https://dry-run.github.io/newsdigest/

make_origin() {
  if [[ $MODE == head ]] && ! git -C "$REPO" rev-parse --verify --quiet HEAD >/dev/null; then
    echo "no commit in $REPO yet: publishing the working tree instead" >&2
    MODE=worktree
  fi
  if [[ $MODE == head ]]; then
    git clone --quiet --bare "$REPO" "$TMP/origin.git"
  else
    mkdir "$TMP/snapshot"
    (cd "$REPO" && git ls-files -co --exclude-standard -z \
      | xargs -0 -I{} sh -c 'test -e "{}" && printf "%s\0" "{}"' \
      | tar --null -T - -cf -) | tar -xf - -C "$TMP/snapshot"
    git -C "$TMP/snapshot" init --quiet -b main
    git -C "$TMP/snapshot" add -A
    git -C "$TMP/snapshot" "${GIT_ID[@]}" commit --quiet -m "snapshot of the working tree"
    git clone --quiet --bare "$TMP/snapshot" "$TMP/origin.git"
  fi
  BRANCH=$(git -C "$TMP/origin.git" symbolic-ref --short HEAD)
}

# A fresh shallow clone, as actions/checkout makes one (fetch-depth 1).
checkout() { git clone --quiet --depth 1 --branch "$BRANCH" "file://$TMP/origin.git" "$1"; }

install() {
  if [[ $INSTALL == true ]]; then make -C "$1" --no-print-directory install; fi
}

# Fictional feed fixtures: two sources, two articles each, served from 127.0.0.1.
write_feeds() {
  local root=$1 base=$2
  mkdir -p "$root/valley" "$root/harbour"
  printf 'User-agent: *\nAllow: /\n' >"$root/robots.txt"
  "$PY" - "$root" "$base" <<'PYTHON'
import sys
from pathlib import Path
from xml.sax.saxutils import escape

root, base = Path(sys.argv[1]), sys.argv[2]
STORIES = {
    "valley": ("Millbrook Valley Gazette", [
        ("orchard-cooperative-cider-press", "Orchard cooperative opens shared cider press",
         "2026-03-14T09:30:00+00:00", "Sat, 14 Mar 2026 09:30:00 +0000",
         ["Growers in Millbrook Valley opened a shared cider press on Friday, ending a "
          "decade of hauling apples forty miles to the nearest mill.",
          "The press, bought with a grant of 84,000 pounds, can handle six tonnes of fruit "
          "a day, said cooperative chair Elsie Marlowe.",
          "Members will book time on the press through the cooperative office in Fenwick "
          "Street, and the first pressing is planned for late September."]),
        ("footbridge-reopens-after-flood-repairs", "Footbridge reopens after flood repairs",
         "2026-03-13T16:05:00+00:00", "Fri, 13 Mar 2026 16:05:00 +0000",
         ["The Ashgrove footbridge reopened to walkers on Thursday after four months of "
          "repairs to its flood-damaged supports.",
          "Engineers replaced two timber piers and raised the deck by 30 centimetres, the "
          "county highways team said.",
          "Cyclists must still dismount on the bridge, which carries about 900 crossings a "
          "day in summer."]),
    ]),
    "harbour": ("Saltmarsh Harbour Herald", [
        ("harbour-school-sailing-club", "Harbour school launches sailing club",
         "2026-03-12T11:00:00+00:00", "Thu, 12 Mar 2026 11:00:00 +0000",
         ["Pupils at Saltmarsh Harbour School will learn to sail this spring after the "
          "harbour trust lent the school three dinghies.",
          "Head teacher Rowan Pike said twenty-four pupils had signed up in the first week.",
          "Lessons run on Wednesday afternoons from April, weather permitting, with "
          "instructors from the harbour trust."]),
        ("fish-market-new-opening-hours", "Fish market moves to earlier opening hours",
         "2026-03-11T07:45:00+00:00", "Wed, 11 Mar 2026 07:45:00 +0000",
         ["The Saltmarsh fish market will open at five in the morning from next Monday, an "
          "hour earlier than now, to suit the returning trawler fleet.",
          "Market manager Idris Fenn said the change followed a survey of 41 traders.",
          "Restaurants buying at the market welcomed the move."]),
    ]),
}
for folder, (site, stories) in STORIES.items():
    items = []
    for slug, title, iso, rfc, paragraphs in stories:
        url = f"{base}/{folder}/{slug}.html"
        body = "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)
        (root / folder / f"{slug}.html").write_text(
            f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
            f"<title>{escape(title)} | {site}</title>"
            f'<link rel="canonical" href="{url}">'
            f'<meta property="og:site_name" content="{site}">'
            f'<meta property="og:title" content="{escape(title)}">'
            f'<meta property="article:published_time" content="{iso}">'
            f"</head><body><header><a href=\"/\">{site}</a></header>"
            f"<article><h1>{escape(title)}</h1>\n{body}\n</article>"
            f"<footer>Copyright {site}</footer></body></html>\n", encoding="utf-8")
        items.append(f"<item><title>{escape(title)}</title><link>{url}</link>"
                     f"<guid>{url}</guid><pubDate>{rfc}</pubDate>"
                     f"<description>{escape(paragraphs[0])}</description></item>")
    (root / folder / "feed.xml").write_text(
        f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        f"<title>{site}</title><link>{base}/{folder}/</link>"
        f"<description>{site} news</description>{''.join(items)}</channel></rss>\n",
        encoding="utf-8")
PYTHON
}

# Wait up to 5 s for a loopback server: WHAT names it, LOG is its output, CHECK is Python
# that succeeds once it answers.
wait_until() {
  local what=$1 log=$2 check=$3
  for _ in $(seq 50); do
    if "$PY" -c "$check" 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "$what did not start: $(cat "$log")" >&2
  exit 1
}

start_server() {
  local root=$1 port
  port=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  BASE="http://127.0.0.1:$port"
  write_feeds "$root" "$BASE"
  "$PY" -m http.server "$port" --bind 127.0.0.1 --directory "$root" >"$TMP/server.log" 2>&1 &
  SERVER_PID=$!
  wait_until "feed server" "$TMP/server.log" \
    "import urllib.request as u; u.urlopen('$BASE/robots.txt', timeout=1)"
}

# A loopback SMTP server (aiosmtpd, a dev dependency) that keeps what it receives in a Maildir.
start_mail_server() {
  MAIL_PORT=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "$PY" -m aiosmtpd -n -l "127.0.0.1:$MAIL_PORT" -c aiosmtpd.handlers.Mailbox "$TMP/maildir" \
    >"$TMP/mail.log" 2>&1 &
  MAIL_PID=$!
  wait_until "mail server" "$TMP/mail.log" \
    "import socket; socket.create_connection(('127.0.0.1', $MAIL_PORT), 1)"
}

# The editor's side: the bundled inbox in the store, two loopback sources, pages generated.
prepare_origin() {
  local work=$TMP/editor
  checkout "$work"
  install "$work"
  (
    cd "$work"
    "$PY" - "$BASE" <<'PYTHON'
import sys
from pathlib import Path

import yaml

base = sys.argv[1]
path = Path("newsdigest.yml")
config = (yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None) or {}
config["sources"] = [
    {"name": "Millbrook Valley Gazette", "feed": f"{base}/valley/feed.xml",
     "allow_private": True, "timezone": "Europe/London"},
    {"name": "Saltmarsh Harbour Herald", "feed": f"{base}/harbour/feed.xml",
     "allow_private": True, "timezone": "Europe/London"},
]
# A fork that has not set its address: the workflow fills in the Pages address.
(config.get("site") or {}).pop("url", None)
config["fetch"] = {**(config.get("fetch") or {}),
                   "contact": "https://github.com/newsdigest/newsdigest",
                   "delay": 0.05, "retries": 0, "connect_timeout": 5.0, "read_timeout": 5.0}
path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
PYTHON
    # Exit 1 (some inputs or pages had problems) is tolerated as publish.sh tolerates it.
    "$PY" -m generator add examples/inbox || (($? == 1))
    "$PY" -m generator generate || (($? == 1))
    git add -A
    git add -f -- docs data ":(exclude)data/state"
    git "${GIT_ID[@]}" commit --quiet -m "dry run: inbox in the store, loopback sources"
    git push --quiet origin "HEAD:refs/heads/$BRANCH"
  )
}

# Outputs of the plan job, as the workflow's `needs.plan.outputs`.
job_plan() {
  local work=$TMP/plan default
  checkout "$work"
  default=$("$PY" -c 'import sys, yaml; print(yaml.safe_load(open(sys.argv[1]))["env"]["FETCH_SHARDS"])' \
    "$work/.github/workflows/publish.yml")
  (cd "$work" && EVENT=workflow_dispatch INPUT_SOURCES=all INPUT_REBUILD_ONLY=false \
    INPUT_SHARDS=$SHARDS FETCH_SHARDS=$default tools/publish.sh plan) >"$TMP/plan.out"
  cat "$TMP/plan.out"
  FETCH=$(sed -n 's/^fetch=//p' "$TMP/plan.out")
  SOURCES=$(sed -n 's/^sources=//p' "$TMP/plan.out")
  COUNT=$(sed -n 's/^shard_count=//p' "$TMP/plan.out")
}

job_fetch() {
  local shard=$1 work=$TMP/fetch-$1 cache=$TMP/cache/http-state-${1}of$COUNT
  checkout "$work"
  install "$work"
  if [[ -d $cache ]]; then mkdir -p "$work/data" && cp -r "$cache" "$work/data/state"; fi
  (cd "$work" && SHARD=$shard/$COUNT SOURCES=$SOURCES tools/publish.sh fetch "$TMP/fetch-out-$shard")
  if [[ -d $work/data/state ]]; then mkdir -p "$TMP/cache" && cp -r "$work/data/state" "$cache"; fi
  # upload-artifact + download-artifact (pattern store-shard-*): one folder per artifact.
  mkdir -p "$TMP/fetched"
  cp -r "$TMP/fetch-out-$shard" "$TMP/fetched/store-shard-$shard"
}

# Another commit lands on the branch while the generate job runs.
race() {
  [[ $RACE == none ]] && return 0
  local work=$TMP/racer
  checkout "$work"
  if [[ $RACE == clean ]]; then
    echo "A change made elsewhere while the publish ran." >"$work/RACE.txt"
  else
    printf '# Home\n\nA hand edit of a generated page, made while the publish ran.\n' \
      >"$work/docs/index.md"
  fi
  git -C "$work" add -A
  git -C "$work" "${GIT_ID[@]}" commit --quiet -m "dry run: a concurrent $RACE change"
  git -C "$work" push --quiet origin "HEAD:refs/heads/$BRANCH"
}

job_generate() {
  local work=$TMP/generate
  checkout "$work"
  install "$work"
  race
  (
    cd "$work"
    export NEWSDIGEST_PAGES_URL=$PAGES_URL  # steps.pages.outputs.base_url
    tools/publish.sh merge "$TMP/fetched"
    export "$(tools/publish.sh epoch)"
    tools/publish.sh generate
    tools/publish.sh commit "$BRANCH" "$TMP/fetched" 2>&1 | tee "$TMP/commit.log"
    export "$(tools/publish.sh epoch)"
    tools/publish.sh build
    tools/publish.sh summary "$TMP/fetched" >"$TMP/summary.md"
  )
  cat "$TMP/summary.md"
}

# The newsletter job: first as a fork without the SMTP secrets runs it (skipped; not traced),
# then with them, sending the newest day's digest to two readers on the loopback server.
job_newsletter() {
  local work=$TMP/newsletter
  checkout "$work"
  install "$work"
  (cd "$work" && env -u NEWSDIGEST_SMTP_HOST PUBLISH_TRACE=/dev/null tools/publish.sh newsletter) \
    | tee "$TMP/newsletter-off.log"
  start_mail_server
  (cd "$work" && NEWSDIGEST_PAGES_URL=$PAGES_URL NEWSDIGEST_SMTP_HOST=127.0.0.1 NEWSDIGEST_SMTP_PORT=$MAIL_PORT \
    NEWSDIGEST_SMTP_SECURITY=none NEWSDIGEST_SMTP_FROM="Dry run <news@digest.example>" \
    NEWSDIGEST_SMTP_TO="ann@readers.example, bob@readers.example" NEWSLETTER_DAY=latest \
    tools/publish.sh newsletter) | tee "$TMP/newsletter-on.log"
}

check() {
  local work=$TMP/generate problems=0 log
  log=$(git -C "$TMP/origin.git" log -1 --format='%an|%s' "$BRANCH")
  [[ $log == "github-actions[bot]|"* ]] || { echo "FAIL: last commit is not the bot's: $log"; problems=1; }
  [[ -f $work/site/index.html ]] || { echo "FAIL: no site/index.html"; problems=1; }
  grep -rqs "Orchard cooperative opens shared cider press" "$work/site" \
    || { echo "FAIL: a fetched article is missing from the site"; problems=1; }
  grep -qF "<link rel=\"canonical\" href=\"$PAGES_URL\">" "$work/site/index.html" \
    || { echo "FAIL: the site does not use the Pages address $PAGES_URL"; problems=1; }
  grep -qF "\"feed_url\": \"${PAGES_URL}feed.json\"" "$work/site/feed.json" \
    || { echo "FAIL: the feeds do not use the Pages address $PAGES_URL"; problems=1; }
  grep -q "| Saltmarsh Harbour Herald |" "$TMP/summary.md" \
    || { echo "FAIL: the summary has no row for a source"; problems=1; }
  local expect=
  case $RACE in clean) expect="rebased onto" ;; conflict) expect="rebase conflicted" ;; esac
  if [[ -n $expect ]] && ! grep -q "$expect" "$TMP/commit.log"; then
    echo "FAIL: the race ($RACE) did not take the expected path ('$expect')"; problems=1
  fi
  if [[ $RACE == clean ]]; then
    git -C "$TMP/origin.git" cat-file -e "$BRANCH:RACE.txt" \
      || { echo "FAIL: the concurrent commit was lost"; problems=1; }
  fi
  if [[ $RACE == conflict ]]; then
    git -C "$TMP/origin.git" show "$BRANCH:docs/index.md" | grep -q "A hand edit" \
      || { echo "FAIL: the concurrent hand edit was lost"; problems=1; }
  fi
  grep -q "^newsletter: skipped" "$TMP/newsletter-off.log" \
    || { echo "FAIL: without secrets the newsletter step was not skipped"; problems=1; }
  local mails
  mails=$(find "$TMP/maildir/new" -type f 2>/dev/null | wc -l)
  [[ $mails == 2 ]] || { echo "FAIL: the loopback mail server got $mails messages, not 2"; problems=1; }
  echo "steps run: $(paste -sd' ' "$PUBLISH_TRACE")"
  return "$problems"
}

main() {
  step "origin: a bare clone of $REPO ($MODE)"
  make_origin
  step "loopback feed server"
  start_server "$TMP/feeds"
  echo "serving $BASE"
  step "editor: inbox, sources"
  prepare_origin
  : >"$PUBLISH_TRACE"
  step "job plan"
  job_plan
  if [[ $FETCH == true ]]; then
    for shard in $(seq 1 "$COUNT"); do
      step "job fetch, shard $shard/$COUNT"
      job_fetch "$shard"
    done
  fi
  step "job generate (race: $RACE)"
  job_generate
  step "job newsletter (without, then with SMTP secrets)"
  job_newsletter
  step "checks"
  check
  echo "dry run passed: commit $(git -C "$TMP/origin.git" rev-parse --short "$BRANCH") on $BRANCH, site built for $PAGES_URL"
}

main
