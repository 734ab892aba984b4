"""Cantonese-flavoured and traditional written Chinese, read with the simplified Mandarin cues.

Hong Kong writers use traditional characters (投訴, 標註, 類) and Cantonese words (係 = 是, 嘅 = 的, 啲 = 些,
出嚟 = 出来, 專登 = 专门). The cue patterns of the reader are written in simplified Mandarin, so they are matched on
`to_mandarin(text)`: a character-for-character rewrite with the SAME LENGTH, so a position found in the rewrite is
the same position in the original and a name is always quoted in the writer's own characters (`original_at`).

Only characters that simplified Mandarin text does not use are rewritten, so a simplified request is unchanged.
"""

from __future__ import annotations

__all__ = ["has_cantonese", "has_variants", "original_at", "to_mandarin"]

# two-character Cantonese words first (same length), then single characters
_WORDS = {
    "專登": "专门", "幫手": "帮忙", "標埋": "标上", "搞掂": "搞定", "唔該": "谢谢", "邊個": "哪个", "點樣": "怎样",
    "乜嘢": "什么",
}
_CANTONESE = "係是 嘅的 啲些 嚟来 哋们 喺在 冇没 唔不 咗了 佢他 睇看 俾给 嗰那 咁这 乜什 噉这 揾找 攞拿"
_TRADITIONAL = (
    "標标 註注 類类 訴诉 評评 說说 話话 題题 問问 價价 們们 個个 這这 麼么 來来 還还 對对 別别 開开 幫帮 當当 屬属 無无 "
    "關关 與与 為为 於于 單单 獨独 錯错 誤误 罵骂 廣广 賣卖 買买 貨货 費费 錢钱 時时 間间 電电 號号 碼码 資资 訊讯 "
    "檢检 測测 確确 認认 識识 選选 擇择 項项 應应 該该 總总 結结 議议 論论 讚赞 彈弹 負负 極极 滿满 務务 質质 條条 "
    "張张 組组 級级 種种 樣样 準准 較较 實实 體体 驗验 讀读 寫写 轉转 換换 貴贵 優优 數数 據据 庫库 從从 過过 進进 "
    "處处 夠够 雙双 邊边 樓楼 園园 讓让 請请 謝谢 須须 搜搜 尋寻 產产 業业 務务 員员 師师 長长 紀纪 錄录 擊击 聯联 "
    "繫系 約约 訂订 單单 簡简 鐘钟 歡欢 喜喜 愛爱 惡恶 虛虚 假假 騙骗 詐诈 險险 醫医 療疗 藥药 學学 課课 補补 習习 "
    "機机 車车 東东 帶带 發发 現现 麗丽 讚赞 憤愤 氣气 態态 詢询 諮咨 議议 覆复 講讲 聽听 歸归 區区 場场 齊齐 "
    "嗎吗 呢呢 啦啦 條条 頭头 臉脸 鬆松 緊紧 壞坏 務务 熱热 廳厅 飯饭 餐餐 辦办 給给 總总 統统 計计 劃划 線线 "
    "網网 頁页 圖图 畫画 視视 頻频 聲声 語语 譯译 內内 容容 戶户 護护 險险 陣阵 鬧闹 噪噪 雜杂 亂乱 髒脏 舊旧 "
    "殘残 缺缺 漏漏 損损 壓压 傷伤 專专 業业 層层 座座 數数 歲岁 閱阅 讚赞 極极 嚴严 輕轻 獎奖 勵励 懲惩 罰罚"
)
_CHARS = {pair[0]: pair[1] for pair in (_CANTONESE + " " + _TRADITIONAL).split() if len(pair) == 2 and pair[0] != pair[1]}


_CANTONESE_ONLY = {pair[0] for pair in _CANTONESE.split()} - {"唔", "俾", "咁"}


def has_cantonese(text: str) -> bool:
    """True when `text` is written in Cantonese (係, 嘅, 啲, 嚟, 哋…), not only in traditional characters."""
    return sum(char in _CANTONESE_ONLY for char in text) >= 2


# 唔 / 俾 / 咁 also appear in Mandarin transcripts (唔 as a filler): rewritten only in Cantonese text
_SHARED = {"唔", "俾", "咁"}


def has_variants(text: str) -> bool:
    """True when `text` holds a traditional or Cantonese character the rewrite knows."""
    return any(char in _CHARS and char not in _SHARED for char in text) or has_cantonese(text)


def to_mandarin(text: str) -> str:
    """`text` with Cantonese words and traditional characters in simplified Mandarin, one character for one."""
    if not has_variants(text):
        return text
    cantonese = has_cantonese(text)
    for word, mandarin in _WORDS.items():
        text = text.replace(word, mandarin)
    return "".join(_CHARS.get(char, char) if cantonese or char not in _SHARED else char for char in text)


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
