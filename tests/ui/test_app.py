"""Every page of the Streamlit app through AppTest (in-process, offline engine, a temporary data dir)."""

from __future__ import annotations

from datetime import date

from tests.ui.conftest import (
    REQUEST,
    RULEBOOK_JSON,
    SAMPLES,
    assert_clean,
    labels,
    open_app,
    open_page,
    texts,
)


# ---------------------------------------------------------------------------------------------
# Frame: sidebar, language, navigation
# ---------------------------------------------------------------------------------------------
def test_app_opens_on_the_assistant_with_the_offline_notice_and_data_dir(isolated):
    app = open_app("en")
    assert_clean(app)
    assert app.title[0].value == "Assistant"
    sidebar = texts(app.sidebar.warning)
    assert "Offline engine" in sidebar and "离线引擎" not in sidebar  # one language per screen
    assert str(isolated / "data") in texts(app.sidebar.caption)
    assert app.query_params.get("lang") == "en"


def test_language_switch_changes_every_text_and_is_kept_in_the_url(isolated):
    app = open_app("en")
    app.sidebar.radio[0].set_value("zh").run()
    assert_clean(app)
    assert app.title[0].value == "需求助手"
    assert app.query_params.get("lang") == "zh"
    app.switch_page("ui/pages/agreement.py").run()
    assert app.title[0].value == "一致性评估"
    assert app.query_params.get("lang") == "zh"


def test_every_page_renders_without_a_traceback_in_both_languages(isolated):
    for language, titles in (
        ("en", ["Submit a request", "Projects", "Pre-label", "Agreement", "Knowledge base"]),
        ("zh", ["提交标注需求", "项目", "预标注", "一致性评估", "知识库"]),
    ):
        app = open_app(language)
        for page, title in zip(["submit", "projects", "prelabel", "agreement", "knowledge"], titles):
            app.switch_page(f"ui/pages/{page}.py").run()
            assert_clean(app)
            assert app.title[0].value == title


# ---------------------------------------------------------------------------------------------
# Assistant: request → breakdown → answers → rulebook → revision, saved with the project
# ---------------------------------------------------------------------------------------------
def test_chat_flow_from_request_to_breakdown_to_rulebook_and_revision(seeded):
    from assistant.service.conversation import messages

    app = open_app("en")
    app.chat_input[0].set_value(REQUEST).run()
    assert_clean(app)
    project_id = app.query_params.get("project")
    assert project_id and project_id.startswith("p-")
    shown = texts(app.markdown)
    assert "Here is the 5W2H breakdown (version 1)" in shown
    for dimension in ("What", "Why", "When", "Who", "Where", "How", "How much"):
        assert f"**{dimension}**" in shown
    assert "做什么" not in shown  # one language per screen
    assert ":violet-badge[past project cs-complaint-sentiment-zh]" in shown  # borrowed labels, with the project id
    assert ":green-badge[stated]" in shown and ":orange-badge[missing]" in shown
    assert "**Questions for the requester**" in shown
    assert "1. :gray-badge[candidate labels]" in shown  # ranked: labels first

    app.chat_input[0].set_value("每条大约30秒，一致率80%").run()
    assert_clean(app)
    assert "Updated to version 2" in texts(app.markdown)

    draft = [button for button in app.button if button.label == "Draft the rulebook"]
    assert draft, labels(app.button)
    draft[0].click().run()
    assert_clean(app)
    shown = texts(app.markdown)
    assert "Rulebook version 1 is drafted: 4 labels" in shown
    assert any(expander.label == "The rulebook, version 1" for expander in app.expander)
    assert "| **愤怒投诉** |" in shown  # the label overview

    app.chat_input[0].set_value("merge 愤怒投诉 and 一般不满 into 投诉").run()
    assert_clean(app)
    assert "Version 2 is saved (was 1)" in texts(app.markdown)
    assert any(expander.label == "Changes from version 1 to 2" for expander in app.expander)
    assert any("+++ v2" in block.value for block in app.code)

    saved = messages(seeded, project_id)
    assert [m["role"] for m in saved] == ["user", "assistant"] * 4
    assert [m["type"] for m in saved if m["role"] == "assistant"] == ["breakdown", "answer", "draft", "revision"]

    # A reload (a new session with the same URL) brings the whole conversation back.
    again = open_app("en", project=project_id)
    assert_clean(again)
    assert again.query_params.get("project") == project_id
    assert REQUEST in texts(again.markdown)
    assert "Version 2 is saved (was 1)" in texts(again.markdown)


