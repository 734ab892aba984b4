"""A count "each" or "per" item that is no count of items, so never a factor of the volume.

A product is the volume only when the request says items per unit ("500 listings with 4 photos each", "每个视频抽5帧"). It is
never formed when the count each names people or a span of time:

- people on each item: "1500 comparisons with 3 judges each", "800 essays, 2 graders each", "each with two reviewers"
  (the annotators per item, read by the people readers);
- a length or a time: "250 episodes (roughly 40 min each)", "120 lectures of 1 hr each", "90 calls, 3 mins each"
  (a recording's length or the time per item, never more items).

Chinese counts of people (`每条3人`) or of time (`每集40分钟`) carry no item classifier, so the Chinese product readers
never take them.
"""

from __future__ import annotations

import re

from assistant.breakdown.volume_words import _kind_en

__all__ = ["names_people_or_time"]

# singular forms and short forms the plural noun lists do not hold: "40 min each", "1 hr", "3 judges", "2 graders"
_TIME_SHORT = re.compile(r"^(?:min|mins|minute|hour|hr|h|sec|secs|second|s|day|week|month|year|night|shift)$", re.I)
_PEOPLE_MORE = re.compile(
    r"^(?:judges?|assessors?|evaluators?|graders?|checkers?|coders?|readers?|markers?|scorers?|examiners?|voters?|votes|opinions|"
    r"humans?|pairs?\s+of\s+eyes|eyes|persons?|people|annotators?|raters?|labell?ers?|reviewers?|experts?|native\s+speakers?)$",
    re.I,
)


def names_people_or_time(words: str) -> bool:
    """Any word between a per-item number and its "each"/"per" names people or time ("3 judges each", "40 min each")."""
    tokens = re.findall(r"[A-Za-z]+", words)
    for token in tokens[:3]:
        if token.lower() in {"each", "per", "for", "a", "an", "on", "every"}:
            break
        if _TIME_SHORT.match(token) or _PEOPLE_MORE.match(token) or _kind_en(token) in {"time", "person"} or _kind_en(token + "s") in {"time", "person"}:
            return True
    return False
