"""No import circle in the apps: no module imports, directly or through others, a module that
imports it back. A circle works only while the import order happens to suit it (or while an import
hides inside a function), and it blurs which module does the work. The fix is to move the shared
code down to a module both can import: a task's work into its own module (`impact/production.py`),
a constant or a check onto the model (`Network.is_editor`).

The graph is read from the source with `ast`: every `import` and `from ... import` of a project
module, at module level or inside a function, and those under `if TYPE_CHECKING:` too (a type is a
dependency as well). `from a.b import c` goes to the module `a.b.c` when there is one, otherwise to
`a.b` (for a package, its `__init__.py`). A package's `__init__.py` that re-exports its submodules
is no circle by itself; it becomes one when a submodule imports the package back
(`from communities.models import Network` inside `communities/models/discussion.py` would be one,
so that module imports `communities.models.networks`)."""

import ast
from collections.abc import Collection
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
# The apps, and the project package (settings, URLs, Celery app).
APPS = ("accounts", "communities", "core", "helpdesk", "impact", "menukaart", "reach", "sitesearch", "portal")


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def app_modules() -> dict[str, Path]:
    """Every module of the apps but their migrations, by dotted name."""
    return {
        module_name(path): path
        for app in APPS
        for path in sorted((ROOT / app).rglob("*.py"))
        if "migrations" not in path.relative_to(ROOT).parts
    }


def imported_modules(name: str, source: str, *, is_package: bool, modules: Collection[str]) -> set[str]:
    """The project modules that the module `name` (with this source) imports, resolved as above."""
    package = name.split(".") if is_package else name.split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: `from . import x`, `from ..models import Y`
                base = ".".join([*package[: len(package) - node.level + 1], *([node.module] if node.module else [])])
            else:
                base = node.module or ""
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                found.add(submodule if submodule in modules else base)
    return {module for module in found if module in modules and module != name}


def import_graph() -> dict[str, set[str]]:
    modules = app_modules()
    return {
        name: imported_modules(
            name, path.read_text(encoding="utf-8"), is_package=path.name == "__init__.py", modules=modules
        )
        for name, path in modules.items()
    }


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm, without
    recursion), each sorted."""
    index: dict[str, int] = {}
    lowlink: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = lowlink[module] = len(index)
        stack.append(module)
        on_stack.add(module)

    for root in sorted(graph):
        if root in index:
            continue
        visit(root)
        work = [(root, iter(sorted(graph[root])))]
        while work:
            module, targets = work[-1]
            for target in targets:
                if target not in index:
                    visit(target)
                    work.append((target, iter(sorted(graph[target]))))
                    break
                if target in on_stack:
                    lowlink[module] = min(lowlink[module], index[target])
            else:
                work.pop()
                if work:
                    caller = work[-1][0]
                    lowlink[caller] = min(lowlink[caller], lowlink[module])
                if lowlink[module] == index[module]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == module:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
    return found


def describe(component: list[str], graph: dict[str, set[str]]) -> str:
    members = set(component)
    return "circle: " + "; ".join(
        f"{module} -> {target}" for module in component for target in sorted(graph[module] & members)
    )


def test_imports_resolve_to_modules():
    modules = {"app", "app.models", "app.models.networks", "app.tasks", "app.work", "core.outbox"}
    source = """
from typing import TYPE_CHECKING
from django.db import models
from app import work
from app.models import Network
from core.outbox import queue_mail
from . import tasks
if TYPE_CHECKING:
    from app.models.networks import Membership
def later():
    import core.outbox
"""
    assert imported_modules("app.services", source, is_package=False, modules=modules) == {
        "app.work",  # a module of the package, not the package's __init__
        "app.models",  # a name from the package's __init__
        "core.outbox",
        "app.tasks",  # relative
        "app.models.networks",  # for type checking only
    }
    assert imported_modules("app.models", "from .networks import Network", is_package=True, modules=modules) == {
        "app.models.networks"
    }


def test_the_graph_sees_the_apps_imports():
    graph = import_graph()
    assert "communities.models.networks" in graph["communities.models"]  # a re-export in an __init__
    assert "core.outbox" in graph["communities.mail"]  # `from core.outbox import queue_mail`
    assert "communities.notifications" in graph["communities.tasks"]  # `from communities import notifications`
    assert "core.retention" in graph["helpdesk.apps"]  # inside AppConfig.ready()
    assert "impact.forms" in graph["impact.services"]  # under `if TYPE_CHECKING:`
    assert not any(name.split(".")[-1] == "0001_initial" for name in graph)  # no migrations


def test_the_circle_finder_finds_circles():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a", "e"}, "e": {"d"}, "f": {"f"}, "g": set()}
    assert circles(graph) == [["a", "b", "c"], ["d", "e"]]


def test_no_import_circle_in_the_apps():
    graph = import_graph()
    found = circles(graph)
    assert not found, "\n".join(describe(component, graph) for component in found)
