"""When nothing names labels (not the request, not an answer, not a similar past project of its type), the draft
does not guess a label set: it asks, in the request's language, with an example in that language (issue 11)."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.breakdown.offline import offline_draft
from assistant.core.errors import InputError
from assistant.core.models import Breakdown
from assistant.rulebook.offline import offline_rulebook


def _breakdown(request: str, language: str) -> Breakdown:
    draft, _ = offline_draft(request, [], {}, date(2026, 11, 30))
    return Breakdown(**draft.model_dump(), request=request, language=language, engine="offline", project_id="p-test")


@pytest.mark.parametrize(
    "request_text",
    [
        "Our bakery gets a lot of messages on Instagram and I'd love them sorted somehow so I can see what people want.",
        "We have years of feedback forms from the climbing gym. Could you organise them into something useful? No rush.",
        "The library's suggestion box is overflowing, about 3k notes. Not sure how to split them, open to ideas.",
    ],
)
def test_an_english_request_naming_no_labels_gets_an_english_question(request_text):
    breakdown = _breakdown(request_text, "en")
    assert not breakdown.what.candidate_labels.value
    with pytest.raises(InputError) as error:
        offline_rulebook(breakdown, {}, None, None)
    message = str(error.value)
    assert "what.candidate_labels=" in message and "p-test" in message
    assert not any("\u4e00" <= char <= "\u9fff" for char in message)  # no Chinese example for an English requester


@pytest.mark.parametrize(
    "request_text",
    [
        "我们花店公众号后台攒了好多留言，想整理一下看看大家都在说什么，不着急。",
        "健身房的会员意见本有两三年的量了，能不能帮忙归归类？怎么分你们看着办。",
        "社区食堂收到一堆意见条，大概三千张，想弄清楚都是些什么事。",
    ],
)
def test_a_chinese_request_naming_no_labels_gets_a_chinese_question(request_text):
    breakdown = _breakdown(request_text, "zh")
    assert not breakdown.what.candidate_labels.value
    with pytest.raises(InputError) as error:
        offline_rulebook(breakdown, {}, None, None)
    message = str(error.value)
    assert "what.candidate_labels=" in message and "标签" in message


def test_a_request_that_names_labels_always_drafts_without_past_projects():
    breakdown = _breakdown("Tag each climbing-gym comment as route setting, staff, cleanliness or pricing.", "en")
    rulebook = offline_rulebook(breakdown, {}, None, None)
    assert [label.name for label in rulebook.labels] == ["route setting", "staff", "cleanliness", "pricing"]
