"""Editors maintain synonyms in Beheer; the empty-search list links to adding one; the Beheer index links both."""

import django
import pytest
from django.urls import reverse

from menukaart.services import record_search
from sitesearch.models import Synonym

pytestmark = pytest.mark.django_db


def test_contentbeheerder_adds_a_synonym_in_beheer(client, contentbeheerder):
    client.force_login(contentbeheerder)
    add = reverse("admin:sitesearch_synonym_add")
    form = client.get(add, {"term": "loonkloof"})
    assert form.status_code == 200
    assert 'value="loonkloof"' in form.content.decode()
    response = client.post(add, {"term": "Loonkloof", "related": "gelijke beloning, loonverschil", "note": ""})
    assert response.status_code == 302
    synonym = Synonym.objects.get()
    assert synonym.term == "loonkloof"
    assert synonym.related_list == ["gelijke beloning", "loonverschil"]


def test_a_synonym_needs_related_words(client, contentbeheerder):
    client.force_login(contentbeheerder)
    response = client.post(reverse("admin:sitesearch_synonym_add"), {"term": "loonkloof", "related": ""})
    assert response.status_code == 200
    if django.VERSION >= (6,):  # Django 5.2's Dutch admin catalogue has no "Error:" yet (CHANGELOG)
        assert "Fout:" in response.content.decode()  # the Dutch admin's error page title
    assert response.context["adminform"].form.errors["related"]
    assert not Synonym.objects.exists()


def test_other_staff_cannot_change_synonyms(client, adviseur):
    client.force_login(adviseur)
    assert client.get(reverse("admin:sitesearch_synonym_changelist")).status_code == 403


def test_each_empty_search_links_to_adding_a_synonym(client, contentbeheerder):
    record_search(query="hoofddoek", result_count=0)
    client.force_login(contentbeheerder)
    html = client.get(reverse("menukaart:content_gaps")).content.decode()
    assert f"{reverse('admin:sitesearch_synonym_add')}?term=hoofddoek" in html


def test_beheer_index_links_to_empty_searches_and_synonyms(client, contentbeheerder):
    client.force_login(contentbeheerder)
    html = client.get(reverse("admin:index")).content.decode()
    assert reverse("menukaart:content_gaps") in html
    assert reverse("admin:sitesearch_synonym_changelist") in html


def test_make_run_seeds_the_synonyms_from_the_content_without_overwriting_edits(db):
    from django.core.management import call_command

    call_command("load_menukaart", verbosity=0)
    assert Synonym.objects.filter(term="statushouder").exists()
    assert Synonym.objects.count() >= 60
    Synonym.objects.filter(term="or").update(related="ondernemingsraad")
    call_command("load_menukaart", verbosity=0)
    assert Synonym.objects.get(term="or").related == "ondernemingsraad"
