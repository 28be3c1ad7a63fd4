"""The project package: settings, root URLs and WSGI, the only place that knows every app."""
