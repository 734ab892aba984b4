"""Personal data detectors, masking and restoring (assistant.llm.pii), in Chinese and English text."""

from __future__ import annotations

import json

import pytest

from assistant.core.errors import ConfigurationError
from assistant.llm.pii import Detector, Masking, StreamRestorer, cn_id_valid, is_loopback, masking_state
from assistant.core.settings import Settings

DETECT = Detector()


def kinds(text: str, detector: Detector = DETECT) -> list[tuple[str, str]]:
    return [(found.kind, found.value) for found in detector.find(text)]


# -- phones ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, value",
    [
        ("客服电话13812345678，请回电", "13812345678"),
        ("手机：138-1234-5678。", "138-1234-5678"),
        ("手机 138 1234 5678 有人接", "138 1234 5678"),
        ("请拨打+86 138 1234 5678", "+86 138 1234 5678"),
        ("号码+8613812345678", "+8613812345678"),
        ("座机 010-62345678 工作日", "010-62345678"),
        ("上海 (021) 6123 4567", "(021) 6123 4567"),
        ("深圳0755-86001234转分机", "0755-86001234"),
        ("Call me at +1 415 555 2671 tomorrow", "+1 415 555 2671"),
        ("London office: +44 20 7946 0958.", "+44 20 7946 0958"),
        ("from abroad dial 0044 20 7946 0958", "0044 20 7946 0958"),
        ("下单 2024-11-05 010-62345678 联系", "010-62345678"),  # a date right before a landline
    ],
)
def test_phone_numbers_are_found(text, value):
    assert ("PHONE", value) in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "订单号 2024010112 已发货",  # a bare 10-digit number is not a landline without its 0-area code
        "金额 1,234,567 元",
        "下单时间 2024-01-01 12:30:45",
        "order 20240101 shipped, total 12345.67",
        "我们需要 30000 条数据，预算 5 万元",
        "ticket #88231 and #99102",
        "a number like 12345678901 that no mobile network uses",  # starts with 12: not a Chinese mobile
    ],
)
def test_ordinary_numbers_are_not_phones(text):
    assert [kind for kind, _ in kinds(text) if kind == "PHONE"] == []


# -- Chinese resident ID ----------------------------------------------------------------------
def test_resident_id_with_valid_checksum_is_masked_and_invalid_is_not():
    assert cn_id_valid("11010519491231002X") and cn_id_valid("110101199003074258")
    assert not cn_id_valid("110101199003074250")  # last character wrong
    assert not cn_id_valid("11010519491231002Y")
    assert not cn_id_valid("110101199013074258")  # month 13: no such birth date
    assert kinds("身份证号11010519491231002X，请核实") == [("CN_ID", "11010519491231002X")]
    assert kinds("ID: 110101199003074258.") == [("CN_ID", "110101199003074258")]
    assert kinds("ID 110101 19900307 4258 with spaces") == [("CN_ID", "110101 19900307 4258")]
    assert kinds("身份证号110101199003074250，校验位不对") == []
    assert kinds("serial 12345678901234567X") == []


# -- bank cards --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, value",
    [
        ("卡号 6222 0212 3456 7890 128 尾号128", "6222 0212 3456 7890 128"),
        ("card 4111-1111-1111-1111 expires 12/29", "4111-1111-1111-1111"),
        ("card 4111111111111111", "4111111111111111"),
        ("Amex 3782 822463 10005", "3782 822463 10005"),
        ("银行卡6222021234567890128。", "6222021234567890128"),
    ],
)
def test_luhn_valid_card_numbers_are_found(text, value):
    assert ("BANK_CARD", value) in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "card 4111 1111 1111 1112",  # Luhn fails
        "银行卡6222021234567890123",  # Luhn fails
        "timestamp 1700000000000 in ms",  # starts with 1: no card network
        "订单 20240101123456789 已付款",  # date-like order id starting with 20
        "tracking 7000000000000000",  # first digit 7: no card network
    ],
)
def test_numbers_that_fail_luhn_or_the_network_digit_are_not_cards(text):
    assert [kind for kind, _ in kinds(text) if kind == "BANK_CARD"] == []


