"""Choosing the label list among rival candidates: each is scored on its own (`label_candidates.score`),
then candidates that read the same list differently are compared.

- a list read with sentence words stuck to its first or last item loses to the clean reading
  (but "三种：有意向、在观望" keeps its first character when the lengths agree);
- examples after a list ("比如x、y") and quoted data samples after "e.g." are not the label set;
- a list inside one line of a bulleted list explains that line;
- slashed words that are one item of a longer list ("snow/grooming, lifts") are no list of their own;
- aspects counted as 方面/维度 give way to the options after them;
- a list read from a middle comma gives way to the whole list; a list cut short gives way to the whole list.
"""

from __future__ import annotations

import re

from assistant.breakdown.label_brackets import aside_examples_lose, bracket_rivals
from assistant.breakdown.label_candidates import _FRAME_STRONG_RE, _FRAME_WEAK_RE, Candidate
from assistant.breakdown.label_everyday import binary_of_first_loses
from assistant.breakdown.label_fields_en import example_spans
from assistant.breakdown.label_scoring import THRESHOLD, _after_last, _item_ok, prepare
from assistant.breakdown.label_lexicon import has_cjk
from assistant.breakdown.label_codes import document_noise, prefer_coded
from assistant.breakdown.label_scale_lines import prefer_scale_lines
from assistant.breakdown.label_pulled_fields import brackets_lose
from assistant.breakdown.label_option_runs import acronym_grids_win, examples_lose, prefer_backtick_runs, prefer_named_points, prefer_slash_runs
from assistant.breakdown.label_prose_zh import prefer_fuller
from assistant.breakdown.label_retired import musing_lose, retired_lose
from assistant.breakdown.label_steps import steps_lose
from assistant.breakdown.label_terse import prefer_arrow_lists

__all__ = ["best"]

# "Pass/Fail for each weld photo": options given per item, not a noun phrase ("each taste/appearance descriptor")
_PER_ITEM = re.compile(r"[ \t]+(?:for|on|to|per)\s+(?:each|every|all|any)\b", re.I)


