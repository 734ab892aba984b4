"""Chinese label lists revised later in a thread, a chat or meeting minutes: the final word wins.

- a list restated whole later with more names (`先分 好评 / 差评` … `就四类吧，好评、差评、中性、混合`);
- a name added with its quotes (`再加一个"无法判断"`, `补一个"图片无法识别"`, `单独一类，叫"答案冲突"`,
  `"议价"也算一类`, `直接标"广告"`, `都标"存在安全问题"`, `"期望入住时间"要标一下`);
- a name renamed (`"心态吐槽" 改叫 "情绪倾诉"`), split (`"违禁代购"太笼统，拆成 处方药/管制药品 和 烟酒 两类`,
  `"疼痛"要单独拉出来` of a slashed `牙套不贴合/疼痛`)
  or taken back by a short reference (`联系方式那个…那去掉`, `精神障碍那块…这一类先不标`, `"问路/定位"那个…合并进"其他"`);
- a second dimension's scale kept in the next sentence (`…：无错误、轻微错误、严重错误。整体可用性保留 1-3 分`);
- names counted one by one with their quotes (`一是"改时间"…；二是"取消"；三是"问路/定位"`) or offered as a quoted
  pair (`每个维度打"合格"或"不合格"`).

Only what comes after the list is read, and only names in quotes are added, so a sample of the data or a
question about a name does not become a label.
"""

from __future__ import annotations

import re

from assistant.breakdown.label_candidates import Candidate, clean_item
from assistant.breakdown.label_lexicon import has_cjk

__all__ = ["add_kept_scale", "counted_quoted_candidates", "quoted_pair_candidates", "restated_list", "revise"]

_O = "“\"「『"
_C = "”\"」』"
_Q = rf"[{_O}](?P<name>[^{_C}\n，。；]{{1,12}})[{_C}]"
_ADDED = [
    re.compile(rf"(?:再加|加上|加|补|增加|添加|新增|多加)(?:上)?(?:一个|个|一类|一种|一项|一档)?\s*{_Q}"),
    re.compile(rf"单独(?:一类|一个类|分一类|列一类|算一类|标|列)[，,]?\s*(?:就)?(?:叫|名为|叫做|称为)?\s*{_Q}"),
    re.compile(rf"{_Q}\s*(?:也|就)?(?:算|单独算|作为|当|单列)(?:一类|一个类|一档)"),
    re.compile(rf"(?:直接|都|一律|统一|全部|一概)(?:标|判|算|记|归)(?:为|成|作)?\s*{_Q}"),
    re.compile(rf"{_Q}\s*(?:也|还)?(?:要|得|需要)标"),
]
_REST = re.compile(rf"(?:其他|其它|其余|剩下|别的)[^。\n{_O}]{{0,10}}?(?:都|就|则|一律|统一)?(?:归为|归到|归入|归|算作|算|标为|标成|放进|放到|放)\s*{_Q}")
_RENAME = r"[{o}]?{old}[{c}]?\s*(?:改叫|改成|改为|改名为|改名叫|换成|换个名字叫)\s*[{o}](?P<new>[^{c}\n，。；]{{1,12}})[{c}]"
_SPLIT = r"[{o}]?{old}[{c}]?[^。\n]{{0,12}}?拆(?:成|为|开成|分成)\s*(?P<list>[^。\n]{{2,40}}?)\s*(?:[两二三四五]类|[两二三四五]个)"
_APART = r"[{o}]{part}[{c}]\s*(?:也|就)?(?:要|得|需要)?单独(?:拉|拎|分|拆|列|提|摘|拿)出来"
_DROP = (
    r"[{o}]?{ref}[{c}]?(?:那个|那块|那类|那一类|这个|这块|这类)[^。]{{0,60}}?"
    # the verb opens its clause ("，那去掉", "，这一类先不标"): "物流那个例子里的手机号去掉" takes back the phone number
    r"[，,\n]\s*(?:那就|那|就|这一类|这类|这个|那个)?\s*(?:先|也|都|直接)?\s*"
    r"(?:去掉|删掉|拿掉|不要了|不标|不标了|不用标|合并进|合并到|并入|并到)"
)


def restated_list(chosen: Candidate, candidates: list[Candidate], threshold: float) -> Candidate:
    """A later list that holds every name of the chosen one and more is the list as finally agreed."""
    if not has_cjk("".join(chosen.labels)):
        return chosen
    later = [c for c in candidates if c.start > chosen.end and c.score >= threshold and set(chosen.labels) < set(c.labels) and c.labels[: len(chosen.labels)] == chosen.labels]
    return max(later, key=lambda c: c.start) if later else chosen


def _other_at(candidate: Candidate, text: str, start: int) -> int:
    return text.find(candidate.other, start) if candidate.other and candidate.other in candidate.labels else -1


