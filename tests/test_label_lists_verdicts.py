"""Label lists written as verdicts, option lines and choices given one by one (issue 11, set 7 shapes).

Every sentence here is written for these checks (new domains, not taken from a dev set):

- options right after a past participle of a labeling verb, with no "as": "need to be marked solved, escalated
  or abandoned";
- a name that begins with the letters of a catch-all word ("restrooms", "allergy", "elsewhere") is a name;
- a line of options under a line ending with a colon, whose Chinese options run longer than a word
  ("请判断：\\n准确无误 / 有小错但不影响理解 / …"), but not when the line above names a source or a requirement;
- option lines with a long explanation in brackets: the name is the words before the brackets;
- choices given one by one in one sentence, some bare and some quoted ("左边好就选左，…，都差不多就选"持平"").
"""

from __future__ import annotations

import pytest

from assistant.breakdown.label_grammar import split_enumeration
from assistant.breakdown.request_labels import find_labels


def _labels(text: str) -> list[str] | None:
    found = find_labels(text)
    return found.labels if found else None


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("Our 2,000 support chats need to be marked solved, escalated or abandoned by the end of the month.", ["solved", "escalated", "abandoned"]),
        ("The vet clinic wants each voicemail tagged appointment, refill, emergency or billing.", ["appointment", "refill", "emergency", "billing"]),
        ("Please have the recipe photos rated appetizing, okay or unappetizing. Two people can help.", ["appetizing", "okay", "unappetizing"]),
        ("The museum wants every visitor card marked delighted, satisfied, mixed or annoyed, about 5k cards.", ["delighted", "satisfied", "mixed", "annoyed"]),
    ],
)
def test_options_right_after_a_labeling_participle(text: str, labels: list[str]) -> None:
    assert _labels(text) == labels


@pytest.mark.parametrize(
    "text",
    [
        "The posts were marked by our moderators last year and the results were poor.",
        "Each essay is graded by two teachers, Anna and Bob, over the weekend.",
    ],
)
def test_a_participle_in_prose_names_no_labels(text: str) -> None:
    assert _labels(text) is None


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("Sort the ferry feedback into cabins, food, boarding or restrooms, about 3k comments.", ["cabins", "food", "boarding", "restrooms"]),
        ("Tag each menu question as pricing, delivery or allergy.", ["pricing", "delivery", "allergy"]),
        ("Classify the hotel notes by area (lobby / pool / spa / restaurant / restrooms).", ["lobby", "pool", "spa", "restaurant", "restrooms"]),
    ],
)
def test_a_name_starting_like_a_catch_all_word_is_a_name(text: str, labels: list[str]) -> None:
    assert _labels(text) == labels


def test_the_catch_all_word_itself_still_closes_a_list() -> None:
    assert split_enumeration("billing, shipping, rest = misc")[:2] == (["billing", "shipping", "misc"], "misc")
    assert split_enumeration("billing, shipping, otherwise misc")[:2] == (["billing", "shipping", "misc"], "misc")
    assert _labels("Tag each ticket as billing, shipping, or anything else = other.") == ["billing", "shipping", "other"]


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("请对每条AI回复打标：\n回答正确 / 基本正确但啰嗦 / 答非所问 / 有编造内容\n大概三千条。", ["回答正确", "基本正确但啰嗦", "答非所问", "有编造内容"]),
        ("每个病历摘要请判断：\n完全一致 / 有小出入但不影响用药 / 有严重错误（剂量、过敏史）\n两位药师可以帮忙。", ["完全一致", "有小出入但不影响用药", "有严重错误"]),
        ("想请你们评估一下字幕翻译质量：\n准确流畅 / 意思对但读着别扭 / 明显翻错", ["准确流畅", "意思对但读着别扭", "明显翻错"]),
    ],
)
def test_a_line_of_longer_chinese_options_under_a_colon_line(text: str, labels: list[str]) -> None:
    assert _labels(text) == labels


@pytest.mark.parametrize(
    "text",
    [
        "我们的数据来源：\n门店小票、外卖平台评价、客服电话录音",
        "数据来源：\n微博、抖音、小红书",
        "交付要求：\nExcel表格 / 每周同步一次进度",
    ],
)
def test_a_line_under_a_source_or_requirement_line_names_no_labels(text: str) -> None:
    assert _labels(text) is None


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        (
            "For every call transcript, mark it as\n- resolved\n- transferred (the agent handed it to another team, e.g. billing or the retention desk, usually after a long hold)\n"
            "- dropped (the line went dead or the caller hung up before the agent could finish)",
            ["resolved", "transferred", "dropped"],
        ),
        (
            "Check each auto-generated alt text against the image and mark it as\n - fine\n - missing the main subject (the text never says what the photo is mainly of)\n"
            " - hallucinated detail (mentions an object, colour or person that is not in the picture)",
            ["fine", "missing the main subject", "hallucinated detail"],
        ),
        (
            "每条投诉请归到下面一类：\n- 配送延误（超过承诺时间半小时以上才送到，或者骑手中途取消订单，包括平台原因）\n- 餐品问题（漏送、洒漏、口味和描述不符等等）\n- 其他",
            ["配送延误", "餐品问题", "其他"],
        ),
    ],
)
def test_option_lines_with_a_long_note_in_brackets(text: str, labels: list[str]) -> None:
    assert _labels(text) == labels


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ('两段客服回复对比着看，左边好就选左，右边好就选右，都差不多就选"持平"，两个都答错了就选"都错"。', ["左", "右", "持平", "都错"]),
        ('两个译文如果甲更通顺就选甲，乙更通顺就选乙，分不出来就选"难分"。', ["甲", "乙", "难分"]),
        ('新旧两版推荐结果放一起，如果A更准就选A，B更准就选B，两个都不行就选"都差"。', ["A", "B", "都差"]),
    ],
)
def test_choices_given_one_by_one_bare_and_quoted(text: str, labels: list[str]) -> None:
    assert _labels(text) == labels


