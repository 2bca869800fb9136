"""Request plumbing: a request id for the audit trail, refusal of unstorable input, ``?lang=`` links."""

import json
import uuid

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _

from .audit import current_request_id
from .validators import find_unstorable


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-Id", "")
        request_id = incoming if incoming.isascii() and 0 < len(incoming) <= 64 else uuid.uuid4().hex
        request.request_id = request_id
        token = current_request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            current_request_id.reset(token)
        response["X-Request-Id"] = request_id
        return response


class UnstorableInputMiddleware:
    """A NUL character (or a lone surrogate) anywhere in the input is a 400, never a database error.

    PostgreSQL refuses NUL in text and SQLite truncates at it; either way the input cannot be stored as given,
    so the whole request is refused before any view runs.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        problem = self._problem(request)
        if problem:
            message = _("The input contains a character that cannot be stored (%(what)s in %(where)s).") % problem
            if request.path.startswith("/api/") or "json" in request.headers.get("Accept", ""):
                return JsonResponse({"detail": message}, status=400)
            return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
        return self.get_response(request)

    def _problem(self, request):
        for key, values in request.GET.lists():
            for value in [key, *values]:
                if what := find_unstorable(value):
                    return {"what": what, "where": "query"}
        if request.method in {"POST", "PUT", "PATCH", "DELETE"}:
            content_type = request.content_type or ""
            if content_type.startswith("multipart/") or content_type == "application/x-www-form-urlencoded":
                try:
                    post = request.POST
                    files = request.FILES
                except Exception:
                    return None
                for key, values in post.lists():
                    for value in [key, *values]:
                        if what := find_unstorable(value):
                            return {"what": what, "where": key[:40]}
                for upload in files.values():
                    if what := find_unstorable(upload.name or ""):
                        return {"what": what, "where": "file name"}
            elif "json" in content_type:
                try:
                    body = request.body.decode("utf-8")
                except UnicodeDecodeError:
                    return {"what": "invalid UTF-8", "where": "body"}
                if "\\u0000" in body or "\x00" in body:
                    return {"what": "NUL", "where": "body"}
                try:
                    data = json.loads(body) if body.strip() else None
                except ValueError:
                    return None  # the API's parser answers with its own message
                if what := find_unstorable(data):
                    return {"what": what, "where": "body"}
        return None


class LanguageQueryMiddleware:
    """``?lang=fr`` shows one page in another language without changing the visitor's choice."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.codes = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        lang = request.GET.get("lang")
        if lang in self.codes:
            translation.activate(lang)
            request.LANGUAGE_CODE = lang
        return self.get_response(request)
