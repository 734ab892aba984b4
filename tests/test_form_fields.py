"""Filled-in forms and tickets: "field: value" lines, two-column pastes, label fields, ticket metadata, blank fields
(forms written for these checks, in no dev set)."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.breakdown.five_w2h import offline_draft
from assistant.breakdown.form_fields import form_fields
from assistant.breakdown.request_labels import find_labels
from assistant.breakdown.task_signals import read_task_type
from assistant.core.models import FieldStatus, TaskType

TODAY = date(2026, 12, 1)

VET_TICKET = """Summary: Triage vet clinic web enquiries
Issue Type: Task
Priority: Low
Assignee: Unassigned
Labels: vet, q1-backlog, triage
Tag set: Urgent / Routine / Admin
Volume: 900
Budget: N/A
"""

WAREHOUSE_TICKET = """工单号：WO-3391
提交人：李雷
标注类型：意图
分类：
退货
换货
催发货
其他
数量：1,500
截止：待定
预算：
"""

RECIPE_PASTE = "字段\t值\n任务\t菜谱步骤审核\n选项\t合格\n\t步骤缺失\n\t食材不符（写了没用上）\n数量\t八百\n人数\t\n"

FORUM_FORM = """Project: forum post cleanup
Label set: Keep, Trim (too long, or repeats the title
of the post), Drop
Qty: 650
Due: Dec 20
"""

RUBRIC_FORM = """Rubric (per answer):
  Clarity: 1 (confusing) – 3 (crystal clear)
  Cites a source: yes / no
Count: 300
Owner: Sam
Due: Dec 18
"""

INVOICE_FORM = """Dataset: supplier invoices, scanned
Fields to extract:
  invoice number
  supplier name
  total amount (incl. VAT)
  due date
