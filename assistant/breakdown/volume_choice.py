"""Which of the counts a request mentions is the number of items to label in this job.

A request often names several quantities: "论坛总共38万多帖，这次抽了2.4万帖", "~12 vessels ... ~18,000
remarks total", "40个坐席，每人抽50通", "1,500 pairs now and a few thousand more after January". The
readers before this pass take the first count they recognise; this pass scores every mention
(`volume_mentions.mentions`) and replaces that choice only when another mention is clearly better:

- what it counts: a data item (条/段/封/帖/通/reviews/remarks/pairs) scores up; a container or a
  population (坐席, 门店, vessels, shops, users) scores down; people, time, money and sizes never count;
- the words around it: a labelling or sampling verb (标/抽/先做/这次/label/pulled/sample/give you/now)
  scores up; a population word (总共/一共/库/全部/archive/in total) scores down only when a smaller
  sampled count is also stated (a sample is smaller than what it is drawn from); "不用全标" says the
  total is not the job; a later batch ("a few thousand more after the sale", "后续还有") scores down;
  a rate ("400-500 texts on a busy night", "每天2000条") or work done before never counts;
- how exact it is: "约/左右/about/~ N" is the stated number, hedged; "N多/余/来/+" is an open range,
  recorded as vague with its range and a question, never as a stated number.

A count nobody can be sure of stays as the earlier readers left it: a missing number costs a
question, an invented one costs trust.
"""

from __future__ import annotations

import re
from types import SimpleNamespace

from assistant.breakdown.quantities import is_rate
from assistant.breakdown.request_facts import _past_work, _set_vague, _stated, set_vague_volume
from assistant.breakdown.volume_mentions import Mention, clause_bounds, mentions
from assistant.breakdown.volume_scope import read_number
from assistant.core.messages import text as message_text
from assistant.core.models import BreakdownDraft, BreakdownField, FieldStatus

__all__ = ["choose_volume", "score_mentions"]

