"""Personal data stays home: detect it, mask it before a request leaves, restore it in the answer.

`Detector` finds personal values in text (Chinese and English alike):

- ``EMAIL``     e-mail addresses;
- ``CN_ID``     Chinese resident ID numbers (18 characters, ISO 7064 mod 11-2 check character
                and a real birth date; an invalid checksum is an ordinary number);
- ``BANK_CARD`` bank card numbers (13-19 digits, plain or in groups of 4 split by spaces or
                dashes, Amex 4-6-5), Luhn-valid and with a card-network first digit (2221-2720,
                3, 4, 5, 6, 9); order ids, timestamps and dates starting with 0, 1, 7, 8 or 20 are not;
- ``PHONE``     phone numbers (Google's libphonenumber via ``phonenumbers``): any number written
                with a country code (+86 …, +1 …, 0044 …), a Chinese mobile number (1[3-9]…, 11
                digits, separators allowed), a Chinese landline with its 0-area code (010-…,
                (021) …); a bare 7-10 digit number without the leading 0 is not a phone;
- ``IPV4``/``IPV6`` IP addresses (checked by ``ipaddress``); a dotted quad right after a version
                word (v1.2.3.4, version 1.2.3.4, 版本 1.2.3.4) is a version, not an address;
- custom kinds: named regular expressions from the settings (``RULEBOOK_PII_PATTERNS``).

`Masking` is one request's mapping: each distinct value gets a stable placeholder such as
``⟦PHONE_1⟧`` (the same value, the same placeholder, throughout the request); `restore`
puts the values back into the answer (text, or every string of a validated pydantic answer), and
`original_span` maps offsets in a masked text back to offsets in the original.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import datetime
import ipaddress
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Mapping

from assistant.core.errors import ConfigurationError
from assistant.core.messages import Items, Message, text

if TYPE_CHECKING:
    from assistant.core.settings import Settings

OPEN, CLOSE = "⟦", "⟧"
BUILTIN_KINDS = ("EMAIL", "CN_ID", "BANK_CARD", "PHONE", "IPV6", "IPV4")
_KIND_NAME = re.compile(r"^[A-Z][A-Z0-9_]{0,30}$")

# The placeholder as sent, and the forms a model may give it back in (spaces inside, [[…]]).
_PLACEHOLDER = re.compile(r"(?:⟦\s*([A-Za-z][A-Za-z0-9_]*_\d+)\s*⟧|\[\[\s*([A-Za-z][A-Za-z0-9_]*_\d+)\s*\]\])")

_EMAIL = re.compile(r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9][A-Za-z0-9._%+\-]*@(?:[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![A-Za-z0-9\-])")
_CN_ID = re.compile(r"(?<![0-9A-Za-z])([1-9]\d{5})( ?)((?:18|19|20)\d{2}[01]\d[0-3]\d)\2(\d{3}[0-9Xx])(?![0-9A-Za-z])")
_CARD = re.compile(
    r"(?<![\d\-])(?:"
    r"\d{4}([ \-])\d{4}\1\d{4}\1\d{4}(?:\1\d{1,3})?"  # 4-4-4-4(-1..3)
    r"|\d{4}([ \-])\d{6}\2\d{5}"  # Amex 4-6-5
    r"|\d{13,19}"  # plain
    r")(?![\d])(?!-\d)"
)
_IPV4 = re.compile(r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d])(?!\.\d)")
_IPV6 = re.compile(r"(?<![0-9A-Fa-f:.])[0-9A-Fa-f:]*:[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*(?![0-9A-Fa-f:])")
_VERSION_BEFORE = re.compile(r"(?:\bv|\bver\.?|\bversion|版本号?)\s*[:：]?\s*$", re.I)
_CN_MOBILE = re.compile(r"^(?:86)?1[3-9]\d{9}$")


def luhn_valid(digits: str) -> bool:
    from stdnum import luhn

    return digits.isdigit() and luhn.is_valid(digits)


def cn_id_valid(number: str) -> bool:
    """18 characters, a real birth date (1800 up to today) and the ISO 7064 mod 11-2 check character."""
    from stdnum.iso7064 import mod_11_2

    number = number.replace(" ", "").upper()
    if len(number) != 18 or not number[:17].isdigit():
        return False
    try:
        born = datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    if born > datetime.date.today():
        return False
    return mod_11_2.is_valid(number)


def _card_network(digits: str) -> bool:
    first = digits[0]
    if first in "34569":
        return True
    return first == "2" and 2221 <= int(digits[:4]) <= 2720


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    kind: str
    value: str


class Detector:
    """Finds personal values; built-in kinds plus named custom patterns (custom ones first)."""

    def __init__(self, patterns: Mapping[str, str] | None = None, *, source: str = "RULEBOOK_PII_PATTERNS") -> None:
        self.patterns: dict[str, re.Pattern[str]] = {}
        for name, pattern in (patterns or {}).items():
            kind = str(name).strip().upper()
            if not _KIND_NAME.match(kind):
                raise ConfigurationError(Message("error.pii.bad_name", source=source, name=name))
            if kind in BUILTIN_KINDS:
                raise ConfigurationError(Message("error.pii.builtin_name", source=source, name=name))
            try:
                compiled = re.compile(str(pattern))
            except re.error as error:
                raise ConfigurationError(Message("error.pii.bad_regex", source=source, name=name, reason=str(error))) from None
            if compiled.fullmatch(""):
                raise ConfigurationError(Message("error.pii.matches_empty", source=source, name=name))
            self.patterns[kind] = compiled
        self.kinds = tuple(self.patterns) + BUILTIN_KINDS
        self._cached = lru_cache(maxsize=512)(self._find)

    def find(self, text: str) -> tuple[Found, ...]:
        """Non-overlapping personal values in text order (an earlier detector wins an overlap)."""
        if not text:
            return ()
        return self._cached(text)

    def _find(self, text: str) -> tuple[Found, ...]:
        taken: list[Found] = []

        def claim(start: int, end: int, kind: str) -> None:
            if end > start and not any(start < f.end and f.start < end for f in taken):
                taken.append(Found(start, end, kind, text[start:end]))

        if OPEN in text or "[[" in text:  # placeholders already in the text are never masked again
            taken.extend(Found(m.start(), m.end(), "", m.group()) for m in _PLACEHOLDER.finditer(text))
        for kind, pattern in self.patterns.items():
            for match in pattern.finditer(text):
                claim(match.start(), match.end(), kind)
        if "@" in text:
            for match in _EMAIL.finditer(text):
                claim(match.start(), match.end(), "EMAIL")
        if ":" in text:
            for match in _IPV6.finditer(text):
                self._ipv6(text, match, claim)
        if "." in text:
            for match in _IPV4.finditer(text):
                if _is_ipv4(match.group()) and not _VERSION_BEFORE.search(text[max(0, match.start() - 12) : match.start()]):
                    claim(match.start(), match.end(), "IPV4")
        if any(ch.isdigit() for ch in text):
            for match in _CN_ID.finditer(text):
                if cn_id_valid(match.group()):
                    claim(match.start(), match.end(), "CN_ID")
            for match in _CARD.finditer(text):
                digits = re.sub(r"[ \-]", "", match.group())
                if 13 <= len(digits) <= 19 and _card_network(digits) and luhn_valid(digits):
                    claim(match.start(), match.end(), "BANK_CARD")
            for start, end in _phones(text):
                claim(start, end, "PHONE")
        return tuple(sorted((f for f in taken if f.kind), key=lambda f: f.start))

    @staticmethod
    def _ipv6(text: str, match: re.Match[str], claim: Any) -> None:
        candidate = match.group().rstrip(".:") if not match.group().endswith("::") else match.group()
        if candidate.count(":") < 2 or not any(ch.isdigit() for ch in candidate):
            return
        try:
            ipaddress.IPv6Address(candidate)
        except ValueError:
            return
        claim(match.start(), match.start() + len(candidate), "IPV6")

    def count(self, texts: Iterable[str]) -> Counter[str]:
        """Values found per kind over some texts (each occurrence counts)."""
        counts: Counter[str] = Counter()
        for value in texts:
            counts.update(found.kind for found in self.find(value))
        return counts


def _is_ipv4(text: str) -> bool:
    try:
        ipaddress.IPv4Address(text)  # rejects octets over 255 and leading zeros
    except ValueError:
        return False
    return True


_MAY_BE_PHONE = re.compile(  # a shape worth parsing: +country, 00country, a 0-area-code landline, a mobile
    r"\+|(?:^|[ \t(（])00[1-9]"
    r"|(?:^|[ \t(（])0[1-9]\d{0,2}[)）]?[ \t\-]?\d{3,4}[ \t\-]?\d{3,4}(?!\d)"
    r"|(?<!\d)(?:86[ \-]?)?1[3-9]\d[ \-]?\d{4}[ \-]?\d{4}(?!\d)"
)
_PHONE_SHAPE = re.compile(r"(?:\+|00|[(（])?\d[\d \t\-.()（）]{5,}\d")


def _phones(text: str) -> Iterable[tuple[int, int]]:
    """Phone numbers libphonenumber finds valid, written in a way that names them a phone number:
    with a country code (+…, 00…), a Chinese mobile number, or a landline with its 0-area code.

    libphonenumber reads only the stretches shaped like a phone number (7+ digits with separators),
    with one character of context on each side: most of a prompt is never parsed."""
    import phonenumbers

    for shape in _PHONE_SHAPE.finditer(text):
        found = shape.group()
        if sum(ch.isdigit() for ch in found) < 7 or not _MAY_BE_PHONE.search(found):
            continue  # e.g. an order id: no country code, no 0-area code, not a mobile's shape
        left, right = max(0, shape.start() - 1), min(len(text), shape.end() + 1)
        for match in phonenumbers.PhoneNumberMatcher(text[left:right], "CN", leniency=phonenumbers.Leniency.VALID):
            raw = match.raw_string
            digits = re.sub(r"\D", "", raw)
            if raw.startswith(("+", "00", "(0", "（0", "0")) or _CN_MOBILE.match(digits):
                yield left + match.start, left + match.end


# ---------------------------------------------------------------------------------------------
# One request's masking
# ---------------------------------------------------------------------------------------------
@dataclass
class Masking:
    """The placeholders of one request: mask what goes out, restore what comes back."""

    detector: Detector
    by_value: dict[str, str] = field(default_factory=dict)
    by_placeholder: dict[str, str] = field(default_factory=dict)
    numbers: Counter[str] = field(default_factory=Counter)
    masked: Counter[str] = field(default_factory=Counter)  # occurrences masked, per kind

    def placeholder(self, kind: str, value: str) -> str:
        known = self.by_value.get(value)
        if known is None:
            self.numbers[kind] += 1
            known = f"{OPEN}{kind}_{self.numbers[kind]}{CLOSE}"
            self.by_value[value] = known
            self.by_placeholder[known[1:-1]] = value
        return known

    def mask(self, text: str) -> str:
        return self.mask_mapped(text)[0]

    def mask_mapped(self, text: str) -> tuple[str, list[tuple[int, int, int, int]]]:
        """The masked text and its replacements as (masked start, masked end, original start, original end)."""
        found = self.detector.find(text) if isinstance(text, str) else ()
        if not found:
            return text, []
        parts: list[str] = []
        pieces: list[tuple[int, int, int, int]] = []
        at = length = 0
        for item in found:
            parts.append(text[at : item.start])
            length += item.start - at
            token = self.placeholder(item.kind, item.value)
            parts.append(token)
            pieces.append((length, length + len(token), item.start, item.end))
            length += len(token)
            at = item.end
            self.masked[item.kind] += 1
        parts.append(text[at:])
        return "".join(parts), pieces

    def messages(self, messages: list[tuple[str, str]]) -> list[tuple[str, str]]:
        return [(role, self.mask(content)) for role, content in messages]

    def json(self, value: Any) -> Any:
        """A JSON-like value with every string masked (e.g. a schema whose enums list item ids)."""
        if isinstance(value, str):
            return self.mask(value)
        if isinstance(value, dict):
            return {key: self.json(item) for key, item in value.items()}
        if isinstance(value, list):
            return [self.json(item) for item in value]
        return value

    # -- back -----------------------------------------------------------------------------
    def restore(self, text: str) -> str:
        if not self.by_placeholder or not isinstance(text, str) or (OPEN not in text and "[[" not in text):
            return text

        def put_back(match: re.Match[str]) -> str:
            name = (match.group(1) or match.group(2)).upper()
            return self.by_placeholder.get(name, match.group())

        return _PLACEHOLDER.sub(put_back, text)

    def restore_value(self, value: Any) -> Any:
        """Every string inside a value (pydantic models in place, lists, tuples, dicts) restored."""
        if not self.by_placeholder:
            return value
        return self._walk(value, 0)

    def _walk(self, value: Any, depth: int) -> Any:
        from pydantic import BaseModel

        if depth > 50:
            return value
        if isinstance(value, str):
            return self.restore(value)
        if isinstance(value, BaseModel):
            for name in list(type(value).model_fields):
                if name in value.__dict__:
                    value.__dict__[name] = self._walk(value.__dict__[name], depth + 1)
            if value.__pydantic_extra__:
                for name in list(value.__pydantic_extra__):
                    value.__pydantic_extra__[name] = self._walk(value.__pydantic_extra__[name], depth + 1)
            return value
        if isinstance(value, list):
            return [self._walk(item, depth + 1) for item in value]
        if isinstance(value, tuple):
            return tuple(self._walk(item, depth + 1) for item in value)
        if isinstance(value, dict):
            return {self._walk(key, depth + 1): self._walk(item, depth + 1) for key, item in value.items()}
        if isinstance(value, set):
            return {self._walk(item, depth + 1) for item in value}
        return value

    def original_span(self, original: str, start: int, end: int) -> tuple[int, int]:
        """Offsets in the masked form of `original` (as this request masked it) → offsets in `original`.

        An offset inside a placeholder snaps to the masked value's bounds (start to its start, end to its end)."""
        _, pieces = Masking(self.detector, dict(self.by_value), dict(self.by_placeholder), Counter(self.numbers)).mask_mapped(original)
        return _to_original(start, pieces, is_end=False), _to_original(end, pieces, is_end=True)

    def restorer(self) -> "StreamRestorer":
        return StreamRestorer(self)

    def summary(self) -> str:
        return ", ".join(f"{kind} {count}" for kind, count in self.masked.most_common()) or "nothing"


