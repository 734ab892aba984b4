"""Label Studio configs that fit the task, checked with label-studio-sdk's own LabelInterface."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.integrations.label_studio import model_version, numeric_scale
from assistant.core.models import Rulebook
from assistant.rulebook.export import to_label_studio_config

interface = pytest.importorskip("label_studio_sdk.label_interface")
LabelInterface = interface.LabelInterface

DATA = Path(__file__).resolve().parent / "data"
OWN = DATA / "own_files"


def _rulebook(names: list[str], **extra) -> Rulebook:
    return Rulebook.model_validate(
        {"title": "T", "version": 3, "task_definition": "Judge it.", "labels": [{"name": n, "definition": f"{n} means {n}"} for n in names], **extra}
    )


def _choice(value, to_name: str = "text") -> dict:
    return {"from_name": "label", "to_name": to_name, "type": "choices", "value": {"choices": value}}


def test_classification_config_and_its_predictions_validate() -> None:
    book = Rulebook.model_validate_json((DATA / "rulebook_complaints_zh.json").read_text(encoding="utf-8"))
    li = LabelInterface(to_label_studio_config(book))
    li.validate()
    assert li.validate_prediction({"model_version": model_version("m", 1), "score": 0.8, "result": [_choice(["愤怒投诉"])]})
    assert not li.validate_prediction({"result": [_choice(["不存在的标签"])]})


def test_numeric_rating_scale_becomes_a_rating_control() -> None:
    book = _rulebook(["5", "4", "3", "2", "1"], ordinal=True)
    config = to_label_studio_config(book)
    assert '<Rating name="label" toName="text" maxRating="5"' in config
    li = LabelInterface(config)
    li.validate()
    rating = {"from_name": "label", "to_name": "text", "type": "rating", "value": {"rating": 4}}
    assert li.validate_prediction({"result": [rating]})


def test_worded_scale_becomes_ordered_choices_with_hotkeys() -> None:
    book = _rulebook(["非常相关", "部分相关", "不相关"], ordinal=True)
    config = to_label_studio_config(book)
    li = LabelInterface(config)
    li.validate()
    assert [line.strip() for line in config.splitlines() if "hotkey" in line] == [
        '<Choice value="非常相关" hint="非常相关 means 非常相关" hotkey="1" />',
        '<Choice value="部分相关" hint="部分相关 means 部分相关" hotkey="2" />',
        '<Choice value="不相关" hint="不相关 means 不相关" hotkey="3" />',
    ]
    assert numeric_scale(["非常相关", "部分相关"]) is None and numeric_scale(["1", "3"]) is None


def test_preference_task_gets_a_pairwise_layout() -> None:
    book = _rulebook(["A更好", "B更好", "一样好"], task_type="response_preference")
    li = LabelInterface(to_label_studio_config(book))
    li.validate()
    assert {obj.name for obj in li.objects} == {"prompt", "answer_a", "answer_b"}
    assert li.validate_task({"data": {"prompt": "问题", "answer_a": "回答一", "answer_b": "回答二"}})
    assert not li.validate_task({"data": {"text": "all in one"}})


def test_model_version_names_model_and_rulebook() -> None:
    assert model_version("gpt-4o-mini", 3) == "gpt-4o-mini@rulebook-v3"
    assert model_version(None, 2) == "offline@rulebook-v2"
    assert model_version("knn", None) == "knn"


def test_fixture_export_is_in_a_shape_label_studio_accepts() -> None:
    li = LabelInterface((OWN / "label_studio_config.xml").read_text(encoding="utf-8"))
    li.validate()
    tasks = json.loads((OWN / "label_studio_1.23_export.json").read_text(encoding="utf-8"))
    for task in tasks:
        for annotation in task["annotations"]:
            assert li.validate_annotation(annotation), (task["id"], annotation["id"])
            if annotation["prediction"]:
                assert li.validate_prediction(annotation["prediction"]), annotation["prediction"]["id"]


def test_prelabel_tasks_validate_against_the_exported_config() -> None:
    from assistant.prelabel.items import Item
    from assistant.core.models import Prediction
    from assistant.prelabel.exports import label_studio_tasks

    book = Rulebook.model_validate_json((DATA / "rulebook_complaints_zh.json").read_text(encoding="utf-8"))
    li = LabelInterface(to_label_studio_config(book))
    items = [Item(id="a1", text="退款十天没人处理"), Item(id="a2", text="在吗")]
    predictions = {
        "a1": Prediction(id="a1", label="愤怒投诉", confidence=0.9, engine="llm", model="gpt-4o-mini", rulebook_version=book.version),
        "a2": Prediction(id="a2", label="abstain", status="abstain", engine="knn"),
    }
    tasks = label_studio_tasks(items, predictions, book)
    # (validate_task itself cannot take the predictions key in this SDK version: check the data part)
    assert all(li.validate_task({"data": task["data"]}) for task in tasks)
    [prediction] = tasks[0]["predictions"]
    assert li.validate_prediction(prediction)
    assert prediction["model_version"] == f"gpt-4o-mini@rulebook-v{book.version}"
    assert tasks[1]["predictions"] == []