def revise(candidate: Candidate, text: str) -> None:
    """Names added, renamed, split or taken back after the chosen Chinese list, in the order the text gives them."""
    if not candidate.labels or not has_cjk("".join(candidate.labels) + text[candidate.start : candidate.end]):
        return
    after = text[candidate.end : candidate.end + 900]
    fill = {"o": _O, "c": _C}
    for label in list(candidate.labels):
        m = re.search(_RENAME.format(old=re.escape(label), **fill), after)
        if m and m.group("new") not in candidate.labels:
            candidate.labels[candidate.labels.index(label)] = m.group("new").strip()
            continue
        m = re.search(_SPLIT.format(old=re.escape(label), **fill), after)
        if m:
            parts = [clean_item(part) for part in re.split(r"\s*(?:和|与|及|、|，|,)\s*", m.group("list")) if part.strip()]
            if len(parts) >= 2 and all(1 <= len(part) <= 12 for part in parts):
                at = candidate.labels.index(label)
                candidate.labels[at : at + 1] = [part for part in parts if part not in candidate.labels]
    for label in list(candidate.labels):
        parts = [part.strip() for part in re.split(r"[/／]", label)]
        # '"牙套不贴合/疼痛" … 更新："疼痛"要单独拉出来': one half of a slashed name set apart splits the name in two
        if len(parts) == 2 and all(parts) and any(re.search(_APART.format(part=re.escape(part), **fill), after) for part in parts):
            at = candidate.labels.index(label)
            candidate.labels[at : at + 1] = [part for part in parts if part not in candidate.labels]
    for label in list(candidate.labels):
        if label == candidate.other or len(candidate.labels) <= 2:
            continue
        refs = [label] + [label[:n] for n in range(len(label) - 1, 1, -1) if sum(other.startswith(label[:n]) for other in candidate.labels) == 1]
        if any(re.search(_DROP.format(ref=re.escape(ref), **fill), after) for ref in refs):
            candidate.labels.remove(label)
    hits = sorted({(m.start("name"), m.group("name").strip()) for regex in _ADDED for m in regex.finditer(after)
                   if not re.search(r"[吗么？?]", after[m.end() : m.end() + 12].split("\n")[0])})  # '"手机号"要标吗？' asks
    rest = _REST.search(after)
    if rest and not candidate.other and rest.group("name") not in candidate.labels:
        hits = [hit for hit in hits if hit[1] != rest.group("name")]
    else:
        rest = None
    other_at = _other_at(candidate, text, candidate.start)
    for at, name in hits:
        if name in candidate.labels or not has_cjk(name) or re.search(r"[吗呢？?]", name):
            continue
        if candidate.other and other_at > candidate.end + at:
            candidate.labels.insert(candidate.labels.index(candidate.other), name)
        else:
            candidate.labels.append(name)
    if rest:  # '其他啥都不是的归"其他"': the catch-all named later in the thread closes the list
        candidate.labels.append(rest.group("name"))
        candidate.other = rest.group("name")


# "一是"改时间"，…；二是"取消"；三是"问路/定位""
_COUNTED = re.compile(rf"(?:(?P<n>[一二三四五六七八九十])是|第(?P<m>[一二三四五六七八九十])[类种个项]?(?:是|叫|为)?)\s*{_Q}")
_ORDER = "一二三四五六七八九十"


def counted_quoted_candidates(text: str) -> list[Candidate]:
    found = []
    run: list[re.Match[str]] = []
    for m in [*_COUNTED.finditer(text), None]:
        number = (m.group("n") or m.group("m")) if m else ""
        if m is not None and run and _ORDER.index(number) == _ORDER.index(run[-1].group("n") or run[-1].group("m")) + 1 and m.start() - run[-1].end() <= 80:
            run.append(m)
            continue
        if len(run) >= 2:
            names = [hit.group("name").strip() for hit in run]
            found.append(Candidate(names, text[run[0].start() : run[-1].end()], run[0].start("name"), run[-1].end("name"), "assigned"))
        run = [m] if m is not None and number == "一" else []
    return found


# '每个维度打"合格"或"不合格"', '标成"通过"还是"打回"'
_PAIR = re.compile(
    rf"(?:打|标|标为|标成|评为|判为|判|选|记为|勾)\s*[{_O}](?P<a>[^{_C}\n，。；]{{1,10}})[{_C}]\s*(?:或者?|还是|或是|/|、)\s*[{_O}](?P<b>[^{_C}\n，。；]{{1,10}})[{_C}]"
)


def quoted_pair_candidates(text: str) -> list[Candidate]:
    return [Candidate([m.group("a"), m.group("b")], text[m.start("a") - 1 : m.end("b") + 1], m.start("a"), m.end("b"), "assigned")
            for m in _PAIR.finditer(text) if m.group("a") != m.group("b")]


# "…改成三档：无错误、轻微错误、严重错误（…）。整体可用性保留 1-3 分。": a second dimension scored in the next sentence
_KEPT_GAP = re.compile(r"^(?:[（(][^（）()\n]{0,40}[)）])?\s*[。；;]\s*(?P<dim>[\u4e00-\u9fff]{2,8}?)(?:保留|也|还是|仍然|仍|继续|照旧|另外|另)(?:打|按|用|给)?\s*")


def add_kept_scale(chosen: Candidate, candidates: list[Candidate], text: str, threshold: float) -> tuple[Candidate, Candidate]:
    """`chosen` with the scale of a second dimension kept right after it joined, and the first of the two."""
    if chosen.kind == "scale" or not has_cjk("".join(chosen.labels)):
        return chosen, chosen
    for scale in candidates:
        if scale.kind != "scale" or scale.score < threshold + 1.0 or set(scale.labels) & set(chosen.labels):
            continue
        gap = _KEPT_GAP.match(text[chosen.end : chosen.end + 60])  # the scale may be written earlier too ("③整体可用性 1-3 分")
        if gap and text.startswith(text[scale.start : scale.end], chosen.end + gap.end()):
            end = chosen.end + gap.end() + scale.end - scale.start
            joined = Candidate([*chosen.labels, *scale.labels], text[chosen.start : end].strip(), chosen.start, end, chosen.kind,
                               other=chosen.other, notes=list(chosen.notes), score=chosen.score)
            return joined, chosen
    return chosen, chosen
