from django.urls import path

from menukaart import views

app_name = "menukaart"
urlpatterns = [
    path("", views.measure_list, name="index"),
    path("maatregel/<slug:slug>/", views.measure_detail, name="measure_detail"),
]
