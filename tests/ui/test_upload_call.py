"""The knowledge page imports a rule document under the name the user typed: `call_on_upload` passes a
`name=` keyword through to the importer instead of taking it as the upload's own name (found by mypy)."""

from __future__ import annotations

from tests.test_own_files_documents import DOCX
from knowledge.documents import past_project_from_document
from ui.components import call_on_upload


def test_a_rule_document_is_imported_under_the_name_the_user_typed():
    # the call the knowledge page makes for "Import the document"
    project = call_on_upload(
        DOCX, DOCX.name, past_project_from_document, DOCX,
        project_id="imported-doc", task_type="sentiment", language="zh", name="客服留言（导入）", domain="general",
    )
    assert project.id == "imported-doc"
    assert project.name == "客服留言（导入）"