_SAMPLE_CUE = re.compile(
    r"这次|本次|此次|这批|本批|这期|本期|这一期|先(?:标|做|抽|来|试|挑|跑)|试标|试做|试点|标注量|抽(?:样|取|出|了)|挑(?:了|出)|选(?:了|出)|取了|拿出|导出|整理了|准备了|拉了|给你|发你|要标|需要标|标注|其中|"
    r"\b(?:labell?ing (?:target|volume|goal)|annotation (?:target|volume)|this (?:phase|stage|sprint)|phase (?:one|1)|covers?|covering|pilot (?:of|batch|round|run)|trial (?:of|batch|round)|pulled|sampled|sample of|selected|picked|pick|choose|select|exported|collected|gathered|prepared|label(?:l?ed)?|annotate[ds]?|tag(?:ged)?|grade[ds]?|rate[ds]?|review(?:ed)?|"
    r"give you|send you|sent you|hand you|have ready|to label|to annotate|to review|this batch|first batch|this round|now|of them|of those|of these|out of (?:them|those|these)|"
    r"(?:only\s+)?as\s+(?:a\s+)?sample|sample first|this time|"
    r"start(?:ing)? with|begin with|to start|for now|a random|random|flagged|queued|left over|couldn'?t (?:decide|match|resolve))\b",
    re.I,
)
# a one-character verb counts only right before its number ("先标其中5000条", "评3000条"): inside a noun
# ("评论", "审核记录") it says nothing
_VERB_RIGHT_BEFORE = re.compile(r"[标评审抽挑选做](?:注|了|出|完)?(?:其中)?(?:的)?(?:约|大概|大约|前)?\s*$")
# the count is the object of a labelling verb: "label the 700 campaigns", "grade these 400 answers"
_OBJECT_OF_VERB = re.compile(
    r"\b(?:label|annotate|tag|classify|categori[sz]e|code|review|grade|rate|score|caption|describe|transcribe|check|judge|pick|choose|select|sample)\s+"
    r"(?:(?:the|these|those|all|our|only|just|another|a\s+sample\s+of|a\s+batch\s+of|a\s+random|random)\s+)*(?:about\s+|around\s+|roughly\s+|~\s*)?$",
    re.I,
)
# "……一千五百对左右，请逐对判断": the next clause goes through the counted items one by one
_ONE_BY_ONE_AFTER = re.compile(r"^\s*(?:左右|上下)?\s*[，,]?\s*(?:请|需要?|要)?\s*逐(?:条|对|张|份|件|篇|段|句|个|一)")
_POPULATION_CUE = re.compile(
    r"总共|一共|共有|全部|全量|整个|库里|库存|存量|总量|累计|总计|合计|全站|全库|数据库|藏品库|论坛|历史上|手上有|手头有|攒了|积累了|爬了|扒了|存了|"
    r"\b(?:in total|total(?:ling)?|altogether|overall|all told|archive[ds]?|entire|whole|backlog|database|catalog(?:ue)?|collection|corpus|library|pool|population|"
    r"combined|scraped|crawled|harvested|we'?re at|we are at|we(?:'ve| have)? got|we have|there are|we host|we run|we store|sitting in|stored|in (?:the|our) (?:bucket|archive|system|db|warehouse))\b",
    re.I,
)
# "2,000 of our 50,000 questions", "从3万条里抽": the count after "of our" / 从 is the pool drawn from
_POOL_BEFORE = re.compile(
    r"\b(?:out\s+of(?:\s+(?:our|the|all|those|these|its|their))?|of\s+(?:our|the|all(?:\s+(?:the|our))?|those|these|its|their))\s+(?:~\s*|about\s+|around\s+|roughly\s+)?$|从\s*(?:大概|大约|约)?$",
    re.I,
)
_NOT_ALL = re.compile(r"不用全|不需要全|不必全|不用都|不需要都|无需全|(?:don'?t|do not|no need to)\s+(?:need\s+to\s+)?(?:label|do|annotate|review)\s+(?:them\s+)?all|not all of", re.I)
_LATER = re.compile(
    r"^\s*(?:more|extra|additional)?[^.;!?\n。；]{0,30}?\b(?:later|afterwards|after (?:the|our|that)|next (?:month|quarter|year)|in (?:january|february|march|april|may|june|july|august|september|october|november|december))\b|"
    r"^[^。；;\n]{0,12}?(?:后续|以后|之后|下个月|明年|陆续|还会有|再来)",
    re.I,
)
# the part named first is followed by the rest of the same collection: the whole is the job
_THEN_REST = re.compile(
    r"\b(?:then|and then|after that|afterwards|followed by)\s+(?:do\s+|label\s+|tackle\s+)?the\s+(?:rest|remainder|remaining\b|others\b|other\s+\w+)|\bthe rest (?:after|later|afterwards)\b|"
    r"(?:然后|之后|再|后面|后续)(?:再)?(?:把)?(?:做|标|弄|处理)?(?:完)?(?:剩下|剩余|其余|其他)的?|剩下的(?:再|后面|之后|后续)|"
    # "下周一先给一千条，全部是下周五", "first 1,000 by Monday, all of it by Friday": a first delivery of the whole
    r"[，,]\s*(?:全部|全量|其余|剩下)的?(?:是|在|要|下周|月底|\d)|\b(?:all of (?:it|them)|everything|the (?:full|whole) (?:set|batch|thing)|the rest)\s+(?:by|on|before)\b",
    re.I,
)
# a first delivery named as a part of no stated size: "先给一部分", "send some of them first", "part of it by Friday"
_PART_FIRST = re.compile(r"先(?:给|交|出|发|做)?(?:一部分|一些|一点|部分)|\b(?:some|part|a few|a portion) of (?:them|it|those|these)\b[^.;]{0,20}\bfirst\b|\bfirst\s+(?:some|a part|a portion|a few)\b", re.I)
_QA_SAMPLE_BEFORE = re.compile(r"(?:抽检|质检|验收|复检|抽查)[^。；;\n]{0,20}$|\b(?:spot[- ]?check(?:s|ing)?|QA|audit(?:s|ing)?)\b[^.;!?\n]{0,20}$", re.I)
_MORE_LATER = re.compile(r"^\s*more\b", re.I)
_NIGHT_RATE = re.compile(r"^[^.;!?\n。；]{0,20}?\b(?:on|in|during)\s+a\s+(?:\w+\s+)?(?:night|day|week|shift|show|weekend|month)\b|^[^。；\n]{0,10}?(?:一晚|每晚|一场|每场|一天|一周)(?!内|之内|以内)", re.I)  # "一周内搞定" is a deadline
_RATE_BEFORE = re.compile(r"\b(?:we get|we receive|comes? in|arrive)\b[^.;!?\n]{0,10}$|每(?:晚|场|期|次)[^。；\n]{0,6}$", re.I)

