from django.contrib.auth import views as auth_views
from django.urls import path

from accounts import profile_views, views

app_name = "accounts"
urlpatterns = [
    path("profiel/", profile_views.profile, name="profile"),
    path("mijn-gegevens.json", profile_views.my_data, name="my_data"),
    path("verwijderen/", profile_views.delete, name="delete"),
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("start/", views.start, name="start"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("wachtwoord-vergeten/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "wachtwoord-vergeten/verstuurd/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "wachtwoord-herstellen/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord-herstellen/klaar/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("registreren/", views.signup, name="signup"),
    path("registreren/verstuurd/", views.signup_done, name="signup_done"),
    path("registreren/bevestigen/<str:token>/", views.signup_verify, name="signup_verify"),
    path("wachtwoord-wijzigen/", views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "wachtwoord-wijzigen/klaar/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
]
