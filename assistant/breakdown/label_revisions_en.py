"""English label lists revised later in a pasted thread (email replies, Slack, meeting notes).

In a thread the first list is often not the last word; later messages change it:

- a new list replaces the old one: `good/ok/bad is useless to me. just tell me "ready to post" or "needs fix"`,
  `So labels = "Response 1 better", …`, `So just: upset, okay with it, happy about it.`;
- a name is added: `yeah add "hate speech"`, `Please add "nearest hospital" … and "parking location"`,
  `plus "wrong bike" if …`, `"threats of violence" as its own thing`, `flag it "wrong permit advice"`;
- a name is renamed or split: `let's not call it fine, call it "no issue"`, `keep it, call it "other"`,
  `split into "event pitch" and "event question"` (in a message that names the old label);
- a name is taken out: `we don't need crew names anymore`, `merge "added words" into misread`;
- one name per message: `if they're asking to move a visit, that's "reschedule"`, `billing questions go to
  "billing"`, `"no action" for those`.

Time runs down a chat and up an email: a line quoted with `>` is older than the reply above it, so only
lines quoted no deeper than the list revise it. Speaker names and time stamps are no labels.
"""

from __future__ import annotations

import re

from assistant.breakdown.label_candidates import Candidate
from assistant.breakdown.label_lexicon import has_cjk

__all__ = ["assigned_quoted_candidates", "revise_in_thread", "revised_list_candidates"]

# a chat turn or an email header: "Greg M. [10:01]", "[11/30 4:12 PM] Nadia:", "- Ben:", "> On Fri, Nov 27, Janelle Park wrote:"
_TURN = re.compile(
    r"^[ \t>]*(?:[-*•][ \t]*|\d{1,2}[.)][ \t]*)?(?:\[[^\]\n]{1,24}\][ \t]*)?[A-Z][\w.'-]*(?:[ \t][A-Z][\w.'-]*)?[ \t]*(?:\[[^\]\n]{1,24}\]|\d{1,2}[:/]\d{2}[^\n:]{0,12}|\(\w[^)\n]{0,30}\))?[ \t]*:"
    r"|^[ \t>]*[A-Z][\w.'-]*(?:[ \t][A-Z][\w.'-]*)?[ \t]*\[\d{1,2}:\d{2}[^\]\n]{0,8}\][ \t]"
    r"|^[ \t>]*On\s[^\n]{3,60}\bwrote:|^[ \t>]*From:\s|^[ \t]*[A-Z][\w.'-]*(?:[ \t][A-Z][\w.'-]*)?[ \t]{2,}\d{1,2}:\d{2}",
    re.M,
)
_CUE = re.compile(r"\b(?:so|just|instead|actually|rather|final|switch|change|replace)\b|\blabels?\s*[=:]", re.I)
_Q = r"[\"“”']"
_NAMEQ = _Q + r"(?P<name>[^\"“”'\n]{2,40}?)" + _Q
_CATCH_ALL = re.compile(r"(?:fine|ok|okay|none|nothing|other|others|everything else|anything else|misc|not applicable|n/?a|normal|clean|safe|no\s+[\w-]+)", re.I)


def _is_thread(text: str) -> bool:
    """Two or more turns, with a time stamp, an email header or a speaker who speaks twice (not a list of
    definitions such as "- Critical: production down")."""
    turns = [m.group(0) for m in _TURN.finditer(text)]
    if len(turns) < 2:
        return False
    if any(re.search(r"\d{1,2}[:/]\d{2}|wrote:|From:", turn) for turn in turns) or re.search(r"^(?:Speakers|Attendees|Present|Participants)\s*:", text, re.M | re.I):
        return True
    heads = [_head(turn) for turn in turns]
    return any(heads.count(head) >= 2 for head in heads if head)


def _head(turn: str) -> str:
    m = re.search(r"[A-Z][\w'-]*", turn)
    return m.group(0).casefold() if m else ""


def _depth(text: str, at: int) -> int:
    line = text[text.rfind("\n", 0, at) + 1 : at + 1]
    return len(re.match(r"[ \t>]*", line).group(0).replace(" ", "").replace("\t", "")) if line else 0  # type: ignore[union-attr]