def test_offline_chat_applies_a_definition_and_opens_the_editor_for_anything_else(seeded):
    from assistant.service.projects import rulebook_version

    app = open_app("zh")
    app.chat_input[0].set_value(REQUEST).run()
    app.chat_input[0].set_value("起草规则").run()
    assert_clean(app)
    assert "规则书第 1 版已起草" in texts(app.markdown)
    project_id = app.query_params.get("project")
    app.chat_input[0].set_value("一般不满的定义是：用户表达不满，但没有威胁或升级").run()  # offline: a structured edit
    assert_clean(app)
    latest = rulebook_version(seeded, project_id)
    assert latest.version == 2 and latest.labels[1].definition == "用户表达不满，但没有威胁或升级"
    assert latest.changelog[-1].change == "修改了「一般不满」的定义"

    app.chat_input[0].set_value("标签 3 太模糊了，改清楚一点").run()  # offline: not a structured edit
    assert_clean(app)
    assert not app.error, texts(app.error)
    assert "--add-label" not in texts(app.markdown) and "请在规则书编辑器中完成" in texts(app.markdown)
    assert not [s for s in app.get("expandable") if "正在修订规则书" in str(getattr(s, "label", ""))]
    open_editor = [b for b in app.button if b.label.startswith("打开规则书编辑器")]
    assert open_editor and "中性咨询" in open_editor[0].label
    open_editor[0].click().run()
    assert_clean(app)
    assert app.title[0].value == "项目"
    assert "请在这里修改：中性咨询 · 定义" in texts(app.info)
    assert any(e.label.startswith("中性咨询 ·") and e.proto.expanded for e in app.expander)


def test_the_project_picker_reopens_another_conversation(seeded):
    from assistant.service.conversation import save_message
    from assistant.service.projects import start_project

    other = start_project(seeded, "we need better search results for our shop")
    save_message(seeded, other.project_id, "user", "we need better search results for our shop")
    save_message(seeded, other.project_id, "assistant", "Here is the breakdown.", type="breakdown", ref=1)
    app = open_app("en")
    app.selectbox(key="project_picker").set_value(other.project_id).run()
    assert_clean(app)
    assert app.query_params.get("project") == other.project_id
    assert "we need better search results for our shop" in texts(app.markdown)


def test_an_empty_knowledge_base_is_pointed_out(isolated):
    app = open_app("en")
    assert "knowledge base has no past projects" in texts(app.info)


# ---------------------------------------------------------------------------------------------
# Submit a request
# ---------------------------------------------------------------------------------------------
def _fill_request_form(app, *, contact="po@example.com", volume=30000, deadline=date(2030, 6, 30)):
    app.text_area[0].input("我们想让客服机器人更懂用户的投诉")
    app.text_input[1].input(contact)  # [0] is the project name
    app.number_input[0].set_value(volume)
    app.date_input[0].set_value(deadline)
    return app


def test_submit_form_creates_a_project_with_contact_deadline_volume_and_upload(workspace):
    app = open_page("submit")
    _fill_request_form(app)
    app.file_uploader[0].set_value(("sample.csv", (SAMPLES / "items.csv").read_bytes(), "text/csv"))
    app.button[0].click().run()  # the form's submit button
    assert_clean(app)
    assert app.success, texts(app.error)
    rows = workspace.store.projects()
    assert len(rows) == 1
    project = rows[0]
    assert project.id in app.success[0].value
    assert project.meta["contact"] == "po@example.com" and project.meta["sample_file"] == "sample.csv"
    assert project.status == "breakdown"
    from assistant.service.projects import latest_breakdown

    breakdown = latest_breakdown(workspace, project.id)
    assert breakdown.how_much.volume.value == 30000 and breakdown.how_much.volume.status.value == "stated"
    assert breakdown.when.deadline.value == "2030-06-30"
    assert (workspace.settings.data_dir / "uploads" / project.id / "sample.csv").is_file()
    # "My requests" lists it by contact, with its lifecycle status.
    assert project.id in texts(app.markdown)
    assert ":blue-badge[breakdown]" in texts(app.markdown)


