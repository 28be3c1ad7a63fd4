"""What the council's home page shows of the work kept above the council app: meetings, submissions, elections.

The council app may not import those apps (the layers of DESIGN.md section 3). The home app, which may, registers
the function that reads it (`home.apps.HomeConfig.ready`); the council's view adds what it returns to the page.
"""

_readers = []


def add_reader(read) -> None:
    """`read(user, council, membership)` returns what it adds to the council home's context."""
    if read not in _readers:
        _readers.append(read)


def read(user, council, membership) -> dict:
    context = {}
    for reader in _readers:
        context.update(reader(user, council, membership))
    return context
