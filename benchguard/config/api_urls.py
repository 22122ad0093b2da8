"""/api/: every domain area's router registers here; schema and docs served locally."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from benchguard.organization.api.views import CourtViewSet, PersonViewSet

router = DefaultRouter()
router.register("people", PersonViewSet, basename="api-person")
router.register("courts", CourtViewSet, basename="api-court")

urlpatterns = [
    path("", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
]
