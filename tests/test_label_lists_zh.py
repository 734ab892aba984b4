"""Chinese label lists in shapes the earlier readers missed, written fresh (not from any dev set).

Each class: names assigned one by one after a labeling verb, in quotes (`都算“X”`, `就选“X”`) or after
`=` (`有错字=错字`); a catch-all after a filler (`呃，还有其他`) or in the next sentence
(`剩下的统一归到其他`); a yes/no flag asked beside the main list (`另外…（是/否）`); reasons named
for one label (`不可用的注明原因（漏译、错译）`); a slash inside one label of a bulleted list; a list
that counts channels; quoted aliases joined by `=`; options right after `人工判断`.
"""

from __future__ import annotations

import pytest

from assistant.breakdown.request_labels import find_labels

CASES = [
    # names assigned one by one, each after a labeling verb and in quotes
    pytest.param("帮忙给外卖评价分个类：送餐慢的标“配送问题”，饭菜凉了或洒了的算“餐品问题”，骑手态度差的归为“服务态度”。大概六千条。",
                 ["配送问题", "餐品问题", "服务态度"], id="zh-assigned-food-delivery"),
    pytest.param("两段客服回复放一起比：A更专业就选“A”，B更专业就选“B”，分不出来就选“一样”。一共1200对。",
                 ["A", "B", "一样"], id="zh-assigned-pairwise"),
    pytest.param("物业报修工单这么分：漏水渗水的都算「水电」；门锁门禁坏了的标「门禁」；电梯困人的记为「电梯」。剩下的统一归到其他。",
                 ["水电", "门禁", "电梯", "其他"], id="zh-assigned-then-rest"),
    # "condition = name"
    pytest.param("校对一下OCR结果：字全对=正确，有错字=错字，整行没识别出来=漏识别。一共两千张。",
                 ["正确", "错字", "漏识别"], id="zh-defined-ocr"),
    pytest.param("客服质检规则：回答了用户的问题=已解决，答非所问=未解决，转了人工=转人工。先来500通。",
                 ["已解决", "未解决", "转人工"], id="zh-defined-support-qa"),
    # a catch-all after a filler, or in the next sentence
    pytest.param("（语音转写）那个，投诉电话想分一下，分成物流、售后、产品质量，呃，还有其他。大概三千通。",
                 ["物流", "售后", "产品质量", "其他"], id="zh-filler-then-other"),
    pytest.param("招聘帖按岗位分：销售、客服、司机、厨师，不要把兼职混进来。剩下看不出岗位的都算其他。",
                 ["销售", "客服", "司机", "厨师", "其他"], id="zh-rest-next-sentence"),
    # a yes/no flag asked beside the main list
    pytest.param("每段客服对话按满意度打1-5分，另外单独勾一下有没有辱骂用户（是/否）。四千段。",
                 ["1", "2", "3", "4", "5", "是", "否"], id="zh-scale-plus-flag"),
    pytest.param("商品主图分三类：白底图、场景图、细节图。同时标一下图里有没有水印：有/无。",
                 ["白底图", "场景图", "细节图", "有", "无"], id="zh-classes-plus-have-flag"),
    # reasons named for one label
    pytest.param("机翻结果标“可用 / 不可用”，不可用的注明原因（漏译、错译、语序不通）。大约900句。",
                 ["可用", "不可用", "漏译", "错译", "语序不通"], id="zh-reasons-in-brackets"),
    pytest.param("每个回答判断是通过还是不通过，不通过的再选问题类型：答非所问、信息过时、有害内容。",
                 ["通过", "不通过", "答非所问", "信息过时", "有害内容"], id="zh-reasons-after-colon"),
    # a slash inside one label of a bulleted list
    pytest.param("要标的是弹幕，每条选一个：\n· 正常\n· 剧透/透露结局（“凶手是管家”）\n· 刷屏/无意义重复内容\n· 引战\n量：两万条。",
                 ["正常", "剧透/透露结局", "刷屏/无意义重复内容", "引战"], id="zh-bullets-slash-inside"),
    # a list that counts channels is not the label set
    pytest.param("评论来自我们App里（美妆、数码、母婴三个频道），每条要判断属于哪种：\n- 好评\n- 差评\n- 广告\n一共八千条。",
                 ["好评", "差评", "广告"], id="zh-counted-channels"),
    # quoted aliases joined by = are not labels; the options after 人工判断 are
    pytest.param("每对回答：左边好选“左”，右边好选“右”。共600对。", ["左", "右"], id="zh-assigned-two"),
    pytest.param("请判断摘要：与原文一致=忠实，有编造=幻觉。三百篇。", ["忠实", "幻觉"], id="zh-defined-two"),
    pytest.param("对话按意图分成：查话费、办套餐、投诉，嗯，还有别的就算其他。", ["查话费", "办套餐", "投诉", "其他"], id="zh-filler-rest-rule"),
    pytest.param("标签：正面/负面/中性，另外有没有提到价格也要勾（有/无）。", ["正面", "负面", "中性", "有", "无"], id="zh-slashes-plus-flag"),
    pytest.param("按严重程度分成：轻微、一般、严重，严重的写明原因（人身伤害、财产损失）。",
                 ["轻微", "一般", "严重", "人身伤害", "财产损失"], id="zh-reasons-of-a-grade"),
    # names given one by one in the same way: 一类是X, 要么X要么Y, 标Y/标N, lettered options
    pytest.param("来电大致两类，一类是咨询，一类是投诉，还有一类是表扬。共两千通。", ["咨询", "投诉", "表扬"], id="zh-one-kind-is"),
    pytest.param("每条评论要么是正面，要么是负面，没有中间态。三千条。", ["正面", "负面"], id="zh-either-or"),
    pytest.param("先按有没有提到竞品分：提到了标Y，没提到标N。", ["Y", "N"], id="zh-codes-after-verb"),
    pytest.param("选项：A. 正确 B. 错误 C. 无法判断。每题选一个，共800题。", ["正确", "错误", "无法判断"], id="zh-lettered-options"),
    pytest.param("审核员在结果栏填正常、低俗、违法中的一个，每条都要填。", ["正常", "低俗", "违法"], id="zh-one-of-these"),
    # numbering, brackets and amounts are not part of the names
    pytest.param("分为以下几类：1.物流问题；2.质量问题；3.服务问题；4.其他。共四千条。",
                 ["物流问题", "质量问题", "服务问题", "其他"], id="zh-numbered-semicolons"),
    pytest.param("这次想把客户留言按紧急程度分一下：紧急的（比如停电、漏水）、一般的（报修）、不急的（建议类）。",
                 ["紧急", "一般", "不急"], id="zh-kinds-with-examples"),
    pytest.param("给每条建议打上『采纳』或『不采纳』，两百条。", ["采纳", "不采纳"], id="zh-amount-after-list"),
    # a sub-division of one label, and a flag joined by 和
    pytest.param("用户问题分成产品咨询和售后两大类，售后再细分成退货、换货、维修。",
                 ["产品咨询", "售后", "退货", "换货", "维修"], id="zh-subdivided"),
    pytest.param("每条视频打两个标签：内容类型（美食/旅行/其他）和是否原创（是/否）。", ["美食", "旅行", "其他", "是", "否"], id="zh-two-dimensions"),
    pytest.param("图片里有没有人：有人=1，没人=0。五千张。", ["1", "0"], id="zh-defined-codes"),
    pytest.param("我们的客户里，一种是老客户，一种是新客户。帮我们看看评论情绪，分正面、负面。", ["正面", "负面"], id="zh-bare-fen"),
    pytest.param("外卖搜索评测\n- 每个词取前5家店 → 人工判断 匹配 / 不匹配\n- 注意别名：“肯德基”=“KFC”，“麦当劳”≠“汉堡王”\n- 2个人标",
                 ["匹配", "不匹配"], id="zh-aliases-and-judged-options"),
]