def test_submit_with_a_bad_upload_shows_what_to_fix_and_creates_nothing(workspace):
    app = open_page("submit")
    _fill_request_form(app)
    app.file_uploader[0].set_value(("sample.csv", "id,text\n1,café crème\n".encode("latin-1"), "text/csv"))
    app.button[0].click().run()
    assert_clean(app)
    error = texts(app.error)
    assert "sample.csv: not UTF-8 text" in error and "CSV UTF-8" in error
    assert "uploads/_incoming" not in error  # names the user's file, not a server path
    assert workspace.store.projects() == []


def test_submit_needs_a_request_and_a_contact(workspace):
    app = open_page("submit")
    app.button[0].click().run()
    assert_clean(app)
    assert len(app.error) == 2
    assert workspace.store.projects() == []


# ---------------------------------------------------------------------------------------------
# Projects
# ---------------------------------------------------------------------------------------------
def _project_with_two_rulebook_versions(ws):
    from assistant.service.projects import draft_for_project, revise_project, start_project

    project_id = start_project(ws, REQUEST).project_id
    draft_for_project(ws, project_id)
    revise_project(ws, project_id, instruction="merge 愤怒投诉 and 一般不满 into 投诉")
    return project_id


def test_projects_page_offers_the_four_downloads_the_diff_and_the_check(seeded):
    project_id = _project_with_two_rulebook_versions(seeded)
    app = open_page("projects", project=project_id)
    assert_clean(app)
    assert f"| `{project_id}` |" in texts(app.markdown)  # the projects table: Markdown, no loading skeleton
    assert set(labels(app.download_button)) >= {"Markdown", "Word", "JSON", "Label Studio config"}
    assert any(expander.label == "Changes from version 1 to 2" for expander in app.expander)
    assert any("+++ v2" in block.value for block in app.code)
    assert "Check passed" in texts(app.success) or "Check failed" in texts(app.error)


def test_projects_page_restores_an_earlier_version_as_a_new_one(seeded):
    from assistant.service.projects import rulebook_version

    project_id = _project_with_two_rulebook_versions(seeded)
    app = open_page("projects", project=project_id)
    app.selectbox(key=f"rb_version_{project_id}").set_value(1).run()
    restore = [b for b in app.button if b.label == "Restore version 1 as the current version"]
    restore[0].click().run()
    assert_clean(app)
    latest = rulebook_version(seeded, project_id)
    assert latest.version == 3 and "愤怒投诉" in latest.label_names


def test_projects_page_without_projects_says_where_to_start(isolated):
    app = open_page("projects")
    assert_clean(app)
    assert "No projects yet" in texts(app.info)


# ---------------------------------------------------------------------------------------------
# Pre-label
# ---------------------------------------------------------------------------------------------
def test_prelabel_plans_runs_and_offers_downloads(workspace):
    app = open_page("prelabel")
    app.file_uploader[0].set_value(("items.csv", (SAMPLES / "items.csv").read_bytes(), "text/csv")).run()
    assert_clean(app)
    app.file_uploader[1].set_value(("rulebook.json", RULEBOOK_JSON.read_bytes(), "application/json")).run()
    assert_clean(app)
    metrics = {metric.label: metric.value for metric in app.metric}
    assert metrics["Items"] == "40" and metrics["Cost"] == "$0"
    run = [b for b in app.button if b.label == "Run pre-labeling"]
    run[0].click().run()
    assert_clean(app)
    assert set(labels(app.download_button)) >= {"JSONL", "CSV", "Label Studio tasks"}
    frame = app.dataframe[-1].value
    assert len(frame) == 40 and set(frame.columns) >= {"id", "text", "label", "confidence", "status"}
    assert any(progress.value == 100 for progress in app.get("progress"))