_PAST_AFTER = re.compile(r"\b(?:last (?:year|month|quarter|time|round|spring|summer|autumn|fall|winter)|previously|years? ago|months? ago|back in (?:19|20)\d\d)\b|去年|上次|上一次|以前|之前做", re.I)
# "Last summer we got something like 48,000 submissions", "During last October's pledge drive … 11,400 conversations",
# "去年志愿季服务了12万人次": a count of an earlier season in the same sentence is history, not this job
_PAST_BEFORE = re.compile(
    r"\b(?:last|previous|past)\s+(?:year|summer|spring|autumn|fall|winter|season|time|round|month|quarter|"
    r"january|february|march|april|may|june|july|august|september|october|november|december)(?:'s)?\b|\bin\s+(?:19|20)\d\d\b|去年|上次|上一次|以前|往年",
    re.I,
)
_WHICH_IS_BEFORE = re.compile(r"^\s*(?:which|that)\s+(?:is|are|comes\s+to|makes|means)\s+(?:about\s+|around\s+|roughly\s+|~\s*)?$", re.I)
_ONLY_NEED = re.compile(r"\b(?:only|just)\s+(?:need|want)\b|\bfor now\b|\bthis (?:time|round|batch)\b|只(?:要|需要)|先", re.I)
_FIELD_LABEL = re.compile(r"([A-Za-z\u4e00-\u9fff][\w\s\u4e00-\u9fff]{0,30})[:：]\s*$")
_KIND_SCORE = {"data": 3.0, "unknown": 0.5, "container": -3.0}


def _context(text: str, item: Mention) -> tuple[str, str, str]:
    left, right = clause_bounds(text, item.start, item.end)
    return text[left : item.start], text[item.end : right], text[item.start : item.end]


# a sign-off line ("Cheers,", "Thanks!", "Best regards", "此致") and the signature under it: figures there describe the
# sender ("Ollie (owner, Fermata Sheet Music -- 38k products, ~900 orders/week)"), never the items to label
_SIGN_OFF = re.compile(
    r"^[ \t]*(?:cheers|thanks(?:\s+(?:so\s+much|again|in advance))?|thank\s+you(?:\s+so\s+much)?|many\s+thanks|best(?:\s+(?:regards|wishes))?|"
    r"kind\s+regards|warm\s+regards|regards|sincerely|yours(?:\s+(?:truly|sincerely))?|ta|thx|xx+|此致|祝好|谢谢|多谢)[ \t]*[,.!，。！]*[ \t]*$",
    re.I | re.M,
)


def in_signature(text: str, start: int) -> bool:
    """The position lies in the signature under the request's sign-off line (up to a quoted reply or a blank line)."""
    for m in _SIGN_OFF.finditer(text):
        if m.end() >= start:
            break
        block = text[m.end() : start]
        if not re.search(r"\n[ \t]*\n|\n[ \t]*>|\n[ \t]*(?:P\.?\s?S\b|附|另外)", block, re.I) and block.count("\n") <= 5:
            return True
    return False


