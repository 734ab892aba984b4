"""Requests written in traditional characters (Taiwan, Hong Kong) and in Cantonese, read with the simplified cues
(assistant/breakdown/zh_variants.py, OpenCC underneath); simplified requests are left exactly as written.

Sentences written for these tests, not taken from the dev sets.
"""

from __future__ import annotations

import pytest

from assistant.breakdown import zh_variants
from assistant.breakdown.request_labels import find_labels
from assistant.breakdown.zh_variants import has_cantonese, has_variants, original_at, to_mandarin

TAIWAN = "您好，我們是高雄的牙醫診所，想請人把病患在官網留下的預約留言分類成：洗牙、補牙、矯正諮詢、其他。大約五千則，月底前完成。"
HONG_KONG = "本會所泳池及健身室的意見卡想整理一下，分為：衞生問題、設施損壞、職員態度、讚賞。約一千張。"
CANTONESE = "我哋係做外賣平台嘅，想搵人睇下啲顧客評語，分做：送遲咗、食物凍咗、漏咗嘢、其他。"

# ordinary simplified requests with characters that OpenCC's traditional-to-simplified tables also list
# (著, 乾, 於, 夥, 覆, 瞭) or that the simplified script shares with traditional writing (于, 后, 里, 干, 着)
SIMPLIFIED = [
    "这本著作里乾隆年间的记载，于是后来被收进了古籍，请把句子标为：史实、传说、无关。",
    "客服对话里，用户说衣服洗了以后干不了、一直湿着的，标为质量问题；问什么时候发货的标为物流。",
    "帮我们把显著的错误和一般错误分开，覆盖全部三千条，瞭望塔那一批先不用管。",
    "我们团伙作案的线索在于聊天记录里，把提到转账的消息标出来，其余的标为无关。",
    "唔 那个 我们是做物流的 司机发语音 想知道是催单还是投诉",
]


@pytest.mark.parametrize("text", [TAIWAN, HONG_KONG, CANTONESE])
def test_a_traditional_request_is_read_in_simplified_one_character_for_one(text):
    rewritten = to_mandarin(text)
    assert has_variants(text)
    assert len(rewritten) == len(text) and rewritten != text
    assert "分" in rewritten and "們" not in rewritten and "為" not in rewritten and "類" not in rewritten


def test_hong_kong_variant_forms_and_the_mandarin_xi_of_relation():
    assert "卫生问题" in to_mandarin(HONG_KONG)  # 衞 is Hong Kong's form of 衛
    taiwan = "請協助審閱我們論壇的貼文，標記為：廣告、人身攻擊、正常。跟產品沒關係的也算正常。"
    assert "没关系" in to_mandarin(taiwan) and "关是" not in to_mandarin(taiwan)  # 關係 is Mandarin, not Cantonese 係
    assert "我们是做外卖" in to_mandarin(CANTONESE)  # the Cantonese 係 is 是
    assert "想找人看下些顾客" in to_mandarin(CANTONESE)  # 搵 (Hong Kong's form of 揾) = 找, 睇 = 看, 啲 = 些


def test_cantonese_is_told_from_traditional_mandarin():
    assert has_cantonese(CANTONESE)
    assert not has_cantonese(TAIWAN) and not has_cantonese(HONG_KONG)


@pytest.mark.parametrize("text", SIMPLIFIED)
def test_a_simplified_request_comes_out_unchanged(text):
    assert not has_variants(text)
    assert to_mandarin(text) == text
    assert not has_cantonese(text)


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        (TAIWAN, ["洗牙", "補牙", "矯正諮詢", "其他"]),
        (HONG_KONG, ["衞生問題", "設施損壞", "職員態度", "讚賞"]),
        (CANTONESE, ["送遲咗", "食物凍咗", "漏咗嘢", "其他"]),
        (SIMPLIFIED[0], ["史实", "传说", "无关"]),
    ],
)
def test_labels_are_named_in_the_writers_own_characters(text, labels):
    found = find_labels(text)
    assert found is not None and found.labels == labels


def test_original_at_maps_a_name_back_through_the_rewrite():
    rewritten = to_mandarin(HONG_KONG)
    assert original_at("设施损坏", rewritten, HONG_KONG) == "設施損壞"
    assert original_at("问题", rewritten, HONG_KONG) == "問題"


def test_a_conversion_that_would_change_the_length_is_done_character_by_character(monkeypatch):
    class Widening:
        """A converter whose phrase table turns one two-character word into three characters."""

        def convert(self, text: str) -> str:
            return text.replace("資料", "资料库").replace("資", "资").replace("料", "料")

    monkeypatch.setattr(zh_variants, "_converter", lambda config: Widening())
    assert zh_variants._convert("hk2s", "請把資料分類") == "請把资料分類"
