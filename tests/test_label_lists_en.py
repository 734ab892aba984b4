"""English label lists in shapes the engine missed, written fresh for issue 11 (not from any dev set).

Each class: one option a line with an emoji or symbol for a bullet, a long note after it, or a name of
five or six words holding '&' or '/'. Negatives: lines of ordinary prose under a colon name no labels.
"""

from __future__ import annotations

import pytest

from assistant.breakdown.request_labels import find_labels

CASES = [
    # one option a line: emoji bullets, a slash or '&' inside a name, long notes in brackets
    pytest.param("Please tag every support email as one of these:\n🔥 urgent outage\n💳 billing / refunds (card declined, double charge)\n"
                 "📦 shipping delay\n🙂 just feedback\nThanks!",
                 ["urgent outage", "billing / refunds", "shipping delay", "just feedback"], id="emoji-bullets-slash"),
    pytest.param("We'd like each answer graded:\n- Correct & well sourced\n- Correct but no citation given (or a dead link)\n- Wrong or made up\n"
                 "About 800 answers.",
                 ["Correct & well sourced", "Correct but no citation given", "Wrong or made up"], id="long-bullet-names"),
    pytest.param("Could your reviewers read 300 transcripts and mark each one as:\n- Resolved on first contact\n"
                 "- Resolved but the caller repeated details (name, account, issue)\n- Not resolved\nThanks!",
                 ["Resolved on first contact", "Resolved but the caller repeated details", "Not resolved"], id="six-word-bullet"),
    pytest.param("Reviewers should mark each caption:\nok\nneeds a tweak (tone is off, typo, wrong product name, too long for the thumbnail slot)\n"
                 "reject (offensive, off-brand or wrong product entirely)\n",
                 ["ok", "needs a tweak", "reject"], id="long-notes-no-bullets"),
    # a list on a line of its own under a line ending with a colon; a slash inside one item; the catch-all named first
    pytest.param("Hello! Our clinic gets lots of portal messages and we would like them labelled by what the patient needs. Something like:\n"
                 "refill request, appointment change, lab result follow-up question, billing / insurance coverage issue — and 'other' for anything else.\n"
                 "Thanks, Ana",
                 ["refill request", "appointment change", "lab result follow-up question", "billing / insurance coverage issue", "other"],
                 id="line-under-colon-other-for"),
    pytest.param("We want a model to tag each ticket with the product area it is about. Current list:\n"
                 "checkout flow, search / saved filters page, account settings, mobile app — or misc for everything else\n6k tickets, due Friday.",
                 ["checkout flow", "search / saved filters page", "account settings", "mobile app", "misc"], id="line-under-colon-misc-for"),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_english_label_lists(text, expected):
    found = find_labels(text)
    assert found is not None, text
    assert found.labels == expected
    assert found.quote in text


NEGATIVES = [
    pytest.param("Hi team,\nHere is the plan:\nWe have 3000 chats from last month.\nThe deadline is Friday.\nThanks, Bo", id="prose-lines"),
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_prose_names_no_labels(text):
    assert find_labels(text) is None


# a second set next to the first: a sub-question, a second scale, or an alternative set asked about;
# both sets, in the request's order, and the order of the whole follows the first set
SECOND_SETS = [
    pytest.param("Annotators compare two chatbot replies and choose: left better, right better, or about the same. Also score each reply's tone 1-4.",
                 ["left better", "right better", "about the same", "1", "2", "3", "4"], False, id="preference-plus-scale"),
    pytest.param("Each transcript gets a fluency score (1-5) and a clarity score (1-5), and whether the speaker was cut off (y/n). 900 clips.",
                 ["1", "2", "3", "4", "5", "y", "n"], True, id="scale-plus-flag"),
    pytest.param("Label every photo: usable / not usable, and if not usable, why: blurry / cropped / wrong item. 3k photos.",
                 ["usable", "not usable", "blurry", "cropped", "wrong item"], False, id="verdict-plus-reasons"),
    pytest.param("hmm, should we do urgent vs routine? or maybe by department (billing, tech, sales)? about 2k emails",
                 ["urgent", "routine", "billing", "tech", "sales"], False, id="alternative-sets-asked"),
]


@pytest.mark.parametrize("text,expected,ordinal", SECOND_SETS)
def test_a_second_set_joins_the_first(text, expected, ordinal):
    found = find_labels(text)
    assert found is not None and found.labels == expected
    assert found.ordinal is ordinal
    assert found.quote in text


def test_a_list_inside_the_data_description_is_not_a_second_set():
    text = ("Our app writes a caption for each product photo (color, material, fit). We need people to check whether each caption "
            "matches the photo: accurate, partly accurate, inaccurate. 2,000 photos.")
    found = find_labels(text)
    assert found is not None and found.labels == ["accurate", "partly accurate", "inaccurate"]


def test_examples_in_brackets_after_nouns_of_prose_are_not_labels():
    assert find_labels("Tell us which products (shoes, bags) and regions (EU, US) sell best. We have 40k orders.") is None


def test_systems_compared_with_vs_are_not_labels():
    assert find_labels("We are comparing model v2 vs v3 on 500 prompts, results by Friday.") is None


# a condition, then the name to give: "if A is better say A; if B, B; if they're equally good, tie"
CONDITIONS = [
    pytest.param("For each pair of search results: if the left one is more useful say left; if the right one is, right; "
                 "if you can't tell, same. 1,500 pairs.", ["left", "right", "same"], id="if-say-semicolons"),
    pytest.param("When a review mentions price tag it price, when it mentions delivery tag it delivery, when it mentions neither, skip. "
                 "About 6k reviews.", ["price", "delivery", "skip"], id="when-tag-it-commas"),
]


CONDITIONS += [
    pytest.param("Label a post 'toxic' if it insults someone, 'borderline' if it's rude but not aimed at anyone, and 'ok' otherwise. 8k posts.",
                 ["toxic", "borderline", "ok"], id="name-if-otherwise"),
    pytest.param("Mark it urgent when a customer threatens to cancel, normal when they just ask something, and low when it's a thank-you note.",
                 ["urgent", "normal", "low"], id="name-when"),
]


@pytest.mark.parametrize("text,expected", CONDITIONS)
def test_the_name_each_condition_gets(text, expected):
    found = find_labels(text)
    assert found is not None and found.labels == expected
    assert found.quote in text


def test_errands_after_conditions_are_not_labels():
    assert find_labels("If you have questions, email me; if the files are late, ping Sam; if the portal is down, call IT. Thanks!") is None


# options said one by one (a transcript): fillers skipped, ", or" separates them, a single flag after them joins them
SPOKEN = [
    pytest.param("[call transcript] so basically we want to know what each caller wants. like is it billing or payments, or, uh, "
                 "a password reset, or the app crashing, or a cancellation. and if it mentions fraud, flag it priority regardless. roughly 4k calls",
                 ["billing", "payments", "password reset", "app crashing", "cancellation", "priority"], id="or-chain-and-flag"),
    pytest.param("voice note: we need the reviews sorted, whether it's about the food, or the service, or, um, noise or parking problems, "
                 "or prices. thanks", ["food", "service", "noise or parking problems", "prices"], id="or-chain-shared-noun"),
]


@pytest.mark.parametrize("text,expected", SPOKEN)
def test_options_said_one_by_one(text, expected):
    found = find_labels(text)
    assert found is not None and found.labels == expected
    assert found.quote in text


def _draft(text):
    from datetime import date

    from assistant.breakdown.offline import offline_draft

    draft, _ = offline_draft(text, [], {}, date(2026, 11, 30))
    return draft.what


def test_the_task_type_reads_the_first_set_when_a_second_joins_it():
    what = _draft("Reviewers see two assistant answers side by side and choose: prefer left, prefer right, or no preference. "
                  "Plus rate each answer's clarity 1-3. 900 pairs.")
    assert what.candidate_labels.value == ["prefer left", "prefer right", "no preference", "1", "2", "3"]
    assert what.task_type.value == "response_preference"


def test_grades_of_quality_are_not_topics():
    what = _draft("Please have someone look at each generated product blurb and mark it:\n- usable\n- needs a rewrite (too long, off-brand)\n"
                  "- reject\n3k blurbs.")
    assert what.candidate_labels.value == ["usable", "needs a rewrite", "reject"]
    assert what.task_type.value != "topic_classification"


# more shapes: markdown bold names, pipes around names holding '&' and '/', a second set a colon opens,
# a list after an arrow, "Everything else" as the last bullet
MORE = [
    pytest.param("Each message gets exactly one of the following:\n**Spam** — ads, links\n**Question** — asks something\n"
                 "**Complaint** — unhappy\n**Other**\n2k messages.", ["Spam", "Question", "Complaint", "Other"], id="bold-names"),
    pytest.param("Categories (pick one): Hardware & Devices | Software & Apps | Network / Wi-Fi | Accounts & Access",
                 ["Hardware & Devices", "Software & Apps", "Network / Wi-Fi", "Accounts & Access"], id="pipes-keep-inner-joiners"),
    pytest.param("For each job ad decide: legit, suspicious, or scam. And if scam, which kind: fake check, upfront fee, identity theft.",
                 ["legit", "suspicious", "scam", "fake check", "upfront fee", "identity theft"], id="second-set-after-colon"),
    pytest.param("We want tweets labelled for stance toward the policy (support / oppose / neutral) and, separately, whether they contain "
                 "misinformation (yes / no).", ["support", "oppose", "neutral", "yes", "no"], id="second-set-whether"),
    pytest.param("Mark each return reason as one of these → wrong size, damaged in transit, not as described, changed my mind.",
                 ["wrong size", "damaged in transit", "not as described", "changed my mind"], id="after-arrow"),
    pytest.param("Buckets we use today:\n  • Login & password\n  • Payments / refunds\n  • Delivery delays (late, lost, wrong address)\n"
                 "  • Everything else\n", ["Login & password", "Payments / refunds", "Delivery delays", "Everything else"], id="everything-else-bullet"),
    pytest.param("The answer options are A) relevant B) somewhat relevant C) not relevant.",
                 ["relevant", "somewhat relevant", "not relevant"], id="lettered-inline"),
    pytest.param("Each call should be coded Resolved, Escalated, Callback Needed or Dropped. About 1,500 calls a week.",
                 ["Resolved", "Escalated", "Callback Needed", "Dropped"], id="coded-as-list"),
    pytest.param("Could you label our chatbot logs by outcome?\n\n- Solved ✅\n- Handed to human 🙋\n- User gave up ❌\n\nThere are ~5,000 logs.",
                 ["Solved", "Handed to human", "User gave up"], id="trailing-emoji"),
    pytest.param("For every headline, say if it's clickbait (yes/no) and rate how misleading it is from 0 to 3.",
                 ["yes", "no", "0", "1", "2", "3"], id="flag-and-rate"),
    pytest.param("Each question gets tagged with its difficulty: easy, medium, hard; and its subject: algebra, geometry, statistics.",
                 ["easy", "medium", "hard", "algebra", "geometry", "statistics"], id="two-dimensions-named"),
    pytest.param("we need someone to go through the transcripts and mark every time the agent (a) apologizes, (b) offers a refund, (c) escalates.",
                 ["apologizes", "offers a refund", "escalates"], id="lettered-in-brackets"),
    pytest.param("Just tell us Pass/Fail for each weld photo. 2,000 photos.", ["Pass", "Fail"], id="options-for-each-item"),
    # dimensions, each with its options in brackets: the options are the labels, the dimension names are not
    pytest.param("I'd like two things per ticket: urgency (high/medium/low) and product (iOS app, Android app, web).",
                 ["high", "medium", "low", "iOS app", "Android app", "web"], id="dimensions-with-options"),
    pytest.param("Please rate each ad on tone (warm, neutral, cold) and clarity (clear, vague). 500 ads.",
                 ["warm", "neutral", "cold", "clear", "vague"], id="dimensions-rate-on"),
]


@pytest.mark.parametrize("text,expected", MORE)
def test_more_english_shapes(text, expected):
    found = find_labels(text)
    assert found is not None and found.labels == expected
    assert found.quote in text


def test_a_status_after_the_list_is_not_a_flag_label():
    found = find_labels("Tag as spam or ham. Then mark them done.")
    assert found is not None and found.labels == ["spam", "ham"]
    found = find_labels("Sort feedback into praise, bugs, ideas. If a bug looks serious, flag it critical.")
    assert found is not None and found.labels == ["praise", "bugs", "ideas", "critical"]


# round 2 (set 6 shapes, fresh sentences): quoted names with "or" inside them, one more quoted name in a later sentence
ROUND2 = [
    pytest.param('Sort each review by topic: "fit or sizing issue", "delivery", "color or pattern mismatch", "price". '
                 'If a review only says thanks, call it "no topic".',
                 ["fit or sizing issue", "delivery", "color or pattern mismatch", "price", "no topic"], id="quoted-or-inside-plus-call-it"),
    pytest.param('Tag the calls with "billing or payment question", "allergy or diet info", "booking". If the line is silent, label it "empty".',
                 ["billing or payment question", "allergy or diet info", "booking", "empty"], id="quoted-allergy-label-it"),
]


@pytest.mark.parametrize("text,expected", ROUND2)
def test_round2_english_lists(text, expected):
    found = find_labels(text)
    assert found is not None, text
    assert found.labels == expected
    assert found.quote in text


# a scale whose points are named right after it, with option letters A/B leading the names; a stated range with anchors
SCALES_NAMED = [
    pytest.param("Judges compare two summaries per article and use a 4-point scale: A clearly better / A a bit better / "
                 "B a bit better / B clearly better. About 700 articles.",
                 ["A clearly better", "A a bit better", "B a bit better", "B clearly better"], id="ab-named-points"),
    pytest.param("Score every chat on a 1 to 7 scale, 1 = hostile, 4 = okay, 7 = warm.", ["1", "2", "3", "4", "5", "6", "7"], id="range-with-anchors"),
    pytest.param("Use a 1-10 scale for each photo: 1 = blurry, 5 = usable, 10 = stunning",
                 ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"], id="one-to-ten-anchors"),
]


@pytest.mark.parametrize("text,expected", SCALES_NAMED)
def test_scale_points_named_or_anchored(text, expected):
    found = find_labels(text)
    assert found is not None, text
    assert found.labels == expected
    assert found.ordinal


# one name a line, where a later name also appears inside an earlier line's explanation
LINE_NAMES_REPEATED = [
    pytest.param("For each pair of listings, reviewers decide:\n  match — the same product, safe to merge\n"
                 "  variant — same model, a partial copy of the listing text\n  partial — only some fields agree\n  unclear — too little info\nThanks",
                 ["match", "variant", "partial", "unclear"], id="later-name-in-earlier-note"),
    pytest.param("Each call gets one outcome:\nfixed — issue fixed on the call\nescalated — handed to tier 2, may stay pending review for days\n"
                 "pending — waiting on the customer\nunknown — recording cut off\n",
                 ["fixed", "escalated", "pending", "unknown"], id="pending-in-note"),
]


@pytest.mark.parametrize("text,expected", LINE_NAMES_REPEATED)
def test_line_names_with_repeats_in_notes(text, expected):
    found = find_labels(text)
    assert found is not None, text
    assert found.labels == expected


# an article on one bullet of a list belongs to the sentence, not to the name
STRAY_ARTICLE = [
    pytest.param("Please highlight in each incident report:\n- equipment ids\n- the root cause given\n- shift\n- injuries (if any)\n",
                 ["equipment ids", "root cause given", "shift", "injuries"], id="the-root-cause"),
    pytest.param("Mark up every listing with:\n* price\n* the floor area stated\n* bedrooms\n* garden or balcony\n",
                 ["price", "floor area stated", "bedrooms", "garden or balcony"], id="the-floor-area"),
]


@pytest.mark.parametrize("text,expected", STRAY_ARTICLE)
def test_stray_article_dropped(text, expected):
    found = find_labels(text)
    assert found is not None, text
    assert found.labels == expected


# conditions in separate sentences, each naming what to put; an article before the name is the sentence's
CONDITIONS_SPLIT = [
    pytest.param("Show the rater both translations. If the left one reads better, say left. If the right one does, say right. "
                 "If neither is usable, mark it a fail.",
                 ["left", "right", "fail"], id="sentences-left-right-fail"),
    pytest.param("For every pair of photos: if they show the same house, label it same. If it's a different house, label it different. "
                 "If you can't see enough, call it an unknown.",
                 ["same", "different", "unknown"], id="sentences-same-different-unknown"),
]


@pytest.mark.parametrize("text,expected", CONDITIONS_SPLIT)
def test_conditions_across_sentences(text, expected):
    found = find_labels(text)
    assert found is not None, text
    assert found.labels == expected


# a choice question re-asked ("is it X, or is it Y, Z, or W?"), options with a slash, examples in brackets, one long option
CHOICE_QUESTIONS = [
    pytest.param("For every post we need to know: is it ok, or is it spam, scam / phishing, an adult asking to meet up, "
                 "or doxxing (home address, phone)? About 3k posts.",
                 ["ok", "spam", "scam / phishing", "an adult asking to meet up", "doxxing"], id="reasked-long-option"),
    pytest.param("Each review, tell us: is it praise, or is it a delivery problem (late, lost, damaged), a sizing problem, or a refund demand?",
                 ["praise", "delivery problem", "sizing problem", "refund demand"], id="reasked-brackets"),
]


@pytest.mark.parametrize("text,expected", CHOICE_QUESTIONS)
def test_reasked_choice_questions(text, expected):
    found = find_labels(text)
    assert found is not None, text
    assert found.labels == expected


# an "and"/"or" inside one item of a longer comma list that closes with its own ", and …"; a filler and a hedge
INNER_CONJUNCTIONS = [
    pytest.param("Sort the recipes by cuisine, like Italian, Mexican, Thai, Indian, pies and pastries, French, and, um, fusion I guess, for the rest.",
                 ["Italian", "Mexican", "Thai", "Indian", "pies and pastries", "French", "fusion"], id="spoken-and-inside"),
    pytest.param("Tag every tune by mood: happy, calm, sad or bittersweet, angry, dreamy, or other.",
                 ["happy", "calm", "sad or bittersweet", "angry", "dreamy", "other"], id="or-inside-item"),
]


@pytest.mark.parametrize("text,expected", INNER_CONJUNCTIONS)
def test_inner_conjunctions(text, expected):
    found = find_labels(text)
    assert found is not None, text
    assert found.labels == expected


# a rubric of several questions, one a line, each with its options after a "?", colon or dash: the options of all
QUESTION_RUBRICS = [
    pytest.param("Reviewers answer for each translated menu:\n1) Accurate? yes / no — any dish renamed = no\n"
                 "2) Allergens kept? — check the footnotes too: all kept / some dropped / none kept\n3) Would you print it? yes / no\n",
                 ["yes", "no", "all kept", "some dropped", "none kept"], id="menu-rubric"),
    pytest.param("Per call, two questions:\n- Greeting: proper / rushed / missing\n- Issue solved? fully / partly / not at all\nThanks",
                 ["proper", "rushed", "missing", "fully", "partly", "not at all"], id="call-rubric-bullets"),
]


@pytest.mark.parametrize("text,expected", QUESTION_RUBRICS)
def test_question_rubrics(text, expected):
    found = find_labels(text)
    assert found is not None, text
    assert found.labels == expected
