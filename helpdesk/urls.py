from django.urls import path

from helpdesk import views

app_name = "helpdesk"
urlpatterns = [
    path("vraag-stellen/", views.ask, name="ask"),
]
