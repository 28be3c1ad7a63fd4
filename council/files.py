"""Uploaded and generated files: what an upload may be, and serving one to those allowed to have it."""

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.http import FileResponse, Http404
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _


def private_download(response):
    """Every download and export: kept by no shared cache (a proxy) and by no browser cache (a shared computer)."""
    patch_cache_control(response, private=True, no_store=True)
    return response


def file_response(field, *, as_attachment: bool = True, filename: str | None = None) -> FileResponse:
    """Serve a stored file (after the caller has checked who may have it); 404 if it is not there."""
    if not field or not field.storage.exists(field.name):
        raise Http404
    response = FileResponse(
        field.open("rb"), as_attachment=as_attachment, filename=filename or field.name.rsplit("/", 1)[-1]
    )
    return private_download(response)


ATTACHMENT_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "txt", "jpg", "jpeg", "png"]


def validate_attachment_size(file) -> None:
    limit = settings.ATTACHMENT_MAX_MB * 1024 * 1024
    if file.size > limit:
        raise ValidationError(
            _("The file is %(size)s MB; the limit is %(limit)s MB."),
            params={"size": round(file.size / 1024 / 1024, 1), "limit": settings.ATTACHMENT_MAX_MB},
        )


# What each kind of file starts with: a renamed program is refused whatever its name says.
SIGNATURES = {
    "pdf": (b"%PDF",),
    "png": (b"\x89PNG",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "docx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
    "pptx": (b"PK\x03\x04",),
    "odt": (b"PK\x03\x04",),
    "ods": (b"PK\x03\x04",),
    "doc": (b"\xd0\xcf\x11\xe0",),
    "xls": (b"\xd0\xcf\x11\xe0",),
    "ppt": (b"\xd0\xcf\x11\xe0",),
}


def validate_attachment_content(file) -> None:
    extension = Path(file.name).suffix.lstrip(".").lower()
    file.seek(0)
    head = file.read(2048)
    file.seek(0)
    expected = SIGNATURES.get(extension)
    looks_right = head.startswith(expected) if expected else b"\x00" not in head  # .txt: text, no binary
    if not looks_right:
        raise ValidationError(
            _("The file's content does not match its type (.%(extension)s)."), params={"extension": extension}
        )


attachment_validators = [
    FileExtensionValidator(ATTACHMENT_EXTENSIONS),
    validate_attachment_size,
    validate_attachment_content,
]
