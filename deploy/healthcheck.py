"""Container health check for the web service: GET /gezondheid/ must answer 200.

Run inside the web container (no curl in the slim image). The request carries the first
ALLOWED_HOSTS name as Host and X-Forwarded-Proto: https, as the reverse proxy would, so neither
the host check nor the HTTPS redirect of the production settings turns it away.
"""

import os
import sys
import urllib.error
import urllib.request

DEFAULT_URL = "http://127.0.0.1:8000/gezondheid/"


def main() -> int:
    url = os.environ.get("HEALTHCHECK_URL", DEFAULT_URL)
    if not url.startswith("http://"):
        print(f"unhealthy: HEALTHCHECK_URL must be an http:// URL, got {url!r}", file=sys.stderr)
        return 1
    host = os.environ.get("ALLOWED_HOSTS", "localhost").split(",")[0].strip().lstrip(".")
    request = urllib.request.Request(url, headers={"Host": host, "X-Forwarded-Proto": "https"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
            return 0 if response.status == 200 else 1
    except (urllib.error.URLError, OSError) as error:
        print(f"unhealthy: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
