"""Examples of a problem that become its kinds, when the request asks which kind each case is.

- "看坐席有没有违规，比如辱骂客户、泄露隐私、承诺做不到的事，有就标出来是哪种，没有就标无": the examples after 比如 are
  the labels (the request asks 是哪种), plus the label for none (无);
- "check each listing for problems such as fake photos, wrong price or missing size; if there is one, mark which kind,
  otherwise mark none": the same in English.

Without "which kind" the examples only explain the yes/no question and this reader says nothing.
"""

from __future__ import annotations

import re

from assistant.breakdown.label_candidates import Candidate, Split

__all__ = ["which_kind_candidates"]

_ZH = re.compile(
    r"(?:比如说?|例如|譬如|像是?|诸如)\s*[:：]?\s*(?P<body>[^。；;！？!?\n]{2,80}?)(?:之类的?|等等?)?\s*[，,]\s*"
    r"(?:如果|若)?(?:有|是)(?:的(?:话)?)?(?:就|则)?(?:要)?(?:标注|标明|标|注明|写明|写|选)(?:一下)?(?:出来)?(?:是|属于)?(?:哪种|哪一种|哪类|哪一类|什么类型|哪个类型|具体(?:是)?哪(?:种|类))"
    r"[^。；;，,\n]{0,6}[，,；;]\s*(?:如果|若)?(?:没有|都没有|没|都不是|不是)(?:的(?:话)?)?(?:就|则)?(?:标注|标|写|选)(?:成|为)?\s*[\"“「『]?(?P<none>[\u4e00-\u9fff]{1,4}?)[\"”」』]?(?=$|[。；;，,！!\s])"
)
_EN = re.compile(
    r"\b(?:such as|like|e\.g\.,?|for example,?)\s+(?P<body>[^.;!?\n]{2,120}?)\s*[;,.]\s*(?:and\s+)?if\s+(?:there\s+is|there's|it\s+has|it\s+is|so)(?:\s+one)?,?\s*"
    r"(?:mark|tag|label|note|say|flag)\s+(?:it\s+)?(?:with\s+)?(?:which|what)\s+(?:kind|type|one|category)[^.;,\n]{0,12}[;,]\s*(?:and\s+)?"
    r"(?:otherwise|if\s+not|else)\s*,?\s*(?:mark|tag|label|put|say)\s+(?:it\s+)?(?:as\s+)?[\"'“‘]?(?P<none>[A-Za-z][A-Za-z ]{0,14}?)[\"'”’]?(?=$|[.;,!\s])",
    re.I,
)


def which_kind_candidates(text: str, split: Split) -> list[Candidate]:
    found = []
    for pattern in (_ZH, _EN):
        for m in pattern.finditer(text):
            items, _, _ = split(m.group("body"))
            items = [re.sub(r"^(?:or|and)\s+", "", item.strip(" ,，、\"'“”‘’"), flags=re.I) for item in items]
            items = [item for item in items if item]
            if len(items) < 2:
                continue
            none = m.group("none").strip()
            labels = [*items, none] if none not in items else items
            found.append(Candidate(labels, m.group(0), m.start(), m.end(), "which_kind", other=none))
    return found
