"""Volume and budget shapes read since development set 8, and volumes that must never be stated.

Read (run after `volume_choice`, so each settles only what it is sure of):

- the volume named by its field word: "数量大概七千五左右", "量是1.5w条", "数量先定300个群-天吧", "volume is ~2k":
  the count after 数量/量/总量/volume is the job, whatever else the request counts (a pilot, a pool);
- the object of a labelling verb with its noun left out: "please tag the 2,400 from the current school year",
  "write a caption for 4,000 of them" (the part of the pool before it);
- the total after a container count: "大概一千二百个搜索，一共两万四千条判断左右", "300 queries, 6,000 judgments in total";
- a budget cap named by money words: "钱的话……上限是2万", "费用最多5千", "budget caps at 3k".

Never stated:

- a count of people ("~40 scientists", "300 engineers") as the volume;
- a magnitude word read alone from a range: "maybe 2-3 thousand recordings" is vague 2000–3000, never 1000;
- "一" of "抽一批" / "一部分" as a count of one;
- the pool when the job is "a sample" / "一批" with no number: "go through a sample … we have like 300k chat lines",
  "一共有大概十一万条，先抽一批出来" stay vague, with the question.
"""

from __future__ import annotations

import re
from types import SimpleNamespace

from assistant.breakdown.numbers import parse_cn_number, parse_en_number
from assistant.breakdown.quantities import is_rate
from assistant.breakdown.request_facts import _set_vague, set_vague_volume
from assistant.breakdown.volume_scope import _stated
from assistant.core.models import BreakdownDraft, BreakdownField, FieldStatus

__all__ = ["guard_volume", "read_budget_cap"]

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万]+"
_MAG = r"(?:[wW万kK千](?![a-zA-Z]))?"
_FIELD_ZH = re.compile(
    rf"(?:(?<![\w\u4e00-\u9fff])(?:数量|数据量|标注量|量))\s*(?:是|为|先定|定为|定在|大概|大约|约|差不多|在|[:：])+\s*(?:大概|大约|约|差不多)?\s*"
    rf"(?P<n>{_NUM})\s*(?P<mag>{_MAG})(?![\d.,]|\s*[%％元块刀美月年日号点分岁多余+])"
)
_FIELD_GOES_ON = re.compile(r"每个|每份|每组|每家|也就是|即共|一共|总共|先标|先做|先抽|抽|其中|\b(?:each|per|x|times|of which|first)\b|×", re.I)
_QUOTED = re.compile(r"“[^”]{0,300}”|「[^」]{0,300}」|\"[^\"\n]{0,300}\"")
_FIELD_EN = re.compile(rf"\b(?:volume|quantity|item count)\s*(?:is|[:=]|will be|of)\s*(?:about\s+|around\s+|roughly\s+|~\s*)?(?P<n>{_NUM})\s*(?P<mag>{_MAG})(?!\s*[%$])", re.I)
_VERB_THE = re.compile(
    r"\b(?:tag|label|annotate|code|classify|review|rate|grade|check|caption|score|judge)\s+(?:only\s+|just\s+)?(?:the|these|those)\s+"
    r"(?P<n>\d{1,3}(?:,\d{3})+|\d{2,})\s+(?:from|in|of|that|which|for|we|you)\b",
    re.I,
)
_PART_OF_THEM = re.compile(
    r"\b(?:tag|label|annotate|code|classify|review|rate|grade|check|caption|score|judge|for|do)\s+(?:about\s+|around\s+|roughly\s+|~\s*)?"
    r"(?P<n>\d{1,3}(?:,\d{3})+|\d{2,})\s+of\s+(?:them|those|these)\b",
    re.I,
)
_TOTAL_AFTER_CONTAINER = re.compile(
    rf"(?:{_NUM})\s*个[^，,。；;\n]{{1,6}}[，,]\s*(?:一共|总共|合计|共)\s*(?:是|有)?\s*(?:大概|大约|约)?\s*(?P<n>{_NUM})\s*(?P<mag>{_MAG})\s*条"
)
_PEOPLE = re.compile(
    r"^\s*(?:scientists?|researchers?|engineers?|developers?|employees?|staff|people|persons?|doctors?|nurses?|lawyers?|teachers?|"
    r"students?|volunteers?|techs?|technicians?|analysts?|editors?|writers?|agents?|managers?|members?|users?|customers?|"
    r"名|位|个人|人(?!次))(?=\s*(?:[^\w\s]|$|(?:and|or|who|that|in|at|on|across|total|each|per|will|can|to|of)\b))",
    re.I,
)
_RANGE_BEFORE = re.compile(r"(?P<low>\d+(?:\.\d+)?)\s*(?:-|–|~|to|or)\s*(?P<high>\d+(?:\.\d+)?)\s*$", re.I)
_RANGE_START = re.compile(r"(?P<low>\d+(?:\.\d+)?)\s*(?:-|–|~|to|or)\s*$", re.I)
_RANGE_THOUSANDS = re.compile(r"(?<![\d.,])(?P<low>\d+(?:\.\d+)?)\s*(?:-|–|~|to)\s*(?P<high>\d+(?:\.\d+)?)\s+(?P<w>thousand|hundred)\s+[a-z]+s\b", re.I)
_MAGNITUDE = {"thousand": 1000, "hundred": 100, "million": 1_000_000, "k": 1000, "千": 1000, "万": 10000}
_SAMPLE_NO_NUMBER = re.compile(
    r"\b(?:go through|look at|label|tag|review|annotate|check|pull|take|do)\s+a\s+(?P<q>(?:random\s+|small\s+|representative\s+)?sample)\b(?!\s+of\s+\d)"
    r"|(?:抽|挑|拿|选)(?:出)?(?P<z>一批|一部分|一些)",
    re.I,
)
_BUDGET_CAP = re.compile(
    rf"(?:钱|费用|预算|经费|价格|报价)(?:的话|方面|这块|这边)?[^。！？\n]{{0,24}}?(?:上限|最多|顶多|封顶|不超过|不能超过|别超过|不要超过|别超|最高)(?:是|为|就是|只有|能到)?\s*"
    rf"(?P<n>{_NUM})\s*(?P<mag>[万千wWkK]?)\s*(?:元|块|人民币|RMB)?(?!\s*[条个份%％])"
)


