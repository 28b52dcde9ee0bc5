import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.services import load_demo_users, load_organisations
from communities.models import RoleModel, RoleModelConsent
from menukaart.models import Example, ExampleReaction, ExampleStatus, ReactionStatus


@pytest.mark.django_db
def test_demo_has_examples_with_reactions_and_two_role_models_with_consent(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    load_organisations()
    load_demo_users(password="een-lang-demo-wachtwoord")
    call_command("load_menukaart", verbosity=0)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_examples_demo", verbosity=0)
        call_command("load_examples_demo", verbosity=0)
    sent_in = Example.objects.exclude(submitted_at=None)
    assert {e.status for e in sent_in} == {ExampleStatus.PUBLISHED, ExampleStatus.SUBMITTED, ExampleStatus.DECLINED}
    assert {r.status for r in ExampleReaction.objects.all()} == {ReactionStatus.PUBLISHED, ReactionStatus.SUBMITTED}
    assert ExampleReaction.objects.count() == 5
    assert RoleModel.objects.published().count() == 2
    assert RoleModelConsent.objects.count() == 2
    assert mailoutbox == []

    published = sent_in.get(status=ExampleStatus.PUBLISHED)
    page = client.get(published.get_absolute_url()).content.decode()
    assert "Hoe kozen jullie de buddy" in page and "nieuwsbrief" not in page  # pending reaction hidden
    for measure in published.measures.all():
        assert published.title in client.get(measure.get_absolute_url()).content.decode()
    assert "Nadia El Idrissi" in client.get(reverse("communities:role_model_list")).content.decode()