def _excluded(text: str, item: Mention) -> bool:
    if item.kind not in _KIND_SCORE or in_signature(text, item.start):
        return True
    fake = SimpleNamespace(start=item.start, end=item.end)
    if not item.derived and (is_rate(text, fake) or _past_work(text, item.start)):
        return True
    left, right = clause_bounds(text, item.start, item.end)
    if _PAST_AFTER.search(re.split(r"[.!?](?:\s|$)", text[item.end : right])[0]):
        return True  # "a consultant ran a pilot on 200 of them last year": work done before
    after = text[item.end : item.end + 40]
    before = text[max(0, item.start - 30) : item.start]
    return bool(_NIGHT_RATE.match(after) or _RATE_BEFORE.search(before))


_JOB_TOTAL_BEFORE = re.compile(
    r"(?:所以|因此|也就是说?|加起来|合起来)[^，。；;\n]{0,6}?(?:要|需要|得)(?:看|标|审|听|检查|核对|评|标注|校对)(?:的)?(?:是|有|就是)?\s*(?:大概|大约|约)?\s*$|"
    r"\b(?:so|which means|in total|altogether)\b[^.;\n]{0,20}?\b(?:to|will)\s+(?:label|review|check|rate|annotate|judge|tag)\s+(?:about\s+|around\s+|roughly\s+|~\s*)?$"
    # "Each query top 20 products -> 16,000 pairs": the total the request works out after an arrow
    r"|(?:-+>|→|⇒|=>|(?<=\d)\s*[=＝])\s*(?:about\s+|around\s+|~\s*|约)?$",
    re.I,
)
_CATALOGUE_BEFORE = re.compile(
    r"\b(?:we|they|company|brand)\s+(?:\w+\s+)?(?:market|sell|carry|stock|manufacture|make|produce|distribute|offer)\s+(?:about\s+|around\s+|roughly\s+|~\s*|over\s+)?$|"
    r"(?:我们|公司|品牌)(?:一共|总共)?(?:卖|销售|经营|代理|生产|上架了?)(?:大概|大约|约)?\s*$",
    re.I,
)


def _names_the_material(text: str, item: Mention) -> bool:
    """An English count whose noun the request named earlier without a count, as the thing it wants worked on:
    "We scanned this year's permission slips … There are 1,200 slips." (only when no count names known data)."""
    noun = item.unit.split()[-1] if item.unit else ""
    if not re.fullmatch(r"[A-Za-z][a-z-]{2,}s", noun):
        return False
    return any(not re.search(r"\d", text[max(0, m.start() - 12) : m.start()])
               for m in re.finditer(rf"\b{re.escape(noun)}\b", text[: item.start], re.I))


