"""Chinese labels in formal prose: named after their criteria, in running sentences, or as fields to mark.

- a rubric that gives each criterion, then the name it gets (`可以直接播出的，标为可播；…的，标为修改后可播`,
  `…的，属于虚假医疗信息；…以上均不属于的，视为正常`, `…的，为“重复”`, `…的，给3分；…其余给0分`);
- a catch-all named later in the same sentence (`看看是咨询、投诉还是建议，别的就算了——比如广告之类的，统一归为无效`);
- a judged list whose last option follows a comma and 或者 (`判断A版更好、B版更好、两者相当，或者两者均存在安全隐患`);
- the options of aspects counted one by one (`一是看家长的态度，是满意、基本满意还是不满意；二是看…，比如收费、时长等`),
  a verb of asking before what is asked about dropped (`是询问办证进度、咨询材料要求，还是反映问题`);
- the reasons a label asks for (`…的，判为不合格，并注明属于顺序错误、漏项中的哪一种或哪几种`);
- fields to mark, each with the words that say whose it is (`需在原文中标出：病例的发病时间；首发病例出现的场所名称；…`,
  `需要屏蔽的包括：自然人的姓名、…。未成年人的就读学校亦须屏蔽`): the name is what follows the last 的.

A rubric needs a condition before each name (a clause ending in 的/者, or opening with 凡/若/如果), so
`这些数据属于公司内部` or `结果为准` names nothing.
"""

from __future__ import annotations

import re

from assistant.breakdown.label_candidates import Candidate, Split, clean_item
from assistant.breakdown.label_lexicon import CLAUSE_WORDS_ZH, NOT_LABEL_HEADS

__all__ = ["aspect_candidates", "extend_rest_in_sentence", "field_candidates_zh", "judged_or_candidates", "prefer_fuller", "reason_extras", "rubric_candidates"]

_OPEN = "“\"「『"
_CLOSE = "”\"」』"
_ADVERB = r"(?:一律|统一|均|都|则|即|就|直接|可|应|一般)?"
# the verb that gives a name after its criterion; a bare 为 only with the name quoted or right after "的，"
_VERB = r"(?:标注为|标记为|标为|标成|记为|记作|记|判为|判定为|评为|定为|归为|归入|属于|视为|算作|算|为)"
_NAME_END = r"(?=\s*(?:即可|就行|吧)?\s*(?:[，,；;。！!\n）)]|$))"
_RUBRIC = re.compile(
    rf"(?P<lead>[，,；;：:。\n]|^)\s*{_ADVERB}(?P<verb>{_VERB})\s*"
    rf"(?:[{_OPEN}](?P<quoted>[^{_CLOSE}\n，。；]{{1,12}})[{_CLOSE}]|(?P<bare>[\u4e00-\u9fffA-Za-z][\u4e00-\u9fffA-Za-z0-9]{{0,7}}?){_NAME_END})"
    rf"|(?P<lead2>[，,；;：:\n]|^)\s*(?:其余|其他|否则|以上均不符合的?)?\s*给\s*(?P<points>\d{{1,2}})\s*分{_NAME_END}"
)
# the words before a name say which items get it
_CONDITION = re.compile(r"的|者|凡|若|如果|其余|其他|否则|除此之外|以上均不")
_NOT_NAME = re.compile(rf"{CLAUSE_WORDS_ZH}|一下|出来|清楚|依据|基础|例|参考|重点|目的|前提|原则|单位|一类|一种|一个|^(?:其中|此|该|本)", re.M)


