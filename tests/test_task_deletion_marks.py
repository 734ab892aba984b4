"""Comments marked for deletion are a content-safety task (task_everyday.EVERYDAY_CUES), on sentences written for these
tests, with a near-miss that must not be read."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.breakdown.five_w2h import offline_draft

TODAY = date(2026, 12, 3)


def _type(text):
    draft, _ = offline_draft(text, [], {}, TODAY)
    return draft.what.task_type.value


@pytest.mark.parametrize(
    "text",
    [
        "我们小区业主群的聊天记录，想请你们看一遍，每条标一下 需不需要删除：是/否。大概八千条。",
        "钓鱼俱乐部的小程序留言区，最近有人约架，还有发赌球链接的，想把留言过一遍，每条标一下要不要删：要/不要。",
    ],
)
def test_marks_for_deletion_are_moderation(text):
    assert _type(text) == "content_safety"


def test_deleting_duplicate_records_is_no_moderation():
    assert _type("把重复的客户记录删掉，然后把姓名、电话抽出来。") != "content_safety"
