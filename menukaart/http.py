"""Method decorators like Django's, but a wrong method gets a Dutch page instead of an empty 405."""

import logging
from collections.abc import Callable
from functools import wraps

from django.shortcuts import render

logger = logging.getLogger("django.request")


def require_http_methods(methods: list[str]) -> Callable:
    def decorator(view):
        @wraps(view)
        def inner(request, *args, **kwargs):
            if request.method not in methods:
                logger.warning("Method Not Allowed (%s): %s", request.method, request.path)
                response = render(
                    request,
                    "menukaart/method_not_allowed.html",
                    {"only_post": methods == ["POST"]},
                    status=405,
                )
                response["Allow"] = ", ".join(methods)
                return response
            return view(request, *args, **kwargs)

        return inner

    return decorator


require_GET = require_http_methods(["GET"])
require_POST = require_http_methods(["POST"])