def test_prelabel_options_are_widgets_built_from_the_options_model(workspace):
    from assistant.core.messages import text
    from assistant.prelabel.options import bounds, default, help_text

    app = open_page("prelabel")
    app.file_uploader[0].set_value(("items.csv", (SAMPLES / "items.csv").read_bytes(), "text/csv")).run()
    app.file_uploader[1].set_value(("rulebook.json", RULEBOOK_JSON.read_bytes(), "application/json")).run()
    assert_clean(app)
    slider = app.slider(key="prelabel_min_confidence")
    assert (slider.value, slider.min, slider.max) == (default("min_confidence"), *bounds("min_confidence"))
    assert slider.help == help_text("min_confidence")
    concurrency = app.number_input(key="prelabel_concurrency")
    assert (concurrency.value, concurrency.min) == (default("concurrency"), bounds("concurrency")[0])
    assert concurrency.help == help_text("concurrency")
    batch_size = app.number_input(key="prelabel_batch_size")
    assert (batch_size.value, batch_size.min, batch_size.max) == (default("batch_size"), *bounds("batch_size"))
    assert app.checkbox(key="prelabel_cache").value is default("cache")
    # a value set in a widget reaches the engine: every item below a confidence of 0.95 abstains
    slider.set_value(0.95).run()
    assert_clean(app)
    [b for b in app.button if b.label == "Run pre-labeling"][0].click().run()
    assert_clean(app)
    frame = app.dataframe[-1].value
    kept = frame[frame["label"] != "abstain"]
    assert len(kept) < len(frame) and (kept["confidence"] >= 0.95).all()
    assert {status.split(" ", 1)[1] for status in frame["status"]} == {"labeled", "abstained"}
    app.sidebar.radio[0].set_value("zh").run()  # the Chinese page has Chinese help and statuses, from the catalogue
    assert_clean(app)
    assert app.slider(key="prelabel_min_confidence").help == text("prelabel.option.min_confidence", "zh")
    assert {status.split(" ", 1)[1] for status in app.dataframe[-1].value["status"]} == {"已标注", "弃权"}


def test_prelabel_bad_upload_not_utf8_shows_an_error_and_no_traceback(workspace):
    app = open_page("prelabel")
    app.file_uploader[0].set_value(("items.csv", "id,text\n1,\xe9t\xe9 chaud\n".encode("latin-1"), "text/csv")).run()
    assert_clean(app)
    assert "items.csv: not UTF-8 text" in texts(app.error)


def test_prelabel_empty_file_shows_an_error(workspace):
    app = open_page("prelabel")
    app.file_uploader[0].set_value(("items.jsonl", b"   \n", "application/jsonl")).run()
    assert_clean(app)
    assert "items.jsonl: the file is empty" in texts(app.error)


def test_prelabel_invalid_rulebook_json_names_the_field(workspace):
    app = open_page("prelabel")
    app.file_uploader[0].set_value(("items.csv", (SAMPLES / "items.csv").read_bytes(), "text/csv")).run()
    app.file_uploader[1].set_value(("rulebook.json", b'{"title": "x"}', "application/json")).run()
    assert_clean(app)
    assert "rulebook.json: field" in texts(app.error)


# ---------------------------------------------------------------------------------------------
# Agreement
# ---------------------------------------------------------------------------------------------
def test_agreement_on_the_bundled_pair_shows_pass_charts_groups_and_suggestions(isolated):
    app = open_page("agreement")
    [button for button in app.button if button.label == "Use the example files"][0].click().run()
    assert_clean(app)
    assert "PASS" in texts(app.success)
    assert "percent agreement 0.85 ≥ target 0.80" in texts(app.success)
    groups = [expander.label for expander in app.expander if "↔" in expander.label]
    assert groups[:3] == [
        "愤怒投诉 ↔ 一般不满 · 3 item(s), 50% of disagreements",
        "一般不满 ↔ 中性咨询 · 2 item(s), 33% of disagreements",
        "中性咨询 ↔ 正面反馈 · 1 item(s), 17% of disagreements",
    ]
    assert len(app.get("vega_lite_chart")) == 2  # confusion heat map and per-label bars
    assert "Sharpen the boundary between '愤怒投诉' and '一般不满'" in texts(app.markdown)  # the screen's language
    assert set(labels(app.download_button)) >= {"Report (Markdown)", "Report (JSON)"}


