"""The assistant's conversation: storage, what a message does, and the streamed reply."""

from __future__ import annotations

import pytest

from assistant.service.conversation import is_draft_command, messages, next_step, reply_stream, respond, save_message
from assistant.core.errors import InputError
from tests.ui.conftest import REQUEST


@pytest.mark.parametrize(
    "text",
    ["draft the rulebook", "Draft the rulebook.", "please draft a rulebook", "redraft the rules", "起草规则", "起草规则书", "请起草规则", "生成规则书", "帮我写一版标注规则"],
)
def test_draft_commands(text):
    assert is_draft_command(text)


@pytest.mark.parametrize(
    "text",
    ["merge 投诉 and 抱怨", "draft", "the rulebook is too long", "起草规则时注意反讽", "把 A 改名为 B", "3万条，月底前"],
)
def test_not_draft_commands(text):
    assert not is_draft_command(text)


def test_messages_are_saved_with_the_project_in_order(seeded):
    from assistant.service.projects import start_project

    project_id = start_project(seeded, REQUEST).project_id
    save_message(seeded, project_id, "user", REQUEST)
    save_message(seeded, project_id, "assistant", "拆解好了", type="breakdown", ref=1)
    saved = messages(seeded, project_id)
    assert [(m["role"], m["content"], m["type"], m["ref"], m["number"]) for m in saved] == [
        ("user", REQUEST, "text", None, 1),
        ("assistant", "拆解好了", "breakdown", 1, 2),
    ]
    assert [a.kind for a in seeded.store.artifacts(project_id, "chat")] == ["chat", "chat"]
    with pytest.raises(ValueError):
        save_message(seeded, project_id, "system", "no")
    with pytest.raises(InputError):
        save_message(seeded, "p-missing", "user", "hello")


def test_each_message_runs_the_right_pipeline_step(seeded):
    turn = respond(seeded, None, REQUEST, language="zh")
    assert turn.kind == "breakdown" and turn.ref == 1 and "5W2H" in turn.summary
    project_id = turn.project_id
    assert next_step(seeded, project_id, "3万条") == "answer"
    answered = respond(seeded, project_id, "每条大约30秒", language="en")
    assert answered.kind == "answer" and answered.ref == 2 and any("time per item" in change for change in answered.changes)
    nothing = respond(seeded, project_id, "好的", language="en")
    assert nothing.changes == [] and "no new facts" in nothing.summary
    drafted = respond(seeded, project_id, "起草规则", language="zh")
    assert drafted.kind == "draft" and drafted.ref == 1 and "规则书第 1 版已起草" in drafted.summary
    assert next_step(seeded, project_id, "merge a and b") == "revision"
    assert next_step(seeded, project_id, "3万条", mode="answer") == "answer"
    revised = respond(seeded, project_id, "remove the label 正面反馈", language="en")
    assert revised.kind == "revision" and revised.ref == 2 and "正面反馈" not in revised.summary.split("Labels now:")[1]


def test_offline_reply_streams_the_summary(seeded):
    turn = respond(seeded, None, REQUEST, language="en")
    chunks = list(reply_stream(seeded, turn, REQUEST, language="en"))
    assert len(chunks) > 5 and "".join(chunks) == turn.summary


def test_llm_reply_streams_through_the_chat_reply_prompt(seeded):
    from assistant.llm.chat import ChatLLM
    from tests.fake_chat import ScriptedChatModel

    turn = respond(seeded, None, REQUEST, language="zh")
    chat = ScriptedChatModel(script=["已拆解需求，最重要的问题是标签。"], calls=[])
    seeded.__dict__["llm"] = ChatLLM(chat=chat, model="fake-model", sleep=lambda _: None)
    reply = "".join(reply_stream(seeded, turn, REQUEST, language="zh"))
    assert reply == "已拆解需求，最重要的问题是标签。"
    system, user = chat.calls[0]
    assert "Chinese (简体中文)" in system.content
    assert turn.summary in user.content and REQUEST in user.content
