"""A forwarded or replied-to email thread, read oldest message first.

Mail clients put the newest message on top: the cover note, then "-----Original Message-----" / "From: … Sent: …" /
"On <date>, X wrote:" / "发件人：… 发送时间：…" / "——— 原始邮件 ———" blocks, each older than the one above, and lines
quoted with "> " older than the text around them. The readers downstream let a later word win (a list given anew,
"add X", "it's 2,150, not about two thousand"), so the thread is rewritten oldest first:

- each message's header lines go (their dates are no deadline); a "From: <name>" line stays to mark the turn;
- the order: a deeper quote is older; among messages at one depth, the header dates decide when they run one way
  (a thread pasted oldest first, "On 30 Nov … On 1 Dec …"), else the newest is on top; text with no header (the
  cover note, "So yes: the 9th." under the quotes) is the newest of all;
- signatures and legal disclaimers go: a sign-off ("Regards,", "祝好！") and the short lines under it, a trailing block
  of a name with a title, company, phone or "|", and lines saying "confidential", "intended only for", "本邮件…".

Text that is no thread (fewer than two messages) is returned as it is.
"""

from __future__ import annotations

import re

from assistant.breakdown.deadlines import month_number

__all__ = ["later_message_list", "read_thread", "restore_thread_quotes", "thread_reading"]

_SEPARATOR = re.compile(
    r"^\s*(?:[-_—–=]{2,}\s*(?:original message|forwarded message|原始邮件|邮件原件|转发的邮件|更早的邮件)\s*[-_—–=]{2,}"
    r"|_{10,}|[-—]{2,}\s*(?P<who>[^\n]{2,60}?)\s*[-—]{2,})\s*$",
    re.I,
)
_FROM = re.compile(r"^\s*(?:from|发件人)\s*[:：]\s*(?P<who>.+)$", re.I)
_WROTE = re.compile(r"^\s*(?:[Oo]n\s+(?P<date>[^\n]{3,60}?),\s*)?(?P<who>[A-Z][^\n]{0,50}?)\s+wrote(?:\s*\((?P<d2>[^)]{1,20})\))?\s*:\s*(?P<rest>.*)$")
_HEAD = re.compile(
    r"^\s*(?:sent|date|to|cc|subject|发送时间|发件时间|时间|日期|收件人|抄送|主题)\s*[:：]"
    r"|^\s*(?:回复|答复|re|fwd?)\s*[:：]",
    re.I,
)
_SIGN_OFF = re.compile(
    r"^\s*(?:(?:kind|best|warm|warmest)?\s*regards|best(?: wishes)?|cheers|thanks|thank you|many thanks|sincerely|yours(?: \w+)?"
    r"|is mise le meas|祝好|此致|顺祝|谢谢|敬礼)\b[^\n]{0,20}[,，!！。]?\s*$",
    re.I,
)
_DISCLAIMER = re.compile(
    r"confidential|intended (?:solely |only )?for|intended recipient|if you (?:have )?received|privileged|registered in"
    r"|sent from my|was sent from|views expressed|disclaimer|本邮件|此邮件|免责声明|【保密】|请勿外传|保密信息|机密",
    re.I,
)
_CONTACT = re.compile(r"\||\b(?:ph|tel|phone|mob)\b|电话|手机|\b(?:ltd|llp|inc|pty|gmbh)\b|有限公司|director|manager|officer|president|partner|head of|总监|经理|主任|校长|院长", re.I)


def _depth(line: str) -> int:
    m = re.match(r"[ \t>]*", line)
    return m.group(0).count(">") if m else 0


def _bare(line: str) -> str:
    return re.sub(r"^[ \t]*(?:>[ \t]?)+", "", line)


