"""English labels as people say them: a transcribed "or"-chain with fillers, and a single flag.

- "like is it about registration or refunds, or, um, schedule or field changes, or coach complaints, or
  volunteering, or the uniform orders": fillers ("um", "uh", "you know") are skipped; ", or" separates the
  options; a bare "or" inside one option splits it when both sides are as long ("registration or refunds"),
  and keeps it whole when a single word shares the noun of the words after it ("schedule or field changes");
- "tag what the customer wants like booking service or pickup drop or asking estimate or insurance renewal thing ok":
  a transcript with no commas joins its options by "or" alone; "thing" / "etc" / "like that" close the chain
  (`or_chain_candidates`);
- "… needs to be flagged urgent no matter what": one flag named after the list joins it (`flag_candidates`
  gives it; `label_second_en.add_second_set` joins it when a clause of its own opens it).
"""

from __future__ import annotations

import re

from assistant.breakdown.label_candidates import Candidate

__all__ = ["spoken_candidates", "flag_candidates", "or_chain_candidates", "word_scale_candidates"]

_FILLER = re.compile(r"(?:(?<=[,.;])|(?<=^)|(?<=\s))(?:um+|uh+|erm|er|hmm+|you know|i mean|like)(?=\s*,|\s*$)|^\s*(?:like|so|ok(?:ay)?|well)\b", re.I)
# the question the options answer: "is it about …", "whether it's …", "are they …"
_ASK = re.compile(r"\b(?:is it|is this|it's|it is|whether it's|whether it is|are they|is that)\s+(?:about\s+|for\s+|an?\s+|either\s+)?", re.I)
_ITEM = re.compile(r"^(?:the|a|an|some|any)\s+", re.I)
_OPTION = re.compile(r"^[A-Za-z][\w'-]*(?:(?:\s+|\s*/\s*)[A-Za-z][\w'-]*){0,5}$")
_REASK = re.compile(r"^(?:is it|is this|it's|it is|are they)\s+(?:about\s+|for\s+|either\s+)?", re.I)


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group(0))


def _split_option(option: str) -> list[str]:
    """"registration or refunds" -> two; "schedule or field changes" -> one (the word shares the noun after it)."""
    parts = [p.strip() for p in re.split(r"\s+or\s+", option) if p.strip()]
    if len(parts) == 2 and len(parts[0].split()) == 1 and len(parts[1].split()) >= 2:
        return [option.strip()]
    return parts


def spoken_candidates(text: str) -> list[Candidate]:
    found = []
    for sentence in re.finditer(r"[^.!?\n]+", text):
        body = _FILLER.sub(_blank, sentence.group(0))
        body = re.sub(r"\([^()]*\)", _blank, body)  # "sharing personal info (addresses, phone numbers)": examples of one option
        if len(re.findall(r",\s*or\b", body, re.I)) < 2:
            continue  # a chain of options said one by one: ", or … , or …"
        ask = _ASK.search(body)
        if not ask:
            continue
        rest = body[ask.end() :]
        pieces = [p for p in re.split(r"\s*,\s*(?:or\b\s*)?(?:,\s*)*", rest) if p.strip()]
        names: list[str] = []
        for piece in pieces:
            option = _REASK.sub("", re.sub(r"^\s*or\s+", "", piece.strip(), flags=re.I))  # "is it fine, or is it bullying, …"
            if len(option.split()) <= 4:
                option = _ITEM.sub("", option)  # "a refund" is refund; "an adult messaging a minor inappropriately" keeps its article
            option = option.strip()
            if not _OPTION.match(option):
                break
            names.extend(_split_option(option))
        if len(names) >= 3 and len(set(names)) == len(names):
            start = sentence.start() + ask.end() + (len(rest) - len(rest.lstrip()))
            last = text.rfind(names[-1], start, sentence.end())
            end = last + len(names[-1]) if last >= 0 else sentence.end()
            found.append(Candidate(names, text[start:end], start, end, "spoken"))
    return found


_FLAG = re.compile(
    r"\b(?:flag(?:ged)?)\s+(?:it\s+|them\s+)?(?:as\s+)?[\"'“‘]?"
    r"(?P<x>(?!(?:any|anything|all|it|them|the|a|an|those|these|that|this|each|every|done|complete|completed|finished|reviewed|read|seen|too|also|separately|please|up|immediately|urgently)\b)[A-Za-z][\w-]{2,20})[\"'”’]?"
    r"(?=\s+(?:no matter what|regardless|either way|whatever|too|as well|on top)\b|\s*[.;!]|\s*$)",
    re.I,
)


