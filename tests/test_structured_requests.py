"""Requests written as requirement documents: headed sections, label tables, numbered section titles, bold field
lines, a labels section that is still TBD, a changelog that merges or removes labels, and figures stated in their
own field sections ("**Budget:** $6,000 total", "Volume：两千", "DDL：1 月 20 号", "case 数：3k", "预算：2 万").

Documents written for these tests, in domains of no dev set (greenhouse sensors, museum audio guides, library
chat, ferry tickets, bakery reviews, pharmacy recall notices, ski-resort webcams).
"""

from __future__ import annotations

from datetime import date

import pytest

from assistant.breakdown.doc_sections import sections
from assistant.breakdown.five_w2h import offline_draft
from assistant.breakdown.request_labels import find_labels
from assistant.core.models import FieldStatus

THURSDAY = date(2026, 12, 3)


def labels_of(text: str) -> list[str]:
    found = find_labels(text)
    return found.labels if found else []


def figures_of(text: str) -> dict:
    draft, _ = offline_draft(text, [], {}, THURSDAY)
    fields = {"volume": draft.how_much.volume, "deadline": draft.when.deadline, "budget": draft.how_much.budget,
              "annotators": draft.who.annotator_profile}
    out = {}
    for key, field in fields.items():
        if field.status == FieldStatus.stated:
            out[key] = field.value.get("count") if key == "annotators" and isinstance(field.value, dict) else field.value
    return out


GREENHOUSE = """# Greenhouse alarm notes — labeling spec

## 1. Background
Growers type a note whenever a sensor alarm fires. Nobody reads them.

## 2. Goal
Find which alarms are false so we can tune thresholds.

## 3. Label set
| # | Category | Meaning |
|---|---|---|
| 1 | Real fault | sensor right, plant at risk |
| 2 | Sensor drift | reading off, plants fine |
| 3 | Maintenance | alarm during planned work |
| 4 | Unclear | can't tell from the note |

**4. Volume** – 2,400 notes from the last season
**5. Timeline** – by 1/22
**6. Budget** – $1,800
"""

MUSEUM = """**Project:** Audio guide transcript review
**Background:** Visitors rate our audio guide stops, and leave a comment.

**Labels** (pick one):
- Engaging — visitor enjoyed the stop
- Too long — complains about length
- Inaccurate — points out a factual error
- Tech issue — playback, volume, app crash

**Volume:** three thousand comments
**Timeline:** a first 500 by next Tuesday; the rest by Jan 15
**Budget:** $2,200 total
**People:** our 2 curators will review disputes
"""

LIBRARY = """## Library chat — intent labels (draft v3)

### Background
Patrons use the website chat to reach a librarian.

### Intents
| Intent | Example |
|---|---|
| Renew loan | "can I keep it another week" |
| Room booking | "study room at 3?" |
| Lost card | |
| Fines | "why do I owe $2" |
| Other | |

### Volume
900 chats.

### Changelog
- v3: merge "Lost card" and "Fines" into **Account issue** — same desk handles both.
- remove "Room booking" (the booking widget handles it now)
"""

FERRY_ZH = """# 轮渡购票 客服留言 意图标注 需求

## 一、背景
轮渡公司小程序里的留言，客服人手不够。

## 二、标签
| 标签 | 说明 |
|---|---|
| 退票改签 | 退票、改时间 |
| 船期查询 | 几点开船 |
| 行李托运 | 电动车、宠物 |
| 投诉 | |
| 其他 | |

## 三、数量
case 数：3k

## 四、时间
第一批 500 条下周五；全部 1 月 20 号

## 五、预算
2 万（含税）

## 六、备注（v2 修改）
- "投诉" 先去掉，投诉走人工
"""

BAKERY_ZH = """【需求文档】烘焙店 外卖评价 情感标注

背景：门店外卖评价越来越多，店长看不过来。
目标：把差评捞出来。
### 4. 标签
- 好评
- 中评
- 差评（口味、包装、配送都算）
Volume：两千
DDL：下周三
Budget：1.2 万
"""

