"""A one-page PDF guide for a demo call, written directly (PDF 1.4, Helvetica, WinAnsi text): the demo needs a
real document on its call pages without the cost of rendering one with WeasyPrint at every load."""

from django.core.files.uploadedfile import SimpleUploadedFile


def _escape(text: str) -> bytes:
    raw = text.encode("cp1252", errors="replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def one_page_pdf(lines: list[str]) -> bytes:
    stream = b"BT /F1 11 Tf 56 780 Td 15 TL\n" + b"".join(b"(" + _escape(line) + b") '\n" for line in lines) + b"ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def guide_pdf(call) -> SimpleUploadedFile:
    lines = [
        f"Oproep {call.reference}",
        call.title_nl,
        "",
        "Handleiding voor aanvragers (demo)",
        "",
        *[line for line in call.summary_nl.split(". ") if line],
    ]
    return SimpleUploadedFile(
        f"handleiding-{call.reference.lower()}.pdf", one_page_pdf(lines), content_type="application/pdf"
    )
