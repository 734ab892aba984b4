"""English numbers in the shapes of threads, terse notes and formal prose: the people who judge each item, an
agreement figure before its measure, a quoted flat fee, rupees, a day of the month after a delivery word, a date
that restates the one before it, worded ranges, revisions and first batches.

Requests written for these tests, in other domains than any dev set; the request date is Wednesday 2026-12-02.
"""

from __future__ import annotations

from datetime import date

import pytest

from assistant.breakdown.five_w2h import offline_draft
from assistant.core.models import FieldStatus

WEDNESDAY = date(2026, 12, 2)


def draft_of(request: str):
    draft, _ = offline_draft(request, [], {}, WEDNESDAY)
    return draft


def _count(draft) -> int | None:
    field = draft.who.annotator_profile
    return field.value.get("count") if field.status == FieldStatus.stated and isinstance(field.value, dict) else None


@pytest.mark.parametrize(
    "request_text,team",
    [
        ("Classify 800 support chats by intent. Two checkers per chat, please.", 2),
        ("Grade 300 lab reports as pass / fail. Experienced TAs, no fewer than 4 per report.", 4),
        ("Check 120 translated contracts against the source. Reviewers should be sworn translators. I'd want 2 on each contract.", 2),
        ("Mark every error in 40 podcast transcripts. We'll staff 3 listeners on our side.", 3),
        ("tag 900 delivery complaints late / damaged / wrong item. 2 pax can do.", 2),
        ("Sort 500 grant letters by program. The program officers should rate them, they know the rules. 5 staff, an hour a day.", 5),
        ("Moderation appeals, 1,100 of them: uphold / overturn. Each appeal must be read by two moderators.", 2),
        ("Mark 450 GCSE mock essays against the mark scheme; they are to be double-marked.", 2),
        ("need ~3.2k app reviews tagged bug/praise/other asap, 2 ppl, kappa 0.7+", 2),
        ("approx. 900 receipts; each ~30s; need 4 ppl", 4),
    ],
)
def test_the_people_who_judge_each_item_are_the_team(request_text, team):
    assert _count(draft_of(request_text)) == team


@pytest.mark.parametrize(
    "request_text",
    [
        "Classify 800 support chats by intent. 2 or 3 reviewers per chat.",  # a range, never its upper end
        "Classify 800 product pages by category. Most products have 3 reviews per page.",  # reviews of the data
        "Classify 800 support chats by intent. We hold 3 reviewers meetings each week.",
        "Classify 800 support chats by intent. Ideally two checkers per chat.",  # a wish, still to be settled
        "Classify 800 invoices by cost centre; totals are double-checked by finance.",  # a check, not two labelers
    ],
)
def test_counts_that_are_not_the_team_stay_open(request_text):
    assert _count(draft_of(request_text)) is None


@pytest.mark.parametrize(
    "request_text,target",
    [
        ("Rate 600 student essays 1-4. Need 0.75 kappa.", 0.75),
        ("Code 1,100 open answers by theme; agreement among the coders above 85% is required.", 0.85),
    ],
)
def test_an_agreement_figure_before_its_measure_or_after_its_people(request_text, target):
    field = draft_of(request_text).how_much.target_agreement
    assert field.status == FieldStatus.stated and field.value == pytest.approx(target)


def test_an_agreement_figure_from_before_is_not_the_target():
    assert draft_of("Rate 600 student essays 1-4. Last round we got 0.6 kappa.").how_much.target_agreement.status != FieldStatus.stated


@pytest.mark.parametrize(
    "request_text,amount,currency",
    [
        ("Tag 2,000 recipe photos by cuisine. The freelancer quoted $2,400 flat.", 2400, "USD"),
        ("label 5k sarees pics by colour. budget ₹30k.", 30000, "INR"),
        ("label 5k kurta listings by fabric, budget Rs 45,000", 45000, "INR"),
        ("Need 8k tweets tagged. Budget max 70k INR.", 70000, "INR"),
        ("Kindly tag 50,000 matrimonial profiles by community. Budget Rs 1.5 lakh.", 150000, "INR"),
    ],
)
def test_a_flat_fee_and_rupees_are_the_budget(request_text, amount, currency):
    field = draft_of(request_text).how_much.budget
    assert field.status == FieldStatus.stated and field.value["amount"] == amount and field.value["currency"] == currency