# "plus a "missed defect" checkbox", "and a separate 'both bad' box": a quoted name given a box of its own
_BOX = re.compile(
    r"\b(?:an?|one|the)\s+(?:(?:separate|extra|additional|further|single|own)\s+)?[\"“‘'](?P<x>[A-Za-z][\w'-]*(?:\s[\w'-]+){0,3})[\"”’']\s*"
    r"(?:check\s?-?box|tick\s?-?box|box|flag|toggle|tick)(?![A-Za-z])",
    re.I,
)


def flag_candidates(text: str) -> list[Candidate]:
    """"… that needs to be flagged urgent no matter what", "plus a 'missed defect' checkbox": one flag, a label of its own."""
    found = [Candidate([m.group("x")], m.group(0), m.start("x"), m.end("x"), "flag") for m in _FLAG.finditer(text)]
    found += [Candidate([m.group("x")], m.group(0), m.start("x"), m.end("x"), "flag") for m in _BOX.finditer(text)]
    return sorted(found, key=lambda c: c.start)


# "like booking service or pickup drop or asking estimate or … thing ok": options joined by "or" with no commas
_CHAIN_LEAD = re.compile(r"(?<![A-Za-z])(?:like|such\s+as|as|into|either|whether\s+(?:it\s+is|it's))\s+", re.I)
_CHAIN_END = re.compile(r"\s+(?:thing|things|stuff|etc|ok|okay|and|so|like\s+that|that|which|also|please|pls)\b.*$|\s*[,.;:!?\n].*$", re.I | re.S)
_CHAIN_VERB = re.compile(r"(?<![A-Za-z])(?:tag|tagged|mark|marked|label|labell?ed|classify|sort|bucket|categori[sz]e|flag|separate)(?![A-Za-z])", re.I)
_CHAIN_WORD = re.compile(r"^[A-Za-z][\w'-]*$")
_CHAIN_STOP = re.compile(r"(?<![A-Za-z])(?:is|are|was|were|we|you|they|i|it|this|that|will|can|should|have|has|the\s+\w+\s+is)(?![A-Za-z])", re.I)


def or_chain_candidates(text: str) -> list[Candidate]:
    """Three or more options joined by a bare "or", each a short phrase, as a voice note transcribed says them."""
    found = []
    for lead in _CHAIN_LEAD.finditer(text):
        if not _CHAIN_VERB.search(text[max(0, lead.start() - 60) : lead.start()]):
            continue  # "we deliver to Pune or Nashik or Goa": options follow a labeling verb, places do not
        rest = text[lead.end() : lead.end() + 300]
        stop = re.search(r"[.;!?\n]", rest)
        rest = rest[: stop.start()] if stop else rest
        pieces = re.split(r"\s+or\s+", rest)
        if len(pieces) < 3 or any("," in piece for piece in pieces[:-1]):
            continue
        pieces[-1] = _CHAIN_END.sub("", pieces[-1])
        names = [re.sub(r"^(?:a|an|the|some)\s+", "", piece.strip(), flags=re.I) for piece in pieces]
        if not all(names) or not all(1 <= len(name.split()) <= 5 and all(_CHAIN_WORD.match(w) for w in name.split()) for name in names):
            continue
        if any(_CHAIN_STOP.search(name) for name in names) or len({n.casefold() for n in names}) < len(names):
            continue
        start = lead.end()
        last = text.rfind(names[-1], start, start + len(rest))
        end = last + len(names[-1]) if last >= 0 else start + len(rest)
        found.append(Candidate(names, text[start:end], start, end, "spoken"))
    return found


_WORD_NUMBERS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
# "give for each one a note from one to five", "rate them between one and ten": a scale said in words
_WORD_SCALE = re.compile(
    r"(?<![A-Za-z])(?:from|between)\s+(?P<low>zero|one|two)\s+(?:to|and|till|until)\s+(?P<high>three|four|five|six|seven|eight|nine|ten)(?![A-Za-z])", re.I
)
_SCORE_WORD = re.compile(r"(?<![A-Za-z])(?:score|scores|rate|rating|note|grade|mark|points?|stars?|scale)(?![A-Za-z])", re.I)


def word_scale_candidates(text: str) -> list[Candidate]:
    """A scale written in number words after a scoring word ("a note from one to five"): its points are the labels."""
    found = []
    for m in _WORD_SCALE.finditer(text):
        if not _SCORE_WORD.search(text[max(0, m.start() - 40) : m.start()]):
            continue  # "open from one to five pm" is no scale
        low, high = _WORD_NUMBERS[m.group("low").lower()], _WORD_NUMBERS[m.group("high").lower()]
        found.append(Candidate([str(n) for n in range(low, high + 1)], m.group(0), m.start(), m.end(), "scale", ordinal=True))
    return found