RECALL = """# Pharmacy recall notices — field extraction

## Background
Wholesalers email recall notices; staff re-key them.

## Fields to extract
1. Product name
2. Lot number
3. Recall class
4. Reason (TBD — legal may drop it)

## Volume
Roughly 3–4k notices.

## Timeline
TBD

## Budget
n/a yet
"""

WEBCAM = """Requirements: ski-resort webcam snapshots

1. Background — We publish webcam stills; some show fog or a frozen lens.
2. Goal — Hide bad stills automatically.
3. Labels — TBD, please suggest a scheme.
4. Volume — 6,000 stills
5. Timeline — No hard date, sometime in February.
"""


def test_sections_know_headings_and_skip_list_lines() -> None:
    found = sections(GREENHOUSE)
    # the document's title is a heading of no known matter
    assert [section.kind for section in found] == ["unknown", "other", "other", "labels", "volume", "deadline", "budget"]
    assert found[4].text.startswith("2,400 notes")
    assert all(section.kind != "labels" or section.title == "Label set" for section in found)


@pytest.mark.parametrize(
    "text,labels",
    [
        (GREENHOUSE, ["Real fault", "Sensor drift", "Maintenance", "Unclear"]),  # a '#' column, numbered section titles
        (MUSEUM, ["Engaging", "Too long", "Inaccurate", "Tech issue"]),  # "**Labels** (pick one):" is no label
        (LIBRARY, ["Renew loan", "Account issue", "Other"]),  # changelog merges two and removes one
        (FERRY_ZH, ["退票改签", "船期查询", "行李托运", "其他"]),  # 备注 removes a label
        (BAKERY_ZH, ["好评", "中评", "差评"]),
        (RECALL, ["Product name", "Lot number", "Recall class", "Reason"]),
    ],
)
def test_labels_come_from_the_labels_section(text: str, labels: list[str]) -> None:
    assert labels_of(text) == labels


def test_a_tbd_labels_section_names_no_labels() -> None:
    assert labels_of(WEBCAM) == []
    sketch = """## Background\nStaff logs from the boiler room.\n\n## Goal\nMake them countable, maybe by fault type, maybe by part (pump, valve, burner).\n\n## Labels\n待定\n\n## Volume\n1,000 logs\n"""
    assert labels_of(sketch) == []


def test_score_codes_and_field_values_in_list_lines() -> None:
    graded = """# Recipe search — relevance\n\n## Background\nHome cooks search our recipe site.\n\n## Labels (graded)\n- 2 – Great: exactly the dish\n- 1 – Okay: related dish\n- 0 – Miss: unrelated\n\n## Timeline\nIn three weeks.\n"""
    found = find_labels(graded)
    assert found and found.labels == ["Great", "Okay", "Miss"] and found.ordinal
    flags = """## 背景\n车载语音助手 新旧两版回答对比。\n\n## 目标\n决定是否切换。\n\n## Labels\n- 旧版好 / 差不多 / 新版好\n- 安全 flag：有 / 无（涉及驾驶分心算"有"）\n\n## Volume\n800 对\n"""
    assert labels_of(flags) == ["旧版好", "差不多", "新版好", "有", "无"]
    dims = """# Podcast summary eval\n\n## Background\nWe auto-summarise episodes.\n\n## Goal\nKnow if summaries are usable.\n\n## Rating per summary\n- Accuracy: 1–4 (4 = all supported)\n- Flag: "made-up quote" yes/no\n\n## Timeline\nEnd of next week.\n"""
    assert labels_of(dims) == ["1", "2", "3", "4", "made-up quote"]