def _to_original(offset: int, pieces: list[tuple[int, int, int, int]], *, is_end: bool) -> int:
    shift = 0
    for m_start, m_end, o_start, o_end in pieces:
        if offset <= m_start:  # before this placeholder (its start is the boundary)
            break
        if offset < m_end:  # inside the placeholder: snap to the masked value's bounds
            return o_end if is_end else o_start
        if offset == m_end:
            return o_end
        shift = o_end - m_end
    return offset + shift


class StreamRestorer:
    """Restores placeholders in a streamed answer, holding back a piece that may be a placeholder cut in two."""

    HOLD = 40

    def __init__(self, masking: Masking) -> None:
        self.masking = masking
        self.pending = ""

    def feed(self, piece: str) -> str:
        self.pending += piece
        cut = max(self.pending.rfind(OPEN), self.pending.rfind("["))
        if cut != -1 and CLOSE not in self.pending[cut:] and "]]" not in self.pending[cut:] and len(self.pending) - cut < self.HOLD:
            ready, self.pending = self.pending[:cut], self.pending[cut:]
        else:
            ready, self.pending = self.pending, ""
        return self.masking.restore(ready)

    def flush(self) -> str:
        ready, self.pending = self.pending, ""
        return self.masking.restore(ready)


# ---------------------------------------------------------------------------------------------
# Settings
# ---------------------------------------------------------------------------------------------
def is_loopback(base_url: str | None) -> bool:
    """Is the endpoint on this machine (localhost, 127.0.0.0/8, ::1)? No base URL means OpenAI's API."""
    if not base_url:
        return False

    try:
        host = urlsplit(base_url if "://" in base_url else f"http://{base_url}").hostname or ""
    except ValueError:
        return False
    host = host.lower().rstrip(".")
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class MaskingState:
    on: bool
    why: Message  # the reason, a catalogue message (`pii.reason.*`)

    @property
    def reason(self) -> str:
        return self.why.render("en")

    def describe(self, language: str | None = None) -> str:
        """`on (why)` / `off (why)` in `language`."""
        return text("pii.state.on" if self.on else "pii.state.off", language, reason=self.why)


