"""The pack as a file: its bytes, content type and a file name that says what it is."""

from subsidia.core.exports import XLSX_CONTENT_TYPE

from . import pdf, xlsx

CONTENT_TYPES = {"pdf": "application/pdf", "xlsx": XLSX_CONTENT_TYPE}


def filename(pack, fmt: str) -> str:
    q = pack.question
    source = f"publication-{pack.snapshot.number}" if pack.snapshot else pack.data_date.strftime("%Y%m%d")
    return f"answer-pack-{q.session}-{q.number.replace('/', '-')}-{pack.language}-{source}.{fmt}"


def render(pack, fmt: str) -> bytes:
    return pdf.render(pack) if fmt == "pdf" else xlsx.render(pack)