def test_a_dimension_table_gives_its_scale_values() -> None:
    table = """## 背景\n有声书 AI 章节简介。\n\n## 目标\n评估简介质量。\n\n## 评估维度\n| 维度 | 档位 |\n|---|---|\n| 忠实度 | 1-3 分 |\n| 是否剧透 | 是 / 否 |\n\n## 时间\n月底前\n"""
    assert labels_of(table) == ["1", "2", "3", "是", "否"]


def test_field_sections_state_the_figures() -> None:
    museum = figures_of(MUSEUM)
    assert museum["volume"] == 3000
    assert museum["deadline"] == "2027-01-15"  # the rest, not the first 500
    assert museum["budget"]["amount"] == 2200 and museum["budget"]["currency"] == "USD"
    assert "annotators" not in museum  # curators who review disputes are not the team
    greenhouse = figures_of(GREENHOUSE)
    assert greenhouse["volume"] == 2400 and greenhouse["deadline"] == "2027-01-22" and greenhouse["budget"]["amount"] == 1800


def test_chinese_document_fields() -> None:
    ferry = figures_of(FERRY_ZH)
    assert ferry["volume"] == 3000
    assert ferry["deadline"] == "2027-01-20"  # 全部, not the first batch
    assert ferry["budget"] == {"amount": 20000.0, "currency": "CNY"}
    bakery = figures_of(BAKERY_ZH)
    assert bakery["volume"] == 2000
    assert bakery["deadline"] == "2026-12-09"
    assert bakery["budget"]["amount"] == 12000 and bakery["budget"]["currency"] == "CNY"  # a bare amount in a Chinese doc is yuan


def test_open_fields_state_nothing() -> None:
    recall = figures_of(RECALL)
    assert "volume" not in recall  # a range is no stated volume
    assert "deadline" not in recall and "budget" not in recall
    webcam = figures_of(WEBCAM)
    assert webcam.get("volume") == 6000
    assert "deadline" not in webcam  # "No hard date, sometime in February"


def test_a_section_value_wins_over_a_count_in_the_background() -> None:
    doc = """## 背景\n社区每天新增 5 万条评论，审核组 12 人。\n\n## 目标\n训练机审模型。\n\n## 标签\n- 正常\n- 广告\n- 辱骂\n\n## 数量\n2 万条，其中 5000 条是回复\n\n## 时间\n下下周一\n"""
    figures = figures_of(doc)
    assert figures["volume"] == 20000
    assert figures["deadline"] == "2026-12-14"


def test_team_business_day_and_count_field_shapes() -> None:
    doc = """# Ticket triage for the bike-share app

## Background
Riders write to support when a dock fails.

## Scope
- tickets from the autumn, English only
- case 数 4k

## Labels
- Dock fault
- Billing
- Other

## Timeline
Realistically by the first business day after Christmas.

## Who
ideally people who ride; we have 3 mechanics, and we'll use 2 support leads part-time.

## Budget
internal — we'll use 2 staff analysts, ~5 min per ticket
"""
    figures = figures_of(doc)
    assert figures["volume"] == 4000  # "case 数 4k" under Scope, with no colon
    assert figures["deadline"] == "2026-12-28"  # Christmas 2026 is a Friday: the Monday after
    assert figures["annotators"] == 2  # "we'll use 2 staff analysts"
    disputes = doc.replace("we'll use 2 staff analysts", "our 2 staff analysts adjudicate disputes").replace("we'll use 2 support leads part-time", "no one else")
    assert "annotators" not in figures_of(disputes)  # adjudicators are not the team


def test_volume_from_scope_or_a_measure_word() -> None:
    scope = """## Background\nOur trivia app has a hint bot.\n\n## Goal\nDecide if hints v2 can ship.\n\n## Scope\n450 player questions sampled from November, each with the v1 and v2 hint.\n\n## Labels\n- v1 better\n- same\n- v2 better\n\n## Timeline\nBy Dec 18.\n"""
    assert figures_of(scope)["volume"] == 450  # no volume section: the scope counts the items
    matches = """# 围棋对局 关键手 标注\n\n## 背景\n想自动剪辑职业比赛的关键手。\n\n## 标签\n- 妙手\n- 败着\n- 其他\n\n## 数量\n今年 320 局（棋谱+解说）\n\n## 时间\n1 月 12 号\n"""
    figures = figures_of(matches)
    assert figures["volume"] == 320 and figures["deadline"] == "2027-01-12"
    rough = matches.replace("今年 320 局（棋谱+解说）", "300-400 局，看进度")
    assert "volume" not in figures_of(rough)


