"""Logging filters (wired in the LOGGING setting)."""

import logging


def _printable(text: str) -> str:
    return text.encode("unicode_escape").decode("ascii")  # as Django logs paths: no forged log lines


class ForbiddenOnOneLine(logging.Filter):
    """A 403 is someone going where they may not: one line saying who and where, not a traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        if getattr(record, "status_code", None) == 403 and request is not None:
            user = getattr(request, "user", None)
            record.msg = "Forbidden: %s %s user=%s"
            record.args = (
                _printable(request.method or ""),
                _printable(request.path),
                user.pk if user is not None and user.is_authenticated else "-",
            )
            record.exc_info = record.exc_text = None
        return True
