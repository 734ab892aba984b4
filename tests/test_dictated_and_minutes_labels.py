"""Labels in dictated voice notes and in meeting minutes, with sentences of our own (other domains, other wording)."""

from __future__ import annotations

from assistant.breakdown.request_labels import find_labels


def _labels(text: str) -> list[str]:
    found = find_labels(text)
    assert found is not None, text
    return found.labels


# -- minutes: the decided list wins over the lists the discussion weighed --------------------------------------------
def test_minutes_decided_lines_under_went_with():
    text = (
        "Minutes - warranty claims triage\nAttendees: Omar (service), Lena (data)\n\n"
        "Scale - discussed\n"
        "• Omar proposed five buckets (Approve/Partial/Query/Reject/Fraud) from his old job.\n"
        "• Lena: too fine for the pilot. Went with 3 outcomes:\n"
        "   – Approve (covered, pay in full)\n"
        "   – Query (needs a photo, receipt, or serial)\n"
        "   – Reject\n"
        "• Ordered: Approve > Query > Reject.\n"
    )
    assert _labels(text) == ["Approve", "Query", "Reject"]


def test_minutes_agreed_on_inline_after_discussion():
    text = (
        "Library app - feedback call, 3 Dec\nWho: Ines (product), Tom (support)\n"
        "- Tom wanted a 10-point score. Ines: the stars already do that. Agreed on Praise / Problem / Idea. "
        "Tom also raised \"Question\" - decision: file questions as Problem, since support answers those.\n"
    )
    assert _labels(text) == ["Praise", "Problem", "Idea"]


def test_minutes_zh_conclusion_line_over_first_draft():
    text = (
        "【会议纪要】社区团购评价审核\n参会：运营 小彭、算法 老吴、法务 林律\n"
        "议题2：标签\n- 小彭初稿：正常 / 虚假宣传 / 引流 / 辱骂 / 色情 / 涉政。\n"
        "- 讨论：色情和涉政极少，并入其他违规。\n"
        "- 结论：正常、虚假宣传、引流、辱骂、其他违规，共五类，单选。\n"
    )
    assert _labels(text) == ["正常", "虚假宣传", "引流", "辱骂", "其他违规"]


def test_minutes_zh_decision_heading_over_item_lines():
    text = (
        "会议纪要：燃气热线来电标注\n参会：客服 钱科长、信息科 小江\n\n"
        "二、讨论\n1. 最初提了8类，\"咨询\"太宽，拆进各类。\n\n"
        "三、结论（标签定稿）\n- 漏气报警\n- 缴费查询\n- 开户过户\n- 其他\n单选。\n"
    )
    assert _labels(text) == ["漏气报警", "缴费查询", "开户过户", "其他"]


def test_minutes_coded_lines_under_settled_on_count_up():
    text = (
        "Ops huddle notes\n- Rating per answer, first talked about 1-10, nobody uses that consistently. Settled on:\n"
        "    3 = correct and complete\n    2 = fixable\n    1 = wrong\n- Also flag missing prices.\n"
    )
    assert _labels(text) == ["1", "2", "3"]


def test_minutes_pipes_outrank_slashes_in_a_decided_field():
    text = (
        "Decisions\n- Categories (final): Order status | Returns / exchanges / refunds | Sizing help | Other\n"
        "- One label per message.\n"
    )
    assert _labels(text) == ["Order status", "Returns / exchanges / refunds", "Sizing help", "Other"]


def test_minutes_without_a_decision_keep_every_proposal():
    text = (
        "纪要：菜谱评论标注需求\n参会：产品 小纪、审核 老邱\n"
        "· 小纪：想评估AI生成的步骤是否靠谱，分为：靠谱 / 有小问题 / 不靠谱。\n"
        "· 老邱：顺便把违规评论标出来：正常 / 广告 / 辱骂。\n"
        "· 未形成最终结论，会后再对。\n"
    )
    assert _labels(text) == ["靠谱", "有小问题", "不靠谱", "正常", "广告", "辱骂"]


def test_words_agreed_and_final_without_a_list_decide_nothing():
    text = "Target - we want 80% agreement; last time the two of us only agreed like 60% of the time. Label each review positive, negative or mixed."
    assert _labels(text) == ["positive", "negative", "mixed"]


# -- dictated Chinese: options one phrase after another ----------------------------------------------------------
def test_zh_dictated_run_with_fillers_explanation_and_catch_all():
    text = "喂 王老师 我是社区的小周 就是居民反映的事 我想的是 停车 垃圾 然后 噪音 就是晚上广场舞那个 然后 还有 那个 物业费 其他的就放其他 嗯 月底前要"
    assert _labels(text) == ["停车", "垃圾", "噪音", "物业费", "其他"]


def test_zh_dictated_fields_with_examples_closed_by_zhexie():
    text = "老李啊 我修车铺的 要拎出来的东西呢 就是 车主是谁 然后是啥车 大众 丰田 本田 这些 然后 修了啥 还有 收了多少钱 就这几样 年前给我"
    assert _labels(text) == ["车主是谁", "啥车", "修了啥", "收了多少钱"]


def test_zh_dictated_count_then_reasons_for_one_option():
    text = "你好 我是民宿平台做审核的 房东上传的介绍 标的话 就是 可以发布 要改一下 不能发布 三种 然后不能发布的 再勾一下原因 就 虚假房源 留私人电话 其他 嗯 谢谢"
    assert _labels(text) == ["可以发布", "要改一下", "不能发布", "虚假房源", "留私人电话", "其他"]


def test_zh_choice_chain_goes_on_past_a_filler():
    text = "喂 我是健身房的 会员留言 帮我看看 会员到底是喜欢 还是不喜欢 还是 那个 无所谓 就三种 下周给我"
    assert _labels(text) == ["喜欢", "不喜欢", "无所谓"]


def test_zh_scale_said_in_chinese_digits():
    text = "喂 就是搜索结果对不对 他们说分三档 零一二 二就是完全对 零就是不搭边"
    assert _labels(text) == ["0", "1", "2"]


# -- dictated English ---------------------------------------------------------------------------------------------
def test_en_one_word_options_with_a_filler_before_the_last():
    text = "hi it's Sam from the bakery um so I need someone to mark each review as great awful or uh meh like when the bread was fine but the coffee was cold okay bye"
    assert _labels(text) == ["great", "awful", "meh"]


def test_en_options_then_their_count():
    text = "So for each translated menu just tell me is it correct, slightly off, or plain wrong. Three choices. Thanks."
    assert _labels(text) == ["correct", "slightly off", "plain wrong"]


def test_en_comma_run_with_asides_and_one_more_bucket():
    text = (
        "Hiya, it's Jo from the plumbing firm, so the buckets, burst pipe, that's the emergency one, need a boiler service, "
        "blocked drain like kitchen sinks that sort of thing, and just asking for a quote. Oh and gas, we don't touch gas, "
        "so a not-our-job bucket too. Cheers."
    )
    assert _labels(text) == ["burst pipe", "boiler service", "blocked drain", "asking for a quote", "not our job"]


def test_en_the_run_with_a_verdict_after_it():
    text = (
        "ok so this is Mel at the campsite uh I want to know what people mention you know the showers the pitches "
        "the shop and um the lake itself I guess and then also whether it's positive or negative so yeah"
    )
    assert _labels(text) == ["showers", "pitches", "shop", "lake", "positive", "negative"]
