"""Team sizes asked for or offered in shapes beyond "3 annotators": people put on the job, a panel by its size, a team
with its size in brackets, a role line such as "人：两个实习生", helpers who "配合标注", a count per language.

Requests written for these tests, in domains of no dev set; negatives keep overlap and reviewers out.
"""

from __future__ import annotations

from datetime import date

import pytest

from assistant.breakdown.five_w2h import offline_draft
from assistant.core.models import FieldStatus

MONDAY = date(2026, 11, 30)


def team_of(request: str) -> int | None:
    draft, _ = offline_draft(request, [], {}, MONDAY)
    field = draft.who.annotator_profile
    if field.status != FieldStatus.stated or not isinstance(field.value, dict):
        return None
    return field.value.get("count")


@pytest.mark.parametrize(
    "request_text,count",
    [
        # people asked for, on the job
        ("We have 2,400 museum visitor comments to tag as praise / complaint / question. Could you put three people on it?", 3),
        ("Please sort 1,100 parking appeals into granted / denied. We'd need 4 annotators on this by mid-December.", 4),
        ("Tagging 800 podcast episodes by topic. Can you get two raters on the job?", 2),
        # a panel or team by its size
        ("Compare 500 pairs of chatbot replies for our bank (A better / B better / tie). We want a 3-person panel.", 3),
        ("Rate 1,000 recipe photos 1-5 for appetite appeal; a four-person team from our kitchen can label them.", 4),
        ("Grade 600 essay feedback comments as helpful / vague / harsh. A panel of 6 raters, please.", 6),
        ("Score 400 insurance letters 1-5 for clarity. A 4-person panel would be ideal.", 4),
        # a team with its size in brackets (or "team of N") then the work
        ("Ferry complaints, ~2,000, tag by route. Our ops team (4 of them) could do some of the tagging in January.", 4),
        ("5,000 loan chat logs to classify by intent; her team of 5 can label in the evenings.", 5),
        ("Gym feedback cards, 1,500, sort by topic. The front desk crew (3 people) will help with the labelling.", 3),
        # a count per language times the languages listed together
        ("Check 900 museum audio-guide scripts translated into French + German + Italian; adequacy 1-4. Reviewers: 2 per language.", 6),
        ("酒店欢迎词的英语、日语译文各500条，按1-5分评流畅度。评估人员每个语种2人。", 4),
        # Chinese: helpers who 配合 / 协助, and a role line
        ("物业报修单3000条，分成水电、门窗、公区、其他。我们客服部有3个文员可以协助标注。", 3),
        ("驾校学员评价两千条，分好评中评差评。教练组有2个教练能配合标。", 2),
        ("- 任务：给5000张货架照片写描述\n- 人：三个实习生\n- 时间：下周五", 3),
        ("菜市场摊位投诉1200条，按问题分类\n人力：两个店员", 2),
    ],
)
def test_team_size_in_other_shapes(request_text: str, count: int) -> None:
    assert team_of(request_text) == count


@pytest.mark.parametrize(
    "request_text",
    [
        # reviewers who only check
        ("Tag 2,000 ad creatives as ok / fix / reject. Our legal team (2 of them) will double-check the rejects."),
        # a count per language with no languages listed, and data per language
        ("Rate 3,000 subtitles 1-5. We figured 2 per language."),
        ("Spanish + Portuguese product titles, 4k sentences per language, tag brand names."),
        # a team that does something else, people on a shift
        ("Sort 700 warehouse incident notes by cause. My team of 6 maintains the scanners."),
        ("Sort 900 boutique returns by reason. Our 3-person data team built the classifier last year."),
        ("Tag 2,000 pharmacy chats by intent. We have 5 agents on this shift and they are swamped."),
    ],
)
def test_not_a_team_size(request_text: str) -> None:
    assert team_of(request_text) is None
