"""Keep the search index and the catalogue version current; on log-in move a visitor's plan and
self-scan into their account."""

from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from taggit.models import TaggedItem

from accounts.profile import collect_personal_data
from menukaart.catalogue_version import catalogue_changed
from menukaart.models import Level, Material, Measure, Phase, Theme
from menukaart.services import claim_session_scan, merge_session_plan
from sitesearch.indexing import reindex
from sitesearch.models import Kind


def refresh_search_vectors(measure_ids) -> None:
    reindex(Kind.MEASURE, measure_ids)


@receiver(post_save, sender=Measure, dispatch_uid="menukaart_measure_saved")
def measure_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_search_vectors([instance.pk])


def _measure_terms_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if isinstance(instance, Measure):
        if action in {"post_add", "post_remove", "post_clear"}:
            refresh_search_vectors([instance.pk])
        return
    # Changed from the other side (a level's or theme's measures). A clear sends no ids afterwards,
    # so note them before.
    if action == "pre_clear":
        instance._search_refresh_before_clear = set(instance.measures.values_list("pk", flat=True))
    elif action == "post_clear":
        refresh_search_vectors(instance.__dict__.pop("_search_refresh_before_clear", set()))
    elif action in {"post_add", "post_remove"} and pk_set:
        refresh_search_vectors(pk_set)


for _through in (Measure.levels.through, Measure.themes.through, Measure.phases.through):
    m2m_changed.connect(_measure_terms_changed, sender=_through, dispatch_uid=f"menukaart_terms_{_through.__name__}")


@receiver(m2m_changed, sender=TaggedItem, dispatch_uid="menukaart_measure_tags_changed")
def measure_tags_changed(sender, instance, action, **kwargs):
    # Taggit sends m2m_changed with its TaggedItem model as sender, for every tagged model.
    if isinstance(instance, Measure) and action in {"post_add", "post_remove", "post_clear"}:
        refresh_search_vectors([instance.pk])
        catalogue_changed()


def _catalogue_changed(sender, **kwargs):
    """What is kept from the catalogue (menukaart.catalogue_version) must be worked out again."""
    if not kwargs.get("action", "post").startswith("pre"):  # m2m_changed: once the change is made
        catalogue_changed()


for _saved in (Measure, Material):
    post_save.connect(_catalogue_changed, sender=_saved, dispatch_uid=f"menukaart_catalogue_saved_{_saved.__name__}")
for _deleted in (Measure, Material, Level, Theme, Phase):  # a term's deletion takes its links along
    post_delete.connect(
        _catalogue_changed, sender=_deleted, dispatch_uid=f"menukaart_catalogue_deleted_{_deleted.__name__}"
    )
for _links in (Measure.levels.through, Measure.themes.through, Measure.phases.through, Measure.materials.through):
    m2m_changed.connect(_catalogue_changed, sender=_links, dispatch_uid=f"menukaart_catalogue_{_links.__name__}")


@receiver(user_logged_in, dispatch_uid="menukaart_merge_plan_on_login")
def merge_plan_on_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        merge_session_plan(user=user, session=request.session)
        claim_session_scan(user=user, session=request.session)


@receiver(collect_personal_data, dispatch_uid="menukaart_personal_data")
def menukaart_personal_data(sender, user, **kwargs):
    """The account's plan, self-scans and key figures (deleted with the account by cascade)."""
    from menukaart.models import KeyFigure, PlanItem, Scan

    items = PlanItem.objects.filter(plan__user=user).for_plan_page()
    scans = Scan.objects.filter(user=user).with_answers().order_by("created_at")
    return {
        "mijn_menukaart": [
            {
                "maatregel": item.measure.title,
                "volgorde": item.position,
                "eigenaar": item.owner,
                "startmaand": item.start_month.isoformat() if item.start_month else None,
                "notitie": item.note,
                "status": item.progress,
                "gestart_op": item.started_on.isoformat() if item.started_on else None,
                "klaar_op": item.done_on.isoformat() if item.done_on else None,
            }
            for item in items
        ],
        "zelfscans": [
            {
                "begonnen": scan.created_at.isoformat(),
                "afgerond": scan.completed_at.isoformat() if scan.completed_at else None,
                "aantal_medewerkers": scan.size_band,
                "sector": scan.sector,
                "antwoorden": scan.answer_map(),
            }
            for scan in scans
        ],
        "kerncijfers": list(
            KeyFigure.objects.filter(user=user).values("year", "group", "headcount", "inflow", "throughflow", "outflow")
        ),
    }