def masking_state(settings: "Settings") -> MaskingState:
    """Whether requests to the configured endpoint are masked, and why."""
    mode = settings.mask_pii
    where = settings.endpoint_host
    if mode in ("on", "off"):
        return MaskingState(mode == "on", Message(f"pii.reason.setting_{mode}"))
    if is_loopback(settings.openai_base_url):
        return MaskingState(False, Message("pii.reason.loopback", host=where))
    return MaskingState(True, Message("pii.reason.remote", host=where))


def load_patterns(settings: "Settings") -> dict[str, str]:
    """Custom patterns: RULEBOOK_PII_PATTERNS_FILE (YAML or JSON name: regex) then RULEBOOK_PII_PATTERNS (JSON)."""
    patterns: dict[str, str] = {}
    path = settings.pii_patterns_file
    if path is not None:
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as error:
            raise ConfigurationError(Message("error.pii.unreadable_file", path=str(path), reason=str(error.strerror or error))) from None
        try:
            if path.suffix.lower() == ".json":
                data = json.loads(text)
            else:
                import yaml

                data = yaml.safe_load(text)
        except (ValueError, Exception) as error:  # noqa: BLE001 - yaml and json errors alike
            raise ConfigurationError(Message("error.pii.bad_file", path=str(path), reason=" ".join(str(error).split())[:200])) from None
        if isinstance(data, dict) and isinstance(data.get("patterns"), dict):
            data = data["patterns"]
        if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
            raise ConfigurationError(Message("error.pii.not_a_mapping", path=str(path), example="EMPLOYEE_ID: 'EMP-\\d{6}'"))
        patterns.update({str(k): v for k, v in data.items()})
    patterns.update(settings.pii_patterns or {})
    return patterns


