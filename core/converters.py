"""URL converters shared by the apps."""

from django.urls import register_converter


class LinkTokenConverter:
    """A secret link token as made by secrets.token_urlsafe: anything else is a 404 before any query."""

    regex = r"[A-Za-z0-9_-]{1,100}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(LinkTokenConverter, "linktoken")
