"""A council that has published each kind of thing the API shows, beside unpublished ones that must not show."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from acts import services as act_services
from meetings.models import Meeting, Statement
from tests.factories import (
    ActFactory,
    ActionItemFactory,
    ActTypeFactory,
    AgendaItemFactory,
    DecisionFactory,
    MeetingFactory,
)

SECRET = "SECRET-UNPUBLISHED"


def decided(meeting, text, number):
    return DecisionFactory(item=AgendaItemFactory(meeting=meeting), text=text, year=2026, number=number)


@pytest.fixture
def published(world):
    """Each kind of public thing once, and beside each an unpublished one carrying SECRET."""
    council = world.council
    shown = MeetingFactory(council=council, state=Meeting.State.PUBLISHED, starts_at=timezone.now() - timedelta(days=9))
    public_decision = decided(shown, "Publish the budget", 1)
    ActionItemFactory(decision=public_decision, council=council, department=world.department_a, status="done")
    announced = MeetingFactory(council=council, state=Meeting.State.AGENDA_PUBLISHED, title="Announced meeting")
    AgendaItemFactory(meeting=announced, title="Announced item", discussion=f"Discussion {SECRET}")
    drafted = MeetingFactory(council=council, state=Meeting.State.MINUTES_APPROVED, title="Approved, not published")
    hidden_decision = decided(drafted, f"Decision {SECRET}", 2)
    MeetingFactory(council=council, state=Meeting.State.DRAFT, title=f"Draft {SECRET}")
    kind = ActTypeFactory(council=council, name="Regulation")
    act = ActFactory(type=kind, title="Market regulation")
    act_services.act_approve(act=act, adopted_on=date(2026, 3, 2), by=None)
    act_services.act_publish(act=act, published_on=date(2026, 3, 5), by=None)
    act.decisions.set([public_decision, hidden_decision])
    ActFactory(type=kind, title=f"Draft act {SECRET}")
    statement = Statement.objects.create(
        council=council,
        title="Council met",
        body="Body",
        state="published",
        published_at=timezone.now(),
        meeting=drafted,
    )
    statement.decisions.set([public_decision, hidden_decision])
    Statement.objects.create(council=council, title=f"Draft statement {SECRET}", body="x", state="approved")
    embargoed = Statement.objects.create(council=council, title=f"Embargoed {SECRET}", body="x", state="published")
    Statement.objects.filter(pk=embargoed.pk).update(published_at=timezone.now() + timedelta(days=1))
    return {
        "meeting": shown,
        "announced": announced,
        "drafted": drafted,
        "decision": public_decision,
        "act": act,
        "statement": statement,
    }
