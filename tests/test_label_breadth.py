"""Breadth: label sets, quantities and task types written in many ways, generated combinatorially.

Each phrasing is a template crossed with label sets and separators; the reader must return the
label set exactly, whatever the wording around it. Negative templates are prose lists that are not
label sets (sources, languages, deliverables, steps) and must give no labels.
"""

from __future__ import annotations

import itertools

import pytest

from assistant.breakdown.extract import extract_volume
from assistant.breakdown.quantities import is_rate, more_volumes, vague_from_fact
from assistant.breakdown.request_labels import find_labels
from assistant.breakdown.task_signals import read_task_type
from assistant.core.models import TaskType

ZH_SETS = [["广告引流", "辱骂", "提问"], ["报修", "投诉", "咨询", "闲聊"], ["剧透", "非剧透"], ["低价引流", "私下转账", "虚假商品", "其他违规"], ["物流慢", "质量差", "客服态度", "价格"]]
EN_SETS = [["billing", "shipping", "returns"], ["bug report", "feature request", "praise"], ["harassment", "sexual content", "scam", "other"], ["legal risk", "brand risk"]]
ZH_SEPS = ["、", "/", "｜", "，"]
EN_SEPS = [", ", " / ", " | ", "; "]

ZH_TEMPLATES = [
    "想把评论分成{list}几类，先标两千条。",
    "帮忙把用户消息分为{list}，下周要。",
    "标签就用：{list}。",
    "标签：{list}",
    "类别有{list}，大概一万条。",
    "选项是{list}。",
    "麻烦标一下哪些是{list}，一共五千条。",
    "每条打上{list}的标签。",
    "请把帖子归为{list}。",
    "分类：{list}，数据在附件里。",
    "需要区分出{list}。",
    "标成{list}就行，其他不用管。",
    "按{list}来分，弹幕大概3万条。",
    "你好，这批数据要做分类，类别定为{list}，月底前交付。",
    "【需求】业主群消息分类，标签：{list}。数量五六千条。",
    "我们想识别{list}这几种情况，数据量2万条左右。",
    "能不能帮忙标注一下，分{list}，谢谢！",
    "判断每条评论属于{list}中的哪一类。",
]
EN_TEMPLATES = [
    "Please tag each message as {list}.",
    "We need the posts classified into {list}.",
    "Labels: {list}.",
    "Categories: {list}. About 5k items.",
    "Can you label these as {list}? Thanks!",
    "hey, categories like {list}. 2k msgs",
    "buckets: {list}",
    "types: {list}, due friday",
    "Sort tickets into {list} so we can route them.",
    "The options are {list}.",
    "Label options would be {list}.",
    "Each review should be categorised as {list}.",
    "We'd like every comment marked as {list}.",
    "Classes are {list}; we have roughly 10,000 rows.",
    "The label set is {list}.",
    "Hi team - we want to bucket feedback into {list}. Budget is $5k.",
    "Please classify each email into one of: {list}.",
]


def _join(items: list[str], sep: str, last: str | None = None) -> str:
    if last and len(items) > 1:
        return sep.join(items[:-1]) + last + items[-1]
    return sep.join(items)


ZH_CASES = [
    (template.format(list=_join(labels, sep)), labels)
    for template, labels, sep in itertools.product(ZH_TEMPLATES, ZH_SETS, ZH_SEPS)
    if not (sep == "，" and "，" in template)
]
EN_CASES = [
    (template.format(list=_join(labels, sep, last)), labels)
    for template, labels, (sep, last) in itertools.product(EN_TEMPLATES, EN_SETS, [(s, None) for s in EN_SEPS] + [(", ", " or "), (", ", ", or "), (", ", " and ")])
]


@pytest.mark.parametrize("text, labels", ZH_CASES + EN_CASES)
def test_framed_enumerations_give_the_labels_exactly(text, labels):
    found = find_labels(text)
    assert found is not None, text
    assert [label.casefold() for label in found.labels] == [label.casefold() for label in labels], (text, found.labels)


