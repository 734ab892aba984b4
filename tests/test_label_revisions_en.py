"""English label lists revised later in a pasted thread (breakdown/label_revisions_en.py).

The threads are written for these tests (a bakery, a kennel, a climbing gym, a ferry line …), not taken from the
development sets; near-misses say what must not be read as a revision.
"""

from __future__ import annotations

from assistant.breakdown.request_labels import find_labels


def _labels(text):
    found = find_labels(text)
    return found.labels if found else None


def test_a_later_message_gives_the_list_anew():
    text = (
        "Mina [9:02] we need the kennel reviews sorted, ~2k of them\n"
        "Mina [9:03] rate each one great / fine / awful\n"
        "Joel [9:20] great/fine/awful won't help the vets. just tell me \"health concern\" or \"no concern\"\n"
        "Mina [9:22] ok. plus \"lost dog\" if the review says a dog went missing\n"
    )
    assert _labels(text) == ["health concern", "no concern", "lost dog"]


def test_an_email_reply_above_the_quoted_message_is_the_later_word():
    text = (
        "Re: ferry feedback\n\n"
        "Hi Sam, change of plan. So just: seasick, late, lost luggage. Forget \"crowded\".\n\n"
        "> On Tue, Nov 24, Ana Ruiz wrote:\n"
        "> can we tag each comment as crowded / dirty / late? about 900 comments\n"
    )
    assert _labels(text) == ["seasick", "late", "lost luggage"]


def test_names_added_renamed_split_and_dropped_in_later_messages():
    text = (
        "[12/1 8:00 AM] Rui: labels for the gym app reviews: booking, pricing, staff, fine\n"
        "[12/1 8:10 AM] Ada: can we add \"cleanliness\"?\n"
        "[12/1 8:12 AM] Rui: yes add \"cleanliness\". and let's not call it fine, call it \"no complaint\"\n"
        "[12/1 9:00 AM] Ada: pricing is too broad. split into \"membership price\" and \"day pass price\"\n"
        "[12/1 9:30 AM] Rui: we don't need staff anymore, HR has its own survey\n"
        "[12/1 9:40 AM] Ada: \"injuries\" as its own thing please\n"
    )
    assert _labels(text) == ["booking", "membership price", "day pass price", "cleanliness", "injuries", "no complaint"]


def test_one_quoted_name_per_message():
    text = (
        "#bakery-orders (pasted)\n\n"
        "Lena  8:01 AM\nwe want the order texts sorted. if someone changes the pickup time that's \"reschedule\".\n\n"
        "Lena  8:02 AM\nallergy questions are \"allergen\". cake writing requests go to \"custom text\".\n\n"
        "Omar  8:10 AM\nand the thank-you texts?\n\n"
        "Lena  8:11 AM\n\"no action\" for those\n"
    )
    assert _labels(text) == ["reschedule", "allergen", "custom text", "no action"]


def test_speakers_and_time_stamps_are_no_labels():
    text = (
        "Notes from Monday's sync\nSpeakers: Ivo (lead), Pia (QA), Tom (PM), Eva (vendor)\n\n"
        "Pia: defect types we log: scratch, dent, missing screw, wrong colour (paint or trim).\n"
        "Ivo: merge \"dent\" into scratch, the line can't tell them apart. Pia: ok, merge.\n"
        "Eva: volume? Ivo: about 4,000 photos.\n"
    )
    assert _labels(text) == ["scratch", "missing screw", "wrong colour"]


def test_near_misses_in_threads():
    # quoted samples of the data in a later message do not replace the list
    text = (
        "Kai: pull out the dish, the price and the table number from the order notes\n"
        "Lu: the price is written in many ways\n"
        "Kai: then highlight whatever text says it (\"12 bucks\", \"$12.00\") and keep going\n"
    )
    assert "12 bucks" not in (_labels(text) or [])
    # a request that is not a thread keeps its list, whatever "so" says later
    text = "Tag each review as positive, negative or mixed. We have 3,000, so just start whenever you can."
    assert _labels(text) == ["positive", "negative", "mixed"]


def test_an_edit_asked_as_a_question_holds_only_when_the_answer_agrees():
    thread = "Nadia [9:00]: labels for the forum posts: spam, abuse, fine\nEli [9:05]: should we add \"scam\"?\nNadia [9:06]: {answer}\n"
    assert _labels(thread.format(answer="no, scams go to legal")) == ["spam", "abuse", "fine"]
    assert _labels(thread.format(answer="yes good call")) == ["spam", "abuse", "scam", "fine"]


def test_quoted_values_of_the_data_in_a_thread_are_no_labels():
    text = (
        "Kim [9:00]: we need the support chats tagged as bug, billing or other\n"
        "Lee [9:02]: where is the file?\n"
        "Kim [9:03]: the folder is \"exports\", the sheet is \"chats\" and the column is \"text\"\n"
    )
    assert _labels(text) == ["bug", "billing", "other"]


def test_adding_a_person_to_a_channel_adds_no_label():
    thread = "Kim [9:00]: tag the chats as bug, billing or other\nLee [9:02]: {ask}\nKim [9:03]: sure\n"
    assert _labels(thread.format(ask='can you add "Ravi" to the channel?')) == ["bug", "billing", "other"]
    assert _labels(thread.format(ask='add "refund" to the list')) == ["bug", "billing", "refund", "other"]
