from tests.menukaart.conftest import shared_catalogue  # noqa: F401 (the real content, loaded once per module)