def rubric_candidates(text: str) -> list[Candidate]:
    """Two or more names, each given after its criterion in one paragraph."""
    found: list[Candidate] = []
    for para in re.finditer(r"[^\n]+", text):
        body, base = para.group(0), para.start()
        hits: list[tuple[int, int, str, bool]] = []  # start, end, name, points
        previous = 0
        for m in _RUBRIC.finditer(body):
            name = m.group("quoted") or m.group("bare") or m.group("points")
            if not name:
                continue
            if m.group("verb") == "为" and m.group("bare") and not re.search(r"的\s*[，,]\s*$", body[: m.start("verb")]):
                continue  # "以…为准", "结果为…": a bare 为 names only right after its criterion
            if m.group("bare") and _NOT_NAME.search(name):
                continue
            before = body[previous : m.start()]
            sentence_start = max(before.rfind("。"), before.rfind("；"), before.rfind(";"))
            clause = before[sentence_start + 1 :] + body[m.start() : m.start("verb") if m.group("verb") else m.start("points")]
            if not _CONDITION.search(clause):
                continue
            start = m.start("quoted") if m.group("quoted") else m.start("bare") if m.group("bare") else m.start("points")
            hits = [hit for hit in hits if hit[2] not in clause]  # "…的，视为失实；…凡有失实的，一律评为差": a criterion, not a name
            hits.append((start, m.end("quoted") if m.group("quoted") else m.end("bare") if m.group("bare") else m.end("points"), name.strip(), bool(m.group("points"))))
            previous = m.end()
        found += _runs(hits, body, base)
    return found


# "标注员的要求：本科以上的，算合格；…": criteria for the team, the data or the schedule, not for the items
_HEADED = re.compile(rf"^\s*(?:{NOT_LABEL_HEADS})(?:的)?(?:要求|资质|条件)?\s*[:：]", re.I)


def _runs(hits: list[tuple[int, int, str, bool]], body: str, base: int) -> list[Candidate]:
    hits = [hit for hit in hits if not _HEADED.search(re.split(r"[。\n]", body[: hit[0]])[-1])]
    found = []
    run: list[tuple[int, int, str, bool]] = []
    for hit in [*hits, None]:
        if hit is not None and (not run or (hit[0] - run[-1][1] <= 160 and hit[3] == run[-1][3])):
            run.append(hit)
            continue
        names = list(dict.fromkeys(h[2] for h in run))
        if len(names) >= 2 and len(names) == len(run):
            start, end = run[0][0], run[-1][1]
            points = run[0][3]
            found.append(Candidate(names, body[start:end], base + start, base + end, "assigned", ordinal=points))
        run = [hit] if hit is not None else []
    return found


# "别的就算了——比如广告、测试、乱码之类的，统一归为无效即可"
_REST_IN_SENTENCE = re.compile(
    r"^[^。！？!?\n]{0,12}?(?:别的|其他|其它|其余|剩下|除此之外|此外)[^。！？!?\n]{0,40}?[，,]\s*(?:统一|一律|都|全部|均|就)?\s*"
    rf"(?:归为|归入|标为|标成|算作|视为|记为)\s*[{_OPEN}]?(?P<label>[\u4e00-\u9fff]{{1,6}}?)[{_CLOSE}]?(?=\s*(?:即可|就行|吧)?\s*(?:[，,；;。！!\n]|$))"
)


def extend_rest_in_sentence(candidate: Candidate, text: str) -> None:
    """A catch-all named a little later in the list's own sentence, after examples of what it holds."""
    if candidate.other or candidate.kind in ("scale", "named_points") or len(candidate.labels) < 2 or not re.search(r"[\u4e00-\u9fff]", "".join(candidate.labels)):
        return
    m = _REST_IN_SENTENCE.match(text[candidate.end : candidate.end + 80])
    if m is None or m.group("label") in candidate.labels or _NOT_NAME.search(m.group("label")):
        return
    candidate.labels.append(m.group("label"))
    candidate.other = m.group("label")
    candidate.end += m.end("label")
    candidate.quote = text[candidate.start : candidate.end].strip()


# "判为不合格，并注明属于顺序错误、漏项、术语不规范中的哪一种或哪几种"
_REASONS = re.compile(r"^[^。！？!?\n]{0,6}?[，,]?\s*(?:并|并且|同时|且)?\s*(?:注明|写明|标明|说明|指出|勾选|选择|选出)(?:其|是)?(?:属于|是)?\s*(?P<list>[^。；;\n]{3,80}?)(?:中的|里的|中)(?:哪一[种类个项]|哪几[种类个项]|哪[种类个项些])")


