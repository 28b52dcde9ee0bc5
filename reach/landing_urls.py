from django.urls import path

from reach import views

app_name = "landing"
urlpatterns = [
    path("", views.landing_index, name="index"),
    path("sector/<slug:slug>/", views.landing_sector, name="sector"),
    path("partner/<slug:slug>/", views.landing_partner, name="partner"),
    # Size groups by their own name (/voor/mkb/); fixed paths above take precedence.
    path("<slug:slug>/", views.landing_size, name="size"),
]
