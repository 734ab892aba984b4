"""Numbered or bulleted lines that are the steps of the job, not its labels.

A request often sets out its plan line by line, and one of the lines holds the label set:

    Steps:
    1) pull the chat logs
    2) strip names
    3) label every chat positive, negative or neutral

    流程：
    1. 导出上个月的工单
    2. 去重
    3. 按 退款、物流、售后 分类

The lines open with the verbs of a procedure (pull, export, remove, label; 导出, 去重, 标注); they are steps when a
heading says so (steps, plan, process, 流程, 步骤) or when one of the lines carries a label list of its own. Then the
lines lose, and the list inside the step is read as the label set. Intents named by a verb ("cancel order",
"reset password") have no such heading and no list inside, so they stay labels.
"""

from __future__ import annotations

import re

from assistant.breakdown.label_candidates import _LINE_ITEM, Candidate

__all__ = ["steps_lose"]

_STEP_VERB = re.compile(
    r"(?:(?:pull|export|import|remove|strip|drop|dedupe|de-?duplicate|filter|sample|split|send|upload|download|collect|gather|clean|merge|"
    r"review|label|tag|annotate|deliver|run|train|retrain|compute|convert|translate|transcribe|anonymi[sz]e|redact|mask|sort|classify|rate|"
    r"score|mark|load|copy|share|write|prepare|select|pick|go\s+through|then|first|finally|next)\s+\S"
    r"|(?:导出|导入|去重|去掉|删掉|删除|剔除|过滤|抽样|抽取|清洗|上传|下载|整理|筛选|合并|标注|交付|复核|审核|训练|汇总|脱敏|转写|翻译|分类|打标|拉取|挑出|先|再|然后|最后))",
    re.I,
)
_LABEL_VERB = re.compile(r"(?<![A-Za-z])(?:label|tag|annotate|classify|sort|rate|score|mark|grade)(?![a-z])|标注|分类|打标|标成|标为|分成|分为", re.I)
_STEPS_HEAD = re.compile(r"(?<![A-Za-z])(?:steps?|plan|process|workflow|procedure|pipeline|how\s+(?:it|this)\s+(?:works|goes))(?![A-Za-z])|流程|步骤|做法|计划|安排|分几步", re.I)


def _run(text: str, start: int) -> tuple[list[tuple[int, str]], int]:
    """The item lines of the run that starts at `start` (each with where it starts), and where the run ends."""
    at = text.rfind("\n", 0, start) + 1
    items: list[tuple[int, str]] = []
    end = at
    for line in text[at:].split("\n"):
        item = _LINE_ITEM.match(line)
        if not item:
            break
        items.append((at + item.start("item"), item.group("item")))
        end = at + len(line)
        at += len(line) + 1
    return items, end


def steps_lose(candidates: list[Candidate], text: str, threshold: float) -> None:
    for a in candidates:
        if a.kind not in ("lines", "numbered", "bullets", "defined_lines") or "\n" not in a.quote.strip():
            continue
        lines, end = _run(text, a.start)
        items = [item for _, item in lines]
        if sum(bool(_STEP_VERB.match(item)) for item in items) < 2:
            continue
        head = text[: text.rfind("\n", 0, a.start) + 1].rstrip().rsplit("\n", 1)[-1]
        inner = any(
            b is not a and b.score >= threshold and a.start <= b.start and b.end <= end + 1 and "\n" not in b.quote.strip()
            and not set(b.labels) & set(a.labels) for b in candidates
        )
        if _STEPS_HEAD.search(head[-60:]) or inner:
            a.score -= 5.0
            for at, item in lines:
                if _LABEL_VERB.search(item):
                    continue  # "label every chat positive, negative or neutral": the step that names the labels
                for b in candidates:  # "Remove duplicates and auto-replies": the objects of another step
                    if b is not a and at <= b.start and b.end <= at + len(item) + 1:
                        b.score = min(b.score, threshold - 2.5)