def _speakers(text: str) -> set[str]:
    names = set()
    for m in re.finditer(r"^[ \t>]*(?:[-*•][ \t]*)?(?:\[[^\]\n]{1,24}\][ \t]*)?(?P<who>[A-Z][\w'-]*)(?:[ \t][A-Z][\w.'-]*)?[ \t]*(?:\[[^\]\n]{1,24}\]|\(\w[^)\n]{0,30}\))?[ \t]*:", text, re.M):
        names.add(m.group("who").casefold())
    return names


def _noise(candidate: Candidate, text: str, speakers: set[str]) -> bool:
    """A time stamp inside a name ("12] good call"), or the thread's speakers listed ("Jen, Omar, Bea, Luis")."""
    if any(re.search(r"\d\]|\[\d|^\d{1,2}:\d{2}|^[=:>-]", label) for label in candidate.labels):
        return True
    if "\n" in candidate.quote.strip() or len(candidate.labels) < 2:
        return False  # "- Critical: production down\n- High: …": the heads of the list's own lines
    return all(label.split()[0].casefold() in speakers for label in candidate.labels if label.split())


# "So just: upset, okay with it, happy about it.", "final list: a, b, c", "new labels: …"
# "Actually make it relevant / partly relevant / not relevant, that's what …": the list remade in the same message
_REVISED = re.compile(
    r"\b(?:(?:(?:so|ok|okay|fine|then|now)[ ,]+(?:just|only)|(?:final|new|updated)\s+(?:list|labels|categories|buckets))\s*[:=—–-]"
    r"|actually,?\s+(?:let['’]s\s+)?(?:make|use|call|change)\s+(?:it|that|them|those|these|the\s+(?:labels|options|answers))(?:\s+(?:to|into))?\s*[:=—–-]?)\s*",
    re.I,
)


def revised_list_candidates(text: str) -> list[Candidate]:
    """A list given anew in a thread: `So just: A, B, C.`"""
    found = []
    for m in _REVISED.finditer(text):
        end_m = re.compile(r"[.!?;\n]").search(text, m.end())
        end = end_m.start() if end_m else len(text)
        body = text[m.end() : end]
        if m.group(0).lower().startswith("actually") and "/" not in body:
            continue  # "actually make it a bit quicker, by Monday": a remade list is written with slashes
        if "/" in body:
            body = re.split(r"\s*,\s+|\s+[-—–]\s+", body)[0]  # "a / b / c, that's what our developer uses": the list ends at the comma
            end = m.end() + len(body)
        parts = [p.strip(" \"'“”") for p in re.split(r"\s*(?:,|/|\bor\b|\band\b)\s*", body) if p.strip(" \"'“”")]
        if len(parts) >= 2 and all(1 <= len(p.split()) <= 4 for p in parts) and len({p.casefold() for p in parts}) == len(parts):
            found.append(Candidate(parts, text[m.end() : end], m.end(), end, "revised"))
    return found


# 'that's "reschedule"', 'are "water problem"', 'call that "equipment"', 'go to "billing"', '"no action" for those'
_ASSIGN = re.compile(
    r"(?:\bthat['’]?s|\bit['’]?s|\bis|\bare|\bcall\s+(?:that|it|those|them|these)|\bgo(?:es)?\s+(?:to|in|into|under)|\bcounts?\s+as|\bbecomes?|=)\s+" + _NAMEQ
    + r"|" + _Q + r"(?P<name2>[^\"“”'\n]{2,40}?)" + _Q + r"\s+for\s+(?:those|these|that|them|the\s+rest)\b",
    re.I,
)


def assigned_quoted_candidates(text: str) -> list[Candidate]:
    """One quoted name per clause or message, each given to a kind described before it (three or more in a row)."""
    if has_cjk(text) or not _is_thread(text):
        return []
    hits = [(m.start(), m.end(), m.group("name") or m.group("name2")) for m in _ASSIGN.finditer(text)]
    hits = [hit for hit in hits if re.fullmatch(r"[A-Za-z][A-Za-z'&/ -]*", hit[2].strip())]  # "chats_2025.csv" is a file, not a name
    found: list[Candidate] = []
    run: list[tuple[int, int, str]] = []
    for hit in [*hits, None]:
        if hit is not None and (not run or hit[0] - run[-1][1] <= 300):
            run.append(hit)
            continue
        names = list(dict.fromkeys(h[2].strip() for h in run))
        # at least one clause gives the name to a kind ('that's "X"', 'go to "X"', '"X" for those'), not only 'the folder is "X"'
        given = any(not re.match(r"(?:is|are)\b", text[h[0] : h[1]], re.I) for h in run)
        if len(names) >= 3 and given and all(1 <= len(n.split()) <= 4 for n in names):
            found.append(Candidate(names, text[run[0][0] : run[-1][1]], run[0][0], run[-1][1], "revised"))
        run = [hit] if hit is not None else []
    return found