def _when(text: str) -> tuple[int, int, int] | None:
    """(month, day, minutes or -1) of a header's date."""
    month = day = None
    if m := re.search(r"(\d{1,2})\s*月\s*(\d{1,2})\s*日", text):
        month, day = int(m.group(1)), int(m.group(2))
    elif m := re.search(r"\b\d{4}-(\d{1,2})-(\d{1,2})\b", text):
        month, day = int(m.group(1)), int(m.group(2))
    elif m := re.search(r"\b(\d{1,2})/(\d{1,2})(?:/\d{2,4})?\b", text):
        month, day = int(m.group(1)), int(m.group(2))
    elif m := re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3})[a-z]*\b", text):
        if month_number(m.group(2)):
            month, day = month_number(m.group(2)), int(m.group(1))
    if month is None and (m := re.search(r"\b([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2})\b", text)):
        if month_number(m.group(1)):
            month, day = month_number(m.group(1)), int(m.group(2))
    if month is None or not (1 <= month <= 12):
        return None
    minutes = -1
    if t := re.search(r"(上午|下午|晚上)?\s*(\d{1,2}):(\d{2})\s*(am|pm)?", text, re.I):
        hour = int(t.group(2)) % 12 if (t.group(1) or t.group(4)) else int(t.group(2))
        if t.group(1) in ("下午", "晚上") or (t.group(4) or "").lower() == "pm":
            hour += 12
        minutes = hour * 60 + int(t.group(3))
    return (month, day or 0, minutes)


class _Message:
    def __init__(self, who: str | None, depth: int, index: int) -> None:
        self.who, self.depth, self.index = who, depth, index
        self.lines: list[str] = []
        self.when: tuple[int, int, int] | None = None
        self.body_depth: int | None = None


def _strip_signature(lines: list[str]) -> list[str]:
    """Drop disclaimer lines, a sign-off and what follows it, and a trailing name-and-title block."""
    kept = [line for line in lines if not (_DISCLAIMER.search(line) and len(line) > 12 and not re.search(r"[?？]", line))]
    for i, line in enumerate(kept):
        if _SIGN_OFF.match(_bare(line)) and all(len(rest.strip()) <= 120 for rest in kept[i + 1 :]) and len(kept) - i <= 7:
            kept = kept[:i]
            break
    while kept and not kept[-1].strip():
        kept.pop()
    # a trailing block after a blank line: a short name line and contact / title lines
    start = max((i for i, line in enumerate(kept) if not line.strip()), default=-1) + 1
    block = kept[start:]
    if block and len(block) <= 5 and len(_bare(block[0]).strip()) <= 30 and not re.search(r"[。？！?!]|[.,，]\s*$", block[0]) \
            and any(_CONTACT.search(line) for line in block) and all(len(line.strip()) <= 80 for line in block):
        kept = kept[:start]
    elif block and len(block) <= 3 and re.fullmatch(r"\s*[\u4e00-\u9fff]{2,4}\s*", _bare(block[0])) and len(block) > 1:
        kept = kept[:start]
    return kept


def _messages(text: str) -> list[_Message]:
    messages: list[_Message] = [_Message(None, 0, 0)]
    in_header = False
    fresh = False  # the current message has a separator line and nothing else yet
    for line in text.split("\n"):
        depth, bare = _depth(line), _bare(line)
        current = messages[-1]
        sep = _SEPARATOR.match(bare)
        start = _FROM.match(bare) or _WROTE.match(bare)
        if sep or start:
            if not (fresh and start):
                current = _Message("", depth, len(messages))
                messages.append(current)
            fresh = bool(sep)
            in_header = True
            if sep:
                who = (sep.group("who") or "").split(",")[0].strip()
                if re.search(r"[A-Za-z\u4e00-\u9fff]", who) and not re.search(r"forward|original|原始|转发", who, re.I):
                    current.who = who
                current.when = _when(bare)
                continue
            current.who = ((start.group("who") if start else "") or "").strip()
            current.depth = depth
            current.when = _when(bare) or current.when
            wrote = _WROTE.match(bare)
            if wrote and wrote.group("rest").strip():
                current.lines.append(line[: len(line) - len(bare)] + wrote.group("rest"))
                current.body_depth = depth
            continue
        if in_header and _HEAD.match(bare):
            current.when = current.when or _when(bare)
            continue
        in_header = fresh = False if bare.strip() else in_header
        if bare.strip():
            if current.body_depth is None:
                current.body_depth = depth
            elif depth < current.body_depth:
                current = _Message(None, depth, len(messages))  # text back under the quotes: the newest
                current.body_depth = depth
                messages.append(current)
            elif current.who is None and depth > (current.body_depth or 0):
                current = _Message("", depth, len(messages))  # a quote inside a message with no header
                current.body_depth = depth
                messages.append(current)
        current.lines.append(line)
    return messages