def test_a_rate_per_item_is_not_a_flat_total():
    field = draft_of("Tag 2,000 recipe photos by cuisine. We agreed $1.20/photo.").how_much.budget
    assert not (field.status == FieldStatus.stated and field.value.get("amount") == 1.2 and "per" not in field.value)


@pytest.mark.parametrize(
    "request_text,deadline",
    [
        ("Sort 700 vet clinic emails by reason. Due the 9th.", "2026-12-09"),
        ("Sort 700 vet clinic emails by reason. Deadline's the 28th.", "2026-12-28"),
        ("plumbing co, 900 job notes, pull out address + fault. need Thursday", "2026-12-03"),
        ("sort 400 tenant msgs by issue. 3 wks", "2026-12-23"),
        ("The coding of 2,000 tenant letters must be completed by the end of the calendar year.", "2026-12-31"),
        ("We need 900 claims classified by the end of our budget period, which is December 18.", "2026-12-18"),
        ("Classify 900 claims. The regulator wants our filing on January 8th and legal review takes a week, so December 31st.", "2026-12-31"),
        ("Classify 900 claims. The findings go to the dean at the end of the winter term, December 16.", "2026-12-16"),
        ("Rate 300 lesson plans. The school council meets January 14 and I would like to present the results there.", "2027-01-14"),
        ("Rate 300 lesson plans; the foundation grant period closes on December 20.", "2026-12-20"),
        ("Tag 700 council consultation replies by theme, within a fortnight please.", "2026-12-16"),
        ("Tag 700 council consultation replies by theme; we need them by close of play Thursday.", "2026-12-03"),
        ("Score 400 bursary applications. We should like the results a week before the January 20 trustees' meeting.", "2027-01-13"),
        ("Score 400 bursary applications; the work must be finished by the last working day of January.", "2027-01-29"),
        ("Score 400 bursary applications two working days prior to 18 December.", "2026-12-16"),
        ("3 ppl per item pls, 1500 product titles, tat 5 days", "2026-12-07"),
    ],
)
def test_english_delivery_dates(request_text, deadline):
    field = draft_of(request_text).when.deadline
    assert field.status == FieldStatus.stated and field.value == deadline


@pytest.mark.parametrize(
    "request_text",
    [
        "Sort 700 vet clinic emails by reason. We first talked on the phone and Monday we start.",
        "Sort 700 vet clinic emails by reason. The last pilot ran 2 weeks and went fine.",
        "Sort 700 vet clinic emails by reason. We spent a fortnight on the last pilot.",
        "Sort 700 vet clinic emails by reason. The last project took 5 days.",
    ],
)
def test_dates_that_are_not_deadlines_stay_open(request_text):
    assert draft_of(request_text).when.deadline.status != FieldStatus.stated


@pytest.mark.parametrize(
    "request_text,volume",
    [
        ("Our CRM stores roughly 9,000 tickets. Tickets the model flagged as duplicates (there are 1,200 such pairs) should be reviewed by an agent.", 1200),
        ("For about 300 queries we take the top five results for each and want each rated relevant or not.", 1500),
        ("Please rate 2,000 answers, not 1,500, on a 1-5 scale.", 2000),
        ("Please rate chatbot answers 1-5. ~2,000 answers from October. Update: only rate the 800 answers from the billing bot.", 800),
        ("We received a little over 2,400 survey comments; classify each as praise, complaint or suggestion.", 2400),
        ("Please rate chatbot answers 1-5. 12k answers overall, send the first 500 by Friday.", 12000),
        ("label product reviews pos/neg. approx 2k. thanks", 2000),
        ("Kindly classify 2 lakh app reviews as bug / feature request / praise.", 200000),
    ],
)
def test_english_volume_shapes(request_text, volume):
    field = draft_of(request_text).how_much.volume
    assert field.status == FieldStatus.stated and field.value == volume


