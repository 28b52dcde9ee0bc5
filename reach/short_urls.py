from django.urls import path

from reach import embeds, views

app_name = "reach"
urlpatterns = [
    path("embed/maatregelen/", embeds.measures_widget, name="embed_measures"),
    path("k/<slug:code>/", views.short_link, name="short_link"),
    path("k/<slug:code>/qr.svg", views.short_link_qr, {"kind": "svg"}, name="short_link_qr_svg"),
    path("k/<slug:code>/qr.png", views.short_link_qr, {"kind": "png"}, name="short_link_qr_png"),
]