def test_agreement_file_missing_the_label_column_shows_what_to_fix(isolated):
    app = open_page("agreement")
    app.file_uploader[0].set_value(
        [("a.csv", b"id,tag\nc001,x\n", "text/csv"), ("b.csv", b"id,label\nc001,x\n", "text/csv")]
    ).run()
    app.radio(key="agree_rulebook_source").set_value("none").run()
    [button for button in app.button if button.label == "Compute agreement"][0].click().run()
    assert_clean(app)
    error = texts(app.error)
    assert "a.csv: missing column(s) ['label']" in error
    assert "_incoming" not in error


def test_agreement_labels_outside_the_rulebook_are_an_error_with_the_fix(isolated):
    a = (SAMPLES / "human_a.csv").read_text(encoding="utf-8")
    b = (SAMPLES / "human_b.csv").read_text(encoding="utf-8").replace("正面反馈", "好评")
    app = open_page("agreement")
    app.file_uploader[0].set_value([("a.csv", a.encode(), "text/csv"), ("b.csv", b.encode(), "text/csv")]).run()
    app.radio(key="agree_rulebook_source").set_value("file").run()
    app.file_uploader[2].set_value(("rb.json", RULEBOOK_JSON.read_bytes(), "application/json")).run()
    [button for button in app.button if button.label == "Compute agreement"][0].click().run()
    assert_clean(app)
    assert "Labels outside the rulebook: 好评" in texts(app.error)


def test_agreement_accepting_a_suggestion_makes_a_new_rulebook_version(seeded, monkeypatch):
    """With an LLM the suggestions carry edits; accepting one records the round and saves the next version."""
    import evaluation.review
    from assistant.service.projects import draft_for_project, rulebook_version, start_project
    from evaluation.review import RuleSuggestion

    project_id = start_project(seeded, REQUEST).project_id
    draft_for_project(seeded, project_id)

    def with_edits(review, rulebook, **_):
        return [
            RuleSuggestion(
                pair=group.pair,
                count=group.count,
                message=f"sharpen {group.pair[0]} vs {group.pair[1]}",
                proposed_edits=["add an edge case"],
                edits=[{"op": "add_edge_case", "case": f"{group.pair[0]} or {group.pair[1]}?", "resolution": "look for a threat"}],
                engine="llm",
            )
            for group in review.groups[:1]
        ]

    import evaluation.trial

    # patched where it is looked up: evaluation.trial imports it at the top, the page reads it from evaluation.review
    monkeypatch.setattr(evaluation.review, "suggestions_offline", with_edits)
    monkeypatch.setattr(evaluation.trial, "suggestions_offline", with_edits)
    app = open_page("agreement", project=project_id)
    for f, name in ((SAMPLES / "human_a.csv", "a.csv"), (SAMPLES / "human_b.csv", "b.csv")):
        app.file_uploader[0].upload(name, f.read_bytes(), "text/csv")
    app.run()
    app.radio(key="agree_rulebook_source").set_value("project").run()
    [button for button in app.button if button.label == "Compute agreement"][0].click().run()
    accept = [button for button in app.button if button.label == "Accept: make a new rulebook version"]
    assert accept, labels(app.button)
    accept[0].click().run()
    assert_clean(app)
    assert f"Saved as version 2 of project {project_id}." in texts(app.success)
    latest = rulebook_version(seeded, project_id)
    assert latest.version == 2 and any(edge.resolution == "look for a threat" for edge in latest.edge_cases)
    assert len(seeded.store.artifacts(project_id, "agreement")) == 1
    assert seeded.store.project(project_id).status == "trial"