def test_acceptance_agreement_line() -> None:
    doc = """## Background\nWe sort garden-centre questions.\n\n## Labels\n- Plants\n- Tools\n- Other\n\n## Volume\n1,100 questions\n\n## Acceptance\nwe re-label 80 at random; we should agree with ≥85% of them\n"""
    draft, _ = offline_draft(doc, [], {}, THURSDAY)
    assert draft.how_much.target_agreement.value == 0.85


PARKING = """# Parking sensor alerts — Labeling PRD

## Context
Our city parking sensors fire alerts; ops wants to triage them.

## Labels
| Label | Definition | Example |
| :--- | :--- | :--- |
| **Occupied** | a car is parked | |
| **Free** | bay is empty | |
| **Blocked** | bin or cone in bay | |

## Milestones
| Date | What |
|---|---|
| Dec 10 | pilot 300 |
| Jan 8 | full delivery |

## Volume
12,000 alerts

## Budget
$6,000 total
"""

HOSPITAL_ZH = """### 需求背景
医院挂号 App 的用户评价，想做情感分析。

### 标签体系
1. 正面：表扬医生、流程顺畅
2. 负面：排队久、挂不上号
3. 中性：纯提问

### 数据量
case 数：8k

### DDL
DDL：1 月 15 日

### 预算
Budget：3 万
"""


def test_a_second_table_and_examples_after_a_name() -> None:
    assert labels_of(PARKING) == ["Occupied", "Free", "Blocked"]  # the milestone table is no label list
    assert figures_of(PARKING)["deadline"] == "2027-01-08"  # the full delivery, not the pilot
    assert labels_of(HOSPITAL_ZH) == ["正面", "负面", "中性"]  # "正面：表扬医生、流程顺畅" gives its examples after the name
    figures = figures_of(HOSPITAL_ZH)
    assert figures["volume"] == 8000 and figures["deadline"] == "2027-01-15"
    assert figures["budget"] == {"amount": 30000.0, "currency": "CNY"}


WAREHOUSE = """**Project:** Warehouse robot incident notes
**Owner:** Dana (Ops PM)

**Background:** Pickers file a short note whenever a robot stops in an aisle.

**Labels:**
- Obstacle
- Battery
- Software fault
- Human error

**Out of scope:**
- Forklift incidents
- Anything before June

**Volume:** 3,500 notes
**Deadline:** Jan 20
**Budget:** TBD
"""

DANMU_ZH = """需求文档：直播间弹幕 违规识别

1) 背景：直播间弹幕量大，人工巡查跟不上。
2) 目标：训练弹幕审核模型
3) 标签：
   - 正常
   - 引流（加微信、私信）
   - 辱骂
   - 其他违规
4) 数量：3 万条
5) 时间：12 月 25 号前；12/15 先给 5000 条
6) 预算：待定
"""


def test_a_heading_of_another_matter_ends_the_labels() -> None:
    assert labels_of(WAREHOUSE) == ["Obstacle", "Battery", "Software fault", "Human error"]  # not the out-of-scope list
    figures = figures_of(WAREHOUSE)
    assert figures["volume"] == 3500 and figures["deadline"] == "2027-01-20" and "budget" not in figures
    assert labels_of(DANMU_ZH) == ["正常", "引流", "辱骂", "其他违规"]
    danmu = figures_of(DANMU_ZH)
    assert danmu["volume"] == 30000 and danmu["deadline"] == "2026-12-25" and "budget" not in danmu
