"""Plain helpers: digits, calendars, text, files, caching, concurrency, request values. No models; they import nothing
of the apps above them (the lowest layer of DESIGN.md section 3)."""
