"""The task type a request asks for, read from its own words; past projects are only a prior.

Each task type has weighted cues in Chinese and English (the verbs and nouns people use for it,
and label sets typical of it). The cues found in the request are summed per type. A clear winner
is `inferred` with a confidence that grows with its margin; when two types tie or nothing is
said, the result is low-confidence and asks the requester, so the breakdown never states a
confident wrong type. A similar past project only breaks ties or fills the silence, at low
confidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.breakdown.task_asides import ASIDE_WEIGHT, OTHER_CUES, UNSETTLED, aside_spans, blank_label_notes, in_aside
from assistant.breakdown.task_checks import check_spans
from assistant.breakdown.task_shape_cues import CHECK_CUES, TENTATIVE, audit_word, check_evidence
from assistant.breakdown.task_everyday import EVERYDAY_CUES, INTENT_LABELS, adjust_everyday, topic_too
from assistant.breakdown.task_examples import guess_task_type
from assistant.breakdown.task_plain_asks import PLAIN_CUES, feeling_scale, routed_topics
from assistant.breakdown.form_fields import form_fields
from assistant.breakdown.task_forms import FORM_CUES, blank_field_names, data_column, definition_spans, field_list, office_noun, reasons_too, section_asides
from assistant.breakdown.task_evidence import Evidence, label_shape_evidence, negated, noun_use, pass_fail, structural_evidence
from assistant.core.models import TaskType
from assistant.breakdown.zh_variants import has_cantonese, to_mandarin

__all__ = ["TaskSignal", "read_task_type", "CUES"]

# (pattern, weight). Weights: 3 = names the task outright, 2 = strong hint, 1 = weak hint.
CUES: dict[TaskType, list[tuple[str, float]]] = {
    TaskType.ner: [
        (r"抽取(?![^，。；\n]{0,30}?\d+\s*(?:份|条|篇|个|张|组|对))|提取|抽出|摘出|标出[^，。；]{0,12}(?:位置|片段|实体|名称|名字|金额|日期|字段)|圈出|框出|找出[^，。；]{0,20}(?:里|中)[^，。；]{0,4}的|(?:标出|抽出|挑出|圈出|划出|摘出)(?:来)?(?:里面|里头|里边|其中|当中)的?\s*[:：]|把[^，。；]{0,20}(?:里|中)(?:面|头|边)?的[^，。；]{0,30}(?:找|标|抽|提|圈|框)出|拆成|拆分成|拆分为|结构化", 3),
        (r"命名实体|实体识别|实体|片段标注|槽位|字段", 3),
        # "mark the callsign, runway and altitude in each transmission": several things to find inside each item
        (r"\b(?:mark|highlight|underline|circle|box)\s+(?:all\s+)?(?:of\s+)?the\s+[^.;:!?\n]{0,80}?\s+(?:in|inside|within)\s+(?:each|every)\s+\w+", 3),
        (r"\b(?:tag|mark|extract|pull|capture|fill in|find|highlight|annotate)\b[^.;\n]{0,24}\bfields?\b|\bfields? (?:to|we need to) (?:extract|capture|tag|pull)\b", 3),
        # "the key facts pulled from the teasers: company name, sector, …": facts taken out of each document
        (r"\b(?:facts|fields|details|data points|particulars)\s+(?:pulled|extracted|taken|captured|grabbed|lifted)\s+(?:out\s+)?(?:from|of)\b", 3),
        (r"个人信息|隐私信息|敏感信息识别|(?<!已)(?<!已经)脱敏(?!后|过|的)|\b(?:PII|personally identifiable|personal (?:data|information))\b", 2.5),
        (r"\b(?:extract(?:ion|ing|ed|s)?|pull(?:ing|ed|s)? out|picks? out|picked out|grab|parse|parsing|highlight|span(?:s)?|named entit(?:y|ies)|NER|entit(?:y|ies)|slot[- ]filling|mark (?:the )?(?:words|phrases|mentions))\b", 3),
        (r"\b(?:mark|highlight|tag|underline|select|box)\b[^.;\n]{0,30}\b(?:part|parts|bit|bits|portion|span|spans|phrase|phrases|words?|piece)\b[^.;\n]{0,30}\b(?:that|which)\s+(?:mentions?|describes?|names?|refers?|talks?|says?|contains?)\b|"
         r"(?:标出|标记出|划出|框出|圈出|找出)[^，。；]{0,20}(?:提到|提及|描述|说到|涉及)[^，。；]{1,10}的(?:部分|片段|词语?|文字|位置)|(?:提到|提及|描述|说到)[^，。；]{1,10}的(?:部分|片段|词语?|文字)[^，。；]{0,20}(?:标出|标记|划出|框出|圈出)|"
         r"\bhighlight (?:these|them|the following)\b|\bwherever (?:they|it|these) appears?\b", 3),
        (r"\bmark where\b|\bstarts? and ends?\b|\bstart and end\b|起止位置|开始和结束|\bmentions? of\b|\b(?:mark|highlight|tag) (?:every|each|all) (?:mention|occurrence|instance)s?\b", 3),
        (r"\b(?:find|mark|tag|identify|identification of|detect|spot|locate)\b[^.;]{0,60}\b(?:in|inside|within|from)\b[^.;]{0,40}\b(?:text|contracts?|documents?|notes?|records?|reports?|messages?|emails?|résumés?|resumes?|claims?|patents?|abstracts?|logs?|transcripts?|articles?|papers?)\b", 3),
        (r"人名|地名|机构名|药名|疾病名|金额|日期|条款|\b(?:names?|dates?|amounts?|addresses|drug names|dosages?|clauses?|parties)\b", 0.5),
    ],
    TaskType.search_relevance: [
        (r"相关性|相关度|相关程度|搜索结果|检索结果|召回结果|搜索质量|query[^，。]{0,10}(?:结果|商品|文档)", 3),
        (r"\b(?:relevan(?:ce|t|cy)|search results?|search quality|retrieval|ranking quality|query[- ]\w+ pairs?)\b|query-?文章|query-?商品|query-?文档", 3),
        (r"搜索|检索|搜索词|\b(?:search|queries|query)\b", 1),
    ],
    TaskType.response_preference: [
        (r"哪个(?:回答|回复|答案|版本)?(?:讲得|写得|说得)?更(?:好|清楚|准确|有用)|比较两个(?:回答|回复|答案)|两个回答|两条回复|(?:回答|回复)对比|二选一|偏好", 4),
        (r"\bwhich (?:of the (?:two|2) )?(?:[\w-]+ ){0,4}(?:is|was) (?:better|more helpful|more accurate|preferred)\b|\b(?:which (?:answer|response|reply|output|one|summary|version) is better|better of (?:the )?two|compare two (?:answers|responses|replies|outputs)|pairwise|preference|(?<!description )(?<!caption )(?<!summary )(?<!original )(?<!source )side[- ]by[- ]sides?|head[- ]to[- ]head|A/B (?:responses|answers)|RLHF|DPO|reward model)\b", 4),
        (r"(?:比一?比|比比看|比较一下|对比一下|PK)[^，。；]{0,12}哪(?:个|副|篇|条|版|一个|一版|一副|一篇|边)|哪(?:个|副|篇|条|版|一个|边)[^，。；]{0,10}(?:更|写得|答得|说得|回答得)(?:好|专业|准确|安全|有用|自然|地道)", 4),
        (r"模型(?:回答|回复)|\b(?:chatbot|model) (?:answers|responses|replies)\b", 0.5),
    ],
    TaskType.summarization_quality: [
        (r"摘要质量|总结(?:的)?质量|纪要质量|(?:评估|评价|检查|打分|评分)[^，。；]{0,8}(?:摘要|纪要|总结)|(?:摘要|纪要|总结)[^，。；]{0,8}(?:打分|评分|好不好|准不准|质量)|\bsummary quality\b|\b(?:rate|score|judge|evaluate|grade|check|review)\b[^.;]{0,30}\bsummar|\bsummar\w*\b[^.;]{0,40}\b(?:faithful|accurate|accuracy|quality|any good|complete|hallucinat)", 3),
        (r"(?:总结|摘要|纪要|summar\w*|answers?|responses?|回答|回复)[^，。；.;\n]{0,16}(?:忠不忠实|忠实|是否忠实|有没有编造|编造|幻觉|与原文一致|和原文一致|对得上原文)|(?:自动|AI|模型|机器)[^，。；]{0,6}(?:写|生成|出)的?[^，。；]{0,4}总结|\b(?:faithful(?:ness)?|hallucinat\w*|made[- ]up facts?|unsupported claims?)\b", 3),
        # "系统每周自动把记录汇总成一段话发给家属 … 对照原始记录检查这些周报": a digest written by a system, checked against its source
        (r"(?:汇总|总结|概括|浓缩|归纳|压缩)成(?:一段话|一段文字|一句话|几句话|一小段|周报|日报|月报|简报)", 3),
        (r"摘要|纪要|(?<!大)概要|提要|梗概|小结|简报|对照原文|对照原始(?:记录|材料|文本|文字|数据)|\b(?:summar(?:y|ies|isation|ization)|minutes|recaps?|tl;?dr|digests?|synops[ie]s)\b", 2),
    ],
    TaskType.sentiment: [
        (r"情感分析|情绪分析|情绪识别|满意度|满意|正负面|利好|利空|\b(?:sentiment|satisf(?:ied|action)|dissatisf(?:ied|action)|bullish|bearish)\b", 3),
        (r"情绪|情感|正面|负面|好评|差评|口碑|态度|舆情", 2.5),
        (r"\bhow (?:\w+ ){0,3}(?:feels?|felt)\b|\bfeel(?:s|ings?)? (?:about|towards?)\b|\b(?:hates?|loves?) (?:it|them|the \w+)\b|(?:对|觉得)[^，。；]{0,12}(?:感觉|感受|喜不喜欢|满不满意)|喜欢还是讨厌|喜不喜欢", 3),
        (r"生气|愤怒|不满|恼火|失望|开心|高兴|\b(?:upset|frustrated|annoyed|disappointed|furious)\b", 3),
        (r"\b(?:emotions?|(?<!false[- ])(?<!true[- ])(?:positive|negative)(?![- ](?:rates?|predictive|class(?:es)?\b|cases?\b|samples?\b|examples?\b))|happy|unhappy|angry|tone|mood)\b", 2.5),  # "false-positive rate" is a metric
        # "like" as a verb, not as a preposition ("like a form")
        (r"\b(?:did|do|does|didn't|don't|they|people|users|customers|we|i)\s+(?:really\s+)?(?:like|love|hate)d?\b|\b(?:praise|complain(?:t|ts|ing)?)\b|吐槽|抱怨", 0.5),
    ],
    TaskType.intent_classification: [
        (r"意图|诉求|想做什么|想办什么|要办的事|想办的事|办什么事|分流|路由|转给|转到|分诊|导诊|转诊|分派|(?:分到|分给|交给|派给|转交|归到|送到)[^，。；]{0,10}(?:部门|团队|科室|组|窗口|处室|中心|负责人)|哪个(?:部门|团队|科室|组|窗口)|派单|分派|对应的?(?:部门|团队|科室|窗口)", 3),
        (r"\b(?:intents?|routes?|routing|routed|dispatch(?:es|ed)?|triage|hand (?:it )?off|(?:right|correct|appropriate|relevant) (?:team|department|queue|desk|person|agent)s?|forward(?:ed)? to|assign(?:ed)? to (?:a|the) (?:team|queue|department))\b", 3),
        (r"用户想|客户想|\b(?:what (?:the )?(?:user|customer|patient|caller)s? want|asking for|trying to do)\b", 1.5),
        # why someone called or came: what they want done ("by reason for calling", "来电原因")
        (r"来电(?:原因|目的|事由)|来访(?:原因|目的|事由)|来意|\breasons? for (?:calling|the call|their call|contacting us|getting in touch|the visit|visiting)\b|"
         r"\bwhy (?:they|people|customers|callers|patients|guests|visitors) (?:call|called|are calling|contact(?:ed)? us|get in touch|came in)\b", 2.0),
    ],
    TaskType.topic_classification: [
        (r"(?:吐槽|抱怨|反映|反馈|关心|关注)(?:的)?(?:都|主要|最多)?(?:是)?(?:些|哪些|什么|啥)(?:问题|方面|事|内容)?|哪些方面|\bwhat (?:\w+ ){0,3}(?:complain|complaining|grumble|talk|ask|asking|write|writing) about\b", 2.5),
        (r"\bbucket(?:s|ed|ing)?\b", 2.0),
        # the dimension to sort by is what each item concerns: "按涉及税种划分为…", "by the product it relates to"
        (r"按[^，。；！？\n]{0,6}(?:涉及|所属|相关|针对|提到)的?[^，。；！？\n]{1,8}(?:划分|分类|分成|分为|归类|归为|归|分)|"
         r"\bby (?:the )?(?:\w+ ){0,2}(?:it|they|each \w+) (?:concerns?|relates? to|is about|are about|refers? to|covers?)\b", 2.5),
        (r"按[^，。；]{0,8}(?:类型|类别|种类)(?:归|分|标)|\b(?:by|into) (?:\w+ )?(?:type|kind)s?\b", 2.0),
        (r"主题|话题|题材|类目|栏目|板块|领域分类|内容分类|归类|聊什么|在说什么|讨论什么|都是些什么|什么问题|哪些问题|(?<!\bon[- ])(?<!\boff[- ])\b(?:topics?|themes?|subjects?(?! lines?\b)|genres?|sections?|what (?:people|they|users|customers|viewers) (?:talk|are talking|write|complain) about)\b", 2.5),
        (r"\b(?:categori[sz]e|categor(?:y|ies)|classify|classification|class(?:es)?|sort (?:them|these|it) into|tag (?:\w+ ){0,4}as|label (?:\w+ ){0,4}as|tagging)\b|分类|分成|分为|归为|标成|打标签|贴标签|(?:打|贴)(?:个|上|一个)?[\u4e00-\u9fff]{0,4}?标签", 1.0),
    ],
    TaskType.content_safety: [
        (r"审核|违规|违禁|有害|涉黄|色情|涉政|暴恐|辱骂|谩骂|骂人|人身攻击|诈骗|欺诈|骗保|骗钱|骗子|引流|导流|刷单|刷(?:差评|好评|评论|评分|榜)|水军|黑产|不良信息|风控|仇恨|歧视|低俗|造谣|谣言|外挂", 3),
        (r"\b(?:moderat(?:e|ion|ing)|toxic(?:ity)?|harmful|unsafe|abus(?:e|ive)|harass(?:ment|ing)?|hate speech|scam(?:s|mer|mers)?|fraud(?:ulent)?|phishing|nsfw|sexuali[sz](?:e|es|ed|ing|ation)|(?<!dog )(?<!dog-)(?<!pet )(?<!cat )(?<!horse )(?<!hair )(?<!beard )(?<!slope )(?<!trail )(?<!snow )grooming(?!\s+(?:salon|parlou?r|shop|studio|business|appointments?|services?|kits?|tools?|products?))|T&S|insult(?:s|ing)?|slurs?|misinformation|disinformation|misleading|counterfeit)\b", 3),
        (r"广告(?!文案|语|词|创意|素材|投放|主|商|片|位)|\bspam(?:my)?\b", 2.5),
        # content checked against rules: "compliance review", "new state rules", "广告法", "合规审核"
        (r"\bcomplian(?:ce|t)\s+(?:review|check|audit|issues?|problems?|risks?|rules?)\b|\bnon-?compliant\b|"
         r"\b(?:regulatory|state|federal|new|advertising|ad|marketing|platform|community)\s+(?:[A-Z]{2,6}\s+)?(?:rules|regulations|guidelines|codes?)\b|"
         r"合规(?:审核|审查|检查|风险|问题)|广告法|违反[^，。；！？\n]{0,8}(?:规定|法规|条例|政策|规范)", 2.5),
        # harms an advert or a post is rejected for: "targets minors", "implies guaranteed winnings", "保本稳赚"
        (r"\btarget(?:s|ing|ed)?\s+(?:minors|children|kids|under-?age\w*|teens?)\b|\bappeal(?:s|ing)? to (?:minors|children|kids)\b|"
         r"\bguaranteed (?:wins?|winnings|returns|profits?|results|cures?)\b|未成年(?!人的)|保本保息|稳赚|包赚|包治", 3.0),
        # pre-moderation: "a tool that flags posts before they go up", "在发出去之前拦下来"
        (r"\b(?:flag|flags|flagging|catch|catches|hold|holds|screen|screens)\s+(?:\w+\s+){0,2}(?:posts?|comments?|messages?|reviews?|photos?|uploads?)\s+before\s+(?:they|it)\s+(?:go(?:es)?\s+(?:up|live|out)|(?:get|gets|are|is)\s+(?:posted|published|shown))\b", 3),
        (r"内容安全|安全审核|安全审查|\bsafety (?:review|check|filter|moderation|audit|labell?ing|classification)\b|\btrust (?:and|&) safety\b", 3),
        (r"\b(?:violat(?:e|es|ion|ions)|policy|threats?|fake)\b|敏感|虚假", 1.0),
    ],
    TaskType.image_description: [
        (r"图片描述|图像描述|看图|配文|图说|(?:图片|图像|照片|主图|配图|截图)[^，。；]{0,10}(?:描述|说明|文字|一致|相符|匹配|对得上)|\b(?:image captions?|captions?|alt[- ]text|(?:image|photo|picture) descriptions?|describe (?:the )?(?:images?|photos?|pictures?)|descriptions? of (?:each |the |every )?(?:images?|photos?|pictures?)|match(?:es)? (?:the |each |its )?(?:images?|photos?|pictures?))\b", 3),
    ],
    # a rating or a yes/no judgement of something none of the types above covers (essay scores, spoilers)
    TaskType.other: [
        (r"质检表|检查表|核查表|评分表|打分表|考核表|\b(?:checklist|check-list|rubric|scorecard|score sheet)s?\b", 1.5),
        *OTHER_CUES,
        (r"打分|评分|评级|定级|分级|严重程度|判断|判为|判定为|对照[^，。；！？\n]{0,30}(?:逐项|逐条)?(?:核查|核对)|\b(?:severity|reading (?:band|level)s?)\b|\b(?:scor(?:e|es|ing)|rat(?:e|es|ing)|grad(?:e|es|ing)|judge|decide whether)\b", 1.0),
    ],
}
for _type, _cues in FORM_CUES.items():  # shapes of product documents, tickets and dictated requests (task_forms.py)
    CUES[_type] = [*CUES[_type], *_cues]
for _type, _cues in CHECK_CUES.items():  # shapes of terse, messy and formal requests (task_shape_cues.py)
    CUES[_type] = [*CUES[_type], *_cues]
for _type, _cues in EVERYDAY_CUES.items():  # owners' everyday words (task_everyday.py)
    CUES[_type] = [*CUES[_type], *_cues]
for _type, _cues in PLAIN_CUES.items():  # plain asks: passive "fields highlighted in", transcript vs audio (task_plain_asks.py)
    CUES[_type] = [*CUES[_type], *_cues]
# Typical label words per type: the named label set is a signal too.
LABEL_HINTS: dict[TaskType, str] = {
    TaskType.sentiment: r"看多|看空|看涨|看跌|唱多|唱空|喜欢|讨厌|失望|惊喜|正面|负面|中性|积极|消极|满意|不满|好评|差评|利好|利空|开心|愤怒|表扬|称赞|赞扬|赞赏|批评|支持|反对|positive|negative|neutral|satisfied|angry|happy|bullish|bearish|hawkish|dovish|prais|compliment|approv|disapprov|support(?:ive)?\b|oppos|favou?rable|hostile|enthusias|pleased|delighted|disappointed|let down|annoyed|frustrated|upset|thrilled|grateful|unhappy|liked?|disliked?|loved?|hated?|warm|cold\b|mixed|enthusias|excited|lukewarm|indifferent|irritat|anxious|worried|fearful|\bsad\b|joy|hopeful|calm|furious|outraged|难过|焦虑|担心|平静|感激|失落|兴奋|无奈|夸|抱怨|害怕|恐惧|厌恶|愉快|郁闷|委屈|感动|欣慰|不耐烦",
    TaskType.content_safety: r"\bweapons?\b|\bguns?\b|\bkni(?:fe|ves)\b|\brude\b|vulgar|obscen|武器|管制刀具|违规|广告|引流|辱骂|色情|诈骗|正常|安全|违禁|涉政|暴力|血腥|侵权|钓鱼|自残|spam|scam|toxic|abuse|safe|harass|nsfw|fraud|hate|phishing|malware|sexual|violen|politic|infring|self[- ]harm|gore|porn|explicit|mature|profan|drugs?\b|alcohol|\bclean\b|nsfw|adult|杀猪盘|涉黄|合规|可播|宜播|可发布|上报|\bnormal\b|insult|offensive|inappropriate|not suitable|unsuitable|harmful|bully|grooming|骂",
    TaskType.search_relevance: r"相关|不相关|满足|符合|匹配|relevant|irrelevant|exact|substitute|complement|\bmatch(?:es|ing)?\b|\brelated\b|unrelated|duplicate",
    TaskType.intent_classification: INTENT_LABELS,  # "booking request, price question, aftercare question"
    TaskType.response_preference: r"更好|更差|平局|都不好|都好|better|worse|\btie\b|both[_ ]bad|both[_ ]good|same(?!\s+(?:person|people|customer|member|household|company|business|record|account|address|product|item|entity))|\bA\b|\bB\b|左边|右边|^左|^右|一样|都不行|都不好|都行|\bleft\b|\bright\b|\bneither\b|\bboth\b|\bprefer(?:s|red|ence)?\b",
}
LOW_CONFIDENCE = 0.4
# "…and also…", "顺便…": a request that asks for two things has two task types
ALSO = r"\b(?:and also|also|as well as|plus|in addition|on the other hand)\b|顺便|同时还|另外还|还要|再把|另一方面|一方面"
# the requester says the task itself is open: whatever the cues, the type is asked
UNDECIDED = (
    r"\b(?:not sure|unsure|undecided|open to suggestions|any (?:ideas|suggestions)|you (?:tell us|decide|pick)|up to you|"
    r"haven't decided|(?:has|have)n[’']t (?:said|decided|picked|chosen|told us) which|still deciding|(?:we|I)(?:'ll| will| would)? leave (?:it|that|the choice) (?:up )?to you|which of these you think|no idea (?:what|which|how)|which (?:approach|way|method|setup|format|design) (?:is|would be|works|makes more sense)|whichever\s+(?:you|works|(?:is|seems|'s)\s+(?:easier|simpler|quicker|faster|cheaper|best|better)\s+for\s+you)|either (?:way|approach) (?:is fine|works))\b|"
    r"不(?:太|大)?确定|还没想好|没想好|看着办|你们定|你们看着|你们建议|听你们的|要不要分成|[你您]们?看(?:哪种|哪个方案|怎么(?:弄|做|搞)(?:比较)?合适)|哪种(?:方式|方法|做法|方案)?更(?:科学|合适|合理|靠谱)|哪(?:个|种)(?:对你们)?(?:方便|简单|省事|容易)(?:就|就用|就按)(?:哪(?:个|种))"
)
# opinions as the data object: a good/bad scale over them is a sentiment scale
OPINIONS = r"点评|评价|评论|口碑|反馈|留言|体验|\b(?:reviews?|feedback|opinions?|comments?|testimonials?|experiences?)\b"
# the requester wants two jobs done ("两个都要", "we want both")
BOTH = r"两个都要|两样都要|两个都想要|都想要|两者都要|\b(?:we want both|need both|both of (?:these|them|those) (?:please|too)|do both)\b"
# an option offered as a question ("Flag the dangerous ones? Sort them by type?"): two or more is a menu, not a task
OPTION_QUESTION = r"(?:^|[.!?。！？\n]\s*)[^.!?。！？\n]{3,80}[?？]"
# a second ask spelled out: "…，也要单独拎出来", "and also flag the ones that…": two jobs in one request
SECOND_ASK = (
    r"(?:也要|也得|也需要|还要|还得|另外|同时|顺便)[^。；！？\n]{0,30}(?:单独|另外)?(?:拎出来|挑出来|摘出来|找出来|标出来|筛出来|标记出来|单独标|单独列)"
    r"|\b(?:also|separately|as well)\b[^.;!?\n]{0,40}\b(?:flag|pull out|pick out|separate|set aside|mark)\b"
)
# verdict labels (true/false positive, real/fake, 真/假): a judgement of each item, not a routing or a topic
VERDICT = r"^(?:true|false|real|fake|valid|invalid|correct|incorrect|genuine|bogus)(?:[ _-](?:positives?|negatives?|alarms?|alerts?|hits?|matches?))?$|^(?:真|假|真实|虚假|正确|错误|有效|无效|误报|漏报|真阳性|假阳性)$"


# grades of how good each item is ("good / needs edit / wrong", "usable / unusable"): a judgement, not topics
# a graded form of a verdict ("部分准确", "partly accurate", "mostly correct") grades quality as well
QUALITY = r"^(?:(?:部分|基本|大致|大体|(?:partly|partially|mostly|largely|somewhat)\s+)?)(?:good|ok|okay|fine|great|acceptable|correct|accurate|usable|perfect|wrong|bad|poor|incorrect|inaccurate|unusable|unacceptable|"
QUALITY += r"needs? (?:an? )?(?:edits?|work|fix(?:ing|es)?|changes?|review|rewrite|tweaks?)|rejec?t(?:ed)?|accept(?:ed)?|approved?|pass(?:ed)?|fail(?:ed)?|"
QUALITY += r"(?:non-?)?compliant|可用|不可用|能用|不能用|需(?:要)?(?:小|大)?(?:改|修改|调整|返工)|合格|不合格|通过|不通过|正确|错误|准确|不准确|有误|无误|好|差)$"


def _quality_verdicts(labels: list[str]) -> bool:
    """Two or more of the labels grade quality and none is another kind of word."""
    hits = sum(bool(re.match(QUALITY, label.strip(), re.I)) for label in labels)
    return hits >= 2 and hits == len(labels)


@dataclass
class TaskSignal:
    task_type: TaskType | None
    confidence: float
    evidence: str | None
    scores: dict[str, float] = field(default_factory=dict)
    ambiguous: bool = False  # signals conflict or are absent: ask the requester
    from_prior: bool = False
    from_examples: bool = False  # a guess from similar example requests (task_examples), not from the request's words


def _score(text: str) -> tuple[dict[TaskType, float], dict[TaskType, str], dict[TaskType, int]]:
    scores: dict[TaskType, float] = {}
    evidence: dict[TaskType, str] = {}
    kinds: dict[TaskType, int] = {}
    spans: dict[TaskType, list[tuple[int, int]]] = {}
    asides = aside_spans(text) + definition_spans(text) + section_asides(text) + check_spans(text)  # "did it hand off to a human?"
    for task_type, cues in CUES.items():
        for pattern, weight in cues:
            # a cue the request denies ("not a sentiment task") or a verb used as a noun ("a highlight
            # generator", "tow dispatch voicemails", the data's own "字段") says nothing about the task
            matches = [
                m for m in re.finditer(pattern, text, re.I)
                if not negated(text, m.start(), m.end()) and not noun_use(text, m.start(), m.end())
                and not office_noun(text, m.start(), m.end()) and not data_column(text, m.start(), m.end())
                and not audit_word(text, m.start(), m.end())
            ]
            if not matches:
                continue
            # a cue only in examples, quotes or scale definitions describes the data: a fraction of its weight,
            # and not a kind of evidence of its own
            own = [m for m in matches if not in_aside(asides, m.start(), m.end())]
            if not own:
                scores[task_type] = scores.get(task_type, 0.0) + ASIDE_WEIGHT * weight
                evidence.setdefault(task_type, matches[0].group(0))
                continue
            matches = own
            # repeated cues add a little, never as much as a second kind of cue
            scores[task_type] = scores.get(task_type, 0.0) + weight + 0.25 * min(len(matches) - 1, 2)
            # two patterns matching the same words ("不满意" as 满意 and 不满) are one piece of evidence
            seen = spans.setdefault(task_type, [])
            if not any(m.start() < end and start < m.end() for m in matches for start, end in seen):
                kinds[task_type] = kinds.get(task_type, 0) + 1
            seen.extend((m.start(), m.end()) for m in matches)
            best = max(matches, key=lambda m: len(m.group(0)))
            if task_type not in evidence or weight >= 2:
                evidence.setdefault(task_type, best.group(0))
    return scores, evidence, kinds


def _declared_type(text: str) -> list[Evidence]:
    """A form's own type field ("Annotation type: sentiment", "Type of labeling: policy / safety", "标注类型：内容安全")
    names the task: the one type its words cue; none when it hedges ("摘要质量？/ 信息抽取？", "待定") or cues two."""
    for item in form_fields(text):
        if item.kind != "type" or item.pending or re.search(r"[?？]|待定|或|\bor\b|还是|/\s*\S+[?？]", item.value):
            continue
        scores = {task_type: score for task_type, score in _score(item.value)[0].items() if score > 0}
        if len(scores) == 1:
            task_type = next(iter(scores))
            return [Evidence(task_type, 3.0, item.value.split("\n")[0].strip(), "action")]
    return []


def read_task_type(text: str, labels: list[str] | None = None, prior: TaskType | None = None, *, ordinal: bool = False) -> TaskSignal:
    """The task type `text` asks for. `labels` are the labels it names; `prior` the nearest past project's type."""
    # Cantonese writing ("想抽返啲資料出嚟") is read with the simplified Mandarin cues
    # (Cantonese only: a Taiwanese request in traditional characters keeps the reading its own cue words give it)
    if has_cantonese(text):
        text, labels = to_mandarin(text), [to_mandarin(label) for label in labels] if labels is not None else None
    original = text
    # "投诉（器械坏了、卫生差、教练态度）": examples of one label in brackets say what it covers, not the task
    text = blank_label_notes(text, labels)
    # the named labels are scored by LABEL_HINTS below, not again as words of the request
    for label in sorted(labels or [], key=len, reverse=True):
        if len(label) >= 2:
            # whole words only: the label "safe" must not eat "safety review"
            text = re.sub(rf"(?<![A-Za-z]){re.escape(label)}(?![A-Za-z])" if label.isascii() else re.escape(label), " ", text)
    # header lines of a forwarded email ("Subject: reported emails") are not words about the task
    text = re.sub(r"(?im)^\s*(?:from|to|sent|date|cc|subject|发件人|收件人|发送时间|抄送|主题)\s*[:：].*$", " ", text)
    text = blank_field_names(text)
    # "要extract出salary": spaces between scripts so English cues see word boundaries
    text = re.sub(r"(?<=[\u4e00-\u9fff])(?=[A-Za-z])|(?<=[A-Za-z])(?=[\u4e00-\u9fff])", " ", text)
    scores, evidence, kinds = _score(text)
    # how the request is built (the action and its object, the data object) is a kind of evidence of its own
    source = blank_label_notes(blank_field_names(original), labels)
    passing = definition_spans(source, labels) + section_asides(source)
    fields = field_list(source)
    found_all = structural_evidence(source, labels) + check_evidence(source)
    if fields:  # "marked up - caller name, callback number, pickup location": a record's fields to find
        found_all.append(Evidence(TaskType.ner, 3.0, fields, "action"))
    found_all += _declared_type(source)  # "Type of labeling: policy / safety", "标注类型：情感" in a form
    for found in found_all:
        at = source.find(found.quote.split(" … ")[0])
        if at >= 0 and in_aside(passing, at, at + len(found.quote.split(" … ")[0])):
            # a word in a label's definition or a background section: the data, not the ask
            scores[found.task_type] = scores.get(found.task_type, 0.0) + ASIDE_WEIGHT * found.weight
            evidence.setdefault(found.task_type, found.quote)
            continue
        scores[found.task_type] = scores.get(found.task_type, 0.0) + found.weight
        kinds[found.task_type] = kinds.get(found.task_type, 0) + 1
        evidence.setdefault(found.task_type, found.quote)
    word_scores = dict(scores)  # what the request's own words say, before the label set is weighed
    supported: set[TaskType] = set()
    for found in label_shape_evidence(labels or []):
        # the shape of the label set: two sides of a comparison, fields of a record, a pass/fail verdict
        if found.kind == "polar" and not re.search(OPINIONS, original, re.I):
            continue  # a good/bad scale over something that is not an opinion rates quality, not feeling
        scores[found.task_type] = scores.get(found.task_type, 0.0) + found.weight
        supported.add(found.task_type)  # a label set of the type's own shape is not contradicted below
        evidence.setdefault(found.task_type, found.quote)
    label_only = False  # the type rests on the label set alone
    numeric = bool(labels) and all(re.fullmatch(r"\d{1,2}", label) for label in labels or ())
    if labels and len(labels) >= 2 and not numeric:
        # the label set is evidence too: a sentiment task's labels are polarity words, a relevance
        # task's labels are grades of relevance; a list of topics contradicts both
        for task_type in (TaskType.sentiment, TaskType.search_relevance, TaskType.content_safety):
            if task_type in scores and task_type not in supported and not any(re.search(LABEL_HINTS[task_type], label, re.I) for label in labels):
                if task_type == TaskType.content_safety and scores[task_type] >= 3 and kinds.get(task_type, 0) >= 2:
                    continue  # moderation names its own harms ("剧透", "低价引流")
                if task_type == TaskType.content_safety and _quality_verdicts(labels):
                    continue  # "approve / needs edit / reject" is how moderation and compliance review decide, not topics
                scores[task_type] -= 1.5 if not ordinal else 0.5
    if labels and pass_fail(labels) and TaskType.search_relevance not in word_scores:
        # "符合 / 不符合" to a checklist is a verdict, not a grade of relevance, unless the words say relevance
        scores[TaskType.search_relevance] = scores.get(TaskType.search_relevance, 0.0) - 2.0
    if labels:
        joined = " ".join(labels)
        hinted = False
        for task_type, pattern in LABEL_HINTS.items():
            if task_type == TaskType.sentiment and _quality_verdicts(labels):
                continue  # "approved / rejected" is a verdict on the item, not a feeling
            hits = sum(bool(re.search(pattern, label, re.I)) for label in labels)
            needed = len(labels) - 1 if task_type == TaskType.response_preference else max(1, len(labels) // 2)
            if hits >= max(1, needed):
                supported.add(task_type)
                # every label a word of the type ("prefer left / prefer right / no preference"): the words they took
                # out of the request were its cues too
                scores[task_type] = scores.get(task_type, 0.0) + (3.0 if hits == len(labels) >= 3 else 2.0)
                evidence.setdefault(task_type, joined)
                hinted = True
        numeric = all(re.fullmatch(r"\d{1,2}", label) for label in labels)
        if not hinted and not numeric and not ordinal and len(labels) >= 2 and not _quality_verdicts(labels):
            if TaskType.topic_classification in scores:
                # a classification verb with its own named categories and nothing more specific: topics
                scores[TaskType.topic_classification] += 1.0
                supported.add(TaskType.topic_classification)
            elif not scores and len(labels) >= 3:
                # named categories and no other word about the task: a classification by topic
                scores[TaskType.topic_classification] = 2.0
                evidence.setdefault(TaskType.topic_classification, joined)
                supported.add(TaskType.topic_classification)
                label_only = True
        specific = [t for t in scores if t != TaskType.other]
        if TaskType.other in scores and not specific and not hinted and (numeric or ordinal or len(labels) == 2):
            # a scale or a yes/no label set with a rating/judging verb and no word of any other type
            scores[TaskType.other] += 1.0
            supported.add(TaskType.other)
        if all(re.fullmatch(r"\d{1,2}", label) for label in labels):
            # a rating scale: the thing rated decides (relevance, summary, satisfaction...)
            for task_type in (TaskType.search_relevance, TaskType.summarization_quality, TaskType.sentiment):
                if task_type in scores:
                    scores[task_type] += 1.0
    # A request that both routes and names a content-safety label set is moderation; routing wins
    # over topic words ("route by topic to the right team" is intent routing).
    if TaskType.intent_classification in scores and TaskType.topic_classification in scores:
        scores[TaskType.topic_classification] -= 0.5
    if TaskType.ner in scores and scores[TaskType.ner] >= 3:
        # extracting amounts or dates from reviews is still extraction
        for other in (TaskType.sentiment, TaskType.topic_classification):
            if other in scores:
                scores[other] -= 1.0
    if labels and len(labels) >= 2 and all(re.search(VERDICT, label.strip(), re.I) for label in labels):
        # "true positive or false positive": the labels judge each item; routing or topic words around them
        # ("triage model", "escalate") describe the workflow, not the labels
        for other in (TaskType.intent_classification, TaskType.topic_classification, TaskType.sentiment):
            if other in scores:
                scores[other] -= 2.0
        scores[TaskType.other] = scores.get(TaskType.other, 0.0) + 3.0
        supported.add(TaskType.other)
        evidence.setdefault(TaskType.other, " / ".join(labels))
    if feeling_scale(original, labels):  # "rated 1-5 (1 = terrible, 5 = best)" over comments: a scale of feeling
        scores[TaskType.sentiment] = scores.get(TaskType.sentiment, 0.0) + 3.0
        supported.add(TaskType.sentiment)
        evidence.setdefault(TaskType.sentiment, " / ".join(labels or []))
    images_sorted = adjust_everyday(scores, original, labels, bool(labels) and _quality_verdicts(labels or []))
    ranked = sorted(((s, t) for t, s in scores.items() if s > 0), key=lambda pair: -pair[0])
    shown = {t.value: round(s, 2) for s, t in ranked}
    if not ranked and labels and len(labels) >= 2 and (numeric or ordinal or len(labels) == 2 or _quality_verdicts(labels)):
        # a rating scale or a yes/no judgement with no word about what kind of task: a task of its own
        return TaskSignal(TaskType.other, LOW_CONFIDENCE, " / ".join(labels), {TaskType.other.value: 1.0}, ambiguous=True)
    if not ranked:
        if prior is not None:
            # a similar past project: its type, and the labels it can lend, fit better than a guess from examples
            return TaskSignal(prior, 0.35, None, shown, ambiguous=True, from_prior=True)
        # no word of the request names a type: the example requests it resembles most may point to one
        guess = guess_task_type(original)
        if guess is not None:
            quote = ", ".join(guess.words) or None
            return TaskSignal(guess.task_type, 0.35, quote, {guess.task_type.value: 0.0}, ambiguous=True, from_examples=True)
        return TaskSignal(None, 0.0, None, shown, ambiguous=True)
    top_score, top = ranked[0]
    second = ranked[1][0] if len(ranked) > 1 else 0.0
    margin = top_score - second
    two_asks = (len(ranked) > 1 and second >= 0.5 and re.search(ALSO, text, re.I) is not None) or (
        re.search(SECOND_ASK, text, re.I) is not None and top not in supported
    )
    # two types each named by a strong cue of their own, none backed by the labels: the request asks for both
    # or its words compete ("大家在吐槽什么、整体情绪怎么样"); it is asked, never guessed with confidence
    competing = len(ranked) > 1 and second >= 2.5 and top not in supported and ranked[1][1] != TaskType.other and margin < 3.0
    weak = top_score < (2.0 if labels else 3.0)
    # evidence structure: the requester leaves the task open, offers several as questions, or three
    # types each have a strong cue of their own: asked, whatever the margin
    undecided = any(re.search(pattern, text, re.I) for pattern in (UNDECIDED, BOTH, UNSETTLED, TENTATIVE)) or reasons_too(original)
    undecided = undecided or images_sorted or topic_too(original, top) or routed_topics(original)  # "… and what it's about", pictures sorted into conditions
    menu = sum(1 for m in re.finditer(OPTION_QUESTION, text) if _score(m.group(0))[0]) >= 2
    strong = [t for s, t in ranked if s >= 2.5 and t != TaskType.other]
    crowded = len(strong) >= 3 and top not in supported
    # a type that rests on the label words alone, with no word of the request about the task, is a guess
    # unless every label is a word typical of that type ("positive / negative / neutral")
    # ("OK / not OK" with no word about the task may be moderation, QA or anything: `other` is asked too)
    labels_alone = word_scores.get(top, 0.0) <= 0 and not (
        top in LABEL_HINTS and labels and all(re.search(LABEL_HINTS[top], label, re.I) for label in labels)
    )
    # one cue, with nothing in the label set behind it, may be a word used in passing ("not satisfied
    # with our vendor"): it never gives a confident type
    contradicted = bool(labels) and top in LABEL_HINTS and top not in supported and not numeric
    incidental = kinds.get(top, 0) <= 1 and top not in supported and (contradicted or top_score < 3.0)
    weak = weak or incidental
    if undecided or menu or crowded:
        return TaskSignal(top, LOW_CONFIDENCE, evidence.get(top), shown, ambiguous=True)
    if weak or margin < 0.75 or two_asks or competing or labels_alone:
        # weak or conflicting: the prior may break a tie between the leaders, never override a clear one
        leaders = [t for s, t in ranked if top_score - s < (2.0 if competing else 0.75)]
        # the prior never picks a type the request's own labels contradict (labels with no word of it, beside a type
        # they do name: "spam / harassment / fine" against "families are getting upset")
        leaders = [t for t in leaders if not (labels and not numeric and t in LABEL_HINTS and t not in supported and supported & set(leaders))] or leaders
        choice = prior if prior in leaders else top
        # the example requests it resembles, when they clearly point to one of the types its words name, pick
        # among them (measured leaving each request file out: more right on text the cues were not tuned on)
        guess = guess_task_type(original)
        if guess is not None and guess.task_type in {t for _, t in ranked} and guess.task_type != choice:
            return TaskSignal(guess.task_type, LOW_CONFIDENCE, evidence.get(guess.task_type), shown, ambiguous=True, from_examples=True)
        return TaskSignal(choice, LOW_CONFIDENCE, evidence.get(choice), shown, ambiguous=True, from_prior=choice == prior and choice != top)
    confidence = round(min(0.9, 0.55 + 0.08 * top_score + 0.05 * margin), 2)
    if kinds.get(top, 0) <= 1 and top not in supported:
        confidence = min(confidence, 0.7)  # one cue alone, however clear, leaves room for doubt
    if label_only or top == TaskType.other:
        confidence = min(confidence, 0.6)  # "other" is what is left when no type fits: never sure  # named categories say "classify", not by what
    return TaskSignal(top, confidence, evidence.get(top), shown)