@pytest.mark.parametrize("text,labels", CASES)
def test_chinese_shapes_give_exactly_the_named_labels(text, labels):
    found = find_labels(text)
    assert found is not None, text
    assert found.labels == labels
    assert found.quote and found.quote in text


def test_a_catch_all_or_filler_alone_makes_no_labels():
    # prose with 还有其他 / 剩下…算 / = and no list of labels
    for text in (
        "我们的数据有客服对话，嗯，还有其他一些杂七杂八的东西，你们看看怎么标比较好。",
        "上次外包标得不太好，剩下的预算算下来大概还有两万，这次想先试一小批。",
        "数据是去年的客服录音转写，平台包括抖音/快手/小红书，想看看用户主要在抱怨啥。",
        "注意：“支付宝”=“alipay”，“微信”=“WeChat”，这些别名都要统一。想做个品牌提及的抽取，你们看看怎么做。",
        "我们的用户一类是学生，一类是上班族，想看看他们评论里都在聊什么，具体怎么分类你们建议。",
        "这个项目要么这周启动，要么下个月再说，预算还没批。想做评论分析，标签你们定。",
        "附件A. 需求说明 B. 样例数据。请先看一下再报价。",
        "每人标200，两人标400，看看速度。标签还没定。",
        "标注员要求：本科/硕士，有医学背景优先。任务是病历质检，怎么标你们出方案。",
        "口径说明：日活=当天打开过App的人，留存=第二天还打开的人。想做个用户反馈的分析，怎么标你们定。",
    ):
        assert find_labels(text) is None, text