@pytest.mark.parametrize(
    "request_text,low,high",
    [
        ("Our archive has somewhere between four and five thousand letters; please classify them by topic.", 4000, 5000),
        ("There are some eight or nine hundred reviews; tag each as positive or negative.", 800, 900),
        ("it's 30-some thousand listings total, fix every title, but send me the first 2k so I can see.", 30000, 39999),
        ("Please sort the parish letters by subject. Somewhere between 800 and 900 of them.", 800, 900),
        ("Please sort the parish letters by subject; there are between two and three hundred.", 200, 300),
    ],
)
def test_worded_ranges_and_first_batches_leave_the_volume_vague(request_text, low, high):
    draft = draft_of(request_text)
    field = draft.how_much.volume
    assert field.status != FieldStatus.stated
    assert field.value["low"] == low and field.value["high"] == high
    assert any(q.field == "how_much.volume" for q in draft.questions)


def test_an_open_lower_bound_stays_vague():
    field = draft_of("We got over 2,400 survey comments; classify each as praise, complaint or suggestion.").how_much.volume
    assert field.status != FieldStatus.stated


def test_a_revised_thread_keeps_the_last_word():
    draft = draft_of(
        "Hi both, we need 1,400 insurance emails sorted by claim type.\n"
        "> earlier: about 900 emails, due Dec 21\n"
        "Update from Priya: volume is now 1,650 and the deadline moves to Dec 17. The budget has been raised from $1,500 to $2,200."
    )
    assert draft.how_much.volume.value == 1650 and draft.how_much.volume.status == FieldStatus.stated
    assert draft.when.deadline.value == "2026-12-17"
    assert draft.how_much.budget.value == {"amount": 2200.0, "currency": "USD"}
    assert draft.who.annotator_profile.status != FieldStatus.stated  # "400 insurance emails" inside 1,400 is not a team


@pytest.mark.parametrize(
    "request_text",
    [
        "We get from 2,000 to 3,000 tickets a month; tag 900 of them by Dec 20.",  # a range, no change
        "Tag 900 tickets by Dec 20. Our prices went from $5 to $7 last year.",  # another figure changed
    ],
)
def test_ranges_and_other_changes_are_not_revisions(request_text):
    draft = draft_of(request_text)
    assert draft.how_much.volume.value == 900 and draft.when.deadline.value == "2026-12-20"
    assert draft.how_much.budget.status != FieldStatus.stated


@pytest.mark.parametrize(
    "request_text",
    [
        "We'll pay between $2 and $3 per item; 600 items, sorted by topic.",
        "Label 600 items by topic, each takes between 30 and 40 seconds.",
        "Label 600 items by topic, letters from 2019 to 2023.",
    ],
)
def test_ranges_of_other_things_leave_the_volume(request_text):
    field = draft_of(request_text).how_much.volume
    assert field.status == FieldStatus.stated and field.value == 600


def test_each_of_the_items_judged_by_people_gives_volume_and_team():
    draft = draft_of("Each of the 650 grant proposals is to be scored independently by three panel members.")
    assert draft.how_much.volume.value == 650 and draft.how_much.volume.status == FieldStatus.stated
    assert _count(draft) == 3


def test_each_of_the_people_is_not_the_volume():
    draft = draft_of("Each of the 40 staff must complete the survey; code 900 answers by theme.")
    assert draft.how_much.volume.value == 900


def test_a_later_message_makes_it_another_count_and_date():
    draft = draft_of("> On Mon, Nov 30 Kim wrote: about 4k forum posts, by Dec 30?\nFine, but let's make it 3,200 posts and Dec 21 instead.")
    assert draft.how_much.volume.value == 3200 and draft.when.deadline.value == "2026-12-21"


def test_meeting_notes_delivery_date_and_a_budget_that_covers_a_count():
    draft = draft_of("Minutes: Ravi proposed 1,800 chats. Mei: the budget only covers 1,100, so we do 1,100. Check-in Dec 9; final delivery Dec 17.")
    assert draft.when.deadline.value == "2026-12-17"
    assert draft.how_much.budget.status != FieldStatus.stated  # 1,100 counts chats, not money


@pytest.mark.parametrize("request_text", ["Put each of the 3 categories in its own column; label tweets by topic.", "Each of the 40 reviewers will see the guidelines; label tweets by topic."])
def test_each_of_a_few_labels_or_people_is_not_the_volume(request_text):
    assert draft_of(request_text).how_much.volume.status != FieldStatus.stated