STRUCTURAL = [
    ("Labels:\n- Refund request\n- Shipping delay\n- Product defect\n- Other\n", ["Refund request", "Shipping delay", "Product defect", "Other"]),
    ("请按以下标签分类：\n1) 报修\n2) 投诉\n3) 咨询\n4) 闲聊\n", ["报修", "投诉", "咨询", "闲聊"]),
    ("分类如下：\n1）虚假宣传\n2）绝对化用语\n3）诱导消费\n", ["虚假宣传", "绝对化用语", "诱导消费"]),
    ("we want these buckets:\n* pricing\n* onboarding\n* reporting\n", ["pricing", "onboarding", "reporting"]),
    ("| 标签 | 说明 |\n|---|---|\n| 好评 | 正面评价 |\n| 差评 | 负面评价 |\n| 中评 | 其他 |\n", ["好评", "差评", "中评"]),
    ("| label | meaning |\n| --- | --- |\n| urgent | needs action today |\n| normal | this week |\n| low | whenever |\n", ["urgent", "normal", "low"]),
    ("标签分为：虚假宣传（夸大功效）、绝对化用语（最、第一）、诱导消费（限时抢购）。", ["虚假宣传", "绝对化用语", "诱导消费"]),
    ("Tag as spam (ads, links), abuse (insults) or fine.", ["spam", "abuse", "fine"]),
    ("每条评论打上正面或负面的标签", ["正面", "负面"]),
    ("需要区分出真实好评和刷单好评", ["真实好评", "刷单好评"]),
    ("看一下每条评论是不是广告", ["广告"]),
    ("For each post: is it spam or not?", ["spam"]),
    ("Please help us label product Q&A: is the answer helpful or not?", ["helpful"]),
    ("请按★1-★5打分", ["1", "2", "3", "4", "5"]),
    ("每条回复按1~10分打分", [str(n) for n in range(1, 11)]),
    ("风险分三个等级：高、中、低", ["高", "中", "低"]),
    ("风险分三个等级：高中低", ["高", "中", "低"]),
    ("Tag each comment with one of these: [praise] [complaint] [question]", ["praise", "complaint", "question"]),
    ("评分标准：5分=非常好，4分=好，3分=一般，2分=差，1分=非常差", ["5", "4", "3", "2", "1"]),
    ("labels I have in mind:\n  • on-topic\n  • off-topic\n  • spam\nthanks!", ["on-topic", "off-topic", "spam"]),
    ("Label set:\n1. Positive\n2. Negative\n3. Mixed\n4. Not applicable\n", ["Positive", "Negative", "Mixed", "Not applicable"]),
    ("需求：\n- 数据：外卖评价\n- 标签：好评、中评、差评\n- 数量：3000条", ["好评", "中评", "差评"]),
    ("标注类别\n1、政策咨询\n2、投诉举报\n3、建议\n共计1万条", ["政策咨询", "投诉举报", "建议"]),
    ("每条打上以下标签之一：A类（严重违规）、B类（轻微违规）、C类（正常）", ["A类", "B类", "C类"]),
    ("Split feedback into three buckets — bugs, ideas, praise.", ["bugs", "ideas", "praise"]),
    ("标签：1）报修 2）投诉 3）咨询", ["报修", "投诉", "咨询"]),
    ("标签如下：\n1. 报修\n2. 投诉\n3. 咨询\n", ["报修", "投诉", "咨询"]),
    ("query和商品按完全满足/部分满足/不满足三档打分", ["完全满足", "部分满足", "不满足"]),
    ("grade each result perfect/good/fair/bad", ["perfect", "good", "fair", "bad"]),
    ("rate answers good/ok/bad", ["good", "ok", "bad"]),
    ("从招标公告里抽出招标单位、项目名称、预算金额、截止日期", ["招标单位", "项目名称", "预算金额", "截止日期"]),
    ("pull out Scope 1 emissions, Scope 2 emissions and reporting year from each report", ["Scope 1 emissions", "Scope 2 emissions", "reporting year"]),
    ("二手帖子里像低价引流、私下转账、虚假商品这种要找出来，正常的就不用管了", ["低价引流", "私下转账", "虚假商品", "正常"]),
]


@pytest.mark.parametrize("text, labels", STRUCTURAL)
def test_structural_lists_scales_and_binary_questions(text, labels):
    found = find_labels(text)
    assert found is not None, text
    got = [label.casefold() for label in found.labels]
    # a binary question names one class; adding its implied opposite is fine
    assert got[: len(labels)] == [label.casefold() for label in labels], (text, found.labels)


NOT_LABELS = [
    "数据来源：微博、抖音、小红书，大概两万条。",
    "Languages: English, Spanish and French.",
    "We need the deliverables: a guideline, a pilot batch and a final report.",
    "分为三个阶段：试标、正式标注和质检。",
    "Steps: sample the data, label it, then review.",
    "我们有客服、运营和产品三个团队参与。",
    "Data comes from Twitter, Reddit and YouTube comments.",
    "交付格式：Excel、CSV或者JSON都可以。",
    "The annotators are from Manila, Nairobi and Lisbon.",
    "我们想提升推荐效果，提高转化率，减少投诉。",
    "步骤：先抽样，再试标，最后正式标注",
    "Languages involved: Thai, Vietnamese and Malay",
    "Data: Reddit, Twitter, Discord. Want to label toxicity.",
    "Please label the data; we care about precision, recall and F1.",
    "我们有微博、抖音、小红书三个平台的数据，想做情感分析",
    "The deliverable is a CSV, a report and a slide deck.",
]


@pytest.mark.parametrize("text", NOT_LABELS)
def test_prose_lists_are_not_label_sets(text):
    assert find_labels(text) is None, find_labels(text)


# -- quantities ----------------------------------------------------------------------------------
STATED = [("标签：1) 完全满足 2) 部分满足 3) 不满足，量两万五", 25000), ("信贷电话每天几百条，先标一万八千条左右", 18000), ("评论大概1.2w条", 12000), ("一共两万五条弹幕", 25000), ("we have 3k tickets", 3000), ("约800条对话", 800), ("1万8千条左右的评论", 18000), ("we only want to label 15 thousand for now", 15000)]
VAGUE = [("800+ reviews to classify", "low", 800), ("not more than 5000 posts to label", "high", 5000), ("不超过五千条评论", "high", 5000), ("一千多条帖子", "low", 1000)]
RATES = ["each week we get 2000 new tickets", "we receive 300 emails per day", "每天大概500条新评论"]


