"""What a liaison's department still has to hand in, gathered from the domain apps for the home page."""

from departments.selectors import submissions_owed
from elections.selectors import attestations_owed


def answers_owed(department) -> list:
    """Open survey rounds, reporting periods and running election cycles still waiting for the department.

    Soonest deadline first. A fixed number of queries.
    """
    return sorted(submissions_owed(department) + attestations_owed(department), key=lambda entry: entry.deadline)
