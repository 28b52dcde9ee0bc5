"""PDF export of a plan with WeasyPrint, without ever fetching anything from the internet."""

import logging
import mimetypes
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

# WeasyPrint logs every rendering step at INFO; only its warnings matter here.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


class LocalStaticFetcher(URLFetcher):
    """Serves only this site's own static files (stylesheets, images); refuses every other URL."""

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        if parts.scheme not in {"http", "https"} or not parts.path.startswith(settings.STATIC_URL):
            raise ValueError(f"Not fetched (only local static files are): {url}")
        relative = parts.path.removeprefix(settings.STATIC_URL)
        found = finders.find(relative) if ".." not in relative else None
        if not found:
            raise ValueError(f"No such static file: {url}")
        with open(found, "rb") as file:
            body = file.read()
        content_type = mimetypes.guess_type(found)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body=body, headers={"Content-Type": content_type})


def render_pdf(*, html: str, base_url: str) -> bytes:
    return HTML(string=html, base_url=base_url, url_fetcher=LocalStaticFetcher()).write_pdf()
