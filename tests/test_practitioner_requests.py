"""Label shapes ML engineers write: spaced slash or pipe runs after a labelling verb, names in backticks (snake_case),
a second set joined with "but also flag"."""

from assistant.breakdown.request_labels import find_labels


def _labels(text: str) -> list[str]:
    found = find_labels(text)
    return found.labels if found else []


def test_pipe_run_after_pickers_colon():
    text = "Each pair shows two draft emails.\nRaters pick: left | right | equal | neither_ok\nWe need 2k pairs by Friday."
    assert _labels(text) == ["left", "right", "equal", "neither_ok"]


def test_pipe_run_after_a_list_name():
    text = "Genres: Jazz | Blues | Hip Hop | Folk/Country | Other\nOne genre per track, 900 tracks."
    assert _labels(text) == ["Jazz", "Blues", "Hip Hop", "Folk/Country", "Other"]


def test_slash_run_after_label_each():
    text = "Plan: label each listing real_estate / scam_offer / duplicate_post / unclear\nthen we retrain the filter."
    assert _labels(text) == ["real_estate", "scam_offer", "duplicate_post", "unclear"]


def test_slash_run_after_participle_then_backticked_second_set():
    text = ("could we get the app reviews tagged happy / unhappy / mixed but also flag `crash_report`, `login_issue` "
            "where relevant.. one label each is ok")
    assert _labels(text) == ["happy", "unhappy", "mixed", "crash_report", "login_issue"]


def test_backticked_names_are_a_list():
    text = "For every receipt line pick one of `food`, `transport`, `lodging` or `misc_other`; about 3k lines."
    assert _labels(text) == ["food", "transport", "lodging", "misc_other"]


def test_table_rows_stay_a_table():
    text = "| label | meaning |\n|---|---|\n| urgent | reply today |\n| routine | reply this week |"
    assert _labels(text) == ["urgent", "routine"]


def test_fenced_yaml_list_without_the_fence():
    text = "Taxonomy for the project:\n```yaml\nlabels:\n  - billing_q\n  - cancel_plan\n  - other\n```\nAbout 2k chats."
    assert _labels(text) == ["billing_q", "cancel_plan", "other"]


def test_pipes_in_a_table_of_fields_are_no_run():
    text = "Owner | Fleet ops\nTask | check each photo, mark Dent / Scratch / No damage\nDue | 2/10/2027"
    assert _labels(text) == ["Dent", "Scratch", "No damage"]


def test_words_after_the_labelling_verb_are_no_option():
    text = "Last year an agency tagged them calm / tense / hostile. Now we want: polite / rude / not a reply."
    assert _labels(text) == ["polite", "rude", "not a reply"]


def test_backticked_names_with_notes_between():
    text = "Per clip: is the transcript `exact`, `small_slip` (a dropped article / filler), or `wrong` (names or numbers changed)?"
    assert _labels(text) == ["exact", "small_slip", "wrong"]


def test_zh_mark_verb_before_a_letter_run():
    text = "每组给两个回复，标 L / T / R（以左边为准）。\n共 600 组。"
    assert _labels(text) == ["L", "T", "R"]


def test_zh_notes_that_tell_two_options_apart_stay():
    text = "每条客服回复判一下：\n- 解决了\n- 没解决（推给人工）\n- 没解决（答非所问）\n一共 900 条。"
    assert _labels(text) == ["解决了", "没解决（推给人工）", "没解决（答非所问）"]