def score_mentions(text: str) -> list[tuple[float, Mention]]:
    """Each candidate volume with its score, best first (ties keep the order of appearance)."""
    found = [m for m in mentions(text) if not _excluded(text, m)]
    for item in found if not any(m.kind == "data" for m in found) else []:
        if item.kind == "unknown" and _names_the_material(text, item):
            item.kind = "data"  # "…scanned the permission slips… There are 1,200 slips.": the count of what is labelled
    scored: list[tuple[float, Mention]] = []
    cues: dict[int, tuple[bool, bool]] = {}
    rest_follows = False
    for item in found:
        before, after, _ = _context(text, item)
        near_before = before[-16:]
        field = _FIELD_LABEL.search(text[: item.start - len(before)])
        if field and not before.strip(" ~约大概about"):
            near_before = field.group(1) + ": " + near_before  # "Labeling target: 20k tweets", "Our corpus: 1.2 million"
        score = _KIND_SCORE[item.kind]
        # a cue after the number belongs to it only up to the next count ("两万八千条评论，先标其中5000条")
        next_start = min((other.start for other in found if other.start >= item.end), default=len(text))
        own_after = after[: max(0, min(24, next_start - item.end))]
        sample = bool(
            _SAMPLE_CUE.search(near_before) or _SAMPLE_CUE.search(own_after) or _VERB_RIGHT_BEFORE.search(before[-8:]) or item.derived
            or _ONE_BY_ONE_AFTER.match(text[item.end : item.end + 16])
        )
        if _OBJECT_OF_VERB.search(text[max(0, item.start - 50) : item.start]) or "elliptic" in item.notes:
            sample = True  # "check 400 summary/application pairs" beside "we got 3,400 applications": the part to do
            score += 1.5  # the object of the labelling verb itself
            if item.kind == "unknown":
                score += 1.0  # "label the 700 campaigns": what is labelled is data, whatever its noun
        if _WHICH_IS_BEFORE.search(before) and _ONLY_NEED.search(text[max(0, item.start - 90) : item.start - len(before)]):
            sample = True  # "We only need the 2025 calls for now, which is 1,742 logs": the part asked for, counted
            score += 1.5
        sentence = re.split(r"[.!?。！？\n](?:\s|$)", text[max(0, item.start - 100) : item.start])[-1]
        if re.search(r"[:：]\s*(?:about\s+|~\s*)?$", sentence) and _ONLY_NEED.search(sentence):
            sample = True  # "We only need those re-labelled in-house: 1,150 prompts": the part asked for, counted
            score += 1.5
        if "restated" in item.notes:
            score += 3.0  # "250 disclosures → 5,000 hits": the total the request works out itself
        population = bool(_POPULATION_CUE.search(near_before) or _POPULATION_CUE.search(own_after) or _POOL_BEFORE.search(before))
        population = population or bool(_POPULATION_CUE.search(before))  # "Our burial database has about 212,000 records"
        sentence_before = re.split(r"[.!?。！？\n](?:\s|$)", text[max(0, item.start - 120) : item.start])[-1]
        done_before = bool(re.search(r"\b[a-z]+ed\s+(?:about\s+|around\s+|some\s+|~\s*)?$", before, re.I))  # "the old vendor rated 27,000 answers"
        if (not sample or done_before) and not item.derived and _PAST_BEFORE.search(sentence_before):
            score -= 3.5  # "Last summer we got 48,000 submissions": an earlier season's count
        if "collection" in item.notes:
            population = True
        if sample:
            score += 2.0
        if _NOT_ALL.search(text[item.end : min(next_start, item.end + 30)]):
            score -= 4.0  # "论坛总共38万多帖，不用全标"
            population = True
        own = re.split(r"\b(?:and|but|while)\b|[，,;；。.!！?？]", text[item.end : item.end + 60])[0]
        if _MORE_LATER.match(after) or _LATER.match(own):
            score -= 2.5
        if item.derived:
            score -= 0.5  # a total the request writes out wins over the same total computed
        if "factor" in item.notes:
            score -= 4.0  # "800个搜索词，每个取前10条", "85家门店，每家200条": the product, not a factor, is the volume
        if "restated-from" in item.notes:
            score -= 2.0  # the count a later "→ N", "i.e. N", "也就是N" restates as the total
        if "per-unit" in item.notes:
            score -= 3.0  # "40 texts per show" counts one container's share
        if item.value < 10:
            score -= 3.0
        job_total = bool(_JOB_TOTAL_BEFORE.search(text[max(0, item.start - 30) : item.start]))
        if job_total:
            score += 3.0  # "所以总共要看的是四万句左右", "so in total we need to review 4,000": the job the request works out
            population = False
        if _QA_SAMPLE_BEFORE.search(text[max(0, item.start - 30) : item.start]):
            score -= 4.0  # "抽检准确率≥95%（我们这边抽 500 条）", "our QA will spot-check 300": the checker's sample, not the job
            sample = False
        if _CATALOGUE_BEFORE.search(text[max(0, item.start - 30) : item.start]):
            score -= 3.0  # "we market 14 products", "我们卖200多款商品": what the requester sells, not what is labelled
        first_delivery = bool(re.search(r"先(?:给|交|出|发)[^，。；\n]{0,4}$", text[max(0, item.start - 8) : item.start]))
        then_rest = _THEN_REST.search(text[item.end : item.end + 80].split("\n")[0])
        if then_rest and _PART_FIRST.search(text[item.end : item.end + then_rest.start()]):
            then_rest = None  # "200个词，每个看前20个结果。本周五先给一部分，全部下周五前给": the first batch is "一部分", not this count
        if (sample or first_delivery) and then_rest:
            # "a pilot of 150 reports first, by next Friday, then the rest": a first batch of a job that is the whole
            score -= 4.0
            sample, rest_follows = False, True
        cues[id(item)] = (sample, population)
        scored.append((score, item))
    # a population is not the job when a smaller sampled count of data is stated beside it
    for index, (score, item) in enumerate(scored):
        sample, population = cues[id(item)]
        population = population or any("enough" in other.notes and other.value < item.value for _, other in scored)
        if not population:
            continue
        if rest_follows and any(other.value < item.value for _, other in scored if other is not item):
            scored[index] = (score + 1.0, item)  # the whole, of which the first batch is a part, is the job
            continue
        if any(
            cues[id(other)][0] and other.value < item.value and other.kind in {"data", "unknown"} and "factor" not in other.notes and other.value >= 10
            for _, other in scored
            if other is not item
        ):
            scored[index] = (score - 4.0, item)
    order = {id(item): i for i, (_, item) in enumerate(scored)}
    return sorted(scored, key=lambda pair: (-pair[0], order[id(pair[1])]))