Qty: 2,750
Qty unit: invoices
Time per invoice: budgeted 45 sec
Annotators: 1 clerk + 2 interns
Deadline:
"""


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        # a ticket's own "Labels" field tags the ticket; the label set is in its own field
        (VET_TICKET, ["Urgent", "Routine", "Admin"]),
        # a field left empty on its line, one name a line under it
        (WAREHOUSE_TICKET, ["退货", "换货", "催发货", "其他"]),
        # one name a cell down a two-column paste, a note in brackets dropped
        (RECIPE_PASTE, ["合格", "步骤缺失", "食材不符"]),
        # an inline list broken over two lines inside a note in brackets
        (FORUM_FORM, ["Keep", "Trim", "Drop"]),
        # fields to extract, one a line, indented under their field
        (INVOICE_FORM, ["invoice number", "supplier name", "total amount", "due date"]),
    ],
)
def test_label_field_is_read(text: str, labels: list[str]) -> None:
    found = find_labels(text)
    assert found is not None and found.labels == labels


def test_rubric_dimensions_give_their_values_as_an_ordered_set() -> None:
    found = find_labels(RUBRIC_FORM)
    assert found is not None and found.labels == ["1", "2", "3", "yes", "no"] and found.ordinal


def test_ticket_tags_and_blank_fields_are_no_labels() -> None:
    text = "Summary: Sort app crash reports\nIssue Type: Bug\nReporter: Ana\nLabels: crash, android, sprint12\nBudget: N/A\nAnnotators: TBD\n"
    found = find_labels(text)
    assert found is None or not {"crash", "android", "sprint12", "N", "A"} & set(found.labels)


def test_a_pasted_sheets_column_options_not_its_header() -> None:
    text = (
        "sheet layout:\n\nticket | channel | reply | verdict\nT-101 | chat | \"we refunded you\" | |\nT-102 | email | \"please wait\" | |\n\n"
        "verdict = helpful / unhelpful / harmful. about 900 rows."
    )
    found = find_labels(text)
    assert found is not None and found.labels == ["helpful", "unhelpful", "harmful"]


def test_codes_spelled_out_after_their_acronym() -> None:
    text = "评测单\n模型A：旧版\n模型B：新版\n评测方式：WTL（W=新版更好，T=持平，L=新版更差）\n数量：600\n截止：下周三\n"
    found = find_labels(text)
    assert found is not None and found.labels == ["W", "T", "L"] and found.ordinal


def test_form_figures() -> None:
    draft, _ = offline_draft(INVOICE_FORM, [], {}, TODAY)
    assert (draft.how_much.volume.status, draft.how_much.volume.value) == (FieldStatus.stated, 2750)
    assert draft.how_much.time_per_item.value == 45
    assert draft.who.annotator_profile.value == {"count": 3}
    assert draft.when.deadline.status != FieldStatus.stated


def test_ticket_number_and_pending_fields_state_nothing() -> None:
    draft, _ = offline_draft(WAREHOUSE_TICKET, [], {}, TODAY)
    assert draft.how_much.volume.value == 1500
    assert draft.when.deadline.status != FieldStatus.stated
    assert draft.how_much.budget.status != FieldStatus.stated


def test_the_forms_type_field_names_the_task() -> None:
    text = "Request: storefront listing review\nType of labeling: moderation / safety\nLabel set: OK, Needs edit, Remove\nHow many: 3k\n"
    found = find_labels(text)
    assert read_task_type(text, found.labels if found else None).task_type == TaskType.content_safety


def test_what_is_no_form() -> None:
    # an e-mail's headers, a table of three columns, and prose with one colon are no form
    assert form_fields("From: Ana\nSent: Monday\nSubject: labels\nCategories: a, b, c\nThanks!") == []
    assert form_fields("字段名\t说明\t例子\n姓名\t客户姓名\t张三\n电话\t手机号\t138\n地址\t收货地址\t北京") == []
    assert form_fields("Hi team: we need 2,000 reviews tagged as good or bad by Friday.") == []
    fields = form_fields(VET_TICKET)
    kinds = {field.key: field.kind for field in fields}
    assert kinds["Labels"] == "meta" and kinds["Tag set"] == "labels" and kinds["Priority"] == "meta"
    assert next(field for field in fields if field.key == "Budget").pending


LIBRARY_FORM = """Request: sort patron feedback cards
Owner: Ruth, branch services
Tag options: single / multi
Categories:
  - Opening hours — anything about when we open or close, holidays included
  - Children's programmes: story time, holiday clubs
  - Noise — complaints about other patrons or building works
  - Staff — praise or complaints about a named person
Volume: about 600 cards
"""


def test_a_glossed_label_list_is_not_lost_to_a_short_field_above_it() -> None:
    # the form's "Tag options: single / multi" field is read as no label set when the real list below it carries glosses
    found = find_labels(LIBRARY_FORM)
    assert found is not None
    assert {"Opening hours", "Noise", "Staff"} <= set(found.labels)
    assert "single" not in found.labels and "multi" not in found.labels


@pytest.mark.parametrize("pointer", ["Label list: see below, one per card", "标签：见下表", "Labels: see below"])
def test_a_label_field_that_points_below_names_nothing_itself(pointer: str) -> None:
    found = find_labels(LIBRARY_FORM.replace("Tag options: single / multi", pointer))
    assert found is not None and found.labels == ["Opening hours", "Children's programmes", "Noise", "Staff"]


def test_a_pointer_over_its_own_list_is_no_name() -> None:
    bakery = "需求：门店评价分类\n负责人：王芳\n标签：如下\n- 好评\n- 中评\n- 差评\n数量：两千条左右\n"
    triage = "Project: bug triage\nOwner: Sam\nLabels: see below\n  - crash\n  - slow\n  - wrong data\nDue: Friday\n"
    assert find_labels(bakery).labels == ["好评", "中评", "差评"]  # type: ignore[union-attr]
    assert find_labels(triage).labels == ["crash", "slow", "wrong data"]  # type: ignore[union-attr]
