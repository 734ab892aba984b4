"""Everyday words that say the task type, as owners of small businesses write them.

- "pull the flower types, colours and event dates out of our order sheets": a list of fields taken out of documents (ner);
- "4,000-odd names with lots of doubles … say same person / different people": duplicate records (other);
- "看看问题主要集中在哪": where the complaints gather, by topic;
- "tag each one: booking request, price question, aftercare question": labels that are what the writer wants
  (a request, a question, a booking) name intents;
- "mark each one happy, meh or unhappy and what it's about", "… and want to see what actually comes in": a label set
  with a second, unnamed ask about the topics, so two types compete and the type is asked;
- "看图标一下：有没有死鸡、鸡扎堆": pictures sorted into conditions, with no description to check, fit no text type
  well (image classification): the type is asked;
- "每条标一下 需要删除：是/否", "约架的、地域黑的": comments marked for deletion, and the harms they are deleted for
  (content safety);
- "账本拍了、用软件识别成文字 … 对着照片把识别出来的文字改对": the photo is the source of an OCR text to correct,
  not a picture to describe.
"""

from __future__ import annotations

import re

from assistant.core.models import TaskType

__all__ = ["EVERYDAY_CUES", "INTENT_LABELS", "adjust_everyday", "topic_too"]

EVERYDAY_CUES: dict[TaskType, list[tuple[str, float]]] = {
    TaskType.content_safety: [
        # a comment marked for deletion, and the harms a club's or a shop's page deletes: "每条标一下 需要删除：是/否",
        # "约架的、地域黑的、发赌球链接的"
        (r"(?:需要|需不需要|该不该|要不要|是否|应不应该)删(?:除|帖|掉)?|约架|地域黑|赌球|赌博链接", 3.0),
    ],
    TaskType.ner: [
        # a list of things pulled out ("the A, B and C"): one thing pulled out may be a step of another task
        (r"\b(?:pull|get|take|grab|copy|lift|dig)\s+(?:the\s+|all\s+the\s+)?[^.;:!?\n,]{1,40},[^.;:!?\n]{0,120}?\s+out\s+of\s+(?:our|the|each|every|all|these|those|their|my|its)\b", 3.0),
    ],
    TaskType.other: [
        (r"\b(?:lots of|with|has|have|full of|many|some|plenty of|finding|spot(?:ting)?|flagged?)\s+(?:\w+\s+)?(?:doubles|duplicates|dupes)\b", 3.0),
    ],
    TaskType.topic_classification: [
        (r"(?:问题|意见|投诉|反映|抱怨|吐槽)[^，。；！？\n]{0,6}集中在(?:哪|什么|哪些)|集中在哪(?:些|几)?(?:方面|类|块)?", 2.5),
    ],
}

# labels that say what the writer wants: "booking request", "price question", "asking about refunds"
INTENT_LABELS = r"\b(?:requests?|questions?|enquir(?:y|ies)|inquir(?:y|ies)|bookings?|asking|wants? to|cancell?ations?|reschedul\w*)\b"

# "… and what it's about": a topic asked beside a label set of another kind
_TOPIC_TOO = re.compile(
    r"\band\s+(?:also\s+)?(?:what|which\s+topic)\s+(?:it'?s|it\s+is|they'?re|they\s+are|each\s+(?:one|\w+)\s+is|the\s+\w+\s+(?:is|are))\s+about\b"
    r"|\b(?:see|know|understand)\s+what\s+(?:actually\s+|really\s+)?(?:comes\s+in|people\s+(?:actually\s+)?(?:send|ask\s+for|request|write\s+about))\b"
    r"|(?:顺便|还有|以及|再)(?:看看|标一下|标出)?(?:说的|讲的|聊的|提到的)?(?:是)?(?:什么|啥)(?:事|内容|方面)",
    re.I,
)
# the picture is a scan whose recognised text is corrected, not an image to describe
_OCR = re.compile(r"\bOCR\b|文字识别|识别(?:出来|成)的?(?:文字|文本)|识别成文字|转成了?文字|\b(?:typed|scanned)\s+(?:up|in)\b", re.I)
_DESCRIPTION = re.compile(r"描述|说明|配文|文案|标题|caption|descri|alt[- ]?text|\bwrite-?ups?\b", re.I)
_PICTURES = re.compile(r"截图|图片|照片|看图|摄像头|监控|\b(?:photos?|pictures?|images?|screenshots?|camera|snapshots?)\b", re.I)


def topic_too(text: str, top: TaskType | None) -> bool:
    """A second ask of what each item is about beside a label set of another type."""
    return top is not None and top != TaskType.topic_classification and _TOPIC_TOO.search(text) is not None


def adjust_everyday(scores: dict[TaskType, float], original: str, labels: list[str] | None, quality: bool) -> bool:
    """Correct the scores for the everyday shapes above; True when the type must be asked (images sorted into
    conditions, with no description to check)."""
    if _OCR.search(original) and TaskType.other in scores and scores.get(TaskType.image_description, 0.0) > 0:
        # the photo is the OCR's source: the correction of its text leads
        scores[TaskType.image_description] = min(scores[TaskType.image_description] - 3.0, scores[TaskType.other] - 1.0)
    numeric = bool(labels) and all(re.fullmatch(r"\d{1,2}", label) for label in labels or [])
    top = max(scores, key=lambda t: scores[t]) if scores else None
    return (
        top == TaskType.image_description and bool(labels) and len(labels or []) >= 2 and not numeric and not quality
        and _PICTURES.search(original) is not None and _DESCRIPTION.search(original) is None
    )