def _later(a: Candidate, b: Candidate, text: str) -> bool:
    """`a` was written after `b`: a shallower quote, or further down at the same depth."""
    da, db = _depth(text, a.start), _depth(text, b.start)
    return da < db or (da == db and a.start >= b.end)


def _insert(labels: list[str], name: str) -> None:
    """A name added goes before a catch-all at the end of three or more ("…, hate speech, fine"); "X or no X" is a pair."""
    if len(labels) >= 3 and _CATCH_ALL.fullmatch(labels[-1]):
        labels.insert(len(labels) - 1, name)
    else:
        labels.append(name)


_ADD = re.compile(r"\b(?:add|plus|flag\s+(?:it|them)(?:\s+as)?)\s+(?:a\s+)?" + _NAMEQ, re.I)
_MORE_QUOTED = re.compile(r"(?:\s*[,;]\s*|\s+[—–-][^—–\n]{0,60}[—–-]\s*|\s+)(?:and\s+|or\s+)?" + _NAMEQ)
_OWN = re.compile(_NAMEQ + r"\s+as\s+its\s+own\s+(?:thing|label|category|class|bucket|tag)", re.I)
_RENAME = re.compile(r"\bcall\s+(?:it|them|that|those)\s+" + _NAMEQ, re.I)
_SPLIT = re.compile(r"\bsplit\s+(?:it\s+|them\s+)?into\s+" + _NAMEQ + r"\s+and\s+" + _Q + r"(?P<name2>[^\"“”'\n]{2,40}?)" + _Q, re.I)
_DROP = r"(?:(?:don['’]?t|do\s+not|no\s+longer)\s+need\s+(?:the\s+)?{q}{name}{q}(?:\s+anymore|\s+any\s+more)?|\bmerge\s+{q}{name}{q}\s+into\b|\b(?:drop|remove)\s+(?:the\s+)?{q}{name}{q}(?![\w-]))"


_ASSENT = re.compile(r"(?:^|[.!?:]\s*)(?:yes|yeah|yep|ok|okay|sure|fine|agreed|good idea|👍)(?![\w'])", re.I)


def _settled(line: str, at: int, following: str) -> bool:
    """An edit said as a question ('should we add "spam"?') holds only when the answer agrees ('Ok, merge.')."""
    rest = line[at:]
    stop = re.search(r"[.!;?]", rest)
    if not stop or stop.group(0) != "?":
        return True
    answer = rest[stop.end() :].strip() or following.strip()  # "… into misread? Narrators hate that. Jen: Ok, merge."
    first = re.match(r"\W*(?:[A-Z][\w.'-]*(?:\s[A-Z][\w.'-]*)?\s*(?:\[[^\]\n]{1,24}\])?\s*:\s*)?(?P<word>\w+)", answer)
    if first and first.group("word").casefold() in ("no", "nope", "nah", "not"):
        return False
    return bool(_ASSENT.search(answer))


