"""The command line for people and for cron: help texts, exit codes, --json, start line, progress."""

from __future__ import annotations

import argparse
import io
import json
import re
import socket
from pathlib import Path

import pytest

from conftest import REPO
from gsomia_news import errors
from gsomia_news.cli import EXIT_EPILOG, main, parser
from gsomia_news.progress import Progress

STAMP = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"


def _subparsers() -> dict[str, argparse.ArgumentParser]:
    top = parser()
    action = next(a for a in top._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


@pytest.mark.parametrize("command", sorted(_subparsers()))
def test_every_option_has_a_help_text_and_shows_its_default(command: str) -> None:
    sub = _subparsers()[command]
    formatter = sub._get_formatter()
    for action in sub._actions:
        if isinstance(action, argparse._HelpAction):
            continue
        assert action.help, f"{command} {action.dest}: no help text"
        shown = formatter._expand_help(action)  # the text --help prints for this option
        if action.default not in (None, False, [], ()):
            assert "default" in shown, f"{command} {action.dest}: default not shown: {shown!r}"
        elif action.option_strings and not isinstance(action, argparse._StoreTrueAction):
            # no default value: the help says what happens without the option
            assert "default" in shown or action.option_strings == ["--url"], f"{command} {action.dest}: {shown!r}"
    text = sub.format_help()
    assert "exit codes:" in text and "130" in text and sub.description


def test_the_exit_code_epilog_matches_the_readme_table() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("## Errors and exit codes"):]
    for code in re.findall(r"^  (\d+) ", EXIT_EPILOG, re.M):
        assert f"| {code} |" in table, f"exit {code} not in README"


def test_readme_lists_every_error_code() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("## Errors and exit codes"):]
    codes = {cls.code for cls in vars(errors).values()
             if isinstance(cls, type) and issubclass(cls, errors.GsomiaError) and cls is not errors.GsomiaError}
    missing = sorted(c for c in codes if f"`{c}`" not in table)
    assert not missing, f"error codes not documented in README: {missing}"


def test_missing_corpus_is_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "--corpus", str(tmp_path / "nope"), "--out", str(tmp_path / "build")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1] == f"gsomia-news: [E101] corpus folder not found: {tmp_path / 'nope'}"
    assert not (tmp_path / "build").exists()


def test_build_json_summary_and_start_line(corpus_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "build"
    assert main(["build", "--corpus", str(corpus_copy), "--out", str(out), "--json"]) == 0
    captured = capsys.readouterr()
    summary = json.loads(captured.out)  # stdout is exactly one JSON object
    assert summary["command"] == "build" and summary["exit_code"] == 0
    assert summary["counts"]["articles"] == 5 and summary["failures"] == []
    assert Path(summary["dataset"]).name == summary["run_id"] and summary["schema_version"] == "2.0"
    lines = captured.err.splitlines()
    assert re.fullmatch(STAMP + r" gsomia-news \S+ build: started \(pipeline \S+, schema 2\.0, Python [\d.]+, "
                        r"spaCy [\d.]+, model \S+ \S+\)", lines[0]), lines[0]
    # Not a terminal: plain timestamped progress lines, never a carriage return.
    assert "\r" not in captured.err
    assert re.fullmatch(STAMP + r" build: 5/5 pages \(100%\), [\d.]+ pages/s, done in \d+m\d\ds", lines[-1]), lines[-1]


def test_errors_as_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(tmp_path / "nope"), "--json"]) == 2
    captured = capsys.readouterr()
    assert json.loads(captured.out) == {"command": "validate", "exit_code": 2,
                                        "error": {"code": "E101", "message": f"no dataset at {tmp_path / 'nope'}"}}
    assert captured.err.startswith("gsomia-news: [E101] ")


def test_validate_json(seed_build: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(seed_build), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"command": "validate", "exit_code": 0, "dataset": str(seed_build),
                                                   "valid": True, "problems": []}


def test_ingest_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "p.txt"
    page.write_text("Seoul keeps the pact\n\nSouth Korea said on Friday it would keep the pact.\n", encoding="utf-8")
    args = ["ingest", str(page), "--url", "https://news.example.org/a/1", "--corpus", str(tmp_path / "c"), "--json"]
    assert main(args) == 0
    first = json.loads(capsys.readouterr().out)
    assert first["added"] == 1 and first["files"][0]["created"] is True
    assert main(args) == 0
    assert json.loads(capsys.readouterr().out)["unchanged"] == 1


def test_ctrl_c_exits_130(corpus_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                          capsys: pytest.CaptureFixture[str]) -> None:
    from gsomia_news import build as build_module

    def interrupted(options: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(build_module, "build", interrupted)
    assert main(["build", "--quiet", "--corpus", str(corpus_copy), "--out", str(tmp_path / "b")]) == 130
    assert "interrupted" in capsys.readouterr().err


def test_update_json_when_no_outlet_answers(corpus_copy: Path, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there: connection refused, no request leaves 127.0.0.1
    config = tmp_path / "crawl.toml"
    config.write_text(
        f'[crawl]\ncorpus = "{corpus_copy}"\noutlets = ["donga"]\n'
        '[fetch]\ncontact = "mailto:cli-test@example.org"\nmin_delay = 0.05\nretries = 0\n'
        'connect_timeout = 1.0\nread_timeout = 1.0\nuse_env_proxies = false\n'
        f'[base_urls]\ndonga = "http://127.0.0.1:{port}"\n', encoding="utf-8")
    code = main(["update", "--config", str(config), "--out", str(tmp_path / "build"), "--quiet", "--json"])
    assert code == 1  # the crawl reached no outlet; the existing corpus was still built
    summary = json.loads(capsys.readouterr().out)
    assert summary["command"] == "update" and summary["exit_code"] == 1
    assert summary["crawl"]["outlets_failed"] == ["donga"]
    assert summary["build"]["counts"]["articles"] == 5


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_plain_lines_off_a_terminal() -> None:
    stream = io.StringIO()
    progress = Progress(4, "build", stream=stream, interval=0.0)
    for _ in range(4):
        progress.update(1)
    progress.close()
    lines = stream.getvalue().splitlines()
    assert "\r" not in stream.getvalue()
    assert len(lines) == 4  # 3 while working (interval 0), 1 at the end
    assert all(re.match(STAMP + r" build: \d/4 pages", line) for line in lines)
    assert re.search(r"about \d+m\d\ds left$", lines[0]) and "done in" in lines[-1]


def test_progress_is_a_bar_on_a_terminal() -> None:
    stream = _Terminal()
    progress = Progress(4, "build", stream=stream)
    progress.update(4)
    progress.close()
    assert "\r" in stream.getvalue() and "4/4" in stream.getvalue()


def test_quiet_progress_prints_nothing() -> None:
    stream = io.StringIO()
    progress = Progress(2, "build", enabled=False, stream=stream, interval=0.0)
    progress.update(2)
    progress.close()
    assert stream.getvalue() == ""