# ---------------------------------------------------------------------------------------------
# Knowledge base
# ---------------------------------------------------------------------------------------------
def test_knowledge_search_finds_the_complaint_project(seeded):
    app = open_page("knowledge", "zh")
    app.text_input(key="kb_query").input("用户投诉 情绪识别")
    app.selectbox(key="kb_kind").set_value("project")
    [button for button in app.button if button.label == "搜索"][0].click().run()
    assert_clean(app)
    hits = [m.value for m in app.markdown if m.value.startswith("**1.**")]
    assert hits and "cs-complaint-sentiment-zh" in hits[0]


def test_knowledge_browse_shows_a_past_projects_rules_and_examples(seeded):
    app = open_page("knowledge")
    app.selectbox(key="kb_browse").set_value("cs-complaint-sentiment-zh").run()
    assert_clean(app)
    frames = [frame.value for frame in app.dataframe]
    assert any("愤怒投诉" in frame.to_string() for frame in frames)
    assert any(expander.label.startswith("Examples (") for expander in app.expander)


def test_knowledge_seed_button_on_an_empty_base(isolated):
    app = open_page("knowledge")
    [button for button in app.button if button.label == "Seed the knowledge base"][0].click().run()
    assert_clean(app)
    assert {m.label: m.value for m in app.metric}["Past projects"] == "10"


def test_knowledge_import_of_an_invalid_project_file_names_the_file_and_field(seeded):
    app = open_page("knowledge")
    app.file_uploader(key="kb_project_files").set_value(("bad.yaml", b"id: Bad Id\nname: x\n", "application/yaml")).run()
    [button for button in app.button if button.label == "Import the files"][0].click().run()
    assert_clean(app)
    error = texts(app.error)
    assert "nothing was imported" in error and "bad.yaml" in error and "_incoming" not in error


def test_knowledge_deliver_adds_the_project_to_the_base(seeded):
    from assistant.service.projects import draft_for_project, start_project

    project_id = start_project(seeded, REQUEST).project_id
    draft_for_project(seeded, project_id)
    app = open_page("knowledge", project=project_id)
    app.text_area[0].input("- 反讽是主要分歧来源\n- 标注员需要先了解退款政策")
    [button for button in app.button if button.label == "Deliver"][0].click().run()
    assert_clean(app)
    assert f"project {project_id} is now a past project" in texts(app.success)
    assert seeded.store.project(project_id).status == "delivered"
    assert seeded.store.past_project(project_id).lessons[-2:] == ["反讽是主要分歧来源", "标注员需要先了解退款政策"]


def test_an_unexpected_error_is_a_friendly_message_with_its_type_not_a_traceback(seeded, monkeypatch, caplog):
    import assistant.service.conversation

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(assistant.service.conversation, "respond", broken)
    app = open_app("en")
    app.chat_input[0].set_value(REQUEST).run()
    assert_clean(app)
    error = texts(app.error)
    assert "Something went wrong (RuntimeError): disk on fire" in error
    assert "Traceback" not in error
    assert any("unexpected error in the app" in record.message for record in caplog.records)  # logged, with the traceback


def test_similar_past_projects_are_suggestions_above_a_sensible_score():
    from assistant.core.models import SimilarProject
    from ui.components import similar_suggestions

    food = [  # what the offline index gave a food-delivery complaint request
        SimilarProject(id="cs-intent-zh", name="客服意图", task_type="intent_classification", score=0.158),
        SimilarProject(id="product-image-caption-zh", name="商品图片描述", task_type="image_description", score=0.139),
    ]
    assert similar_suggestions(food) == []  # nothing close enough: no image-caption project offered
    close = [
        SimilarProject(id="cs-complaint-sentiment-zh", name="投诉情绪", task_type="sentiment", score=0.304),
        SimilarProject(id="cs-intent-zh", name="客服意图", task_type="intent_classification", score=0.263),
        SimilarProject(id="product-image-caption-zh", name="商品图片描述", task_type="image_description", score=0.24),
    ]
    assert [p.id for p in similar_suggestions(close)] == ["cs-complaint-sentiment-zh", "cs-intent-zh"]