@pytest.mark.parametrize(
    "text",
    [
        "看完了就标一下，没看完就算了。",
        "我们有两个版本的客服机器人，A版上线半年了，B版刚开发完，想看看效果。",
    ],
)
def test_a_choosing_verb_in_prose_names_no_labels(text: str) -> None:
    assert _labels(text) is None


# -- things to mark, each with examples of its values between them ---------------------------------------------
@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ('We need someone to pull out the species, like "red fox" or "barn owl", the location, and the time of day if they mention it.', ["species", "location", "time of day"]),
        ("Please highlight the dish -- like the pasta, pizza, salad -- the price, and the server name if the review mentions one.", ["dish", "price", "server name"]),
        ('From the ship logs, mark the port, like "Rotterdam" or "Hamburg", the cargo, like grain or coal, and the delay in hours.', ["port", "cargo", "delay in hours"]),
        ("Mark the drug (e.g. ibuprofen), the dose and the side effect in each forum post.", ["drug", "dose", "side effect"]),
        ("Please find the player (like Messi), the minute and the event in every commentary line.", ["player", "minute", "event"]),
        ("每份病历需要标出：药名（比如阿莫西林）、剂量、用药频率。", ["药名", "剂量", "用药频率"]),
        ("把每条快递投诉里的快递单号、寄件城市（比如杭州、义乌）、赔偿金额都标出来。", ["快递单号", "寄件城市", "赔偿金额"]),
    ],
)
def test_things_to_mark_with_examples_between_them(text: str, labels: list[str]) -> None:
    assert _labels(text) == labels


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("I'd like the team, like Anna and Bob, to mark the posts as spam or fine.", ["spam", "fine"]),
        ("Highlight the reviews you like the most and the ones that mention parking, like \"no spaces left\".", None),
        ("Please note the deadline, like I said before, is Friday and the budget is 2k.", None),
    ],
)
def test_the_examples_and_the_word_like_in_prose_are_not_labels(text: str, labels: list[str] | None) -> None:
    assert _labels(text) == labels


# -- a verb, the item it labels, then the options; quoted samples of the data; "#" after a field name --------------
@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("Mark each review positive, negative or mixed.", ["positive", "negative", "mixed"]),
        ("Rate each search result relevant, partly relevant or irrelevant.", ["relevant", "partly relevant", "irrelevant"]),
        ("Please grade every essay strong, adequate or weak before Friday.", ["strong", "adequate", "weak"]),
    ],
)
def test_a_verb_and_its_item_then_the_options(text: str, labels: list[str]) -> None:
    assert _labels(text) == labels


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("Please flag every post that mentions Bob, Alice or Carol.", None),
        ("Mark each review as soon as you can and send it to Bob or Alice.", None),
    ],
)
def test_a_verb_and_its_item_in_prose_names_no_labels(text: str, labels: list[str] | None) -> None:
    assert _labels(text) == labels


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ('Customers write things like "where is my parcel" or "refund pls"; tag each as delivery, refund or other.', ["delivery", "refund", "other"]),
        ('Users search for things like "red dress" or "running shoes"; rate each result relevant, partly relevant or irrelevant.', ["relevant", "partly relevant", "irrelevant"]),
        ('Listeners ask stuff like "what song was that" or "who was the guest". Say whether each answer is: Correct / Partly / Wrong', ["Correct", "Partly", "Wrong"]),
        # a label noun before "like" names the labels themselves
        ('We use labels like "billing", "refund" and "shipping" for the tickets.', ["billing", "refund", "shipping"]),
        ('Mark each answer with categories such as "correct", "partly correct" or "wrong".', ["correct", "partly correct", "wrong"]),
    ],
)
def test_quoted_samples_of_the_data_after_like_are_not_labels(text: str, labels: list[str]) -> None:
    assert _labels(text) == labels


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("spans we want:\npart name, serial #, quantity", ["part name", "serial #", "quantity"]),
        ("Fields to extract: invoice #, PO #, supplier, amount", ["invoice #", "PO #", "supplier", "amount"]),
        ("Label each tweet #spam, #ad or #fine.", ["spam", "ad", "fine"]),
    ],
)
def test_a_hash_after_a_field_name_is_part_of_it(text: str, labels: list[str]) -> None:
    assert _labels(text) == labels


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("They're long-ish so maybe 3-4 min per entry. Spans we want: drug, dose, route", ["drug", "dose", "route"]),
        ("Each call takes 5-10 minutes to review. Tag it as sales, support or spam.", ["sales", "support", "spam"]),
        ("Rate each answer 1-5 for helpfulness, it takes 2-3 min per answer.", ["1", "2", "3", "4", "5"]),
    ],
)
def test_a_range_of_minutes_is_no_scale(text: str, labels: list[str]) -> None:
    assert _labels(text) == labels