def reason_extras(labels: list[str], text: str, split: Split) -> list[str]:
    """The reasons a label of the list asks for, listed after it with 中的哪一种."""
    for label in labels:
        if not re.search(r"[\u4e00-\u9fff]", label):
            continue
        for at in [m.end() for m in re.finditer(re.escape(label), text)]:
            m = _REASONS.match(text[at : at + 120])
            if m is None:
                continue
            names, _, consumed = split(m.group("list"))
            names = [name for name in names if name and name not in labels and len(name) <= 8]
            if len(names) >= 2 and consumed >= len(m.group("list").rstrip()) - 1:
                return names
    return []


# "需在原文中标出：病例的发病时间；…", "需要屏蔽的包括：自然人的姓名（…）、公民身份号码"
_FIELD_HEAD = re.compile(r"(?:标出|标注出|屏蔽|抽取|提取|抽出|摘出|识别出|找出)(?:的|的内容|的信息)?(?:包括|包含|有|如下)?\s*[：:]\s*")
_ALSO_FIELD = re.compile(r"^\s*(?P<name>[^，,。；;\n]{2,16}?)(?:亦|也|同样|还)(?:须|需|需要|要|应|应当)(?:予以)?(?:屏蔽|标出|标注|抽取|提取|标)")


def _field_name(item: str) -> str:
    item = clean_item(re.sub(r"[（(][^（）()]*[)）]", "", item)).strip()
    item = re.sub(r"^(?:以及|及|和|还有|另外)", "", item)
    if "的" in item and len(item.rsplit("的", 1)[1]) >= 2:
        item = item.rsplit("的", 1)[1]  # "首发病例出现的场所名称": the field, not whose it is
    return item


def field_candidates_zh(text: str) -> list[Candidate]:
    """Fields to mark listed after a colon, each stripped of whose it is, with one added in the next sentence."""
    found = []
    for head in _FIELD_HEAD.finditer(text):
        stop = re.search(r"[。\n]", text[head.end() :])
        end = head.end() + (stop.start() if stop else len(text) - head.end())
        body = text[head.end() : end]
        masked = re.sub(r"[（(][^（）()]*[)）]", lambda b: "＿" * len(b.group(0)), body)
        parts, at = [], 0
        for sep in re.finditer(r"[；;、]", masked):
            parts.append(body[at : sep.start()])
            at = sep.end()
        parts.append(body[at:])
        names = [_field_name(part) for part in parts]
        if len(names) < 3 or not all(2 <= len(name) <= 8 and re.fullmatch(r"[\u4e00-\u9fffA-Za-z0-9/]+", name) for name in names):
            continue
        also = _ALSO_FIELD.match(text[end + 1 : end + 40]) if text[end : end + 1] == "。" else None
        if also and 2 <= len(_field_name(also.group("name"))) <= 8:
            names.append(_field_name(also.group("name")))
            end = end + 1 + also.end("name")
        if len(set(names)) == len(names):
            found.append(Candidate(names, text[head.end() : end], head.end(), end, "assigned"))
    return found


def prefer_fuller(candidates: list[Candidate], threshold: float) -> None:
    """Names given one by one, read twice: the reading that holds every name of the other and more wins."""
    for b in candidates:
        if b.kind != "assigned" or b.score < threshold:
            continue
        for a in candidates:
            if a is not b and a.kind == "assigned" and set(a.labels) < set(b.labels) and a.start < b.end and b.start < a.end:
                a.score = min(a.score, b.score - 0.1)


