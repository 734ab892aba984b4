"""Cantonese-flavoured and traditional written Chinese, read with the simplified Mandarin cues.

Hong Kong and Taiwan writers use traditional characters (投訴, 標註, 類, 衞生), and Hong Kong writers Cantonese words
(係 = 是, 嘅 = 的, 啲 = 些, 出嚟 = 出来, 專登 = 专门). The cue patterns of the reader are written in simplified Mandarin,
so they are matched on `to_mandarin(text)`: a character-for-character rewrite with the SAME LENGTH, so a position found
in the rewrite is the same position in the original and a name is always quoted in the writer's own characters
(`original_at`).

Traditional characters are converted by OpenCC (the `opencc` package, its dictionaries ship in the wheel) with its
`hk2s` configuration: Hong Kong variant forms (衞, 綫) to the standard ones, then traditional to simplified, phrase by
phrase where a phrase decides (乾淨 -> 干净 but 乾隆 stays). Its dictionaries map one character to one; a conversion that
would change the length anyway is done character by character instead.

Only text that really is traditional is converted: OpenCC also rewrites characters that simplified text uses too
(於, 夥, 徵, 麽, 答覆), so a text counts as traditional when it holds more characters that only traditional writing
uses than characters that only simplified writing uses (这, 个, 们). A simplified request comes out unchanged.
Cantonese words are not a matter of script: the short table below rewrites them (in either script).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import opencc

__all__ = ["has_cantonese", "has_variants", "original_at", "to_mandarin"]

# two-character Cantonese words first (same length), then single characters
_WORDS = {
    "專登": "专门", "幫手": "帮忙", "標埋": "标上", "搞掂": "搞定", "唔該": "谢谢", "邊個": "哪个", "點樣": "怎样",
    "乜嘢": "什么",
}
_CANTONESE = "係是 嘅的 啲些 嚟来 哋们 喺在 冇没 唔不 咗了 佢他 睇看 俾给 嗰那 咁这 乜什 噉这 揾找 搵找 攞拿"
_CANTONESE_CHARS = {pair[0]: pair[1] for pair in _CANTONESE.split()}

_CANTONESE_ONLY = set(_CANTONESE_CHARS) - {"唔", "俾", "咁"}

# 唔 / 俾 / 咁 also appear in Mandarin transcripts (唔 as a filler): rewritten only in Cantonese text
_SHARED = {"唔", "俾", "咁"}

# 係 of written Mandarin (關係 "relation", 係數 "coefficient", 維係 "maintain") is 系, left to OpenCC; elsewhere it is
# the Cantonese 是
_MANDARIN_XI = re.compile(r"(?<=[關关維维])係|係(?=數)")

# what the conversion is for: one character for one
_TO_SIMPLIFIED = "hk2s"
_TO_TRADITIONAL = "s2t"


@lru_cache(maxsize=None)
def _converter(config: str) -> Any:
    """OpenCC's converter for `config`, made once (its dictionaries load in a few milliseconds, s2t's in about 70)."""
    return opencc.OpenCC(config)


def _convert(config: str, text: str) -> str:
    """`text` through OpenCC's `config`, one character for one (character by character if the whole would not be)."""
    converter = _converter(config)
    converted = converter.convert(text)
    if len(converted) == len(text):
        return converted
    singles = (converter.convert(char) for char in text)
    return "".join(new if len(new) == 1 else old for old, new in zip(text, singles))


def _changed(config: str, text: str) -> int:
    """How many characters of `text` OpenCC's `config` rewrites."""
    return sum(old != new for old, new in zip(text, _convert(config, text)))


def has_cantonese(text: str) -> bool:
    """True when `text` is written in Cantonese (係, 嘅, 啲, 嚟, 哋…), not only in traditional characters."""
    return sum(char in _CANTONESE_ONLY for char in text) >= 2


@lru_cache(maxsize=256)
def _is_traditional(text: str) -> bool:
    """True when `text` is written in traditional characters: more of them than characters only simplified text uses."""
    traditional = _changed(_TO_SIMPLIFIED, text)
    # a simplified text with a character both scripts use (於, 夥, 答覆) has many simplified-only ones beside it
    return traditional > 0 and traditional > _changed(_TO_TRADITIONAL, text)


def has_variants(text: str) -> bool:
    """True when `text` is written in traditional characters or holds a Cantonese word."""
    return any(char in _CANTONESE_ONLY for char in text) or _is_traditional(text)


@lru_cache(maxsize=64)
def to_mandarin(text: str) -> str:
    """`text` with Cantonese words and traditional characters in simplified Mandarin, one character for one."""
    if not has_variants(text):
        return text
    traditional = _is_traditional(text)
    cantonese = has_cantonese(text)
    for word, mandarin in _WORDS.items():
        text = text.replace(word, mandarin)
    kept = {match.start() for match in _MANDARIN_XI.finditer(text)} if traditional else set()
    text = "".join(
        _CANTONESE_CHARS[char] if char in _CANTONESE_CHARS and (cantonese or char not in _SHARED) and at not in kept else char
        for at, char in enumerate(text)
    )
    return _convert(_TO_SIMPLIFIED, text) if traditional else text


def original_at(name: str, rewritten: str, original: str) -> str:
    """The writer's own characters for a name read from the rewrite (the first place it occurs)."""
    if rewritten is original or rewritten == original:
        return name
    at = rewritten.find(name)
    if at >= 0:
        return original[at : at + len(name)]
    # a name put together from the text ("投诉某个老师" -> "投诉老师"): each character as this writer writes it
    back = {new: old for new, old in zip(rewritten, original) if new != old}
    return "".join(back.get(char, char) for char in name)
