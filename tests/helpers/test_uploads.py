"""Every upload of the product passes one validator: its type read from its content, its size, never a page,
an SVG image or a program."""

import io
import zipfile

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.utils import translation
from PIL import Image

from helpers.files import ATTACHMENT_EXTENSIONS, IMAGE_EXTENSIONS, UploadValidator

attachments = UploadValidator(*ATTACHMENT_EXTENSIONS)
photos = UploadValidator(*IMAGE_EXTENSIONS, max_mb=8)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def image(kind: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, kind)
    return buffer.getvalue()


def archive(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zipped:
        for name, data in members.items():
            zipped.writestr(name, data)
    return buffer.getvalue()


DOCX = archive({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
XLSX = archive({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
ODT = archive({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<office/>"})
PROGRAM = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64
PAGE = b"<!DOCTYPE html><html><body><script>fetch('/steal?c='+document.cookie)</script></body></html>"
SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("answer.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"),
        ("photo.png", image("PNG")),
        ("photo.JPG", image("JPEG")),
        ("letter.docx", DOCX),
        ("budget.xlsx", XLSX),
        ("letter.odt", ODT),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64),
        ("notes.txt", "گزارش جلسه: ۱۲ مورد بررسی شد. Raporti i mbledhjes.".encode()),
    ],
)
def test_real_files_of_the_accepted_types_pass(name, data):
    attachments(SimpleUploadedFile(name, data))


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("answer.html", PAGE, "is not allowed"),
        ("answer.txt", PAGE, "does not match its type"),  # a page renamed: read by its content
        ("answer.pdf", PAGE, "does not match its type"),
        ("drawing.svg", SVG, "is not allowed"),
        ("drawing.png", SVG, "does not match its type"),
        ("drawing.txt", SVG, "does not match its type"),
        ("setup.exe", PROGRAM, "is not allowed"),
        ("setup.pdf", PROGRAM, "does not match its type"),
        ("setup.txt", PROGRAM, "does not match its type"),
        ("run.txt", b"#!/bin/sh\nrm -rf ~\n", "does not match its type"),
        ("archive.docx", archive({"setup.exe": PROGRAM}), "does not match its type"),  # any zip is not Word
        ("budget.docx", XLSX, "does not match its type"),
        ("photo.png", image("JPEG"), "does not match its type"),
    ],
)
def test_pages_svg_programs_and_renamed_files_are_refused(name, data, message):
    with pytest.raises(ValidationError) as refused:
        attachments(SimpleUploadedFile(name, data, content_type="application/pdf"))  # what the browser claims
    assert message in " ".join(refused.value.messages)


def test_the_size_limit_is_the_fields_own_or_the_setting(settings):
    settings.ATTACHMENT_MAX_MB = 1
    big = b"%PDF-1.7 " + b"x" * (1024 * 1024)
    with pytest.raises(ValidationError, match="the limit is 1 MB"):
        attachments(SimpleUploadedFile("big.pdf", big))
    with pytest.raises(ValidationError, match="the limit is 8 MB"):
        photos(SimpleUploadedFile("big.png", image("PNG") + b"\x00" * (8 * 1024 * 1024)))


def test_every_file_field_of_the_product_declares_the_validator():
    """A new file field without it fails here: no upload skips the checks (generated PDFs are not uploads)."""
    generated = {("reports", "document", "file")}
    fields = [
        (model._meta.app_label, model._meta.model_name, field.name, field)
        for model in apps.get_models()
        if model.__module__.split(".")[0] in {"council", "meetings", "departments", "elections", "portal", "reports"}
        and not model.__name__.startswith("Historical")
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField)
    ]
    assert len(fields) >= 6
    for app, model, name, field in fields:
        if (app, model, name) in generated:
            continue
        assert any(isinstance(v, UploadValidator) for v in field.validators), f"{app}.{model}.{name}"