def _closer_to_rest(a: list[str], b: list[str]) -> bool:
    """`a`'s first item is nearer the length of the items after it than `b`'s (有意向、在观望、没兴趣 vs 意向)."""
    if len(a) < 3:
        return False  # two items give no length to go by ("分剧透、非剧透")
    rest = sorted(len(label) for label in a[1:])
    middle = rest[len(rest) // 2]
    return abs(len(a[0]) - middle) < abs(len(b[0]) - middle)


def _parallel(labels: list[str]) -> bool:
    """Three or more items of one length and one ending ("一类文、二类文、三类文", "Tier 1, Tier 2, Tier 3")."""
    return len(labels) >= 3 and len({len(label) for label in labels}) == 1 and len({label[-1] for label in labels}) == 1 and len(set(labels)) == len(labels)


def _looser(a: Candidate, b: Candidate) -> bool:
    """`a` reads the same list as `b` with words of the sentence stuck to its first or last item."""
    if len(a.labels) != len(b.labels) or a.labels == b.labels or a.labels[1:-1] != b.labels[1:-1]:
        return False
    first_ok = a.labels[0] == b.labels[0] or (a.labels[0].endswith(b.labels[0]) and len(a.labels[0]) > len(b.labels[0]))
    last_ok = a.labels[-1] == b.labels[-1] or (a.labels[-1].startswith(b.labels[-1]) and len(a.labels[-1]) > len(b.labels[-1]))
    return first_ok and last_ok


_SAMPLES = re.compile(r"\b(?:like|such as)\s+(?P<run>[\"“][^\"”\n]{1,60}[\"”](?:\s*(?:,|\bor\b|\band\b)\s*[\"“][^\"”\n]{1,60}[\"”])*)", re.I)
# 'labels like "billing" or "refund"' names the labels themselves
_LABEL_NOUN_BEFORE = re.compile(r"\b(?:labels?|tags?|categor\w*|classes|options|buckets|verdicts|answers|grades|ratings)\b[^.!?\n]{0,20}$", re.I)


def _quoted_samples(text: str) -> list[tuple[int, int]]:
    """Where quoted samples of the data follow "like" / "such as" ('Users type things like "how to void invoice"')."""
    return [(m.start("run"), m.end("run")) for m in _SAMPLES.finditer(text) if not _LABEL_NOUN_BEFORE.search(text[max(0, m.start() - 40) : m.start()])]


def best(candidates: list[Candidate], text: str) -> Candidate | None:
    prepare(candidates, text)
    steps_lose(candidates, text, THRESHOLD)  # "Steps:\n1) pull the logs\n2) strip names\n3) label every chat A, B or C"
    bracket_rivals(candidates, text, THRESHOLD)  # "急诊（比如误食、…）、尽快就诊", "address the question (on-topic / partially / off-topic)"
    aside_examples_lose(candidates, text, THRESHOLD)  # '（就是问在哪买、求链接这种），是的话标"求购"，不是标"其他"'
    for a in candidates:
        for b in candidates:
            if not (_looser(a, b) and b.score >= THRESHOLD - 1.0):
                continue
            prefix = a.labels[0][: len(a.labels[0]) - len(b.labels[0])]
            if (
                len(prefix) == 1 and has_cjk(prefix) and not _FRAME_WEAK_RE.fullmatch(prefix) and not _FRAME_STRONG_RE.fullmatch(prefix)
                and re.search(r"[:：、，,]\s*$", text[: a.start]) and re.search(r"[\u4e00-\u9fff]$", text[: b.start])
                and _closer_to_rest(a.labels, b.labels)
            ):
                b.score -= 3.0  # "三种：有意向、…" — the shorter reading began inside the word 有意向
            elif _parallel(a.labels) and not _parallel(b.labels):
                b.score -= 3.0  # "分成一类文、二类文、三类文": the frame ate 一类 of the first of parallel items
            else:
                a.score -= 3.0
            break
        # "把A和B抽出来，比如x、y、z这种": a list of examples right after a list gives examples of it
        lead = text[max(0, a.start - 8) : a.start]
        if re.search(r"(?:比如|例如|像是|such as|e\.g\.|like)\s*[:：]?\s*$", lead, re.I) and any(
            b is not a and b.score >= THRESHOLD and b.end <= a.start and a.start - b.end <= 16 and set(b.labels).isdisjoint(a.labels) for b in candidates
        ):
            a.score -= 4.0
    for a in candidates:
        # 'e.g. "MV Alba, berth 4, grain"', '举个例子："浙A·D1234，火车东站"': a sample of the data, quoted, is not the label set
        if re.search(r"(?:e\.g\.|for example|for instance|example|例如|比如|举个?例子?|样例)\s*[,:：，]?\s*(?:[\"“「『]|\n)\s*$", text[max(0, a.start - 24) : a.start], re.I):
            a.score -= 4.0
    samples = _quoted_samples(text)
    for a in candidates:
        # 'Users type things like "how to void invoice" or "QB sync failing"': quoted samples of the data are not labels
        if any(begin <= a.start < finish for begin, finish in samples):
            a.score -= 4.0
    examples = example_spans(text)
    for a in candidates:
        # "mark the port, like "Rotterdam" or "Hamburg", the cargo…": a list inside the examples of a thing to mark is data
        if a.kind != "fields" and any(start <= a.start and a.end <= end + 1 for start, end in examples) and any(
            b.kind == "fields" and b.score >= THRESHOLD for b in candidates
        ):
            a.score -= 4.0
    for a in candidates:
        # "- runtime（运行时、内存、性能）": a list inside one line of a bulleted list explains that item
        quoted_names = a.kind == "assigned" and re.search(r"[\"“「]", a.quote)  # '每个维度打"合格"或"不合格"': the requester's own names
        if a.kind not in ("lines", "defined_lines", "table") and "\n" not in a.quote and not quoted_names and any(
            b.kind in ("lines", "defined_lines", "table", "numbered") and b.score >= THRESHOLD - 1.0 and len(b.labels) >= 3 and b.start <= a.start and a.end <= b.end + 1
            and not set(a.labels) & set(b.labels) for b in candidates
        ):
            a.score -= 4.0
    for a in candidates:
        # "snow/grooming, lifts & queues, ski school" or "each taste/appearance descriptor": the slashed words are
        # one item of a longer list or part of a noun phrase, not a list of their own
        if a.kind == "slashed" and (
            (re.match(r"[ \t]+[a-z]", text[a.end : a.end + 2]) and not _PER_ITEM.match(text[a.end :]))
            or any(b is not a and len(b.labels) >= 3 and b.score >= THRESHOLD - 1.0 and any(a.quote in label or ("/" in label and {x.strip() for x in label.split("/")} <= set(a.labels)) for label in b.labels) for b in candidates)
        ):
            a.score -= 3.0
    for a in candidates:
        # "物流、价格、质量、服务四个方面各自是正面还是负面": the aspects are dimensions; the options come after them
        after = text[_after_last(a, text) : _after_last(a, text) + 12] if a.labels else ""
        # ("…：准确 / 小错 / 大错\n维度2 …": the next line's 维度 heads that line, it counts nothing of this one)
        if re.match(r"[ \t]*(?:[一二两三四五六七八九十\d]+\s*个)?(?:方面|维度)|[ \t]*(?:(?:two|three|four|five|six|\d+)\s+)?(?:aspects|dimensions)\b", after, re.I) and any(
            b is not a and b.start >= _after_last(a, text) and b.score >= THRESHOLD and not set(b.labels) & set(a.labels) for b in candidates
        ):
            a.score -= 4.0
    for a in candidates:
        # a list read from one of its middle commas ("Manager, Career growth…" of "Pay, Manager, Career growth…")
        # gives way to the whole list when the items before it read as labels too
        for b in candidates:
            if (
                len(b.labels) > len(a.labels) >= 2 and b.labels[-len(a.labels) :] == a.labels and b.start < a.start <= b.end and a.score > b.score - 0.1
                and not re.search(r"[:：]", text[b.start : a.start])  # "留言，判断用户意图：真心打赏…": the colon opens the list
            ):
                if all(_item_ok(label, b.labels) for label in b.labels[: -len(a.labels)]):
                    b.score = a.score + 0.1
    for a in candidates:
        # a list cut short (its last lines dropped as sentences) loses to the whole list when that reads as labels too
        longer = [b.score for b in candidates if len(b.labels) > len(a.labels) >= 2 and b.labels[: len(a.labels)] == a.labels
                  and b.start <= a.end and a.start <= b.end and b.score >= THRESHOLD]
        if longer and a.score >= max(longer):
            a.score = max(longer) - 0.5
    for a in candidates:
        if a.kind != "scale" or not a.labels or not all(label.isdigit() for label in a.labels):
            continue
        for b in candidates:
            # "a 5-point scale: A much better / … / B much better": the scale's points, named right after it
            if (
                b is not a and len(b.labels) == len(a.labels) >= 3 and not any(label.isdigit() for label in b.labels)
                and a.end <= b.start <= a.end + 4 and re.match(r"\s*[:：]", text[a.end : b.start + 1]) and b.score >= THRESHOLD
            ):
                b.score = max(b.score, a.score + 0.1)
            # "on a 1 to 5 scale, 1 = furious, 3 = meh, 5 = delighted": anchors explain some points of the stated range
            if (
                b is not a and b.kind == "scale" and set(b.labels) < set(a.labels) and a.end <= b.start <= a.end + 40
                and all(label.isdigit() for label in b.labels)
            ):
                b.score = min(b.score, a.score - 0.5)
    for q in candidates:
        # "1) Faithful? yes / no\n2) Complete? complete / partially": the questions are not the options they ask for
        if q.kind == "dimensions" and q.score >= THRESHOLD:
            for a in candidates:
                if a is not q and a.start < q.end and q.start < a.end and any("?" in label for label in a.labels):
                    a.score = min(a.score, q.score - 0.1)
    for q in candidates:
        # '"return/refund", "ingredient or allergy question"': a reading that cuts inside a quoted name
        # ("ingredient" / "ergy question") loses to the run of whole quoted names
        if q.kind != "quoted" or len(q.labels) < 3:
            continue
        for a in candidates:
            if a is not q and a.start < q.end and q.start < a.end and any(
                label not in q.labels and any(label in name and label != name for name in q.labels) for label in a.labels
            ):
                a.score = min(a.score, THRESHOLD - 1.0)
            elif a is not q and a.kind != "quoted" and a.start < q.end and q.start < a.end and set(a.labels) < set(q.labels):
                a.score = min(a.score, q.score - 0.1)  # part of the quoted run read unquoted
    prefer_backtick_runs(candidates, text, THRESHOLD)  # "`minor_error` (wrong colour / count off)": the names, not the note
    prefer_slash_runs(candidates, text, THRESHOLD)  # "同一家 / 母子公司或分公司 / 不是一家": the slash delimits, 或 stays inside
    prefer_named_points(candidates)  # "1=完全错误，2=部分正确，3=完全正确": the names, not 1-3
    prefer_scale_lines(candidates, text)  # "a five-point scale:\n very unhappy – unhappy – …": the names, not 1-5
    brackets_lose(candidates, text)  # "…, EBITDA, and deal type (majority / minority / carve-out)": one field's values
    acronym_grids_win(candidates, text, THRESHOLD)  # "GSB评估 … 标 G / S / B": the letters of the grid's name
    prefer_arrow_lists(candidates)  # "bucket by category -> jewellery, ceramics": the list after the arrow
    examples_lose(candidates, text, THRESHOLD)  # 'users type things like "how to void invoice"': samples, not options
    for a in candidates:  # "fasting yes/no flag" in a list of fields: the values of one field, not the label set
        if a.kind == "yes_no" and re.match(r"\s+(?:flag|field)\b", text[a.end :], re.I) and re.search(r"\w\s+$", text[: a.start]) and any(
            b is not a and len(b.labels) >= 3 and b.start < a.start and a.end <= b.end + 1 for b in candidates
        ):
            a.score -= 4.0
    document_noise(candidates, text)  # "Type: Task   Priority: P2   Labels: ocr, latam"
    prefer_coded(candidates, text, THRESHOLD)  # "I01 Screen broken / repair": the coded line's name, not a split of it
    prefer_fuller(candidates, THRESHOLD)  # "…的，标为可播；…标为需上报；…标为不可播": every name of the rubric
    retired_lose(candidates, text, THRESHOLD)  # "以前用 好/中/差 三档，这次改成0、1、2、3四档": the old set gives way
    musing_lose(candidates, text, THRESHOLD)  # "都在聊些什么，形制、拍照还是二手交易？": the requester thinking aloud
    binary_of_first_loses(candidates, text, THRESHOLD)  # "有没有死鸡、鸡扎堆、料槽空了": the question covers the whole list
    ranked = sorted(candidates, key=lambda c: (-c.score, -len(c.labels), sum(map(len, c.labels)), c.start))
    return ranked[0] if ranked and ranked[0].score >= THRESHOLD else None