# -- e-mail and IP -------------------------------------------------------------------------------
def test_email_addresses_in_chinese_and_english_text():
    assert kinds("请联系zhang.san@example.com获取发票") == [("EMAIL", "zhang.san@example.com")]
    assert kinds("Write to <Jane.Doe+ops@mail.example.co.uk>, thanks") == [("EMAIL", "Jane.Doe+ops@mail.example.co.uk")]
    assert kinds("not an address: user@localhost or @mention or a@b") == []


def test_ip_addresses_but_not_versions_times_or_macs():
    assert kinds("来源IP 192.168.1.10 被封禁") == [("IPV4", "192.168.1.10")]
    assert kinds("server 2001:db8:85a3::8a2e:370:7334 and fe80::1 down") == [
        ("IPV6", "2001:db8:85a3::8a2e:370:7334"),
        ("IPV6", "fe80::1"),
    ]
    assert kinds("mapped ::ffff:192.0.2.128 here") == [("IPV6", "::ffff:192.0.2.128")]
    # versions, out-of-range quads, longer dotted runs, times, MAC addresses and C++ names are not addresses
    for text in (
        "升级到版本 1.2.3.4 后", "app v1.2.3.4 released", "version 10.0.0.1", "ver. 2.0.0.1",
        "999.1.1.1", "1.2.3.4.5", "at 12:30:45", "MAC 00:1A:2B:3C:4D:5E", "std::vector", "ratio 1:2:3",
    ):
        assert kinds(text) == [], text


# -- custom patterns ----------------------------------------------------------------------------
def test_custom_patterns_from_settings_env_and_file(tmp_path, monkeypatch):
    detector = Detector({"employee_id": r"EMP-\d{6}"})
    assert kinds("工号EMP-204817的员工", detector) == [("EMPLOYEE_ID", "EMP-204817")]
    assert kinds("工号EMP-2048的员工", detector) == []
    monkeypatch.setenv("RULEBOOK_PII_PATTERNS", json.dumps({"TICKET": r"TK\d{8}"}))
    (tmp_path / "patterns.yaml").write_text("patterns:\n  PLATE: '[京沪粤][A-Z]·?[A-Z0-9]{5}'\n", encoding="utf-8")
    monkeypatch.setenv("RULEBOOK_PII_PATTERNS_FILE", str(tmp_path / "patterns.yaml"))
    from assistant.llm.pii import detector_for

    detector = detector_for(Settings())
    assert kinds("车牌京A·12345，工单TK20240101", detector) == [("PLATE", "京A·12345"), ("TICKET", "TK20240101")]


def test_a_custom_pattern_never_masks_a_placeholder_again():
    masking = Masking(Detector({"CODE": r"[A-Z]+_\d+"}))
    once = masking.mask("mail a@example.com, code AB_12")
    assert once == "mail ⟦EMAIL_1⟧, code ⟦CODE_1⟧"
    assert masking.mask(once) == once  # e.g. a schema appended to an already masked message
    assert masking.restore(once) == "mail a@example.com, code AB_12"


@pytest.mark.parametrize(
    "patterns, message",
    [({"BAD": "EMP-(\\d"}, "not a valid regular expression"), ({"EMPTY": "x*"}, "matches empty text"),
     ({"PHONE": "x"}, "built-in kind"), ({"名字": "x"}, "letters, digits and _")],
)
def test_bad_custom_patterns_are_one_clear_configuration_error(patterns, message):
    with pytest.raises(ConfigurationError, match=message):
        Detector(patterns)


