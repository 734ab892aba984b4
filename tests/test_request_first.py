"""Request first: labels and quantities read from the requester's words, answers, provenance, and the new `check` codes."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from docx import Document

from assistant.breakdown.five_w2h import apply_answers, break_down
from assistant.core.models import Breakdown, EdgeCaseRule, FieldStatus, Rulebook, RuleLabel
from assistant.breakdown.quantities import more_volumes, vague_volume
from assistant.breakdown.request_labels import find_labels
from assistant.rulebook.revise import Edit, revise
from assistant.rulebook.draft import draft_rulebook
from assistant.rulebook.check import check_rulebook
from assistant.rulebook.export import to_docx, to_markdown
from assistant.rulebook.request import enforce_request
from assistant.core.settings import Settings

TODAY = date(2026, 11, 30)
HOSPITAL = (
    "Our online hospital gets lots of patient questions. We need to tag messages as symptom, medication, "
    "appointment or fine so we can route them to the right team. About 1,500 messages, need it in 3 weeks."
)
LIVESTREAM = "我们直播间的弹幕太乱了，想把弹幕分成 广告引流、辱骂、提问、其余算正常 四类，大概2万条，下周五前要"
DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def past(seeded_workspace):
    return {project.id: project for project in seeded_workspace.store.past_projects()}


def _breakdown(ws, past, text):
    return break_down(text, ws.kb, past, None, today=TODAY)


def _draft(ws, past, breakdown):
    return draft_rulebook(breakdown, past, ws.kb, ws.embedder, Settings(), None)


# -- reading the request ----------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, labels, ordinal",
    [
        ("把评论标成好评或差评", ["好评", "差评"], False),
        ("判断每条新闻是利好、利空还是中性", ["利好", "利空", "中性"], False),
        ("用户满意度按0到3四档打分", ["0", "1", "2", "3"], True),
        ("请对回复打1-5分", ["1", "2", "3", "4", "5"], True),
        ("客服通话满意度分四档：非常满意、满意、一般、不满意。", ["非常满意", "满意", "一般", "不满意"], True),
        ("Is the listing a counterfeit? Just answer yes or no.", ["yes", "no"], False),
        ('Label each email as "spam" or "ham", 5k emails.', ["spam", "ham"], False),
        ("Sort tickets into three categories: urgent, normal, low.", ["urgent", "normal", "low"], False),
        ("Categories:\n- Bug report\n- Feature request\n- Praise\n", ["Bug report", "Feature request", "Praise"], False),
        ("tag each review as positive/negative/neutral, about 20k reviews", ["positive", "negative", "neutral"], False),
        ("标签先定“退款”“物流”“其他”，两万条", ["退款", "物流", "其他"], False),
        ("把判决书里的原告、被告和案由抽出来", ["原告", "被告", "案由"], False),
        ("grade each query-page pair as Perfect, Good, Fair or Bad", ["Perfect", "Good", "Fair", "Bad"], True),
        ("标成相关、部分相关、不相关", ["相关", "部分相关", "不相关"], True),
        ("作文想让老师打个分，分A、B、C、D四个等级，一共三千篇", ["A", "B", "C", "D"], True),
        ("Need help categorizing chats by product area (payments, onboarding, reporting, integrations).", ["payments", "onboarding", "reporting", "integrations"], False),
        ("识别评论里有没有人身攻击，有就标1，没有标0。", ["1", "0"], False),
        ("Which of the two result lists is better for each query? Left, right, or same.", ["Left", "right", "same"], False),
        ("想抽出地址、电话、订单号三个字段，四千多条。", ["地址", "电话", "订单号"], False),
        ("这些商品标题需要判断属于哪个类目：服装、数码、家居、其他。", ["服装", "数码", "家居", "其他"], False),
    ],
)
def test_the_label_grammar(text, labels, ordinal):
    found = find_labels(text)
    assert found is not None and found.labels == labels and found.ordinal == ordinal
    assert found.quote and found.quote in text.replace("\u3000", " ")


@pytest.mark.parametrize(
    "text",
    [
        "我们想让客服机器人更懂用户的投诉", "we need better search results for our shop", "3 weeks, 2 annotators",
        "想知道观众都在聊什么、情绪怎么样。", "数据来源：微博、抖音、小红书", "Languages: English, Spanish or French.",
        "Can this be done by Friday or Monday?", "我们之前标过一批，这次再标两万条",
        "分为两个阶段：试标和正式标注", (DATA.parents[1] / "knowledge" / "samples" / "complaints" / "request.txt").read_text(encoding="utf-8"),
    ],
)
def test_a_request_without_labels_names_none(text):
    assert find_labels(text) is None


@pytest.mark.parametrize(
    "text, value",
    [("review 900 contracts by Friday", 900), ("2万对问答", 20000), ("先标4000组", 4000), ("大概1.5k段", 1500), ("half a million résumés", 500000)],
)
def test_more_volume_forms(text, value):
    assert [fact.value for fact in more_volumes(text)][:1] == [value]


@pytest.mark.parametrize("text", ["in 3 weeks", "5 annotators", "20 labels", "we have 300 hospitals", "分成4组", "The iPhone 15 case costs $29"])
def test_numbers_that_are_not_volumes(text):
    assert more_volumes(text) == []


@pytest.mark.parametrize(
    "text, low, high",
    [("a few thousand messages", 1000, 9999), ("几千条弹幕", 1000, 9999), ("两三千条", 2000, 3000), ("2-3k tickets", 2000, 3000), ("上万条评论", 10000, None)],
)
def test_vague_amounts_keep_their_range(text, low, high):
    value, quote = vague_volume(text)
    assert value.get("low") == low and value.get("high") == high and quote in text


def test_the_two_requests_from_the_issue(seeded_workspace, past):
    hospital = _breakdown(seeded_workspace, past, HOSPITAL)
    assert hospital.what.candidate_labels.value == ["symptom", "medication", "appointment", "fine"]
    assert hospital.what.candidate_labels.status == FieldStatus.stated
    assert hospital.how_much.volume.value == 1500 and hospital.when.deadline.value == "2026-12-21"
    livestream = _breakdown(seeded_workspace, past, LIVESTREAM)
    assert livestream.what.candidate_labels.value == ["广告引流", "辱骂", "提问", "正常"]
    assert livestream.what.task_type.value == "content_safety"
    rulebook = _draft(seeded_workspace, past, livestream)
    assert rulebook.label_names == ["广告引流", "辱骂", "提问", "正常"]
    assert all(label.definition and not label.needs_definition for label in rulebook.labels)
    # 广告引流 and 正常 are named like the past moderation project's labels: their rules are reused and cited
    assert rulebook.label("广告引流").definition_origin.source == "comment-safety-zh"
    assert "提问" in rulebook.label("提问").definition and rulebook.label("提问").definition_origin.review


def test_a_vague_amount_is_inferred_with_a_question_never_stated(seeded_workspace, past):
    result = _breakdown(seeded_workspace, past, "We have a few thousand support chats to tag as billing, shipping or other.")
    volume = result.how_much.volume
    assert volume.status == FieldStatus.inferred and volume.value == {"vague": "a few thousand support chats", "low": 1000, "high": 9999}
    assert any(q.field == "how_much.volume" and "vague" in q.question for q in result.questions)


def test_conflicting_signals_give_a_low_confidence_type_and_a_question(seeded_workspace, past):
    result = _breakdown(seeded_workspace, past, "车险理赔的报案描述，想判断一下有没有骗保嫌疑，顺便把事故时间、事故地点抽出来。")
    assert result.what.task_type.status == FieldStatus.inferred and result.what.task_type.confidence <= 0.4
    assert any(q.field == "what.task_type" for q in result.questions)


# -- answers ---------------------------------------------------------------------------------
def test_a_free_text_answer_sets_target_and_team_and_retires_the_assumption(seeded_workspace, past):
    first = _breakdown(seeded_workspace, past, LIVESTREAM)
    assert any("80%" in a for a in first.assumptions)
    updated = apply_answers(first, text="一致率要到85%，3个标注员", today=TODAY)
    assert updated.how_much.target_agreement.value == 0.85
    assert updated.who.annotator_profile.value == {"count": 3}
    assert not any("80%" in a for a in updated.assumptions)
    assert updated.answers == ["一致率要到85%，3个标注员"]
    assert _draft(seeded_workspace, past, updated).quality.target_agreement == 0.85


def test_an_answered_label_set_replaces_the_suggestion_and_drives_the_draft(seeded_workspace, past):
    first = _breakdown(seeded_workspace, past, "我们想让客服机器人更懂用户的投诉")
    assert first.what.candidate_labels.status == FieldStatus.from_past_project  # a suggestion only
    for updated in (
        apply_answers(first, text="标签就用：病情症状、用药、挂号", today=TODAY),
        apply_answers(first, {"what.candidate_labels": "标签就用：病情症状、用药、挂号"}, today=TODAY),
    ):
        assert updated.what.candidate_labels.value == ["病情症状", "用药", "挂号"]
        rulebook = _draft(seeded_workspace, past, updated)
        assert rulebook.label_names == ["病情症状", "用药", "挂号"]
        assert rulebook.labels[0].name_origin.origin.value == "answers"


def test_an_answered_task_type_is_never_overridden_by_the_past_project(seeded_workspace, past):
    first = _breakdown(seeded_workspace, past, "我们想让客服机器人更懂用户的投诉")
    assert first.what.task_type.value == "sentiment"
    updated = apply_answers(first, {"what.task_type": "意图分流", "what.candidate_labels": "查订单,退换货,其他"}, today=TODAY)
    assert updated.what.task_type.value == "intent_classification" and updated.what.task_type.status == FieldStatus.stated
    rulebook = _draft(seeded_workspace, past, updated)
    assert rulebook.task_type.value == "intent_classification"
    assert all(source != "cs-complaint-sentiment-zh" for source in rulebook.sources)


# -- drafting --------------------------------------------------------------------------------
def test_the_purpose_is_the_requests_own_or_marked_missing(seeded_workspace, past):
    with_why = _draft(seeded_workspace, past, _breakdown(seeded_workspace, past, HOSPITAL))
    assert with_why.purpose == "we can route them to the right team"
    assert with_why.provenance["purpose"].origin.value == "request"
    without = _draft(seeded_workspace, past, _breakdown(seeded_workspace, past, LIVESTREAM))
    assert without.purpose == "" and without.provenance["purpose"].origin.value == "missing"
    assert not any(p.five_w2h.why[:20] in without.model_dump_json() for p in past.values())


def test_exports_show_where_each_part_came_from(seeded_workspace, past, tmp_path):
    rulebook = _draft(seeded_workspace, past, _breakdown(seeded_workspace, past, LIVESTREAM))
    markdown = to_markdown(rulebook)
    assert "各部分来源" in markdown and "来源：来自需求" in markdown
    assert "参考历史项目 comment-safety-zh" in markdown and "待核对" in markdown
    assert "需求中未说明" in markdown  # the missing purpose
    text = "\n".join(p.text for p in Document(str(to_docx(rulebook, tmp_path / "rb.docx"))).paragraphs)
    assert "各部分来源" in text and "参考历史项目 comment-safety-zh" in text


def test_saved_contracts_without_the_new_fields_still_load():
    for path in DATA.glob("rulebook_*.json"):
        rulebook = Rulebook.model_validate_json(path.read_text(encoding="utf-8"))
        assert rulebook.provenance == {} and rulebook.request is None
        assert all(label.name_origin is None for label in rulebook.labels)
        assert to_markdown(rulebook)  # no provenance: no legend, no crash
    old = {
        "request": "x", "language": "en", "engine": "offline",
        "what": {"candidate_labels": {"value": ["a", "b"], "status": "stated", "confidence": 0.9}},
    }
    loaded = Breakdown.model_validate(old)
    assert loaded.answers == [] and loaded.ordinal is None


def test_the_llm_draft_is_held_to_the_request(seeded_workspace, past):
    breakdown = _breakdown(seeded_workspace, past, LIVESTREAM)
    drafted = Rulebook(
        title="弹幕审核",
        language="zh",
        task_type="content_safety",
        task_definition="给弹幕分类",
        purpose="把辱骂的召回率从65%提到85%",
        labels=[
            RuleLabel(name="广告引流", definition="引流内容", criteria=["遇到退款诉求标「退货退款」", "带联系方式的算广告引流"]),
            RuleLabel(name="辱骂", definition="骂人"),
        ],
        edge_cases=[EdgeCaseRule(case="催发货", resolution="标「物流查询」")],
    )
    held, notes = enforce_request(drafted, breakdown, past)
    assert held.label_names == ["广告引流", "辱骂", "提问", "正常"]  # the requester's labels are all there
    assert held.label("提问").definition_origin.review
    assert held.purpose == "" and held.provenance["purpose"].origin.value == "missing"
    assert held.label("广告引流").criteria == ["带联系方式的算广告引流"]
    assert held.edge_cases == []
    assert any("65" in note for note in notes)


# -- check -----------------------------------------------------------------------------------
def _rulebook(**changes) -> Rulebook:
    base = Rulebook.model_validate_json((DATA / "rulebook_complaints_zh.json").read_text(encoding="utf-8"))
    return base.model_copy(update=changes)


def _codes(rulebook, **kwargs):
    return check_rulebook(rulebook, Settings(), **kwargs).codes()


NEW_CODES = {"dangling-label", "renamed-label-left", "label-collision", "unsupported-figure"}


def test_a_clean_rulebook_has_none_of_the_new_issues(past):
    known = [label.name for project in past.values() for label in project.rules.labels]
    assert not NEW_CODES & set(_codes(_rulebook(), known_labels=known))


def test_check_finds_a_label_named_in_the_text_but_not_in_the_label_set(past):
    rulebook = _rulebook()
    labels = list(rulebook.labels)
    labels[0] = labels[0].model_copy(update={"criteria": [*labels[0].criteria, "用户要求退款时标退货退款"]})
    known = [label.name for project in past.values() for label in project.rules.labels]
    assert "退货退款" in known
    report = check_rulebook(rulebook.model_copy(update={"labels": labels}), Settings(), known_labels=known)
    dangling = [issue for issue in report.issues if issue.code == "dangling-label"]
    assert dangling and dangling[0].label == "退货退款" and dangling[0].severity == "error" and not report.ok
    # without the past projects' names, a quoted name after a labeling verb is still caught
    labels[0] = labels[0].model_copy(update={"criteria": ["催发货的标为「物流查询」"]})
    assert "dangling-label" in _codes(rulebook.model_copy(update={"labels": labels}))


def test_check_finds_an_old_name_left_after_a_rename():
    rulebook = _rulebook()
    first = rulebook.labels[0].name
    renamed = revise(rulebook, edits=[Edit(op="rename_label", label=first, new_name="强烈投诉")])
    labels = list(renamed.labels)
    labels[1] = labels[1].model_copy(update={"counter_cues": [*labels[1].counter_cues, f"出现维权威胁时应标为「{first}」"]})
    report = check_rulebook(renamed.model_copy(update={"labels": labels}), Settings())
    left = [issue for issue in report.issues if issue.code == "renamed-label-left"]
    assert left and left[0].label == first and "强烈投诉" in left[0].message


def test_check_finds_labels_that_differ_only_in_width_or_case():
    rulebook = _rulebook()
    labels = [*rulebook.labels, RuleLabel(name="Ｐｏｓｉｔｉｖｅ", definition="x"), RuleLabel(name="positive", definition="y")]
    report = check_rulebook(rulebook.model_copy(update={"labels": labels}), Settings())
    collisions = [issue for issue in report.issues if issue.code == "label-collision"]
    assert len(collisions) == 1 and "width" in collisions[0].message


def test_check_finds_figures_in_the_purpose_nobody_stated():
    rulebook = _rulebook(purpose="旧关键词路由误分23%，目标把准确率从77%提到90%")
    assert "unsupported-figure" in _codes(rulebook, request="我们想让客服机器人更懂用户的投诉")
    assert "unsupported-figure" not in _codes(rulebook, request="旧方案误分23%，准确率77%，希望到90%")
    # a draft carries its request, so a JSON file alone is enough
    assert "unsupported-figure" in _codes(rulebook.model_copy(update={"request": "我们想让客服机器人更懂用户的投诉"}))


# -- the command line ------------------------------------------------------------------------
def test_cli_drafts_the_hospital_request_from_its_own_labels(cli, tmp_path):
    cli("kb", "seed")
    js, md = tmp_path / "rb.json", tmp_path / "rb.md"
    code, _, err = cli("draft", "--request", HOSPITAL, "--json", str(js), "--out", str(md))
    assert code == 0, err
    rulebook = json.loads(js.read_text(encoding="utf-8"))
    assert [label["name"] for label in rulebook["labels"]] == ["symptom", "medication", "appointment", "fine"]
    assert "what.candidate_labels=" not in err  # no "answer the labels first" refusal
    assert "from the request" in md.read_text(encoding="utf-8")
    code, out, _ = cli("check", str(js), "--json")
    codes = {issue["code"] for issue in json.loads(out)["issues"]}
    assert not NEW_CODES & codes


def test_cli_breaks_down_and_drafts_the_livestream_request(cli, tmp_path):
    cli("kb", "seed")
    code, out, err = cli("breakdown", LIVESTREAM, "--json")
    assert code == 0, err
    breakdown = json.loads(out)
    assert breakdown["what"]["candidate_labels"]["value"] == ["广告引流", "辱骂", "提问", "正常"]
    md = tmp_path / "rb.md"
    code, _, err = cli("draft", "--project", breakdown["project_id"], "--out", str(md))
    assert code == 0, err
    text = md.read_text(encoding="utf-8")
    assert "其余算正常 四类" not in text.split("## 2.")[1].split("|")[5]  # the label is 正常, not the phrase
    assert "⚠ 待定义" not in text
    code, out, _ = cli("check", breakdown["project_id"])
    assert "dangling-label" not in out and "unsupported-figure" not in out


def test_an_llm_breakdown_keeps_the_named_labels_and_never_states_a_vague_amount(seeded_workspace, past):
    from assistant.llm.chat import ChatLLM
    from tests.fake_chat import ScriptedChatModel
    from tests.test_breakdown import llm_answer

    answer = llm_answer(**{
        "what.candidate_labels": {"value": ["愤怒投诉", "一般不满"], "status": "from_past_project", "confidence": 0.6, "source": "cs-complaint-sentiment-zh"},
        "how_much.volume": {"value": 1000, "status": "stated", "confidence": 0.9, "evidence": "几千条"},
    })
    llm = ChatLLM(chat=ScriptedChatModel(script=[answer], calls=[]), model="fake", sleep=lambda _: None)
    result = break_down("直播弹幕想分成广告、辱骂、正常三类，几千条", seeded_workspace.kb, past, llm, today=TODAY)
    assert result.what.candidate_labels.value == ["广告", "辱骂", "正常"] and result.what.candidate_labels.status == FieldStatus.stated
    assert result.how_much.volume.status == FieldStatus.inferred and result.how_much.volume.value["low"] == 1000
    assert any("几千条" in note for note in result.assumptions)


@pytest.mark.parametrize(
    "text, path, value",
    [
        ("End of January would be great.", "when.deadline", "2027-01-31"),
        ("deadline是12/18。", "when.deadline", "2026-12-18"),
        ("12/25前要", "when.deadline", "2026-12-25"),
        ("Dec 20th deadline", "when.deadline", "2026-12-20"),
        ("准确率要到九成", "how_much.target_agreement", 0.9),
        ("一致率要到85%", "how_much.target_agreement", 0.85),
        ("三千来条消息", "how_much.volume", 3000),
    ],
)
def test_more_stated_forms(seeded_workspace, past, text, path, value):
    field = _breakdown(seeded_workspace, past, text).field(path)
    assert field.status == FieldStatus.stated and field.value == value and field.evidence in text


@pytest.mark.parametrize("text", ["within 10 business days", "data from the end of January", "in 12/18 we had"])
def test_no_number_is_read_from_words_that_are_not_amounts(seeded_workspace, past, text):
    result = _breakdown(seeded_workspace, past, text)
    assert result.how_much.volume.status == FieldStatus.missing
    if "January" in text or "12/18" in text:
        assert result.when.deadline.status == FieldStatus.missing
