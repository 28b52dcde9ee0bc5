"""The documents name code that exists: every dotted name, file path and `Model.objects.method`
in backticks in README.md and docs/*.md points at something real, so a rename or removal that
forgets the docs fails here."""

import importlib
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
DOCUMENTS = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *sorted((ROOT / "docs").glob("*.md"))]
APPS = ("accounts", "core", "helpdesk", "menukaart", "communities", "impact", "reach", "portal")
FOLDERS = (*APPS, "tests", "bench", "deploy", "fixtures", "templates", "static", "locale", "docs")

# Dotted names in the docs that are not Python paths: loggers, system-check ids.
NOT_PYTHON = {
    "portal.security",  # logger
    "portal.health",  # logger
    "portal.E001",  # system check (core/checks.py)
}

CODE_SPAN = re.compile(r"`([^`\n]+)`")
# Not inside a longer name or path (`django.core.mail...`, `static/css/portal.css`).
DOTTED = re.compile(r"(?<![\w/.-])((?:" + "|".join(APPS) + r")(?:\.[A-Za-z_][A-Za-z0-9_]*)+)")
# File names such as `menukaart.csv` (a download's name) are not Python names.
FILE_EXTENSIONS = {"py", "css", "js", "csv", "json", "txt", "html", "md", "yaml", "svg", "png", "pdf", "ics", "xml"}
MANAGER_CALL = re.compile(r"\b([A-Z][A-Za-z0-9]+)\.objects((?:\.[a-z_][a-z0-9_]*(?:\([^)]*\))?)+)")
FILE_PATH = re.compile(r"^((?:" + "|".join(FOLDERS) + r")/[A-Za-z0-9_./-]*[A-Za-z0-9_/])(?::\d+)?$")


def code_spans() -> list[tuple[str, str]]:
    return [
        (path.name, span)
        for path in DOCUMENTS
        if path.exists()
        for span in CODE_SPAN.findall(path.read_text(encoding="utf-8"))
    ]


def resolves(dotted: str) -> bool:
    """A module, or an attribute of one (`menukaart.services.add_to_plan`, `core.outbox.queue_mail`)."""
    parts = dotted.split(".")
    for split in range(len(parts), 0, -1):
        module_name = ".".join(parts[:split])
        try:
            found = importlib.util.find_spec(module_name)
        except (ImportError, ValueError):
            found = None
        if found is None:
            continue
        if split == len(parts):
            return True
        try:
            obj = importlib.import_module(module_name)
        except Exception:  # noqa: BLE001 - e.g. production settings without their environment
            return False
        for attribute in parts[split:]:
            if not hasattr(obj, attribute):
                return False
            obj = getattr(obj, attribute)
        return True
    return False


def is_model_or_permission(dotted: str) -> bool:
    """`impact.Report` (app label and model) or `menukaart.publish_measure` (a permission)."""
    label, _, name = dotted.partition(".")
    if "." in name or label not in {config.label for config in apps.get_app_configs()}:
        return False
    models = apps.get_app_config(label).get_models()
    codenames = set()
    for model in models:
        options = model._meta
        codenames |= {f"{action}_{options.model_name}" for action in options.default_permissions}
        codenames |= {codename for codename, _label in options.permissions}
        if options.object_name == name:
            return True
    return name in codenames


def model_named(name: str):
    return next((model for model in apps.get_models() if model.__name__ == name), None)


DOTTED_NAMES = sorted(
    {
        (doc, name)
        for doc, span in code_spans()
        for name in DOTTED.findall(span)
        if name.rsplit(".", 1)[1] not in FILE_EXTENSIONS
    }
)
MANAGER_CALLS = sorted({(doc, call) for doc, span in code_spans() for call in MANAGER_CALL.findall(span)})
FILE_PATHS = sorted({(doc, match.group(1)) for doc, span in code_spans() if (match := FILE_PATH.match(span))})


def test_the_scan_finds_names():
    assert ("menukaart.md", "menukaart.services") in {(doc, name.rsplit(".", 1)[0]) for doc, name in DOTTED_NAMES}
    assert ("communities.md", ("Network", ".participated_by(user)")) in MANAGER_CALLS
    assert any(path.startswith("helpdesk/") for _doc, path in FILE_PATHS)


@pytest.mark.parametrize(("document", "name"), DOTTED_NAMES)
def test_dotted_name_exists(document, name):
    assert name in NOT_PYTHON or resolves(name) or is_model_or_permission(name), (
        f"{document} names `{name}`, which is no module, attribute, model or permission"
    )


@pytest.mark.parametrize(("document", "call"), MANAGER_CALLS)
def test_queryset_method_exists(document, call):
    model_name, chain = call
    model = model_named(model_name)
    assert model is not None, f"{document} names the model {model_name}, which does not exist"
    queryset = model._default_manager.all()
    for method in re.findall(r"\.([a-z_][a-z0-9_]*)", chain):
        assert hasattr(queryset, method), f"{document} names `{model_name}.objects...{method}`, which does not exist"


@pytest.mark.parametrize(("document", "path"), FILE_PATHS)
def test_file_path_exists(document, path):
    assert (ROOT / path).exists(), f"{document} names {path}, which is not in the repository"