def _matches(field: BreakdownField, item: Mention, text: str) -> bool:
    """The field was read from this mention: the same value, from words that overlap it."""
    evidence = field.evidence or ""
    value = field.value
    if isinstance(value, dict):
        value = value.get("low")
    if not evidence or not isinstance(value, (int, float)) or int(value) != item.value:
        return False
    start = text.find(evidence)
    while start >= 0:
        if start < item.end and item.start < start + len(evidence):
            return True
        start = text.find(evidence, start + 1)
    return False


def _apply(draft: BreakdownDraft, item: Mention, language: str) -> None:
    if item.exactness == "more":
        vague: dict[str, object] = {"vague": item.evidence}
        if item.low is not None:
            vague["low"] = item.low
        if item.high is not None:
            vague["high"] = item.high
        _set_vague(draft, vague, item.evidence, language)
        return
    confidence = 0.7 if item.derived else 0.8 if item.exactness == "about" else 0.85
    draft.how_much.volume = _stated(item.value, item.evidence, confidence)
    arithmetic = next((note for note in item.notes if re.fullmatch(r"\d+(?: [x+] [\d,.]+)+", note)), None)
    if item.derived and arithmetic:
        # the total is worked out from the request's own numbers: say how, so the requester can check it
        shown = re.sub(r"\d+", lambda d: f"{int(d.group(0)):,}", arithmetic.replace(",", "")).replace(" x ", " × ")
        draft.assumptions.append(
            message_text("breakdown.volume_arithmetic", language, total=item.value, arithmetic=shown, quote=item.evidence)
        )
    draft.questions = [q for q in draft.questions if q.field != "how_much.volume"]


