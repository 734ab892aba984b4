"""Shared word lists for reading label sets out of requests (Chinese and English).

Kept in one place so the candidate finder, the scorer and the task-type reader use the same
vocabulary. Each entry is a regular-expression fragment; none of them is a whole phrasing.
"""

from __future__ import annotations

import re

# Words that say "what follows is a set of labels" (framing), strongest first.
FRAME_STRONG = (
    r"标签|类别|分类|选项|类目|档位|等级|级别|字段|槽位|属于|区分出|区分开|识别出|识别|来分|来区分|标注|标一下|标下|打标|标记|标为|标注成|标记为|标为|标成|来(?:标注?|打|判断|归类|划分|评)|分成|分为|划分|区分|归为|归类|打上|判为|评为|评定为|定为|"
    r"抽取|提取|抽出|摘出|找出|识别出|标出|[二三四五六七八九十两多几\d]选[一1]|单选|多选|这几[种类个样]|这些类型?|分(?:个|一下|下|一)类|分一下(?=\s*[:：])|分下(?=\s*[:：])|分一分|分流|分派|分拣|派单|转派|路由|"
    r"(?<![A-Za-z])(?:labels?|label(?:l?ed|l?ing)?|tags?|tagg(?:ed|ing)|classif(?:y|ied|ication|ying)|"
    r"categor(?:y|ies|i[sz]e|i[sz]ed|i[sz]ing)|classes|buckets?|bucketing|types?|options?|choices|mark(?:ed|ing)? as|sort(?:ed|ing)? into|"
    r"slots?|fields?|extract(?:ed|ing|ion)?|pull(?:ed|ing)? out|identif(?:y|ication) of|rate|rating|grade|grading|score|scoring|levels?|desks?|"
    r"queues?|teams?|departments?|sorts|kinds|areas(?=\s*[=:：])|scale|one of|choose from|pick from|select from|pick one|choose one|"
    r"binary|multi-?class|single-label|priority|priorities|severity|difficulty|status|answer(?:ed)?(?:\s+with)?|respond\s+with|reply\s+with|bins?|piles?|reasons|topics|themes|intents|outcomes|verdicts|statuses|answers|values|assign(?:ed|ing)? to|put into|split into|file(?:d)? under|"
    r"cod(?:e|ed|ing) (?:as|for|into)|choose between|pick between|one tag|one label)(?![A-Za-z])"
)
FRAME_WEAK = r"情感|情绪|意图|立场|主题|(?<![A-Za-z])(?:sentiment|emotions?|tone|stance|intents?|topics?)(?![A-Za-z])|哪个|哪一个|哪种|像|比如|例如|诸如|之类|这种|这类|哪些是(?:在(?!职|线|校|读|岗|售|途|库|用|建|营|册|家|场|内|外|意|乎|于|此|这|那))?|是不是(?:在(?!职|线|校|读|岗|售|途|库|用|建|营|册|家|场|内|外|意|乎|于|此|这|那))?|有没有|是否|(?<![A-Za-z])(?:like|such as|e\.g\.|including|whether|either|which)(?![A-Za-z])"
# A list after these nouns is not a label set: where data comes from, languages, steps, people, deliverables.
NOT_LABEL_HEADS = (
    r"数据源|数据|来源|渠道|平台|语言|语种|格式|时间|预算|交付|人员|标注员|工具|要求|阶段|批次|轮次|步骤|流程|"
    r"(?<![A-Za-z])(?:data|sources?|channels?|platforms?|languages?|formats?|deadline|budget|timeline|annotators?|tools?|requirements?|"
    r"deliverables?|phases?|stages?|rounds?|batch(?:es)?|steps?|splits?|files?|columns? in the (?:csv|file)|"
    r"(?:comes?|coming|came|collected|gathered|pulled|scraped|sourced|exported|imported) from|we (?:sell|offer|make|stock|run)|shops? in|stores? in)(?![A-Za-z])"
)
# Keys of a request written as a spec ("数据：…", "- budget: …"): lines with these keys are not labels.
SPEC_KEYS = (
    r"^(?:数据|任务|标签|量|数量|数据量|时间|截止|预算|人员|人力|要求|交付|备注|背景|目标|说明|格式|"
    r"data|task|labels?|volume|deadline|due|budget|team|people|annotators?|notes?|background|goal|want|need|format|timeline|qa)$"
)
# A trailing catch-all item: "其余算正常", "everything else fine".
CATCH_ALL_AFTER = (
    r"[，,]?\s*(?P<label>[\u4e00-\u9fff]{1,4}?)的?(?:就|都)?(?:不用管|不用标|不管|忽略|跳过|不需要标)"
)
# Verbs and pronouns: an item holding one of these is a clause, not a label.
CLAUSE_WORDS_ZH = r"^(?:也|又|才)|要么|还没|再说|都要|都得|谢谢|下周|本周|月底|月初|交付|附件|就行|就好|可能|出来|方便|以便|推荐|我们|你们|他们|需要|希望|想要|可以|能不能|怎么|什么|是否|如果|因为|所以|然后|大概|左右|之前|以后|一下"
CLAUSE_WORDS_EN = r"(?<![A-Za-z])(?:it|its|them|then|also|asap|(?<!saying\s)(?<!say\s)(?<!says\s)(?<!no\s)(?<!giving\s)thanks|marked|tagged|labell?ed|classified|categori[sz]ed|sorted|bucketed|each|every|these|those|this|we|(?<!thank\s)(?<!thank-)you|they|i|our|your|their|is|are|was|were|do|does|did|can|could|would|should|please|will)(?![A-Za-z])"
# Words that are verbs in a sentence but nouns at the end of a name ("immediate need", "over budget", "payment due")
CLAUSE_WORDS_EN_WEAK = r"^(?:deadline|budget|due)$|(?<![A-Za-z])(?:need|want|have|has|get|due|deadline|budget)(?![A-Za-z])(?=\s+\S)"
# Quantities inside an item: "2万条", "5k emails", "10 days".
QUANTITY_IN_ITEM = r"\d[\d,.]*\s*(?:[万千wkK]|条|个|份|篇|天|周|元|人|days?|weeks?|hours?|items?|reviews?|messages?|%)"
# Opposite pairs that people write without a separator ("好评差评"): polar words, not phrases of a domain.
POLAR_PAIRS = (
    ("好评", "差评"), ("正面", "负面"), ("利好", "利空"), ("积极", "消极"), ("满意", "不满意"), ("相关", "不相关"),
    ("合格", "不合格"), ("通过", "不通过"), ("真", "假"), ("有用", "没用"),
)
# Ordered degree words: a list made of these is a scale.
DEGREE_CHARS = "高中低强弱大小好差优良"
LABEL_SUFFIX = r"(?:的标签|的类别|标签|类别|这种|这类|之类|等|两类|的)$"


def has_cjk(text: str) -> bool:
    return re.search(r"[\u4e00-\u9fff]", text) is not None
