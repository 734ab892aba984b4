"""Labels written into the running sentences of formal English prose (breakdown/label_prose_en.py).

The requests are written for these tests (a harbour master, a school nurse, a tax office, a museum registrar …),
not taken from the development sets; near-misses say what must not be read as labels.
"""

from __future__ import annotations

from assistant.breakdown.request_labels import find_labels


def _labels(text):
    found = find_labels(text)
    return found.labels if found else None


def test_kind_noun_then_are_names_the_classes():
    text = (
        "I am the harbour master's deputy. Each incident log entry should go under the one heading that fits it best. "
        "The categories we have always used are berthing damage, fuel spills, crew injuries, security breaches, "
        "and weather delays (fog, gales, ice), though the last is rarely serious. We hold about 3,000 entries."
    )
    assert _labels(text) == [
        "berthing damage", "fuel spills", "crew injuries", "security breaches", "weather delays",
    ]


def test_an_and_inside_an_item_of_a_comma_list_stays():
    text = (
        "The school nurse keeps notes on every visit. The topics that matter to the district are asthma, "
        "injuries and first aid, medication, and anxiety or low mood. About 1,200 notes."
    )
    assert _labels(text) == ["asthma", "injuries and first aid", "medication", "anxiety or low mood"]


def test_acts_of_the_writer_name_what_they_are_about():
    text = (
        "Letters to the tax office are opened by whoever is free. For each letter the clerk should decide whether it is "
        "a request for an extension, a question about penalties, a complaint about a refund that never arrived, "
        "or something else. Any letter that threatens staff is to be set aside as security risk, regardless of what else it says."
    )
    assert _labels(text) == ["extension", "penalties", "refund that never arrived", "something else", "security risk"]


def test_a_choice_question_after_a_colon_or_between_dashes():
    colon = (
        "Our registrars will compare two catalogue descriptions of the same object and say which they would rather "
        "publish on the website: the old one, the new one, either, or neither. Accuracy matters most (dates, makers)."
    )
    assert _labels(colon) == ["old one", "new one", "either", "neither"]
    dashes = (
        "For each pair of translations the reviewer should indicate which reads better—left, right, or no preference—"
        "keeping in mind that a mistranslated dose is always worse."
    )
    assert _labels(dashes) == ["left", "right", "no preference"]


def test_a_prose_rubric_names_the_points_of_a_scale():
    text = (
        "Each lesson plan should be scored by a teacher. Give it a 3 if every objective is measurable, a 2 if most are, "
        "a 1 if few are, and 0 otherwise. Whether the plan names a differentiation strategy is to be noted simply as yes or no."
    )
    found = find_labels(text)
    assert found.labels == ["3", "2", "1", "0", "yes", "no"] and found.ordinal


def test_a_name_given_after_the_list_joins_it():
    text = (
        "Each public comment on the zoning change is to be marked as support, opposition, or neither. A comment that "
        "backs the change only for the north parcel should be treated as partial support rather than as support."
    )
    assert _labels(text) == ["support", "opposition", "neither", "partial support"]
    text = (
        "The subjects we care about are parking, noise, trees, and lighting. A note that only confirms a meeting "
        "should not be squeezed into one of these; call it administrative."
    )
    assert _labels(text) == ["parking", "noise", "trees", "lighting", "administrative"]


def test_two_designs_offered_as_alternatives_give_both_sets():
    text = (
        "Each customs declaration pair should be judged as same shipment, related shipment, or unrelated. "
        "My colleague would rather we simply classify every declaration by risk area—drugs, weapons, wildlife, "
        "currency—and count. I would accept either."
    )
    assert _labels(text) == ["same shipment", "related shipment", "unrelated", "drugs", "weapons", "wildlife", "currency"]
    # a second list that is no other design (the teams who take the calls) does not join, whatever "either" says after it
    text = (
        "Classify each call as sales, support or billing. Our agents work in three teams—north, south, and central—"
        "and either team may take any call."
    )
    assert _labels(text) == ["sales", "support", "billing"]


def test_near_misses_are_not_read_as_labels():
    # a kind noun whose "are" opens a sentence about them, not their names
    assert _labels("The categories are not important to us yet; we first want the 2,000 letters read and summarised.") is None
    # a kind noun and "are" before a sentence about them
    assert _labels("The topics we discussed are listed in the minutes, which the clerk circulates on Fridays.") is None
    # a rubric needs a verb that gives points; bare "2 if" in prose is a count
    assert _labels("We can send 2 if you need them, 3 if the courier allows, and none otherwise.") is None
    # "call it a day" names nothing
    found = find_labels("Mark each reply as polite, neutral, or rude. After 500 replies, call it a day.")
    assert found.labels == ["polite", "neutral", "rude"]


def test_prose_near_misses_beside_a_labeling_verb():
    # "The reasons are simple: …" is an argument, not a list of classes; the labeling verb's list stands
    text = "The reasons are simple: we lack staff, time, and money. Please label 2,000 tickets as bug, feature or question."
    assert _labels(text) == ["bug", "feature", "question"]
    # one act of the writer for all options: the act is part of each name
    text = "Please decide whether it is a request for information, a request for a meeting, or a complaint."
    assert _labels(text) == ["request for information", "request for a meeting", "complaint"]


def test_a_word_graded_by_a_qualifier_and_its_negation_is_a_scale():
    found = find_labels("Each valuation report should be judged as acceptable, acceptable with corrections, or unacceptable.")
    assert found.labels == ["acceptable", "acceptable with corrections", "unacceptable"] and found.ordinal
    # a negation alone beside another class orders nothing
    found = find_labels("Each crate should be marked as damaged, undamaged, or missing.")
    assert found.labels == ["damaged", "undamaged", "missing"] and not found.ordinal


def test_one_verdict_defined_by_its_criterion_when_no_list_is_named():
    text = (
        "Please have paramedics review the triage notes the software writes. For each note I want to know whether it "
        "records the vital signs and whether it states anything the crew did not observe. A note must be considered "
        "dangerous if it omits an allergy the crew recorded."
    )
    assert _labels(text) == ["dangerous"]
    # a list named elsewhere wins over the defined verdict
    assert _labels("Tag each note as complete, incomplete, or wrong. A note must be considered wrong if it omits an allergy.") == [
        "complete", "incomplete", "wrong",
    ]
    # not a verdict: "treated as part of …", "considered in context"
    assert _labels("Each note should be treated as part of the patient's file if it carries a case number.") is None
    assert _labels("A remark must be considered in context if it quotes another author.") is None
