"""Context facts: languages, channels and data modalities a request names, and the script the request is written in.

Moved out of extract.py (which re-exports the public names); see extract.py for the conventions of the values.
"""

from __future__ import annotations

import re
from typing import Literal

from assistant.breakdown.facts import Fact, _dedupe, _make
from assistant.breakdown.numbers import _normalise, _rx

# --------------------------------------------------------------------------------------------
# Languages, channels, modalities
# --------------------------------------------------------------------------------------------

_LANG_ZH = {
    "简体中文": "zh", "繁体中文": "zh", "中文": "zh", "汉语": "zh", "普通话": "zh", "国语": "zh", "华语": "zh",
    "粤语": "yue", "广东话": "yue", "英文": "en", "英语": "en", "日文": "ja", "日语": "ja", "韩文": "ko",
    "韩语": "ko", "朝鲜语": "ko", "法语": "fr", "法文": "fr", "德语": "de", "德文": "de", "西班牙语": "es",
    "西班牙文": "es", "西语": "es", "葡萄牙语": "pt", "俄语": "ru", "俄文": "ru", "阿拉伯语": "ar", "泰语": "th",
    "泰文": "th", "越南语": "vi", "越南文": "vi", "印尼语": "id", "印度尼西亚语": "id", "意大利语": "it",
    "马来语": "ms", "印地语": "hi", "土耳其语": "tr", "荷兰语": "nl",
}
_LANG_ZH_GUARD_BEFORE = {
    "中文": "其之当集空途期手心正高初", "日文": "节假每今明昨生周末工作首当次隔前后", "日语": "节假每今明昨生周末工作首当次隔前后",
    "德语": "道品", "国语": "外", "法语": "方语", "法文": "方", "西语": "中东",
}
_LANG_EN = {
    "simplified chinese": "zh", "traditional chinese": "zh", "chinese": "zh", "mandarin": "zh",
    "cantonese": "yue", "english": "en", "spanish": "es", "french": "fr", "german": "de", "japanese": "ja",
    "korean": "ko", "portuguese": "pt", "russian": "ru", "arabic": "ar", "thai": "th", "vietnamese": "vi",
    "indonesian": "id", "italian": "it", "hindi": "hi", "turkish": "tr", "dutch": "nl", "malay": "ms",
}
_LANG_EN_NOT_LANGUAGE_AFTER = _rx.compile(
    r"^\s+(?:customers?|users?|people|market|companies|company|government|new\s+year|food|cuisine|restaurants?|"
    r"citizens|nationals?|brands?|fries|toast|economy|stocks?|cities|city|students?)\b",
    re.I,
)
_LANG_ZH_RE = _rx.compile("|".join(sorted(map(re.escape, _LANG_ZH), key=len, reverse=True)))
_LANG_EN_RE = _rx.compile(r"\b(?:" + "|".join(sorted(map(re.escape, _LANG_EN), key=len, reverse=True)) + r")\b", re.I)
_LANG_COMPACT_ZH = _rx.compile(r"(?<![其之当集空途期手心正高初])(?P<a>中)(?P<b>英)(?:文|双语|混合|混杂|两种语言)")


def extract_language(text: str) -> list[Fact]:
    """Languages the request names ("中文", "粤语", "English", "Spanish", "中英文")."""
    norm = _normalise(text)
    facts: list[Fact] = []
    for m in _LANG_COMPACT_ZH.finditer(norm):
        facts.append(_make("language", "zh", text, m.start("a"), m.end("a")))
        facts.append(_make("language", "en", text, m.start("b"), m.end())
                     if m.group(0).endswith("文") else _make("language", "en", text, m.start("b"), m.end("b")))
    for m in _LANG_ZH_RE.finditer(norm):
        word = m.group(0)
        guard = _LANG_ZH_GUARD_BEFORE.get(word, "")
        if guard and m.start() > 0 and norm[m.start() - 1] in guard:
            continue
        if word == "中文" and norm[m.end():m.end() + 1] == "件":
            continue
        facts.append(_make("language", _LANG_ZH[word], text, m.start(), m.end()))
    for m in _LANG_EN_RE.finditer(norm):
        if _LANG_EN_NOT_LANGUAGE_AFTER.match(norm[m.end():m.end() + 30]):
            continue
        facts.append(_make("language", _LANG_EN[m.group(0).lower()], text, m.start(), m.end()))
    return _dedupe(facts)


