from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.permissions import AllowAny


@extend_schema(
    tags=["auth"],
    request=inline_serializer(
        "TokenRequest", {"username": serializers.CharField(), "password": serializers.CharField()}
    ),
    responses=inline_serializer("TokenResponse", {"token": serializers.CharField()}),
    description="Exchange a username and password for an API token; send it as `Authorization: Token <token>`.",
)
class ObtainTokenView(ObtainAuthToken):
    permission_classes = [AllowAny]
