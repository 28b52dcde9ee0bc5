"""docs/impact-report.md and the code say the same: every figure with its docstring as definition."""

from pathlib import Path

from django.conf import settings

from impact.figures import REGISTRY

DOC = (Path(settings.BASE_DIR) / "docs" / "impact-report.md").read_text(encoding="utf-8")


def test_every_figure_is_defined_in_the_docs_with_its_docstring():
    for key, spec in REGISTRY.items():
        assert f"| `{key}` | {spec.title} |" in DOC, key
        assert spec.definition in DOC, f"{key}: the docs' definition differs from the docstring"


def test_every_figure_has_a_definition():
    for key, spec in REGISTRY.items():
        assert len(spec.definition) > 40, key


def test_the_suppression_rule_is_documented():
    assert "## Suppression rule (privacy)" in DOC
    assert "a count of 1 to 4 is not shown" in DOC
    assert "Secondary suppression" in DOC
