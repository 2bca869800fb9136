"""PDF documents from templates with WeasyPrint: tagged (PDF/UA-1), fonts and images from the app itself.

Every PDF carries its data date and language; templates extend ``core/pdf_base.html``.
"""

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation


def _fetch_static_only(url: str, *args, **kwargs):
    """Resolve ``/static/...`` from the app's own files; refuse anything else (no network at run time)."""
    from weasyprint import default_url_fetcher

    if url.startswith("file://"):
        return default_url_fetcher(url, *args, **kwargs)
    raise ValueError(f"PDF rendering does not fetch {url!r}")


def render_pdf(template: str, context: dict, *, language: str | None = None, title: str = "") -> bytes:
    from weasyprint import HTML

    with translation.override(language or translation.get_language()):
        html = render_to_string(template, {**context, "pdf_title": title or context.get("pdf_title", "")})
    css = finders.find("subsidia/pdf.css")
    stylesheets = [css] if css else None
    document = HTML(string=html, base_url="file:///", url_fetcher=_fetch_static_only)
    return document.write_pdf(stylesheets=stylesheets, pdf_variant="pdf/ua-1", pdf_tags=True)


def pdf_response(filename: str, content: bytes, *, inline: bool = False) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
