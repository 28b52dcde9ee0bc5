from django.utils.functional import SimpleLazyObject

from menukaart.services import plan_item_count


def plan(request):
    """The number of measures in the visitor's plan, for the header's "Mijn menukaart (n)" link.

    Lazy: counted only when a template shows it (one query; none for a visitor without a plan).
    """
    user = getattr(request, "user", None)
    session = getattr(request, "session", None)
    if user is None or session is None:
        return {}
    return {"plan_item_count": SimpleLazyObject(lambda: plan_item_count(user=user, session=session))}
