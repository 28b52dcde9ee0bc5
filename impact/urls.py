from django.urls import path

from impact import views

app_name = "impact"
urlpatterns = [
    path("", views.report_list, name="report_list"),
    path("aanvragen/", views.report_request, name="report_request"),
    path("rapportage/<int:pk>/", views.report_detail, name="report_detail"),
    path("rapportage/<int:pk>/voortgang/", views.report_progress, name="report_progress"),
    path("rapportage/<int:pk>/pdf/", views.report_pdf, name="report_pdf"),
    path("rapportage/<int:pk>/csv/", views.report_csv, name="report_csv"),
    path("rapportage/<int:pk>/json/", views.report_json, name="report_json"),
    path("inbreng/", views.partner_input, name="partner_input"),
    path("afspraken/", views.agreement_list, name="agreement_list"),
    path("afspraken/<int:pk>/", views.agreement_edit, name="agreement_edit"),
    path("capaciteit/", views.capacity, name="capacity"),
]
