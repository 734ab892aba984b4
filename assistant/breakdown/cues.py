"""Keyword cues the offline breakdown engine reads (explicit words only), and labels a request lists."""

from __future__ import annotations

import re

from assistant.core.models import TaskType

TASK_TYPE_CUES: dict[TaskType, str] = {
    TaskType.sentiment: r"情绪|情感|满意度|正负面|sentiment|emotion|satisfaction|\btone\b",
    TaskType.intent_classification: r"意图|分流|intent|routing",
    TaskType.topic_classification: r"主题分类|话题分类|topic|categor(?:y|ies|ise|ize)",
    TaskType.content_safety: r"审核|违规|有害|涉黄|辱骂|moderation|toxic|harmful|unsafe|abusive",
    TaskType.ner: r"实体|命名实体|NER\b|entit(?:y|ies)",
    TaskType.search_relevance: r"相关性|搜索结果|relevance|search results?",
    TaskType.response_preference: r"偏好|哪个回答更好|回答对比|preference|which (?:answer|response) is better|RLHF|DPO",
    TaskType.summarization_quality: r"摘要|总结质量|summar(?:y|ies|isation|ization)",
    TaskType.image_description: r"图片描述|图像描述|配文|caption|image description",
}
DOMAIN_CUES: dict[str, str] = {
    "e-commerce": r"电商|商城|网店|淘宝|购物|e-?commerce|online (?:shop|store)|\bshop\b|\bstore\b",
    "banking": r"银行|金融|信用卡|\bbank(?:ing)?\b|fintech",
    "healthcare": r"医疗|病历|医院|患者|medical|clinical|patient|health",
    "news": r"新闻|\bnews\b",
    "social media": r"社交|评论区|微博|social media|comments section",
    "mobile apps": r"应用商店|\bapp store\b|\bapps?\b",
    "customer service": r"客服|售后|customer (?:service|support)|support (?:bot|team|tickets?)|help ?desk",
}
USAGE_CUES: dict[str, str] = {
    "training data": r"训练|微调|fine-?tun|\btrain(?:ing)?\b",
    "evaluation set": r"评测|评估|测试集|\bevaluat|benchmark|test set",
}
GOAL_PATTERNS = (
    re.compile(r"(?:想让|希望|为了|目的是|以便|好让|便于|用来|用于)(?P<goal>[^，。,；;！!？?\n]{2,60})"),
    re.compile(r"(?:so that|so|in order to)\s+(?P<goal>(?:we|the|our|they|recruiters|adjusters|agents|users|it|people)\b[^,.;!?\n]{3,100})", re.I),
    # "so ops can plan the winter timetable", "so that the night shift could triage faster": any subject of one to three
    # words, then a modal
    re.compile(r"\bso(?: that)?\s+(?!(?:far|much|many|long|often)\b)(?P<goal>(?:[A-Za-z][\w'-]*\s+){1,3}(?:can|could|will|would|may|might|is able to|are able to)\s+[^,.;!?\n]{3,100})", re.I),
    re.compile(r"\b(?:for an?|for our)\s+(?P<goal>[\w -]{3,40}?\b(?:tool|model|system|index|dashboard|report|app|product|engine|bot))\b", re.I),
    re.compile(r"(?:so that|in order to|to help|to make|we want to|we'd like to|we need to|aim(?:ing)? to)\s+(?P<goal>[^,.;!?\n]{3,100})", re.I),
    re.compile(r"(?:we need|we want|need)\s+(?P<goal>better [^,.;!?\n]{3,80})", re.I),
)
LABEL_PATTERNS = (
    re.compile(r"(?:标签(?:分为|分成|为|是|有|包括)?|分为|分成|类别(?:为|有|包括)?)[:：]?\s*(?P<labels>[^，。；;,\n]{2,120})"),
    re.compile(r"\b(?:labels?|categories|classes)\s*(?:are|:|like|such as|would be)\s*(?P<labels>[^.;\n]{2,160})", re.I),
)
LABEL_SPLIT = re.compile(r"\s*(?:、|，|,|/|；|\bor\b|\band\b|和|或|以及)\s*")


def _first(pattern: str, text: str) -> re.Match[str] | None:
    return re.search(pattern, text, re.I)


def stated_labels(text: str) -> tuple[list[str], str] | None:
    """Labels the request lists explicitly ("分为正面、负面、中性", "labels: spam, ham")."""
    for pattern in LABEL_PATTERNS:
        match = pattern.search(text)
        if not match:
            continue
        labels = [part.strip(" \"'“”‘’。.") for part in LABEL_SPLIT.split(match.group("labels"))]
        labels = [label for label in labels if label and len(label) <= 30]
        if len(labels) >= 2:
            return labels, match.group(0)
    return None
