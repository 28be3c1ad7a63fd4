from django.http import FileResponse, Http404


def file_response(field, *, as_attachment: bool = True, filename: str | None = None) -> FileResponse:
    """Serve a stored file (after the caller has checked who may have it); 404 if it is not there."""
    if not field or not field.storage.exists(field.name):
        raise Http404
    return FileResponse(
        field.open("rb"), as_attachment=as_attachment, filename=filename or field.name.rsplit("/", 1)[-1]
    )