# two counts offered as options: "5,000 or 10,000 reviews", "quote us for 5k and for 10k", "5000条或者1万条"
_NUMBER = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?"
_OPTION_PAIR = re.compile(
    rf"(?<![\d.,])(?P<a>{_NUMBER})\s?(?P<ma>[kK]|万|千)?\s*(?:[A-Za-z]+\s*|[条份段张个篇对组])?\s*[,，]?\s*(?:or|or maybe|and for|vs\.?|versus|maybe|perhaps|possibly|或者?|还是|或是|也可能|可能)\s*"
    rf"(?:for\s+|maybe\s+|up\s+to\s+|到\s*)?(?:about\s+|~\s*|约)?(?P<b>{_NUMBER})\s?(?P<mb>[kK]|万|千)?(?![\d.,%])",
    re.I,
)


def _options(draft: BreakdownDraft, text: str, language: str) -> None:
    """A stated volume that is one of two options the request offers is not the volume: both are asked."""
    current = draft.how_much.volume
    if current.status != FieldStatus.stated:
        return
    for m in _OPTION_PAIR.finditer(text):
        a = read_number(m.group("a") + (m.group("ma") or ""))
        b = read_number(m.group("b") + (m.group("mb") or m.group("ma") or ""))
        if a and b and a != b and current.value in (a, b) and min(a, b) >= 10 and max(a, b) <= 5 * min(a, b):
            quote = m.group(0).strip()
            _set_vague(draft, {"vague": quote, "low": min(a, b), "high": max(a, b)}, quote, language)
            return


_SHARE = re.compile(
    r"(?:抽样比例|抽样率|抽样|抽取|抽|只标|标)\s*(?:是|为)?\s*(?P<p>\d+(?:\.\d+)?)\s*%|(?P<p2>\d+(?:\.\d+)?)\s*%\s*的?(?:数据|样本)?(?:来|去)?(?:标|抽)"
    r"|(?:~|about\s+|around\s+|roughly\s+)?(?P<p3>\d+(?:\.\d+)?)\s*(?:%|percent)\s+(?:of\s+(?:our|the|all|those|these|them|it)(?!\s+(?:time|cases|items)\b)|sample)\b"
    r"|\b(?:sample|label|annotate|tag|review)\s+(?:~|about\s+|around\s+|roughly\s+)?(?P<p4>\d+(?:\.\d+)?)\s*(?:%|percent)"
    # a share in tenths: "先抽一成来标", "只标两成", "三成的数据拿来标" (一成 = 10%)
    r"|(?:抽样|抽取|抽出|抽|只标|标)\s*(?:是|为)?\s*(?:其中|里面)?\s*(?P<t>[一二两三四五六七八九1-9])成(?![员品本果])"
    r"|(?P<t2>[一二两三四五六七八九1-9])成\s*(?:左右)?\s*的?(?:数据|样本)?(?:来|去|拿来|出来)?(?:标|抽)",
    re.I,
)


def _share_of(m: re.Match[str]) -> float:
    """The share a `_SHARE` match names, as a fraction: "2%" -> 0.02, "一成" -> 0.1."""
    tenths = m.group("t") or m.group("t2")
    if tenths:
        value = read_number(tenths)
        return value / 10 if value else 0.0
    return float(next(g for g in (m.group("p"), m.group("p2"), m.group("p3"), m.group("p4")) if g)) / 100


# the share is the checkers' sample, not the job's: "抽10%质检", "抽5%复核", "sample 5% for QA", "review 10% as a spot check"
_QA_AFTER = re.compile(r"\s*(?:的|做|来|进行|用于|用来)?\s*(?:质检|抽检|检查|复核|复检|审核|验收|(?:for\s+|as\s+(?:an?\s+)?)?(?:QA|quality|spot[- ]?checks?|audits?))", re.I)


_MEASURE_BEFORE = re.compile(r"agree|agreement|accura|consisten|precision|recall|kappa|一致|准确|正确率|召回|精度", re.I)