def test_a_yes_no_flag_is_not_added_to_the_question_it_answers():
    # the yes/no of the one question is read once: as 广告/非广告 or as 是/否, never both
    for text in ("每条评论判断是否含广告（是/否），一共3000条。", "每条评论判断是否含广告，选是/否即可，一共3000条。"):
        found = find_labels(text)
        assert found is not None and len(found.labels) == 2, (text, found)


def test_a_yes_no_question_for_the_requester_is_no_flag():
    found = find_labels("评论按情感分成正面、负面、中性三类，一共五千条。另外请确认一下是否需要开发票（是/否），报价时一起给。")
    assert found is not None and found.labels == ["正面", "负面", "中性"]


def test_codes_for_yes_and_no_are_not_a_scale():
    for text in ("图片里有没有人：有人=1，没人=0。五千张。", "看评论里有没有广告，有的标1，没有的标0。"):
        found = find_labels(text)
        assert found is not None and found.labels == ["1", "0"] and not found.ordinal, (text, found)


def test_an_arrow_before_the_options_does_not_make_them_a_scale():
    found = find_labels("- 每个query取前10个结果 → 人工判断 相关 / 不相关\n- 3个人标")
    assert found is not None and found.labels == ["相关", "不相关"] and not found.ordinal


def test_bare_names_given_one_by_one_after_their_conditions():
    # each name follows a labeling verb after its condition, spread over clauses, lines or a voice transcript
    for text, labels in (
        ("[语音] 喂 小王 那批快递投诉 你看一下 丢件的就标丢件 送晚了的 那种就标延误 然后态度不好的都算服务 剩下的就标其他吧 一共两千条",
         ["丢件", "延误", "服务", "其他"]),
        ("群里的招聘帖子帮忙看一下：\n写了工资和地址的，标完整\n只留了电话的，标缺信息\n要交押金、培训费的那种，标成可疑\n大概四千条。",
         ["完整", "缺信息", "可疑"]),
        ("学生作文按跑题情况分一下，如果完全围绕题目写的就算切题，写了一半跑偏的算部分切题，通篇无关的算离题。三百篇。",
         ["切题", "部分切题", "离题"]),
    ):
        found = find_labels(text)
        assert found is not None and found.labels == labels, (text, found)


def test_two_options_judged_with_haishi():
    for text, labels in (
        ("请判断每条 违约 还是 不违约 就行，合同条款两千条，先不细分类型。", ["违约", "不违约"]),
        ("想请你们看每段录音是真人还是机器人，一共八百段，下周要。", ["真人", "机器人"]),
    ):
        found = find_labels(text)
        assert found is not None and found.labels == labels, (text, found)


def test_a_bare_verb_in_ordinary_prose_names_no_labels():
    for text in (
        "这个预算算下来不够的话就算了，我们先标一下看看。怎么分类你们定。",
        "数据我们自己标过一遍的，标得不太好，这次请你们重新做，标签你们建议。",
    ):
        assert find_labels(text) is None, text


def test_a_slash_between_dunhao_items_joins_two_names_of_one_field():
    # fields listed with 、; one of them written "X/Y", others carrying a trailing acronym
    for text, labels in (
        ("要抽的字段：航班号、起飞机场/航站楼、计划起飞时间STD、计划到达时间STA、登机口。邮件三千封。",
         ["航班号", "起飞机场/航站楼", "计划起飞时间STD", "计划到达时间STA", "登机口"]),
        ("合同里要抽：甲方、乙方、签约日期/生效日期、合同金额、违约金比例。大概五百份。",
         ["甲方", "乙方", "签约日期/生效日期", "合同金额", "违约金比例"]),
    ):
        found = find_labels(text)
        assert found is not None and found.labels == labels, (text, found)


