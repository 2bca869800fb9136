"""Service errors become clear API answers: 400 with field messages, 409 for refused transitions."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from ..exceptions import ServiceError


def exception_handler(exc, context):
    if isinstance(exc, ServiceError):
        body = {"detail": exc.message, "code": exc.code}
        fields = {k: [str(m) for m in v] for k, v in exc.errors.items() if k != "__all__"}
        if fields:
            body["errors"] = fields
        return Response(body, status=exc.status_code)
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "message_dict"):
            return Response({"errors": exc.message_dict, "detail": " ".join(
                str(m) for msgs in exc.message_dict.values() for m in msgs)}, status=status.HTTP_400_BAD_REQUEST)
        return Response({"detail": " ".join(exc.messages)}, status=status.HTTP_400_BAD_REQUEST)
    return drf_exception_handler(exc, context)
