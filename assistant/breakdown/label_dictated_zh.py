"""Chinese labels dictated in a run: a voice note names its options one phrase after another, with fillers between.

"标的话 就是 可以上架 需要修改 不能上架 三种", "我想的是 道路 饮水 医疗医保 然后 产业 就是种茶那块的 然后 还有
那个 邻里纠纷 其他的就放其他", "要拎出来的东西呢 就是 谁送来的 人名或者 车牌也行 然后是啥货 纸壳子 废铁 铜 这些
然后 多重 还有 多少钱一斤 就这几样":

- the run opens after a lead phrase that ends in 就是 / 就 / 的是 / 呢 and follows a word of labeling (标 / 分 / 原因 /
  拎出来的东西 / 我想的是 …);
- fillers (嗯 / 那个 / 然后 / 还有 / 对) between the options are dropped, and one that opens an option ("然后是啥货",
  "还有总共给了多少钱") is stripped from it;
- an explanation after an option is no option: "就是种茶那块的" (opened by 就是), and examples closed by 这些 / 也行 /
  之类的 / 什么的 ("纸壳子 废铁 铜 这些", "人名或者 车牌也行") back to the last option;
- the run ends at a count ("三种", "就这几样"), a catch-all ("其他的就放其他" gives 其他) or a phrase that is a clause.

Also a scale said in Chinese digits: "分四档 零一二三" -> 0, 1, 2, 3.
"""

from __future__ import annotations

import re

from assistant.breakdown.label_candidates import Candidate

__all__ = ["dictated_zh_candidates", "add_reasons"]

_FILLER = re.compile(r"^(?:嗯+|呃+|啊+|额+|哦+|那个|这个|就是说|就是|然后|还有|另外|对|对对|嗯对|或者|还是|以及|和)+$")
_OPENER = re.compile(r"^(?:然后是|然后就是|然后|还有就是|还有|再就是|再有就是|另外|或者是|或者|还是|以及|那个|就是说)+")
_LEAD = re.compile(r"(?:标|分|选|判|原因|类|种|档|拎出来|抽出来|挑出来|东西|想的是|要的是|看看|看一下)[^\s]{0,8}(?:的话|呢)?$")
_LEAD_END = re.compile(r"^(?:就是|就|是|的是|呢|就分|分)$|(?:的是|呢|的话)$")
_EXAMPLES_END = re.compile(r"(?:这些|也行|也可以|之类的?|什么的|啊的|等等|啥的)$")
_COUNT = re.compile(r"^(?:就|这|就这|一共|总共)?(?:[一二两三四五六七八九十\d]{1,2}|几)(?:个|种|类|档|样|级)(?:吧|嘛|啊)?$")
_CATCH_ALL = re.compile(r"^(?:其他|其它|其余|剩下)的?(?:就|都)?(?:放|算|归|归到|标)?(?P<x>其他|其它|其他类)?$")
_CLAUSE = re.compile(r"我|你|他们|如果|要是|比如|时间|数量|钱的话|之前|以后|能不能|谢谢|辛苦|好嘞|这个月|下周|大概|左右|\d")
_ITEM = re.compile(r"^[\u4e00-\u9fffA-Za-z/]{1,8}$")


def _phrases(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in re.finditer(r"[^\s，,。；;！!？?、\n]+", text)]