def detector_for(settings: "Settings") -> Detector:
    patterns = load_patterns(settings)
    source = "RULEBOOK_PII_PATTERNS" + ("/RULEBOOK_PII_PATTERNS_FILE" if settings.pii_patterns_file else "")
    return _detector(tuple(sorted(patterns.items())), source)


@lru_cache(maxsize=8)
def _detector(patterns: tuple[tuple[str, str], ...], source: str) -> Detector:
    return Detector(dict(patterns), source=source)


def masker_for(settings: "Settings") -> Detector | None:
    """The detector to mask requests with, or None when masking is off for these settings."""
    return detector_for(settings) if masking_state(settings).on else None


def restore_offsets(masking: Masking, text: str, spans: Iterable[Any]) -> None:
    """Spans (objects with int `start`/`end`) a model gave over the masked `text`, moved onto `text` itself."""
    for span in spans:
        start, end = getattr(span, "start", None), getattr(span, "end", None)
        if isinstance(start, int) and isinstance(end, int) and 0 <= start <= end:
            span.start, span.end = masking.original_span(text, start, end)


def describe_counts(
    state: str | Message, counts: Mapping[str, int], prefix: Mapping[str, int], language: str | None = None, *, on: bool | None = None
) -> str:
    """One line for a dry run, in `language`: how many personal values the requests would carry masked (or in
    clear). `state` is the masking state (`MaskingState.describe`, or its message); `on` defaults to whether the
    English state starts with "on"."""

    def listing(found: Mapping[str, int]) -> Items:
        return Items((text("pii.counts.kind", language, kind=kind, count=count) for kind, count in found.items()), plain=True)

    if on is None:
        on = (state.render("en") if isinstance(state, Message) else state).startswith("on")
    total = sum(counts.values())
    line = text("pii.counts.masked" if on else "pii.counts.clear", language, state=state, total=total)
    if total:
        line += text("pii.counts.found", language, found=listing(counts))
    if prefix:
        line += text("pii.counts.prefix", language, total=sum(prefix.values()), found=listing(prefix))
    return line
