"""The lock files pin what pyproject.toml asks, for every supported Python, with hashes, and
production (requirements.lock) installs only versions the tests ran on (requirements-test.lock)."""

import importlib.util
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("check_lock", ROOT / "deploy" / "check_lock.py")
check_lock = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check_lock)


def test_pyproject_and_the_lock_files_agree():
    assert check_lock.problems() == []


def test_the_lock_gives_python_311_django_52_lts_and_newer_pythons_django_6():
    pins = [pin for pin in check_lock.read_lock(ROOT / "requirements.lock") if pin["name"] == "django"]
    for python, major in (("3.11", 5), ("3.12", 6), ("3.13", 6), ("3.14", 6)):
        env = check_lock.environment(python)
        [pin] = [pin for pin in pins if check_lock._applies(pin["marker"], env)]
        assert pin["version"].major == major, python


@pytest.fixture
def copy(tmp_path):
    for name in ("pyproject.toml", "requirements.lock", "requirements-test.lock"):
        shutil.copy(ROOT / name, tmp_path / name)
    return tmp_path


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


def test_a_dependency_added_to_pyproject_without_locking_is_reported(copy):
    _edit(copy / "pyproject.toml", '"segno>=1.6",', '"segno>=1.6", "left-pad>=1.0",')
    found = check_lock.problems(copy / "pyproject.toml", copy)
    assert any("left-pad" in problem and "requirements.lock" in problem for problem in found)


def test_a_raised_minimum_the_lock_does_not_meet_is_reported(copy):
    _edit(copy / "pyproject.toml", '"segno>=1.6"', '"segno>=99"')
    assert any("segno" in problem for problem in check_lock.problems(copy / "pyproject.toml", copy))


def test_a_production_pin_the_tests_did_not_run_on_is_reported(copy):
    lock = copy / "requirements.lock"
    version = next(pin for pin in check_lock.read_lock(lock) if pin["name"] == "segno")["version"]
    _edit(lock, f"segno=={version}", "segno==1.6.0")
    found = check_lock.problems(copy / "pyproject.toml", copy)
    assert any("segno==1.6.0" in problem and "requirements-test.lock" in problem for problem in found)


def test_a_pin_without_a_hash_is_reported(copy):
    lock = copy / "requirements-test.lock"
    lines = lock.read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("segno=="))
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith("    --hash"))
    lock.write_text("\n".join([*lines[:start], lines[start].rstrip(" \\"), *lines[end:]]) + "\n")
    assert any("has no hash" in problem for problem in check_lock.problems(copy / "pyproject.toml", copy))