# "判断A版更好、B版更好、两者相当，或者两者均存在安全隐患": a judged list whose last option comes after a comma and 或者
_JUDGED_OR = re.compile(
    # "看看每条留言是在问价格、问配送、…，还是别的": the thing judged and its 是(在) come before the list
    # "消息分一下：是要开门、换锁芯，还是咨询价格？": a sorting verb and its colon, then the question asked of each item
    r"(?:判断|判定|评判|区分|看看|看|(?<![部充十百千万])分(?:一下|下|一分|个类|一下类)?\s*[:：])(?:一下)?(?:[^、，,。；;\n]{1,10}?(?:是在|是|属于|为)|是|属于|为)?\s*(?P<list>[^。；;，,\n]{2,40}?、[^。；;，,\n]{1,40}?)[，,]\s*(?:或者|或是|还是)\s*(?:是|属于)?\s*"
    r"(?P<last>[\u4e00-\u9fffA-Za-z0-9]{2,12})(?=\s*[。；;？?！!\n]|$)"
)


def judged_or_candidates(text: str, split: Split) -> list[Candidate]:
    found = []
    for m in _JUDGED_OR.finditer(text):
        names, _, consumed = split(m.group("list"))
        if names and re.search(r"是\s*$", text[: m.start("list")]) and re.fullmatch(r"(?:要|想)[\u4e00-\u9fff]{2,6}", names[0]) and not any(name[0] in "要想" for name in names[1:]):
            names[0] = names[0][1:]  # "是要开门、换锁芯": the 要 of the question (is it to …), not of the option
        if len(names) >= 2 and consumed >= len(m.group("list").rstrip()) - 1 and m.group("last") not in names and not _NOT_NAME.search(m.group("last")):
            found.append(Candidate([*names, m.group("last")], text[m.start("list") : m.end("last")], m.start("list"), m.end("last"), "assigned"))
    return found


# "一是看家长的态度，是满意、基本满意还是不满意；二是看…哪些方面，比如收费、时长、师资等": two aspects, each with its options
_ASPECT = re.compile(r"(?P<n>[一二三四五])是(?P<seg>[^；;。\n]{4,120})")
_ASPECT_LEAD = re.compile(r"(?:例如是|比如是|例如|比如|譬如|诸如|如|是)")


def _aspect_names(seg: str, split: Split) -> list[str]:
    for lead in _ASPECT_LEAD.finditer(seg):
        body = re.sub(r"等$", "", seg[lead.end() :].strip())
        tail = re.search(r"[，,]\s*(?:还是|或者|或是)\s*(?P<last>[\u4e00-\u9fff]{2,8})$", body)  # "…、咨询材料要求，还是反映问题"
        body = body[: tail.start()] if tail else body
        if "、" not in body:
            continue
        names, _, consumed = split(body)
        names += [tail.group("last")] if tail else []
        # "是询问办证进度、预约办理、咨询材料要求": a verb of asking before what is asked about is the sentence's
        names = [re.sub(r"^(?:询问|咨询|查询|打听)(?=[\u4e00-\u9fff]{3,})", "", name) for name in names]
        names = [re.sub(r"^(?:是|还是)", "", name) for name in names]
        if len(names) >= 2 and consumed >= len(body.rstrip()) - 1 and all(2 <= len(name) <= 8 for name in names):
            return names
    return []


def aspect_candidates(text: str, split: Split) -> list[Candidate]:
    """The options of two or more aspects counted 一是…；二是…, read as one list (the first aspect's first)."""
    found = []
    hits = list(_ASPECT.finditer(text))
    for i, first in enumerate(hits):
        if first.group("n") != "一":
            continue
        run = [first]
        for nxt in hits[i + 1 :]:
            if "一二三四五".index(nxt.group("n")) != "一二三四五".index(run[-1].group("n")) + 1 or nxt.start() - run[-1].end() > 3:
                break
            run.append(nxt)
        lists = [_aspect_names(hit.group("seg"), split) for hit in run]
        if len(run) >= 2 and all(lists):
            names = [name for names in lists for name in names]
            if len(set(names)) == len(names):
                found.append(Candidate(names, text[first.start() : run[-1].end()], first.start("seg"), run[-1].end(), "assigned"))
    return found
