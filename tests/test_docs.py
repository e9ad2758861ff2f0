"""The documentation lives in the repository and says what the program does."""

import json
import re
import subprocess
from pathlib import Path

import pytest

from visualizer.bench import FIGURES
from visualizer.classroom.lessons import read_lesson
from visualizer.core.cli import build_parser

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", ROOT / "CHANGELOG.md", *sorted((ROOT / "docs").glob("*.md"))]
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")


def anchors(page: Path) -> set[str]:
    """GitHub's anchors of the page's headings."""
    found = set()
    for line in page.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            title = line.lstrip("#").strip().lower()
            found.add(re.sub(r"[^\w\- ]", "", title).replace(" ", "-"))
    return found


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_every_relative_link_resolves(page):
    for target in LINK.findall(page.read_text(encoding="utf-8")):
        if re.match(r"^[a-z]+:", target):
            continue  # an address outside (https:, mailto:)
        path, _, anchor = target.partition("#")
        linked = (page.parent / path).resolve() if path else page
        assert linked.exists(), f"{page.name} links to {target}, which does not exist"
        assert linked.is_relative_to(ROOT), f"{page.name} links outside the repository"
        if anchor and linked.suffix == ".md":
            assert anchor in anchors(linked), f"{page.name}: no heading #{anchor} in {path}"


def test_no_file_points_to_a_document_outside_the_repository():
    pattern = r"(\.\./)?shared/(DESIGN|STYLE|seeds)|\bDESIGN\.md\b|\bSTYLE\.md\b"
    found = subprocess.run(["git", "grep", "-nE", pattern, "--", "."], cwd=ROOT,
                           capture_output=True, text=True)
    if found.returncode == 128:
        pytest.skip("not a git checkout (an unpacked sdist): nothing to list files with")
    assert found.stdout == "", found.stdout


def test_the_benchmark_page_lists_every_figure_with_its_target():
    page = (ROOT / "docs" / "benchmark.md").read_text(encoding="utf-8")
    rows = {match[0]: match[1] for match in
            re.findall(r"^\| `([a-z0-9_]+)` \|[^|]*\| ([^|]*) \|$", page, re.MULTILINE)}
    assert set(rows) == {figure.name for figure in FIGURES}
    for figure in FIGURES:
        number = re.search(r"[\d,.]+", rows[figure.name]).group(0).replace(",", "")
        assert float(number.rstrip(".")) == figure.target, figure.name
        assert rows[figure.name].startswith("≥" if figure.higher_is_better else "≤")
        assert re.search(rf"^### .*`{figure.name}`", page, re.MULTILINE), \
            f"how {figure.name} is measured is not written down"


def test_the_command_line_page_names_every_command_and_option():
    page = (ROOT / "docs" / "command-line.md").read_text(encoding="utf-8")
    page += (ROOT / "docs" / "export.md").read_text(encoding="utf-8")
    parser = build_parser()
    commands = next(action for action in parser._actions if action.dest == "command")
    for name, command in commands.choices.items():
        assert f"calculus-visualizer {name}" in page or f"visualizer {name}" in page, name
        for action in command._actions:
            for option in action.option_strings:
                if option not in ("-h", "--help"):
                    assert option in page, f"{name} {option} is not documented"


def test_the_lesson_example_a_teacher_copies_loads(tmp_path):
    page = (ROOT / "docs" / "files.md").read_text(encoding="utf-8")
    example = re.search(r"```json\n(\{\n  \"_comment\".*?\n\})\n```", page, re.DOTALL).group(1)
    path = tmp_path / "secant.json"
    path.write_text(example, encoding="utf-8")
    lesson = read_lesson(path)
    assert [step.key for step in lesson.steps] == ["secant", "closer", "tangent", "descent"]
    assert lesson.steps[1].model["expression"] == "x^2"  # inherited from the first step
    assert lesson.steps[1].model["h"] == 0.1
    assert lesson.steps[3].descent["runs"][0]["lr"] == 0.3
    assert json.loads(example)["title"]["zh"] == "从割线到切线"


def test_no_page_names_a_folder_that_is_not_in_the_repository():
    for page in PAGES:
        for path in re.findall(r"`((?:docs|scripts|resources|tests|visualizer|shared)/[^`\s]*)`",
                               page.read_text(encoding="utf-8")):
            # A file the reader is told to make (a new translation) lives in a folder that is.
            named = ROOT / path.rstrip("/")
            assert named.exists() or named.parent.is_dir() or "<" in path or "*" in path, \
                f"{page.name} names {path}, which is not in the repository"
