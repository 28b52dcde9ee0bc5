"""Do pyproject.toml and the lock files agree?  `python deploy/check_lock.py` (exit 1 and a list of
what is wrong when not). Run by `make lint`, the test suite (tests/core/test_lock.py) and the image
build, so production never installs versions nobody tested.

The locks (`make lock`, written by `uv pip compile --universal`) hold one pinned, hashed version of
every package for each supported Python: Python 3.11 gets Django 5.2 LTS, 3.12 and newer Django 6
(Django 6 needs 3.12), through environment markers in one file. Checked here, for each Python
minor from 3.11 to 3.14:

- every dependency in pyproject (`dependencies` in requirements.lock, those plus the `test` extra in
  requirements-test.lock) is pinned exactly once for that Python, at a version its specifier allows;
- every pin carries at least one hash (pip then installs in hash-checking mode);
- every pin of requirements.lock (production) is in requirements-test.lock (what the tests ran on)
  at the same version.
"""

import re
import sys
import tomllib
from pathlib import Path

from packaging.markers import Marker, default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
PYTHONS = ("3.11", "3.12", "3.13", "3.14")
_PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[^\s;\\]+)\s*(?:;(?P<marker>[^\\]*))?")


def read_lock(path: Path) -> list[dict]:
    """The pins of a lock file: name, version, marker (or None), and whether a hash follows."""
    pins: list[dict] = []
    for line in path.read_text().splitlines():
        match = _PIN.match(line)
        if match:
            marker = (match["marker"] or "").strip()
            pins.append(
                {
                    "name": canonicalize_name(match["name"]),
                    "version": Version(match["version"]),
                    "marker": Marker(marker) if marker else None,
                    "hashed": False,
                    "line": line.strip(" \\"),
                }
            )
        elif line.strip().startswith("--hash=sha256:") and pins:
            pins[-1]["hashed"] = True
    return pins


def environment(python: str) -> dict:
    env = default_environment()
    env.update(python_version=python, python_full_version=f"{python}.0", implementation_name="cpython",
               platform_python_implementation="CPython", sys_platform="linux", platform_system="Linux",
               os_name="posix")  # fmt: skip
    return env


def _applies(marker: Marker | None, env: dict) -> bool:
    return marker is None or marker.evaluate({**env, "extra": ""})


def problems(pyproject: Path = ROOT / "pyproject.toml", root: Path = ROOT) -> list[str]:
    project = tomllib.loads(pyproject.read_text())["project"]
    runtime = [Requirement(text) for text in project["dependencies"]]
    test = runtime + [Requirement(text) for text in project["optional-dependencies"]["test"]]
    found: list[str] = []
    locks = {}
    for filename, requirements in (("requirements.lock", runtime), ("requirements-test.lock", test)):
        path = root / filename
        if not path.exists():
            found.append(f"{filename} is missing: run `make lock`.")
            continue
        pins = locks[filename] = read_lock(path)
        for pin in pins:
            if not pin["hashed"]:
                found.append(f"{filename}: {pin['line']} has no hash.")
        for python in PYTHONS:
            env = environment(python)
            for requirement in requirements:
                if requirement.marker is not None and not requirement.marker.evaluate({**env, "extra": ""}):
                    continue
                name = canonicalize_name(requirement.name)
                matching = [pin for pin in pins if pin["name"] == name and _applies(pin["marker"], env)]
                if len(matching) != 1:
                    found.append(
                        f"{filename}: Python {python} needs {requirement} from pyproject.toml, the lock pins it "
                        f"{len(matching)} times: run `make lock`."
                    )
                elif not requirement.specifier.contains(matching[0]["version"], prereleases=True):
                    found.append(
                        f"{filename}: pins {matching[0]['line']}, but pyproject.toml asks {requirement} "
                        f"(Python {python}): run `make lock`."
                    )
    if len(locks) == 2:
        tested = {(pin["name"], pin["version"], str(pin["marker"])) for pin in locks["requirements-test.lock"]}
        for pin in locks["requirements.lock"]:
            if (pin["name"], pin["version"], str(pin["marker"])) not in tested:
                found.append(
                    f"requirements.lock pins {pin['line']}, which requirements-test.lock (what the tests ran on) "
                    "does not: run `make lock`."
                )
    return found


if __name__ == "__main__":
    issues = problems()
    for issue in issues:
        print(issue, file=sys.stderr)
    if not issues:
        print("pyproject.toml and the lock files agree.")
    sys.exit(1 if issues else 0)
