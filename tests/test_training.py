"""Training pack, qualification quiz, scoring and feedback (assistant.training.materials), and the train commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from assistant.integrations.datafiles import read_records, write_records
from assistant.core.errors import InputError
from assistant.llm.chat import ChatLLM
from assistant.core.models import Rulebook
from assistant.training.materials import (
    clearest_positive,
    export_answer_key,
    export_quiz,
    feedback_sheet,
    make_quiz,
    most_confusable_negative,
    score_quiz,
    training_pack,
    training_pack_docx,
)
from assistant.cli.train import plan_command, train_app
from tests.fake_chat import ScriptedChatModel

DATA = Path(__file__).parent / "data"
NUMBERS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]


def example(text, label, polarity="positive", explanation=None, correct_label=None, source="new"):
    return {
        "text": text,
        "label": label,
        "polarity": polarity,
        "explanation": explanation or f"because it is {correct_label or label}",
        "correct_label": correct_label,
        "source": source,
    }


def rulebook(labels, *, language="en", decision_procedure=None, edge_cases=None):
    """labels: list of (name, definition, criteria, examples)."""
    return Rulebook.model_validate({
        "title": "Crafted",
        "language": language,
        "task_definition": "Label each customer message.",
        "labels": [
            {"name": name, "definition": definition, "criteria": criteria, "examples": examples}
            for name, definition, criteria, examples in labels
        ],
        "decision_procedure": decision_procedure or [],
        "edge_cases": edge_cases or [],
    })


def four_labels(per_label: int = 8) -> Rulebook:
    """refund and return are near-duplicates in wording; weather and sports are far from everything."""
    templates = {
        "refund": "I want my money back for order number {n} please refund the payment",
        "return": "I want to send back order number {n} please return the package",
        "weather": "sunny skies tomorrow with light wind and {n} degrees",
        "sports": "the striker scored {n} goals in the cup final match",
    }
    return rulebook([
        (name, f"{name} messages", [f"Rule for {name}: decide by the main request."],
         [example(template.format(n=NUMBERS[i]), name) for i in range(per_label)])
        for name, template in templates.items()
    ])


@pytest.fixture
def complaints() -> Rulebook:
    return Rulebook.model_validate_json((DATA / "rulebook_complaints_zh.json").read_text(encoding="utf-8"))


@pytest.fixture
def search() -> Rulebook:
    return Rulebook.model_validate_json((DATA / "rulebook_search_en.json").read_text(encoding="utf-8"))


# =============================================================================================
# Training pack
# =============================================================================================
def test_zh_pack_has_chinese_headings_in_the_order_annotators_need(complaints):
    pack = training_pack(complaints)
    headings = ["一、任务是什么", "二、逐个学习标签", "三、判定流程", "四、边界情况", "五、速查表"]
    positions = [pack.index(f"## {heading}") for heading in headings]
    assert positions == sorted(positions)
    label_positions = [pack.index(f"### 2.{n} {label.name}") for n, label in enumerate(complaints.labels, 1)]
    assert label_positions == sorted(label_positions) and positions[1] < label_positions[0] < positions[2]
    assert complaints.labels[0].definition in pack and complaints.labels[0].criteria[0] in pack
    assert "最典型的正例" in pack and "最易混淆的反例" in pack
    assert complaints.decision_procedure[0] in pack and complaints.edge_cases[0].case in pack
    cheat = pack[positions[-1]:]
    assert "| 标签 | 含义 | 判定要点 | 典型线索 | 易混淆标签 |" in cheat
    assert all(f"| {label.name} |" in cheat for label in complaints.labels)


def test_en_pack_uses_english_headings(search):
    pack = training_pack(search)
    for heading in ("1. What the task is", "2. The labels, one by one", "3. How to decide", "4. Edge cases", "5. Cheat sheet"):
        assert f"## {heading}" in pack
    assert "一、" not in pack


def test_clearest_positive_is_the_one_closest_to_the_definition_and_confusable_negative_is_closest_to_another_label():
    book = rulebook([
        ("refund", "customer asks for a refund of the payment to the card", ["asks for money back"], [
            example("where is my parcel", "refund"),
            example("please refund the payment to my card", "refund"),
            example("the weather is nice", "refund", "negative", correct_label="chitchat"),
            example("where is my parcel tracking number", "refund", "negative", correct_label="shipping"),
        ]),
        ("shipping", "questions about delivery", ["asks where the parcel is"], [
            example("where is my parcel tracking number today", "shipping"),
        ]),
        ("chitchat", "small talk", ["no request"], [example("hello there how are you", "chitchat")]),
    ])
    refund = book.labels[0]
    assert clearest_positive(book, refund).text == "please refund the payment to my card"
    assert most_confusable_negative(book, refund).text == "where is my parcel tracking number"
    pack = training_pack(book)
    section = pack[pack.index("### 2.1 refund"):pack.index("### 2.2 shipping")]
    assert "«please refund the payment to my card» → **refund**" in section
    assert "«where is my parcel tracking number» → label it **shipping**" in section
    assert "where is my parcel»" not in section  # the first positive is not the clearest


def test_pack_without_definition_or_examples_falls_back_to_first_and_warns():
    book = rulebook([("a", "", [], [example("x one", "a"), example("x two", "a")]), ("b", "bee", [], [])])
    assert clearest_positive(book, book.labels[0]).text == "x one"
    pack = training_pack(book)
    assert "no definition yet" in pack and "No example yet." in pack and "No decision procedure yet" in pack


def test_docx_pack_is_written_atomically_and_readable(complaints, tmp_path):
    from docx import Document

    path = training_pack_docx(complaints, tmp_path / "pack.docx")
    headings = [p.text for p in Document(str(path)).paragraphs if p.style.name.startswith("Heading")]
    assert headings[:2] == ["一、任务是什么", "二、逐个学习标签"] and "五、速查表" in headings
    assert [p.name for p in tmp_path.iterdir()] == ["pack.docx"]  # no partial file left


# =============================================================================================
# Quiz
# =============================================================================================
def test_two_labels_are_balanced():
    book = rulebook([
        ("yes", "agreement", ["says yes"], [example(f"absolutely agreed {n}", "yes") for n in NUMBERS[:10]]),
        ("no", "refusal", ["says no"], [example(f"never refused {n}", "no") for n in NUMBERS[:10]]),
    ])
    quiz = make_quiz(book, size=10)
    assert quiz.label_counts == {"yes": 5, "no": 5}
    assert [item.id for item in quiz.items] == [f"q{n:02d}" for n in range(1, 11)]


def test_a_label_with_few_items_gives_its_share_to_the_others():
    book = rulebook([
        ("yes", "agreement", ["says yes"], [example(f"absolutely agreed {n}", "yes") for n in NUMBERS[:2]]),
        ("no", "refusal", ["says no"], [example(f"never refused {n}", "no") for n in NUMBERS[:12]]),
    ])
    quiz = make_quiz(book, size=10)
    assert quiz.label_counts == {"yes": 2, "no": 8} and len(quiz.items) == 10


def test_confusable_pair_gets_extra_items():
    book = four_labels()
    quiz = make_quiz(book, size=20)
    assert set(quiz.confusable_pairs[0].labels) == {"refund", "return"}
    assert quiz.weights == {"refund": 1.5, "return": 1.5, "weather": 1.0, "sports": 1.0}
    # weights 1.5 : 1.5 : 1 : 1 of 20 items -> 6, 6, 4, 4 (worked by hand: 20 × 1.5/5 = 6, 20 × 1/5 = 4)
    assert quiz.label_counts == {"refund": 6, "return": 6, "weather": 4, "sports": 4}
    assert sum(1 for item in quiz.items if item.answer == "refund") == 6


def test_answer_keys_come_from_examples_and_gold_with_rule_and_source():
    book = rulebook([
        ("refund", "money back", ["Refund when the customer asks for the money back."], [
            example("give me my money back", "refund", explanation="asks for money back", source="past-proj"),
            example("send it back and refund me", "refund", "negative", explanation="it is a return first",
                    correct_label="return"),
            example("I am unhappy with the refund policy", "refund", "negative", explanation="no known answer"),
        ]),
        ("return", "send the item back", ["Return when the item goes back."], [
            example("I will ship the shoes back", "return", explanation="item goes back"),
        ]),
    ])
    gold = [{"id": "g1", "text": "can I have a refund for the broken lamp", "label": "Refund "}]
    quiz = make_quiz(book, gold=gold, size=20)
    by_text = {item.text: item for item in quiz.items}
    assert "I am unhappy with the refund policy" not in by_text  # a negative without correct_label is skipped
    assert any("without a correct_label" in note for note in quiz.notes)
    negative = by_text["send it back and refund me"]
    assert (negative.answer, negative.rule, negative.kind, negative.looks_like) == ("return", "it is a return first", "negative", "refund")
    positive = by_text["give me my money back"]
    assert (positive.answer, positive.rule, positive.source) == ("refund", "asks for money back", "past-proj")
    golden = by_text["can I have a refund for the broken lamp"]
    assert (golden.answer, golden.source, golden.rule_source) == ("refund", "gold", "criterion")
    assert golden.rule == "Refund when the customer asks for the money back."
    assert all(item.rule and item.source for item in quiz.items)
    assert quiz.label_counts == {"refund": 2, "return": 2}


def test_gold_with_an_unknown_label_is_an_error():
    with pytest.raises(InputError, match="gold item g7: label 'banana'"):
        make_quiz(four_labels(), gold=[{"id": "g7", "text": "x", "label": "banana"}])


def test_quiz_is_reproducible_by_seed():
    book = four_labels()
    first, again, other = make_quiz(book, seed=3), make_quiz(book, seed=3), make_quiz(book, seed=4)
    assert first.model_dump() == again.model_dump()
    assert [i.text for i in first.items] != [i.text for i in other.items]
    assert first.label_counts == other.label_counts  # the balance does not depend on the seed


def test_every_item_of_a_real_rulebook_has_a_rule(complaints):
    quiz = make_quiz(complaints, size=20)
    assert all(item.rule.strip() and item.criterion.strip() and item.source for item in quiz.items)
    assert len(quiz.items) == 18 and any("18" in note for note in quiz.notes)  # only 18 items with known answers


@pytest.mark.parametrize("fmt,name", [("csv", "quiz.csv"), ("xlsx", "quiz.xlsx")])
def test_annotator_sheet_has_no_answers(tmp_path, fmt, name):
    quiz = make_quiz(four_labels(), size=8)
    path = export_quiz(quiz, tmp_path / name, fmt)
    records = read_records(path)
    assert [list(r) for r in records] == [["id", "text", "answer"]] * 8
    assert all(not r["answer"] for r in records)
    assert [r["id"] for r in records] == [item.id for item in quiz.items]
    if fmt == "csv":
        raw = path.read_text(encoding="utf-8-sig")
        assert all(item.rule not in raw for item in quiz.items)


def test_label_studio_quiz_has_tasks_without_predictions(tmp_path):
    quiz = make_quiz(four_labels(), size=4)
    tasks = json.loads(export_quiz(quiz, tmp_path / "quiz.json", "label-studio").read_text(encoding="utf-8"))
    assert tasks[0] == {"id": 1, "data": {"text": quiz.items[0].text, "item_id": "q01"}}
    assert all(set(task) == {"id", "data"} for task in tasks)


def test_answer_key_round_trips_into_scoring(tmp_path):
    quiz = make_quiz(four_labels(), size=8)
    key = export_answer_key(quiz, tmp_path / "key.csv")
    records = read_records(key)
    assert [r["answer"] for r in records] == [item.answer for item in quiz.items]
    assert all(r["rule"] for r in records)
    answers = [{"annotator": "ann", "id": item.id, "answer": item.answer} for item in quiz.items]
    assert score_quiz(key, answers).annotators[0].accuracy == 1.0


# =============================================================================================
# Scoring and feedback
# =============================================================================================
KEY = [
    {"id": "q1", "text": "give me my money back", "answer": "Refund", "rule": "R1: money back means Refund", "source": "new"},
    {"id": "q2", "text": "I will ship it back", "answer": "Return", "rule": "R2: the item goes back means Return", "source": "new"},
    {"id": "q3", "text": "refund to my card", "answer": "Refund", "rule": "R3: card refund", "source": "gold"},
    {"id": "q4", "text": "pickup for the return", "answer": "Return", "rule": "R4: pickup means Return", "source": "new"},
    {"id": "q5", "text": "where is my money", "answer": "Refund", "rule": "R5: missing money", "source": "new"},
]
ANSWERS = [
    # alice: q2 wrong -> 4/5 = 0.8
    {"annotator": "alice", "id": "q1", "answer": "refund "},
    {"annotator": "alice", "id": "q2", "answer": "Refund"},
    {"annotator": "alice", "id": "q3", "answer": "Refund"},
    {"annotator": "alice", "id": "q4", "answer": "RETURN"},
    {"annotator": "alice", "id": "q5", "answer": "Refund"},
    # bob: q1 wrong, q3 blank, q9 not in the quiz -> 3/5 = 0.6
    {"annotator": "bob", "id": "q1", "answer": "Return"},
    {"annotator": "bob", "id": "q2", "answer": "Return"},
    {"annotator": "bob", "id": "q3", "answer": ""},
    {"annotator": "bob", "id": "q4", "answer": "Return"},
    {"annotator": "bob", "id": "q5", "answer": "Refund"},
    {"annotator": "bob", "id": "q9", "answer": "Refund"},
]


def test_scores_match_hand_computed_results():
    scores = score_quiz(KEY, ANSWERS, threshold=0.8)
    alice, bob = scores.annotator("alice"), scores.annotator("bob")
    assert (alice.correct, alice.total, alice.accuracy, alice.passed) == (4, 5, 0.8, True)  # exactly at the threshold
    assert (bob.correct, bob.answered, bob.accuracy, bob.passed) == (3, 4, 0.6, False)
    assert alice.errors_by_label == {"Return": 1} and bob.errors_by_label == {"Refund": 1}
    assert [(m.id, m.given, m.expected, m.rule) for m in alice.mistakes] == [("q2", "Refund", "Return", "R2: the item goes back means Return")]
    assert [(r.label, r.rule, r.items) for r in bob.rules_missed] == [("Refund", "R1: money back means Refund", ["q1"])]
    assert bob.unanswered == ["q3"] and bob.unknown_ids == ["q9"] and scores.unknown_ids == ["q9"]
    assert scores.errors_by_label == {"Refund": 1, "Return": 1}
    assert scores.confusions == {"Refund → Return": 1, "Return → Refund": 1}
    assert scores.passed == ["alice"] and scores.failed == ["bob"]


def test_threshold_boundary():
    assert score_quiz(KEY, ANSWERS, threshold=0.81).annotator("alice").passed is False
    assert score_quiz(KEY, ANSWERS, threshold=0.6).annotator("bob").passed is True


def test_answers_without_annotator_are_an_error():
    with pytest.raises(InputError, match="row 1: no 'annotator'"):
        score_quiz(KEY, [{"id": "q1", "answer": "Refund"}])


def crafted_refund_rulebook() -> Rulebook:
    return rulebook([
        ("Refund", "The customer wants the money back.", ["money back"], [example("refund me", "Refund")]),
        ("Return", "The item goes back to the shop.", ["item back"], [example("return it", "Return")]),
    ])


def test_feedback_offline_quotes_the_rule():
    scores = score_quiz(KEY, ANSWERS)
    sheet = feedback_sheet(scores, "bob", crafted_refund_rulebook())
    assert sheet.startswith("# Quiz feedback: bob")
    assert "3/5 (60%)" in sheet and "not passed" in sheet
    assert "> R1: money back means Refund" in sheet
    assert "Your answer**: Return" in sheet and "Correct answer**: Refund" in sheet
    assert "The customer wants the money back." in sheet  # the correct label's definition
    assert "Not answered: q3" in sheet and "q9" in sheet


def test_feedback_with_llm_explains_each_mistake_by_its_rule():
    scores = score_quiz(KEY, ANSWERS)
    chat = ScriptedChatModel(script=["**q2**: shipping the item back is a Return (R2)."], calls=[])
    llm = ChatLLM(chat=chat, model="fake-model", sleep=lambda _: None)
    sheet = feedback_sheet(scores, "alice", crafted_refund_rulebook(), llm=llm)
    assert "**q2**: shipping the item back is a Return (R2)." in sheet
    assert "quiz_feedback@1" in sheet and "> R2: the item goes back means Return" in sheet
    assert len(chat.calls) == 1
    sent = chat.calls[0][-1].content
    assert "R2: the item goes back means Return" in sent and "I will ship it back" in sent and "alice" in sent


def test_feedback_for_a_perfect_annotator_does_not_call_the_llm():
    answers = [{"annotator": "carol", "id": row["id"], "answer": row["answer"]} for row in KEY]
    chat = ScriptedChatModel(script=[], calls=[])
    sheet = feedback_sheet(score_quiz(KEY, answers), "carol", crafted_refund_rulebook(),
                           llm=ChatLLM(chat=chat, model="fake", sleep=lambda _: None))
    assert "Every answer was right" in sheet and chat.calls == []


def test_feedback_in_chinese_for_a_zh_rulebook(complaints):
    label = complaints.labels[0].name
    key = [{"id": "q1", "text": "我要投诉你们", "answer": label, "rule": "出现投诉诉求即为硬信号"}]
    scores = score_quiz(key, [{"annotator": "小王", "id": "q1", "answer": "一般不满"}])
    sheet = feedback_sheet(scores, "小王", complaints)
    assert sheet.startswith("# 测验反馈：小王") and "未通过" in sheet and "> 出现投诉诉求即为硬信号" in sheet


def test_feedback_for_an_unknown_annotator_is_an_error():
    with pytest.raises(InputError, match="no quiz answers from annotator 'zed'"):
        feedback_sheet(score_quiz(KEY, ANSWERS), "zed", None)


# =============================================================================================
# Commands
# =============================================================================================
@pytest.fixture
def runner_app() -> typer.Typer:
    app = typer.Typer()
    app.add_typer(train_app, name="train")
    app.command("plan")(plan_command)
    return app


def run(app, *args):
    return CliRunner().invoke(app, [str(a) for a in args])


def test_pack_command_writes_markdown_and_docx(runner_app, tmp_path):
    result = run(runner_app, "train", "pack", DATA / "rulebook_complaints_zh.json", "--out", tmp_path / "pack.md",
                 "--docx", tmp_path / "pack.docx")
    assert result.exit_code == 0, result.output
    assert "## 五、速查表" in (tmp_path / "pack.md").read_text(encoding="utf-8")
    assert (tmp_path / "pack.docx").stat().st_size > 0


def test_bad_rulebook_file_is_an_input_error_naming_the_file(runner_app, tmp_path):
    bad = tmp_path / "broken.json"
    bad.write_text('{"title": "x"}', encoding="utf-8")
    result = run(runner_app, "train", "pack", bad)
    assert isinstance(result.exception, InputError) and "broken.json" in str(result.exception)
    missing = run(runner_app, "train", "quiz", tmp_path / "nope.json", "--out", tmp_path / "q.csv")
    assert isinstance(missing.exception, InputError) and "nope.json" in str(missing.exception)


def test_quiz_and_score_commands(runner_app, tmp_path):
    book = tmp_path / "book.json"
    book.write_text(four_labels().model_dump_json(), encoding="utf-8")
    gold = write_records(tmp_path / "gold.csv", [{"id": "g1", "text": "refund my money for the lamp", "label": "refund"}])
    result = run(runner_app, "train", "quiz", book, "--out", tmp_path / "quiz.csv", "--answer-key", tmp_path / "key.csv",
                 "--size", 8, "--seed", 2, "--gold", gold)
    assert result.exit_code == 0, result.output
    assert "wrote 8 quiz items (csv)" in result.stdout
    sheet, key = read_records(tmp_path / "quiz.csv"), read_records(tmp_path / "key.csv")
    assert all(not row["answer"] for row in sheet) and len(key) == 8

    # one file per annotator, no annotator column: the file name names the annotator
    write_records(tmp_path / "ann.csv", [{"id": r["id"], "text": r["text"], "answer": r["answer"]} for r in key])
    wrong = [{"id": r["id"], "answer": r["answer"] if n else "sports" if r["answer"] != "sports" else "weather"} for n, r in enumerate(key)]
    write_records(tmp_path / "ben.csv", wrong)
    feedback = tmp_path / "feedback"
    result = run(runner_app, "train", "score", "--key", tmp_path / "key.csv", "--answers", tmp_path / "ann.csv",
                 "--answers", tmp_path / "ben.csv", "--threshold", 0.9, "--rulebook", book, "--feedback-dir", feedback, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["passed"] == ["ann"] and data["failed"] == ["ben"]  # ben: 7/8 = 0.875 < 0.9
    assert sorted(p.name for p in feedback.iterdir()) == ["ann.md", "ben.md"]
    assert key[0]["rule"] in (feedback / "ben.md").read_text(encoding="utf-8")


def test_quiz_command_label_studio_and_default_key(runner_app, tmp_path):
    result = run(runner_app, "train", "quiz", DATA / "rulebook_search_en.json", "--out", tmp_path / "tasks.json",
                 "--format", "label-studio", "--size", 6)
    assert result.exit_code == 0, result.output
    tasks = json.loads((tmp_path / "tasks.json").read_text(encoding="utf-8"))
    assert len(tasks) == 6 and "predictions" not in tasks[0]
    assert len(read_records(tmp_path / "tasks_key.csv")) == 6
