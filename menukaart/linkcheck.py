"""Following each published material's link and recording whether it still works.

Run weekly by the Celery task menukaart.tasks.check_material_links; failures appear on the Beheer
start page. Only http(s) links are followed, with a short timeout and a HEAD request first (a GET
when the server refuses HEAD). Nothing is downloaded beyond the response headers.
"""

import urllib.error
import urllib.request
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from menukaart.models import Material, MaterialLinkCheck

USER_AGENT = "VIA-portaal linkcontrole (+https://werkagenda-via.nl)"
TIMEOUT_SECONDS = 10


@dataclass(frozen=True)
class LinkResult:
    ok: bool
    status_code: int | None = None
    error: str = ""


def _request(url: str, method: str, timeout: float) -> int:
    # Only http(s) reaches here (check_link refuses every other scheme first).
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})  # noqa: S310  # nosec B310
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310  # nosec B310
        return response.status


def check_link(url: str, *, timeout: float = TIMEOUT_SECONDS) -> LinkResult:
    """Follow one link (redirects included). Never raises."""
    if not url.lower().startswith(("http://", "https://")):
        return LinkResult(ok=False, error="geen http(s)-link")
    for method in ("HEAD", "GET"):
        try:
            status = _request(url, method, timeout)
        except urllib.error.HTTPError as error:
            if method == "HEAD" and error.code in (403, 405, 501):
                continue  # some servers refuse HEAD; try once with GET
            return LinkResult(ok=False, status_code=error.code, error=f"HTTP {error.code}")
        except (urllib.error.URLError, TimeoutError, OSError, ValueError) as error:
            reason = getattr(error, "reason", error)
            return LinkResult(ok=False, error=type(reason).__name__[:200])
        return LinkResult(ok=status < 400, status_code=status, error="" if status < 400 else f"HTTP {status}")
    return LinkResult(ok=False, error="geen antwoord")


def check_material_links(*, timeout: float = TIMEOUT_SECONDS) -> tuple[int, int]:
    """Check every published material with a link; returns (checked, failed). Idempotent: one
    MaterialLinkCheck row per material, overwritten each run."""
    checked = failed = 0
    for material in Material.objects.published().exclude(url="").only("pk", "url").order_by("pk"):
        result = check_link(material.url, timeout=timeout)
        with transaction.atomic():
            MaterialLinkCheck.objects.update_or_create(
                material=material,
                defaults={
                    "url": material.url,
                    "ok": result.ok,
                    "status_code": result.status_code,
                    "error": result.error,
                    "checked_at": timezone.now(),
                },
            )
        checked += 1
        failed += not result.ok
    return checked, failed