def _edits(candidate: Candidate, text: str) -> None:
    depth = _depth(text, candidate.start)
    labels = candidate.labels
    position = candidate.end
    lines = list(re.finditer(r"[^\n]+", text[candidate.end :]))
    for index, line_m in enumerate(lines):
        line = line_m.group(0)
        at = candidate.end + line_m.start()
        following = lines[index + 1].group(0) if index + 1 < len(lines) else ""
        if _depth(text, at) > depth and line.lstrip().startswith(">"):
            continue  # an older message quoted below the list
        named = [label for label in labels if re.search(rf"(?<![\w-]){re.escape(label)}(?![\w-])", line, re.I)]
        for m in _SPLIT.finditer(line):
            if len(named) == 1 and m.group("name") not in labels:
                i = labels.index(named[0])
                labels[i : i + 1] = [m.group("name"), m.group("name2")]
                named = []
                position = at + m.end()
        for m in _RENAME.finditer(line):
            new = m.group("name").strip()
            near = line[max(0, m.start() - 40) : m.start()]  # "let's not call it fine, call it …": the name just before
            old = [label for label in named if label.casefold() != new.casefold() and re.search(rf"(?<![\w-]){re.escape(label)}(?![\w-])", near, re.I)]
            old = old or [label for label in named if label.casefold() != new.casefold()]
            if len(old) == 1 and new.casefold() not in {x.casefold() for x in labels}:
                labels[labels.index(old[0])] = new
                named = []
                position = at + m.end()
        for label in list(labels):
            pattern = _DROP.replace("{name}", re.escape(label)).replace("{q}", _Q + "?")
            drop = re.search(pattern, line, re.I)
            if len(labels) > 2 and drop and _settled(line, drop.end(), following):
                labels.remove(label)
        added = []
        for m in _ADD.finditer(line):
            if not _settled(line, m.end(), following):
                continue  # 'should we add "spam"?' answered 'no, …'
            if re.match(r"\s+to\s+(?:the|this|our|my|your)\s+(?!list|labels?|categories|tags|options|set)\w+", line[m.end() :], re.I):
                continue  # 'add "Lee" to the channel': not a label
            added.append(m.group("name"))
            end = m.end()
            while (more := _MORE_QUOTED.match(line, end)) is not None:
                added.append(more.group("name"))
                end = more.end()
            position = at + end
        for m in _OWN.finditer(line):
            added.append(m.group("name"))
            position = at + m.end()
        for name in added:
            name = name.strip()
            if name.casefold() not in {x.casefold() for x in labels} and 1 <= len(name.split()) <= 4:
                _insert(labels, name)
    if position > candidate.end:
        candidate.end = position
        candidate.quote = text[candidate.start : candidate.end].strip()


def revise_in_thread(chosen: Candidate | None, candidates: list[Candidate], text: str, threshold: float) -> Candidate | None:
    """In a pasted thread: the list the later messages settle on, with their additions, renames and removals."""
    if has_cjk(text) or not _is_thread(text):
        return _remade(chosen, candidates, text, threshold)
    speakers = _speakers(text)
    ranked = sorted((c for c in candidates if not has_cjk(" ".join(c.labels))), key=lambda c: (-c.score, -len(c.labels), sum(map(len, c.labels)), c.start))
    if chosen is not None and _noise(chosen, text, speakers):
        chosen = next((c for c in ranked if c.score >= threshold and not _noise(c, text, speakers)), None)
    if chosen is None:
        return None
    known = {label.casefold() for label in chosen.labels}
    for other in ranked:
        if other is chosen or other.score < threshold or len(other.labels) < 2 or _noise(other, text, speakers):
            continue
        fresh = {label.casefold() for label in other.labels} - known
        if 2 * len(fresh) < len(other.labels) or not _later(other, chosen, text):  # "tie" may stay when the sides are renamed
            continue
        if re.search(r"\([^()\n]*$", text[text.rfind("\n", 0, other.start) + 1 : other.start]) or re.search(r"\b(?:like|such as|e\.g\.|says?|writes?)\W{0,3}$", text[max(0, other.start - 12) : other.start], re.I):
            continue  # 'highlight whatever text says it ("full set", "watch only")': samples of the data
        lead = text[max(text.rfind("\n", 0, other.start) + 1, other.start - 20) : other.start]
        if _CUE.search(lead) or other.kind == "revised":  # "just tell me …", "So labels = …", right before the list
            chosen = other  # a later message gives the list anew
            known = {label.casefold() for label in chosen.labels}
    _edits(chosen, text)
    return chosen


def _remade(chosen: Candidate | None, candidates: list[Candidate], text: str, threshold: float) -> Candidate | None:
    """One message that gives a list and then remakes it ("yes / partly / no … Actually make it A / B / C"): the later list."""
    if chosen is None:
        return None
    for other in candidates:
        if other.kind == "revised" and other.score >= threshold and other.start >= chosen.end and re.search(r"\bactually\b", text[max(0, other.start - 40) : other.start], re.I):
            return other
    return chosen