def _volumes(text):
    return extract_volume(text) or more_volumes(text)


@pytest.mark.parametrize("text, value", STATED)
def test_stated_volumes_in_many_forms(text, value):
    facts = [fact for fact in _volumes(text) if not is_rate(text, fact)]
    assert facts and facts[0].value == value and vague_from_fact(text, facts[0]) is None


@pytest.mark.parametrize("text, bound, value", VAGUE)
def test_bounded_volumes_are_vague(text, bound, value):
    fact = _volumes(text)[0]
    vague = vague_from_fact(text, fact)
    assert vague is not None and vague.get(bound) == value


@pytest.mark.parametrize("text", RATES)
def test_rates_are_not_volumes(text):
    assert all(is_rate(text, fact) for fact in _volumes(text))


# -- task type from the label set ----------------------------------------------------------------
@pytest.mark.parametrize(
    "text, labels, expected",
    [
        ("帮忙把帖子分成{list}，之前用户不太满意", ["育儿", "健康", "教育", "家庭"], TaskType.topic_classification),
        ("Tag feedback as {list}. Customers were not satisfied with the old vendor.", ["pricing", "onboarding", "reporting"], TaskType.topic_classification),
        ("评论标成{list}", ["正面", "负面", "中性"], TaskType.sentiment),
        ("query和结果标成{list}", ["完全相关", "部分相关", "不相关"], TaskType.search_relevance),
        ("搜索结果按{list}三档打分", ["完全满足", "部分满足", "不满足"], TaskType.search_relevance),
    ],
)
def test_the_label_set_is_evidence_for_the_task_type(text, labels, expected):
    text = text.format(list="、".join(labels) if any("\u4e00" <= c <= "\u9fff" for c in labels[0]) else ", ".join(labels))
    signal = read_task_type(text, labels)
    assert signal.task_type == expected, (text, signal)


@pytest.mark.parametrize(
    "text",
    ["We have lots of posts; customers complained a bit. Please help.", "Our team is not satisfied with the current tool, can you help with the data?", "这批数据有点风险，帮忙看看"],
)
def test_one_incidental_cue_never_gives_a_confident_type(text):
    signal = read_task_type(text)
    assert signal.task_type is None or signal.confidence <= 0.7


def test_an_amount_inside_quoted_data_is_not_the_budget(seeded_workspace):
    from datetime import date

    from assistant.breakdown.five_w2h import break_down

    past = {project.id: project for project in seeded_workspace.store.past_projects()}
    text = "招标公告，示例：“本项目中标金额368.5万元”。想抽出招标单位、项目名称、中标金额，预算3万以内，三千篇。"
    breakdown = break_down(text, seeded_workspace.kb, past, None, today=date(2026, 11, 30))
    assert breakdown.how_much.budget.value == {"amount": 30000.0, "currency": "CNY"}


@pytest.mark.parametrize(
    "text, path, expected",
    [
        ("need it by EOD Friday, 2k tickets", "when.deadline", "2026-12-04"),
        ("please deliver before 12/20", "when.deadline", "2026-12-20"),
        ("下下周一之前要", "when.deadline", "2026-12-14"),
        ("月中之前给我，三千条", "when.deadline", "2026-12-15"),
        ("in two weeks please", "when.deadline", "2026-12-14"),
        ("元旦前交付", "when.deadline", "2027-01-01"),
        ("下个月底之前完成", "when.deadline", "2026-12-31"),
        ("done by Friday 18 December", "when.deadline", "2026-12-18"),
        ("需求：\n- 时间：12月18日\n- 数量：6000条", "when.deadline", "2026-12-18"),
        ("3 annotators, 10 days. 7.5k logs", "when.deadline", "2026-12-10"),
        ("两名标注员，一万条", "who.annotator_profile", {"count": 2}),
        ("a team of 4 annotators will label 3000 emails", "who.annotator_profile", {"count": 4}),
        ("IAA ≥ 0.8 required, 2000 items", "how_much.target_agreement", 0.8),
        ("准确率95%以上，三千条", "how_much.target_agreement", 0.95),
        ("QWK要到0.75以上，两千篇作文", "how_much.target_agreement", 0.75),
        ("harassment/sexual/scam/ok. 40k. asap", "how_much.volume", 40000),
    ],
)
def test_stated_facts_in_other_peoples_words(seeded_workspace, text, path, expected):
    from datetime import date

    from assistant.breakdown.five_w2h import break_down
    from assistant.core.models import FieldStatus

    past = {project.id: project for project in seeded_workspace.store.past_projects()}
    field = break_down(text, seeded_workspace.kb, past, None, today=date(2026, 11, 30)).field(path)
    assert field.status == FieldStatus.stated and field.value == expected, field
