"""URL configuration: each app of the cycle contributes its pages (``urls.py``) and API (``api/urls.py``)."""

from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from subsidia.core.api.auth import ObtainTokenView


def _has_module(name: str) -> bool:
    try:
        return find_spec(name) is not None
    except ModuleNotFoundError:
        return False


api_patterns = [path("auth/token/", ObtainTokenView.as_view(), name="api-token")]
page_patterns = []
for app in settings.SUBSIDIA_APPS:
    if _has_module(f"{app}.api.urls"):
        api_patterns.append(path("", include(f"{app}.api.urls")))
    if _has_module(f"{app}.urls"):
        module = import_module(f"{app}.urls")
        page_patterns.append(path("", include(module)))

urlpatterns = [
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", include(api_patterns)),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="swagger-ui"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="schema"), name="redoc"),
    *page_patterns,
]

handler400 = "subsidia.core.errors.bad_request"
