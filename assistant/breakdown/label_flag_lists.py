"""A checklist of yes/no flags: each flag's name is a label, its yes/no is its value.

"does it have low contrast text (y/n), missing labels on buttons (y/n), text too small (y/n)" names three flags, not
the labels y and n. The same in Chinese: "是否有错别字（是/否）、是否漏译（是/否）" or "有无水印（有/无），有无遮挡（有/无）".
A single flag ("spam (y/n)") stays with the readers of yes/no questions.
"""

from __future__ import annotations

import re

from assistant.breakdown.label_candidates import Candidate

__all__ = ["flag_list_candidates", "flags_over_their_values"]

_YES_NO = r"(?:y\s*/\s*n|yes\s*/\s*no|Y/N|是\s*/\s*否|有\s*/\s*无|true\s*/\s*false|0\s*/\s*1|✓\s*/\s*✗)"
_FLAG = re.compile(rf"(?P<name>[^()（）,，;；、:：\n?？]{{2,40}}?)\s*[?？]?\s*[（(]\s*{_YES_NO}\s*[)）]", re.I)
_JOIN = re.compile(r"^\s*(?:[,，;；、]\s*(?:and\s+|or\s+|plus\s+|以及|和|及)?|\s+(?:and|plus)\s+|\n\s*(?:[-*•]\s*|\d{1,2}[.)、]\s*)?|和|以及|及)\s*$", re.I)
# a question word or an article at the front of the first name is framing: "does it have low contrast text"
_LEAD = re.compile(
    r"^(?:(?:for\s+each\s+\w+\s*[:,]?\s*)?(?:does|do|is|are|has|have|was|were|did)\s+(?:it|the\s+\w+|there|they|this)\s+(?:have|has|contain|show|include|use|got|any|be)?\s*(?:an?\s+|any\s+)?|"
    r"(?:mark|flag|tick|check)\s+(?:whether|if)\s+(?:it\s+)?(?:has\s+)?|whether\s+(?:it\s+)?(?:has\s+)?|是否(?:有|存在|包含)?|有无|有没有)",
    re.I,
)


def _name(raw: str) -> str:
    name = raw.strip(" \t-*•")
    name = re.sub(r"^.*[.。!！]\s*", "", name)  # the flag starts after the sentence before it
    name = re.sub(r"^.*(?:for each \w+|每(?:张|条|个|份|篇)[\u4e00-\u9fff]{0,4})\s*[:：,，]?\s*", "", name, flags=re.I)
    name = _LEAD.sub("", name).strip()
    return name


def flag_list_candidates(text: str) -> list[Candidate]:
    found: list[Candidate] = []
    flags = list(_FLAG.finditer(text))
    index = 0
    while index < len(flags):
        run = [flags[index]]
        while index + len(run) < len(flags):
            nxt = flags[index + len(run)]
            gap = text[run[-1].end() : nxt.start("name")]
            lead = re.match(r"^\s*(?:[,，;；、]\s*(?:and|or|plus)?\s*|\s+(?:and|plus)\s+|\n\s*(?:[-*•]\s*|\d{1,2}[.)、]\s*)?|和|以及|及)", text[run[-1].end() :])
            if lead is None or len(gap) > 40:
                break
            run.append(nxt)
        index += len(run)
        if len(run) < 2:
            continue
        names = [_name(m.group("name")) for m in run]
        names = [re.sub(r"^(?:and|or|plus|以及|和|及)\s*", "", n, flags=re.I).strip() for n in names]
        if any(not n or len(n) > 40 or len(n.split()) > 6 for n in names) or len(set(names)) < len(names):
            continue
        start, end = run[0].start("name"), run[-1].end()
        found.append(Candidate(names, text[start:end], start, end, "flag_list", notes=["each label is a yes/no flag"]))
    return found


_VALUES = {"y", "n", "yes", "no", "是", "否", "有", "无", "true", "false", "0", "1", "✓", "✗"}


def flags_over_their_values(chosen: Candidate | None, candidates: list[Candidate]) -> Candidate | None:
    """When the reading chosen is the yes/no of one flag inside a checklist of flags, the flags are the labels."""
    if chosen is None or chosen.kind == "flag_list" or not {label.casefold() for label in chosen.labels} <= _VALUES:
        return chosen
    for flags in candidates:
        if flags.kind == "flag_list" and flags.start <= chosen.start < flags.end:
            return flags
    return chosen
