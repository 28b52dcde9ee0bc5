from django.urls import path

import core.converters  # noqa: F401  (registers the linktoken converter)
from menukaart import views

app_name = "menukaart"
urlpatterns = [
    path("", views.measure_list, name="index"),
    path("maatregel/<slug:slug>/", views.measure_detail, name="measure_detail"),
    path("niveaus/", views.level_overview, name="levels"),
    path("stappen/", views.phase_overview, name="phases"),
    path("bewijskracht/", views.evidence_scale, name="evidence_scale"),
    path("begrippen/", views.glossary, name="glossary"),
    path("materialen/", views.material_list, name="material_list"),
    path("materialen/<slug:slug>/link/", views.material_link, name="material_link"),
    path("initiatieven/", views.initiative_list, name="initiative_list"),
    path("praktijkvoorbeelden/", views.example_list, name="example_list"),
    path("praktijkvoorbeelden/<slug:slug>/", views.example_detail, name="example_detail"),
    path("mijn-menukaart/", views.plan_detail, name="plan"),
    path("mijn-menukaart/toevoegen/<slug:slug>/", views.plan_add, name="plan_add"),
    path("mijn-menukaart/verwijderen/<slug:slug>/", views.plan_remove, name="plan_remove"),
    path("mijn-menukaart/delen/", views.plan_share, name="plan_share"),
    path("mijn-menukaart/delen/intrekken/", views.plan_unshare, name="plan_unshare"),
    path("mijn-menukaart/mijn-menukaart.csv", views.plan_export_csv, name="plan_csv"),
    path("mijn-menukaart/mijn-menukaart.pdf", views.plan_export_pdf, name="plan_pdf"),
    path("mijn-menukaart/afdrukken/", views.plan_print, name="plan_print"),
    path("waar-sta-je/", views.scan_start, name="scan_start"),
    path("waar-sta-je/voortgang/", views.scan_progress, name="scan_progress"),
    path("waar-sta-je/kerncijfers/", views.key_figure_add, name="key_figure_add"),
    path("waar-sta-je/kerncijfers/<int:pk>/verwijderen/", views.key_figure_delete, name="key_figure_delete"),
    path("waar-sta-je/<int:pk>/", views.scan_result, name="scan_result"),
    path("waar-sta-je/<int:pk>/stap/<int:number>/", views.scan_step, name="scan_step"),
    path("gedeeld/<linktoken:token>/", views.shared_plan, name="shared_plan"),
    path("beheer/zoekvragen-zonder-resultaat/", views.content_gaps, name="content_gaps"),
]