def _share(draft: BreakdownDraft, text: str, language: str) -> None:
    """"全量30万条，抽样比例2%": the whole is not the job; the share of it is, worked out and asked."""
    current = draft.how_much.volume
    if current.status != FieldStatus.stated or not isinstance(current.value, int) or not current.evidence:
        return
    at = text.find(current.evidence)
    if at >= 0 and re.search(r"\b(?:a\s+)?sample\s+of\s+$|抽(?:样|取)?\s*$", text[max(0, at - 16) : at], re.I):
        return  # "40% of them outside business hours. I'd like a sample of 6k": the count is already the sample
    for m in _SHARE.finditer(text):
        if at < 0 or abs(m.start() - at) > 80:
            continue
        if _QA_AFTER.match(text, m.end()):
            continue  # the quality check's sample: the job is still the whole
        if _MEASURE_BEFORE.search(text[max(0, m.start() - 40) : m.start()]):
            continue  # "agree at least 80% of the time", "准确率 90%": a measure, not a share of the items
        share = _share_of(m)
        if not 0 < share < 1:
            continue
        part = round(current.value * share)
        quote = text[min(at, m.start()) : max(at + len(current.evidence), m.end())]
        _set_vague(draft, {"vague": quote, "low": part, "high": part}, quote, language)
        return


def choose_volume(draft: BreakdownDraft, text: str, language: str) -> None:
    """Replace the volume the earlier readers chose when a better-scored mention says otherwise."""
    _choose(draft, text, language)
    _options(draft, text, language)
    _share(draft, text, language)


def _choose(draft: BreakdownDraft, text: str, language: str) -> None:
    current = draft.how_much.volume
    if current.status == FieldStatus.stated:
        source = next((m for m in mentions(text) if _matches(current, m, text)), None)
        if source is not None and not source.derived and in_signature(text, source.start):
            draft.how_much.volume = BreakdownField()  # a figure of the sender's business in the signature
            set_vague_volume(draft, text, language)
            source = None
        if (
            source is not None
            and not source.derived
            and source.kind in {"container", "person", "time", "money", "size"}
            and source.unit not in {"个", "只"}  # "issue大概3,800个": the noun came before the count
        ):
            # "14 gyms", "42个班": a count of places or people is never the number of items to label
            draft.how_much.volume = BreakdownField()
            set_vague_volume(draft, text, language)  # "42个班…先看个几百份": the vague amount is what is known
    ranked = score_mentions(text)
    if not ranked:
        return
    best_score, best = ranked[0]
    if best_score < 3.0:
        return
    current = draft.how_much.volume
    mine = next(((s, m) for s, m in ranked if _matches(current, m, text)), None)
    if mine is None and current.status == FieldStatus.stated:
        # read from a count of people, time, money or a rate ("40个坐席"): any data count beats it
        dropped = next((m for m in mentions(text) if _matches(current, m, text)), None)
        if dropped is not None:
            mine = (-5.0, dropped)
    if current.status == FieldStatus.stated:
        if mine is None:
            return  # a total the scope reader found ("也就是6000对"): not ours to second-guess
        score, item = mine
        if item is not best and best_score >= score + 2.0 and best.value != item.value:
            _apply(draft, best, language)
        elif item.exactness == "more":
            _apply(draft, item, language)  # "一共三千多封": an open range, not the stated 3000
        return
    if current.status == FieldStatus.missing or (current.status == FieldStatus.inferred and isinstance(current.value, dict)):
        if mine is not None and mine[1] is best:
            return
        if isinstance(current.value, dict) and best.value in (current.value.get("high"), current.value.get("low")):
            return  # "only the ones with animals of 38,412 images": a part of that count, already asked
        if best.exactness != "more" and not best.derived and (best.kind == "data" or "elliptic" in best.notes):
            _apply(draft, best, language)
        elif best.derived and current.status == FieldStatus.missing:
            _apply(draft, best, language)
        elif current.status == FieldStatus.missing and best.exactness == "more" and best.kind == "data":
            _apply(draft, best, language)  # "六百余件": nothing else is read, the open range is what is known
