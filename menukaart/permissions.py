"""Who may do what in the menukaart. Role-level rights are Django permissions (accounts/roles.py)."""

PUBLISH = "menukaart.publish_measure"
VIEW_UNPUBLISHED = "menukaart.view_unpublished"
VIEW_CONTENT_GAPS = "menukaart.view_content_gaps"
SUBMIT_EXAMPLE = "menukaart.submit_example"
MODERATE_EXAMPLE = "menukaart.moderate_example"


def can_publish(user) -> bool:
    """Publish measures, materials, initiatives and examples (the last step of the workflow)."""
    return bool(user and user.is_authenticated and user.has_perm(PUBLISH))


def can_preview(user) -> bool:
    """Open unpublished content on the site (a preview); everyone else gets a 404."""
    return bool(user and user.is_authenticated and user.has_perm(VIEW_UNPUBLISHED))


def can_view_content_gaps(user) -> bool:
    return bool(user and user.is_authenticated and user.has_perm(VIEW_CONTENT_GAPS))


def can_submit_example(user) -> bool:
    """Send in a good example or react to one (employers and partner staff, logged in)."""
    return bool(user and user.is_authenticated and user.has_perm(SUBMIT_EXAMPLE))


def can_moderate_examples(user) -> bool:
    """Publish or decline good examples and reactions sent in through the portal (editors)."""
    return bool(user and user.is_authenticated and user.has_perm(MODERATE_EXAMPLE))