def _number(token: str, mag: str) -> int | None:
    raw = token.replace(",", "")
    value = parse_en_number(raw) if re.fullmatch(r"[\d.]+", raw) else parse_cn_number(raw)
    if value is None:
        return None
    factor = {"w": 10000, "万": 10000, "k": 1000, "千": 1000}.get(mag.lower(), 1) if mag else 1
    value = value * factor
    return int(value) if float(value).is_integer() else None


def _field_volume(text: str) -> tuple[int, str] | None:
    quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
    for regex in (_FIELD_ZH, _FIELD_EN):
        for m in regex.finditer(text):
            if any(a <= m.start() < b for a, b in quoted):
                continue  # "“… 单价3.2美元 数量：1200件”": a sample of the data
            if _FIELD_GOES_ON.search(re.split(r"[。；;!！?？\n]|\.\s", text[m.end() :], maxsplit=1)[0]):
                continue  # "数量：2000个query，每个query取top10结果，也就是2万对": a factor or a pool, worked on after
            value = _number(m.group("n"), m.group("mag") or "")
            if value is not None and value >= 10:
                return value, m.group(0).strip()
    return None


def _object_volume(text: str) -> tuple[int, str] | None:
    for regex in (_PART_OF_THEM, _VERB_THE):
        m = regex.search(text)
        if m and re.search(r"\b(?:spot[- ]?|QA\s+|double[- ]?)$|\bQA\b[^.;!?\n]{0,20}$", text[max(0, m.start() - 24) : m.start()], re.I):
            continue  # "our QA will spot-check 300 of them": the checker's sample, not the part to label
        if m:
            value = _number(m.group("n"), "")
            if value is not None and value >= 10:
                return value, m.group(0).strip()
    return None


def _total_volume(text: str) -> tuple[int, str] | None:
    m = _TOTAL_AFTER_CONTAINER.search(text)
    if m:
        value = _number(m.group("n"), m.group("mag") or "")
        if value is not None and value >= 10:
            return value, m.group(0).strip()
    return None


