"""Uploaded and generated files: what an upload may be, and serving one to those allowed to have it."""

import re
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.http import FileResponse, Http404
from django.utils.cache import patch_cache_control
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _


def private_download(response):
    """Every download and export: kept by no shared cache (a proxy) and by no browser cache (a shared computer)."""
    patch_cache_control(response, private=True, no_store=True)
    return response


def file_response(field, *, as_attachment: bool = True, filename: str | None = None) -> FileResponse:
    """Serve a stored file (after the caller has checked who may have it); 404 if it is not there.
    The browser takes its type from its name (checked against its content on upload), never from sniffing."""
    if not field or not field.storage.exists(field.name):
        raise Http404
    response = FileResponse(
        field.open("rb"), as_attachment=as_attachment, filename=filename or field.name.rsplit("/", 1)[-1]
    )
    response["X-Content-Type-Options"] = "nosniff"
    return private_download(response)


ATTACHMENT_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "txt", "jpg", "jpeg", "png"]
IMAGE_EXTENSIONS = ["jpg", "jpeg", "png"]

# What each extension's file really is, as detect_type() names it from the content.
TYPE_OF_EXTENSION = {
    "pdf": "pdf",
    "png": "png",
    "jpg": "jpeg",
    "jpeg": "jpeg",
    "doc": "ole",
    "xls": "ole",
    "ppt": "ole",
    "docx": "docx",
    "xlsx": "xlsx",
    "pptx": "pptx",
    "odt": "odt",
    "ods": "ods",
    "txt": "text",
}
# Office Open XML and OpenDocument files are zip archives: a member names which one it is.
ZIP_MEMBERS = {"word/document.xml": "docx", "xl/workbook.xml": "xlsx", "ppt/presentation.xml": "pptx"}
ODF_MIMETYPES = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
}
# Text a browser or a shell would run: a page, an SVG image, a script. (Programs hold NUL bytes: not text.)
RUNNABLE_TEXT = re.compile(rb"<\s*(html|head|body|script|svg|iframe|object|embed|!doctype|\?xml)|\A\s*#!", re.I)


def detect_type(file) -> str | None:
    """The file's type read from its content (signature bytes, zip members), or None if it is none we accept."""
    file.seek(0)
    head = file.read(4096)
    file.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"  # the old .doc, .xls and .ppt
    if head.startswith(b"PK\x03\x04"):
        return _zip_type(file)
    return "text" if b"\x00" not in head and not RUNNABLE_TEXT.search(head) else None


def _zip_type(file) -> str | None:
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                return ODF_MIMETYPES.get(archive.read("mimetype").strip())
    except (zipfile.BadZipFile, OSError, KeyError):
        return None
    finally:
        file.seek(0)
    if "[Content_Types].xml" in names:
        return next((kind for member, kind in ZIP_MEMBERS.items() if member in names), None)
    return None


@deconstructible
class UploadValidator:
    """What a file field accepts, declared with the field: its extensions and largest size (ATTACHMENT_MAX_MB
    unless given). The content must be what the extension says, read from its first bytes: never a page, an
    SVG image or a program, whatever its name or the browser claims."""

    def __init__(self, *extensions: str, max_mb: int | None = None):
        self.extensions = extensions
        self.max_mb = max_mb

    def __call__(self, file) -> None:
        FileExtensionValidator(self.extensions)(file)
        limit = self.max_mb or settings.ATTACHMENT_MAX_MB
        if file.size > limit * 1024 * 1024:
            raise ValidationError(
                _("The file is %(size)s MB; the limit is %(limit)s MB."),
                params={"size": round(file.size / 1024 / 1024, 1), "limit": limit},
            )
        extension = Path(file.name).suffix.lstrip(".").lower()
        if detect_type(file) != TYPE_OF_EXTENSION[extension]:
            raise ValidationError(
                _("The file's content does not match its type (.%(extension)s)."), params={"extension": extension}
            )

    def __eq__(self, other) -> bool:
        return isinstance(other, UploadValidator) and (self.extensions, self.max_mb) == (other.extensions, other.max_mb)