def _run(text: str, phrases: list[tuple[int, int, str]], i: int) -> Candidate | None:
    """The options dictated after the lead phrase i."""
    items: list[tuple[int, int, str]] = []
    last_opened = 0  # items before this index are not examples of the current option
    counted = chained = pending = False
    for s, e, p in phrases[i + 1 : i + 30]:
        if text[phrases[i][1] : s].count("\n") or re.search(r"[。？?！!；;]", text[phrases[i][1] : s]) and items:
            break
        if _FILLER.match(p):
            if re.match(r"还是|或者", p):
                chained = True
            pending = pending or bool(_OPENER.match(p))  # "然后 多重": the connective said alone opens the next option
            continue
        if _COUNT.match(p):
            counted = True
            break
        catch = _CATCH_ALL.match(p)
        if catch:
            items.append((s, e, "其他" if not catch.group("x") else catch.group("x")))
            break
        if _EXAMPLES_END.search(p):
            # "纸壳子 废铁 铜 这些": the examples of the last option, back to it
            items = items[: max(last_opened, 1)]
            continue
        if p.startswith("就是") and items:
            continue  # "就是种茶那块的": what the option means
        opener = _OPENER.match(p)
        body = p[opener.end() :] if opener else p
        if opener and re.search(r"还是|或者", opener.group()):
            chained = True
        if not body:
            continue
        if _CLAUSE.search(body) or not _ITEM.match(body):
            break
        if opener or pending or not items:
            last_opened = len(items) + 1
        pending = False
        items.append((s + (len(p) - len(body)), e, body))
    names = [name for _, _, name in items]
    if len(names) < 2 or len(set(names)) < len(names):
        return None
    if len(names) < 3 and not (counted or chained):
        return None
    if sum(len(name) == 1 for name in names) > 0:
        return None
    start, end = items[0][0], items[-1][1]
    return Candidate(names, text[start:end], start, end, "dictated_zh", other="其他" if names[-1] == "其他" else None)


_ZH_DIGITS = "零一二三四五六七八九十"
_SCALE = re.compile(r"分(?P<n>[两三四五六七八九十\d])(?:个)?(?:档|级|等)[\s，,]*(?P<run>[零一二三四五六七八九十]{3,11})(?=[\s，,。]|$)")


def _digit_scale(text: str) -> list[Candidate]:
    """"分四档 零一二三": the points of a scale said one Chinese digit after another."""
    found = []
    for m in _SCALE.finditer(text):
        run = m.group("run")
        points = [_ZH_DIGITS.index(ch) for ch in run]
        if points == list(range(points[0], points[0] + len(points))):
            found.append(Candidate([str(p) for p in points], m.group(0), m.start("run"), m.end("run"), "scale", ordinal=True))
    return found


# "…不能上架 三种 然后你们觉得不能上架的 再勾一下原因 就 A B 其他": reasons asked for one of the options
_FOLLOW_UP = re.compile(r"再(?:勾|标|选|打|注明|写|勾选|标注)[^\s]{0,4}(?:原因|理由|类型|哪种|哪一种|哪类)")


def _with_reasons(runs: list[Candidate], text: str) -> list[Candidate]:
    joined = []
    for a in runs:
        for b in runs:
            gap = text[a.end : b.start]
            if b.start <= a.end or len(gap) > 40 or not _FOLLOW_UP.search(gap) or set(a.labels) & set(b.labels):
                continue
            if not any(label in gap for label in a.labels):
                continue  # the reasons of one of the options just named
            joined.append(Candidate([*a.labels, *b.labels], text[a.start : b.end], a.start, b.end, "dictated_reasons", other=b.other))
    return joined


def dictated_zh_candidates(text: str) -> list[Candidate]:
    found = _digit_scale(text)
    if not re.search(r"[\u4e00-\u9fff] +[\u4e00-\u9fff]", text):
        return found  # no phrase of Chinese ends at a space: not a transcript
    phrases = _phrases(text)
    for i, (_, _, p) in enumerate(phrases):
        lead = _LEAD_END.search(p) and (_LEAD.search(p) or (i and _LEAD.search(phrases[i - 1][2])))
        if not lead:
            continue
        candidate = _run(text, phrases, i)
        if candidate and not any(c.labels == candidate.labels for c in found):
            found.append(candidate)
    return found + _with_reasons(found, text)


def add_reasons(chosen: Candidate | None, candidates: list[Candidate]) -> Candidate | None:
    """The chosen options with the reasons dictated for one of them ("不能上架的 再勾一下原因 就 A B 其他")."""
    if chosen is None:
        return None
    for other in candidates:
        if other.kind != "dictated_reasons":
            continue
        if (other.start == chosen.start and other.labels[: len(chosen.labels)] == chosen.labels) or (
            other.end == chosen.end and other.labels[-len(chosen.labels) :] == chosen.labels
        ):
            return other
    return chosen