def _invented(text: str, field: BreakdownField) -> dict[str, object] | None:
    """The stated volume rests on words that give no count of items: what to record instead ({} = nothing)."""
    if field.status != FieldStatus.stated or not isinstance(field.value, (int, float)) or not field.evidence:
        return None
    at = text.find(field.evidence)
    if at < 0:
        return None
    number = re.match(r"\s*[~约]?\s*[\d,.]+\s*[kK万千wW]?\s*|\s*[零一二两三四五六七八九十百千万]+\s*", field.evidence)
    after = field.evidence[number.end():] if number else ""
    single = len(re.findall(r"\d+", field.evidence)) <= 1  # "120 agents; 50 calls per agent": a product, not people
    if number and single and _PEOPLE.match(after + text[at + len(field.evidence) : at + len(field.evidence) + 2] if not after.strip() else after):
        return {}  # "~40 scientists": people, never items
    word = re.match(r"(?P<n>\d+(?:\.\d+)?\s*)?(?P<w>thousand|hundred|million|k)\b", field.evidence, re.I)
    if word:
        factor = _MAGNITUDE[word.group("w").lower()]
        before = text[max(0, at - 16) : at]
        rng = _RANGE_BEFORE.search(before) if not word.group("n") else _RANGE_START.search(before)
        if rng:  # "2-3 thousand recordings", "2 to 3 thousand notes": a range, never its last part
            low = float(rng.group("low")) * factor
            high = float(rng.group("high") if not word.group("n") else word.group("n")) * factor
            quote = text[max(0, at - 16) + rng.start() : at + len(field.evidence)].strip()
            return {"vague": quote, "low": int(low), "high": int(high)}
    if field.value == 1 and re.match(r"(?:批|部分|些)", text[at + len(field.evidence) : at + len(field.evidence) + 2]):
        return {}  # "先抽一批": a batch, not one item
    return None


def _sample_only(draft: BreakdownDraft, text: str, language: str) -> None:
    """A pool stated beside "a sample" / "一批" with no number: the job is the sample, asked."""
    field = draft.how_much.volume
    m = _SAMPLE_NO_NUMBER.search(text)
    if m is None:
        return
    quote = m.group("q") and f"a {m.group('q')}" or m.group("z")
    if field.status == FieldStatus.stated and isinstance(field.value, (int, float)) and field.evidence:
        at = text.find(field.evidence)
        pool = re.search(r"(?:we have|we've got|we got|there are|一共|总共|共有|有)\s*(?:like|about|around|roughly|大概|大约|约)?\s*$",
                         text[max(0, at - 24) : at], re.I)
        if pool is None:
            return
        _set_vague(draft, {"vague": quote}, quote, language)
    elif field.status == FieldStatus.missing:
        _set_vague(draft, {"vague": quote}, quote, language)


def guard_volume(draft: BreakdownDraft, text: str, language: str) -> None:
    """Apply the module doc's readings to the chosen volume."""
    field = draft.how_much.volume
    replacement = _invented(text, field)
    if replacement is not None:
        draft.how_much.volume = BreakdownField()
        if replacement:
            _set_vague(draft, replacement, str(replacement["vague"]), language)
        else:
            set_vague_volume(draft, text, language)  # "~40 scientists … prob 600-800 entries": the vague amount is known
    if draft.how_much.volume.status == FieldStatus.missing:
        m = _RANGE_THOUSANDS.search(text)
        if m and not is_rate(text, SimpleNamespace(start=m.start(), end=m.end())):
            factor = _MAGNITUDE[m.group("w").lower()]
            low, high = int(float(m.group("low")) * factor), int(float(m.group("high")) * factor)
            _set_vague(draft, {"vague": m.group(0), "low": low, "high": high}, m.group(0), language)
    for reader, confidence in ((_field_volume, 0.8), (_object_volume, 0.8), (_total_volume, 0.75)):
        found = reader(text)
        if found is None:
            continue
        value, quote = found
        current = draft.how_much.volume
        if current.status == FieldStatus.stated and current.value == value:
            return
        if reader is _total_volume and current.status == FieldStatus.stated:
            continue
        draft.how_much.volume = _stated(value, quote, confidence)
        draft.questions = [q for q in draft.questions if q.field != "how_much.volume"]
        return
    _sample_only(draft, text, language)


def read_budget_cap(draft: BreakdownDraft, text: str) -> None:
    """"钱的话……上限是2万": the cap is the budget, in CNY, when no budget was read."""
    if draft.how_much.budget.status != FieldStatus.missing:
        return
    m = _BUDGET_CAP.search(text)
    if m is None:
        return
    value = _number(m.group("n"), m.group("mag") or "")
    if value is None or value < 100:
        return
    draft.how_much.budget = BreakdownField(
        value={"amount": float(value), "currency": "CNY"}, status=FieldStatus.stated, confidence=0.75, evidence=m.group(0).strip()
    )