_CHANNELS: list[tuple[str, str]] = [
    # chat
    (r"客服聊天|在线客服|客服对话|客服会话|聊天记录|智能客服|客服机器人|聊天机器人|IM消息|即时通讯|微信聊天|在线咨询|聊天", "chat"),
    (r"\blive\s+chats?\b|\bchat\s+(?:logs?|transcripts?|messages?|history)\b|\bchat\s*bots?\b|\bcustomer\s+(?:service|support)\s+chats?\b|"
     r"\b(?:support|online|in-app|web|user)\s+chats?\b|\bchats\b", "chat"),
    # phone
    (r"电话录音|电话客服|客服电话|通话录音|呼叫中心|客服热线|热线|电话(?!号)|通话", "phone"),
    (r"\bphone\s+(?:calls?|conversations?|recordings?|support)\b|\bcall\s+(?:recordings?|cent(?:er|re)s?|transcripts?)\b|"
     r"\b(?:customer|support|sales|service|voice)\s+calls\b|\bover\s+the\s+phone\b|\btelephone\b|\bhotline\b", "phone"),
    # email
    (r"电子邮件|邮件", "email"),
    (r"\be-?mails?\b", "email"),
    # app reviews
    (r"应用商店(?:的)?(?:评论|评价)?|应用市场(?:的)?(?:评论|评价)?|应用评论|App\s?Store(?:的)?(?:评论|评价)?|"
     r"(?:app|APP|App)(?:的)?(?:评论|评价)", "app_review"),
    (r"\bapp\s+store\s+reviews?\b|\bapp\s+reviews?\b|\bapp\s+store\b|\bgoogle\s+play(?:\s+reviews?)?\b|\bplay\s+store(?:\s+reviews?)?\b", "app_review"),
    # social
    (r"微博评论|微博|小红书|抖音|快手|B站|朋友圈|推特|社交媒体|社媒|知乎|豆瓣", "social"),
    (r"\bsocial\s+media\b|\btwitter\b|\btweets\b|\bweibo\b|\breddit\b|\bfacebook\b|\binstagram\b|\btiktok\b|\bxiaohongshu\b", "social"),
    # search
    (r"搜索日志|搜索词|搜索结果|搜索记录|搜索", "search"),
    (r"\bsearch\s+(?:logs?|quer(?:y|ies)|results?|terms?|engines?|ranking|relevance|box|bar|experience|quality|data)\b|"
     r"\b(?:site|product|web|in-app)\s+search\b", "search"),
    # web
    (r"网页|网站|官网", "web"),
    (r"\bweb\s*pages?\b|\bwebsites?\b|\bweb\s+(?:content|data|text)\b|\bcrawled\b", "web"),
    # product reviews
    (r"商品评论|商品评价|电商评论|电商评价|淘宝评论|京东评论|买家评论|买家评价", "product_review"),
    (r"\bproduct\s+reviews?\b|\bamazon\s+reviews?\b", "product_review"),
    # tickets
    (r"工单", "ticket"),
    (r"\b(?:support|customer|helpdesk|help\s+desk|service|zendesk|jira)\s+tickets?\b", "ticket"),
    # surveys, forums
    (r"调查问卷|问卷", "survey"),
    (r"\bsurvey\s+responses?\b|\bsurveys?\b|\bNPS\s+comments?\b", "survey"),
    (r"论坛|贴吧", "forum"),
    (r"\bforum\s+posts?\b|\bforums?\b", "forum"),
]
_CHANNEL_RES = [(_rx.compile(p, re.I), key) for p, key in _CHANNELS]


def extract_channel(text: str) -> list[Fact]:
    """Where the data comes from ("客服聊天", "电话录音", "app reviews", "search logs")."""
    norm = _normalise(text)
    facts: list[Fact] = []
    for regex, key in _CHANNEL_RES:
        for m in regex.finditer(norm):
            facts.append(_make("channel", key, text, m.start(), m.end()))
    return _dedupe(facts)


_MODALITIES: list[tuple[str, str]] = [
    (r"文本|语料", "text"),
    (r"\btext(?:s|ual)?\b", "text"),
    (r"多轮对话|对话(?!框)|会话", "dialogue"),
    (r"\bconversations?\b|\bdialogues?\b|\bdialogs?\b|\bmulti-turn\b", "dialogue"),
    (r"图片|图像|照片|截图", "image"),
    (r"(?<!brand\s)(?<!public\s)\bimages?\b|\bphotos?\b|\bpictures\b|\bscreenshots?\b", "image"),
    (r"音频|语音|录音|音轨", "audio"),
    (r"\baudio\b|\bspeech\s+(?:recordings?|data|audio|clips?)\b|\bvoice\s+(?:recordings?|notes?|messages?|clips?)\b|"
     r"(?<!screen\s)(?<!video\s)\brecordings?\b|\bpodcasts?\b", "audio"),
    (r"短视频|视频|录像", "video"),
    (r"\bvideos?\b|\bfootage\b", "video"),
]
_MODALITY_RES = [(_rx.compile(p, re.I), key) for p, key in _MODALITIES]


def extract_modality(text: str) -> list[Fact]:
    """What kind of data it is ("文本", "对话", "图片", "audio", "conversations")."""
    norm = _normalise(text)
    facts: list[Fact] = []
    for regex, key in _MODALITY_RES:
        for m in regex.finditer(norm):
            facts.append(_make("modality", key, text, m.start(), m.end()))
    return _dedupe(facts)


# --------------------------------------------------------------------------------------------
# Script of the request
# --------------------------------------------------------------------------------------------

_HAN = _rx.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN_WORD = _rx.compile(r"[A-Za-z]*[a-z][A-Za-z]*")  # all-caps acronyms (QA, IAA, NER) belong to both


def request_language(text: str) -> Literal["zh", "en", "mixed"]:
    """The script the request is written in: "zh", "en" or "mixed".

    Han characters are weighed against Latin words (1.5 characters to a word).
    A Chinese request with a few English terms ("QA", "app", "kappa") stays
    "zh" and the reverse stays "en"; "mixed" needs at least 30% of each.
    A text with no Han character at all is "en".
    """
    norm = _normalise(text or "")
    han = len(_HAN.findall(norm))
    words = len([w for w in _LATIN_WORD.findall(norm) if len(w) >= 2])
    if han == 0:
        return "en"
    if words == 0:
        return "zh"
    zh_weight = han / 1.5
    share_en = words / (words + zh_weight)
    if share_en < 0.3:
        return "zh"
    if share_en > 0.7:
        return "en"
    return "mixed"