def test_a_team_word_in_an_earlier_clause_does_not_govern_the_list_after_a_colon():
    # "标注员…，打上：…": the annotators are the subject of the sentence, the list after the colon is the labels
    for text, labels in (
        ("每条是一段原文加两版译文（甲/乙，随机排），标注员对比后，打上：甲更好、乙更好、差不多、都不能用。共两千组。",
         ["甲更好", "乙更好", "差不多", "都不能用"]),
        ("每个问题配两张图（左/右），标注人员看完后，选择：左边更好、右边更好、一样好。一千二百组。",
         ["左边更好", "右边更好", "一样好"]),
    ):
        found = find_labels(text)
        assert found is not None and found.labels == labels, (text, found)


def test_lines_giving_a_name_then_a_dash_and_its_meaning():
    # one grade per line under a colon line, "名——解释"; a name may be an everyday word (可以, 一般)
    for text, labels in (
        ("请老师帮我们看看AI写的菜谱步骤，每条评一个等级：\n靠谱——照着做能做出来\n可以——大体对但有小问题\n不行——步骤错了或缺了\n先看五百条。",
         ["靠谱", "可以", "不行"]),
        ("客服回复打分，按下面三档：\n满分——解决了问题且态度好\n一般——解决了但很生硬\n差——没解决\n一共一千条，两周内。",
         ["满分", "一般", "差"]),
    ):
        found = find_labels(text)
        assert found is not None and found.labels == labels, (text, found)


def test_one_thing_to_find_then_more_named_with_haiyou_yeyao_biao():
    # "把X找出来标上，比如<quoted values>；还有A、B也要标": the names, not the example values
    for text, labels in (
        ("维修工单里，把故障部件找出来标上，比如“压缩机 E4 报警”、“风机 1200 rpm 异响”；还有故障原因、处理措施也要标。一共四百张单。",
         ["故障部件", "故障原因", "处理措施"]),
        ("请在判决书里把涉案金额圈出来，例如“人民币 35,000 元”、“USD 1,200”，另外被告人、罪名、刑期也要标。三百份。",
         ["涉案金额", "被告人", "罪名", "刑期"]),
    ):
        found = find_labels(text)
        assert found is not None and found.labels == labels, (text, found)


def test_a_unit_after_a_number_is_no_pair_of_options():
    found = find_labels("体检报告里把异常指标标出来，例如 ALT 88 U/L 偏高。一共三百份，标签你们定。")
    assert found is None or found.labels != ["U", "L"], found


def test_a_scheme_named_by_its_first_and_last_classes_with_an_ellipsis():
    # "A马列、B哲学……Z综合那套": the names given are kept (the middle ones are left out by the requester)
    for text, labels in (
        ("请按国民经济行业分类的门类（就是A农林牧渔、B采矿……T国际组织那套）给每家企业打一个门类，一共八千家。",
         ["A农林牧渔", "B采矿", "T国际组织"]),
        ("按照急诊预检分级，分成一级濒危、二级危重……四级非急症这几类，每条分诊记录选一个，三千条。",
         ["一级濒危", "二级危重", "四级非急症"]),
    ):
        found = find_labels(text)
        assert found is not None and found.labels == labels, (text, found)


def test_columns_the_table_already_has_are_no_extraction_task():
    # "X、Y那些字段在表里，不用管": data columns, not fields to extract; the request asks for a class per item
    from assistant.breakdown.task_signals import read_task_type
    from assistant.core.models import TaskType

    for text in (
        "想请你们给每条商品打个类目，分成服饰、数码、家居、食品。另外SKU、价格那些字段在表里，不用管。一共两万条。",
        "每篇论文分到一个学科大类，按理、工、农、医四类。DOI、作者单位这些字段都在表里了，不需要动。三千篇。",
    ):
        signal = read_task_type(text, find_labels(text).labels if find_labels(text) else None)
        assert signal.task_type != TaskType.ner, (text, signal)