# -- masking and restoring --------------------------------------------------------------------------
def test_placeholders_are_stable_within_a_request_and_restored():
    masking = Masking(DETECT)
    first = masking.mask("用户 a@example.com 和 b@example.com 投诉，a@example.com 又来了")
    assert first == "用户 ⟦EMAIL_1⟧ 和 ⟦EMAIL_2⟧ 投诉，⟦EMAIL_1⟧ 又来了"
    assert masking.mask("reply to b@example.com") == "reply to ⟦EMAIL_2⟧"
    # a model may add spaces or use [[…]]; unknown placeholders stay as they are
    assert masking.restore("联系 ⟦ EMAIL_1 ⟧ 或 [[email_2]]，不是 ⟦EMAIL_9⟧") == "联系 a@example.com 或 b@example.com，不是 ⟦EMAIL_9⟧"
    assert masking.masked == {"EMAIL": 4}
    # placeholders survive JSON and are not JSON syntax
    assert json.loads(json.dumps({"t": first}, ensure_ascii=False))["t"] == first


def test_restore_value_walks_pydantic_answers():
    from pydantic import BaseModel

    class Span(BaseModel):
        text: str
        start: int | None = None

    class Answer(BaseModel):
        id: str
        spans: list[Span]
        notes: dict[str, str] = {}

    masking = Masking(DETECT)
    masking.mask("x@example.com 13812345678")
    answer = Answer(id="⟦PHONE_1⟧", spans=[Span(text="⟦EMAIL_1⟧", start=0)], notes={"k": "call ⟦PHONE_1⟧"})
    masking.restore_value(answer)
    assert answer.id == "13812345678" and answer.spans[0].text == "x@example.com" and answer.notes == {"k": "call 13812345678"}


def test_offsets_over_masked_text_map_back_to_the_original():
    original = "客户13812345678说：邮箱x@example.com收不到，电话13812345678"
    masking = Masking(DETECT)
    masked = masking.mask(original)
    for value in ("x@example.com", "收不到", "13812345678", "说"):
        start = masked.find(masking.by_value.get(value, value))
        end = start + len(masking.by_value.get(value, value))
        o_start, o_end = masking.original_span(original, start, end)
        assert original[o_start:o_end] == value
    # the last occurrence of the phone too
    start = masked.rfind("⟦PHONE_1⟧")
    o_start, o_end = masking.original_span(original, start, start + len("⟦PHONE_1⟧"))
    assert (o_start, o_end) == (original.rfind("13812345678"), len(original))


def test_streamed_placeholders_cut_in_pieces_are_restored():
    masking = Masking(DETECT)
    masking.mask("打 +86 138 1234 5678")
    restorer = StreamRestorer(masking)
    pieces = ["请回拨 ⟦PH", "ONE_", "1⟧ 谢谢", " [ok]"]
    shown = "".join(restorer.feed(piece) for piece in pieces) + restorer.flush()
    assert shown == "请回拨 +86 138 1234 5678 谢谢 [ok]"


# -- when masking is on --------------------------------------------------------------------------
@pytest.mark.parametrize(
    "url, loopback",
    [("http://127.0.0.1:8080/v1", True), ("http://localhost:11434/v1", True), ("http://[::1]:8000/v1", True),
     ("http://127.8.9.10/v1", True), ("https://api.example.com/v1", False), ("http://10.0.0.5:8000/v1", False),
     ("http://user:pw@192.168.1.20/v1", False), (None, False)],
)
def test_loopback_endpoints(url, loopback):
    assert is_loopback(url) is loopback


def test_masking_is_on_for_remote_endpoints_and_can_be_forced(monkeypatch):
    assert masking_state(Settings(openai_api_key="sk-x")).on  # OpenAI's API
    assert masking_state(Settings(openai_base_url="https://llm.example.com/v1")).on
    assert not masking_state(Settings(openai_base_url="http://127.0.0.1:8000/v1")).on
    monkeypatch.setenv("RULEBOOK_MASK_PII", "on")
    assert masking_state(Settings(openai_base_url="http://127.0.0.1:8000/v1")).on
    monkeypatch.setenv("RULEBOOK_MASK_PII", "off")
    state = masking_state(Settings(openai_base_url="https://llm.example.com/v1"))
    assert not state.on and "RULEBOOK_MASK_PII=off" in state.reason