def read_thread(text: str) -> str:
    """The thread oldest message first, without headers' dates, signatures and disclaimers (else `text` as it is)."""
    messages = _messages(text)
    headed = [m for m in messages if m.who is not None]
    if len(headed) < 2 and not (headed and any(m.who is None and m.index > 0 for m in messages)):
        return text
    if not any(_SEPARATOR.match(_bare(line)) or _WROTE.match(_bare(line)) for line in text.split("\n")) and len(headed) < 2:
        return text
    dated = [m.when for m in headed if m.when is not None]
    steps = [(a, b) for a, b in zip(dated, dated[1:]) if a != b and (a[:2] != b[:2] or (a[2] >= 0 and b[2] >= 0))]
    chronological = bool(steps) and all(a < b for a, b in steps)
    for m in messages:
        m.body_depth = m.body_depth or 0
    order = sorted(headed, key=lambda m: (-(m.body_depth or 0), m.index if chronological else -m.index))
    newest = [m for m in messages if m.who is None]
    out: list[str] = []
    for m in [*order, *newest]:
        lines = _strip_signature(m.lines)
        if not any(line.strip() for line in lines):
            continue
        if m.who is not None:
            out.append(("发件人：" if re.search(r"[\u4e00-\u9fff]", m.who) else "From: ") + (m.who or "-"))
        for line in lines:
            if out and re.search(r"[\u4e00-\u9fff][、，]\s*$", out[-1]) and re.match(r"[ \t>]*[\u4e00-\u9fff]", line):
                out[-1] = out[-1].rstrip() + _bare(line).strip()  # a list wrapped at a line's end: "地面交通、\n值机、其他"
            else:
                out.append(line)
        out.append("")
    return "\n".join(out).strip()


def restore_thread_quotes(draft: object, request: str, reading: str) -> None:
    """Each field's evidence taken from the thread read oldest first is given back in the request's own words
    (a quote across lines keeps the "> " marks the request has)."""
    if reading == request:
        return
    for _, current in draft.fields():  # type: ignore[attr-defined]
        evidence = current.evidence
        if not evidence or not isinstance(evidence, str) or evidence in request:
            continue
        words = [re.escape(word) for word in evidence.split()]
        m = re.search(r"[\s>]*".join(words), request) if words else None
        if m:
            current.evidence = m.group(0)


# a list given anew in a later message: "最终类别：…", "就三档：…", "改成五档：…", "Final list: …", "so just: …"
_FRESH_LEAD = re.compile(r"(?:最终|最后|就|改成|改为|换成|只要|统一)[^。！？\n，,]{0,6}[:：]\s*$|\b(?:final|new|updated)\s+(?:list|labels|categories)[^.\n]{0,12}[:=]\s*$", re.I)
_TURN_LINE = re.compile(r"^(?:发件人：|From: )", re.M)


def later_message_list(chosen, candidates, text: str, threshold: float):  # type: ignore[no-untyped-def]
    """In a thread read oldest first: a list a later message gives anew, after a cue ("最终类别：", "就三档："),
    replaces the list of an earlier message."""
    if chosen is None:
        return chosen
    turns = [m.start() for m in _TURN_LINE.finditer(text)]
    if len(turns) < 2:
        return chosen
    later = [
        c for c in candidates
        if c.score >= threshold and len(c.labels) >= 2 and c.start > chosen.end
        and any(chosen.end < t <= c.start for t in turns)
        and _FRESH_LEAD.search(text[max(0, c.start - 16) : c.start])
    ]
    return max(later, key=lambda c: c.start) if later else chosen


def thread_reading(text: str) -> str:
    """The text the offline readers take: a Chinese thread read oldest first. An English thread stays as written:
    its list readers (label_revisions_en.revise_in_thread) already weigh a reply above its "> " quotes and the
    first list of a top-posted reply, and reordering it loses lists on the development sets (unseen_11)."""
    return read_thread(text) if re.search(r"[\u4e00-\u9fff]", text) else text
