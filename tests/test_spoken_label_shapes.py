"""Label lists as people write them in voice notes, chat messages and non-native English (label_spoken_zh.py,
label_spoken_en.or_chain_candidates, label_candidates._pipe_line, zh_variants.py), on sentences written for these
tests (no development set's), with near-misses that must not be read."""

from __future__ import annotations

import pytest

from assistant.breakdown.request_labels import find_labels
from assistant.breakdown.task_signals import read_task_type
from assistant.core.models import TaskType


def _labels(text):
    found = find_labels(text)
    return found.labels if found else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ASR Chinese: options joined by 还是, one a phrase, one more after 再有就是
        ("喂 那个 我们是开洗衣店的 顾客在小程序里发语音 想让系统判断顾客是要上门取件 还是查进度 还是问价格 再有就是投诉洗坏衣服的 就这几种 先标两千条",
         ["上门取件", "查进度", "问价格", "投诉洗坏衣服"]),
        # kinds said one by one with 有…的; a bare kind right after one explains it (骂保安 is a case of 吵架)
        ("就是 我们是小区物业的 业主群里消息特别多 有报修水电的 有问停车费的 有催快递的 还有 那个 就是有些吵架的 骂保安的 大概两千条",
         ["报修水电", "问停车费", "催快递", "吵架"]),
        ("那个 就是 我们是做物业的 有业主投诉的 有报修的 也有夸保安的 量不大 你们看怎么分合适", ["业主投诉", "报修", "夸保安"]),
        # options after a frame, one a phrase, closed by a count
        ("嗯 两个翻译模型 让人看一下哪个好 然后选 上面好 下面好 一样好 都很差 四个选项 大概八百组", ["上面好", "下面好", "一样好", "都很差"]),
        ("嗯 想让人听一下合成的语音 分三档 很自然 一般 很生硬 一共一千条", ["很自然", "一般", "很生硬"]),
        # fields between 把 and 抽出来, spaced, with fillers
        ("那个我们是物流车队的 司机每天在群里发语音报到 想把里面的 车牌号 装货地点 卸货时间 还有 那个 油耗 给抽出来 大概一千条",
         ["车牌号", "装货地点", "卸货时间", "油耗"]),
        # points said with their meaning, no "=" between
        ("帮忙给答案打分\n0分答非所问 1分部分回答 2分完全回答\n一共五千条", ["0", "1", "2"]),
        # a quoted flag set apart after a scale
        ("对着原文看译文\n打个分 1到5分 5分最好\n要是译文里有原文没有的内容 单独标一下\"多译\"\n三千句", ["1", "2", "3", "4", "5", "多译"]),
        # a WeChat line of options joined by slashes: 选 opens the first name, 宿舍WiFi is one name
        ("想按话题分一下👇\n选课 / 缴费 / 考试安排 / 宿舍WiFi / 其他\n大概五千条", ["选课", "缴费", "考试安排", "宿舍WiFi", "其他"]),
        # a WeChat message that frames a list, then one name a line
        ("在吗😊\n想找你们帮忙标数据\n按问题类型分一下👇\n退款\n催发货\n改地址\n其他\n大概五千条", ["退款", "催发货", "改地址", "其他"]),
        # Cantonese / traditional: read in simplified, named in the writer's characters; 某個 is the description's
        ("我哋係健身中心，會員成日喺 WhatsApp 留言。\n分：好評、差評、一般。另外有啲係專登投訴某個教練嘅，都幫手標埋出嚟。",
         ["好評", "差評", "一般", "投訴教練"]),
        # English voice note: options joined by a bare "or", closed by "thing"; one more said after it
        ("so we get voice messages from tenants and we want to tag them like rent question or repair request or noise complaint "
         "or parking issue thing ok and one more is just saying thanks that also tag separately",
         ["rent question", "repair request", "noise complaint", "parking issue", "thanks"]),
        # one more category, quoted, after the list
        ('Please tag each review as good / bad / mixed. If possible one more category "late delivery" because many people write about that.',
         ["good", "bad", "mixed", "late delivery"]),
        # (a)-(c) lines; examples in brackets inside a line are no part of its name; "or" inside one option
        ("Please sort the chat messages into:\n(a) driver asks for cash payment (tips, fuel, tolls) or off-app ride\n(b) rude language\n(c) normal\nThanks!!",
         ["driver asks for cash payment or off-app ride", "rude language", "normal"]),
        # one line of options joined by pipes under a line ending with a colon; a slash inside an option
        ("Hi,\n\nCategories we have in mind:\nbroken seal/leak | wrong item sent | late or missing parcel | fine\n\nAbout 20k tickets.",
         ["broken seal/leak", "wrong item sent", "late or missing parcel", "fine"]),
        # a paragraph that opens by adding to the list above: a state and its denial, both named
        ("Please sort the feedback into these topics:\n- Parking\n- Food\n- Toilets\n- Others\n\nAlso we want to know if the visitor "
         "is happy or not happy, because the mayor asks.", ["Parking", "Food", "Toilets", "Others", "happy", "not happy"]),
    ],
)
def test_spoken_label_shapes(text, expected):
    assert _labels(text) == expected


@pytest.mark.parametrize(
    ("text", "not_expected"),
    [
        # places joined by "or" with no labeling verb before them are not options
        ("hello we deliver to Pune or Nashik or Goa like every week and the drivers are tired so we need help with the chats", "Nashik"),
        # phrases of a transcript with no frame, no 还是 and no 有…的 are not a list
        ("嗯 我们 客户 很多 每天 消息 特别多 想 整理 一下", "客户"),
        # chat lines of thanks after a line about labeling are no options
        ("想请你们帮忙标一下\n谢谢\n辛苦了\n在吗", "谢谢"),
        # "有人说…" is someone saying something, not a kind
        ("嗯 回访记录 有人说价格贵 有人说服务好 有人说等太久 你们看看", "价格贵"),
        # a 还是 question about the task is not a label chain of the data
        ("嗯 我也不知道是分话题 还是分情绪 你们看看", "分情绪"),
    ],
)
def test_spoken_near_misses(text, not_expected):
    assert not_expected not in (_labels(text) or [])


def test_cantonese_extraction_reads_as_spans():
    text = "我哋診所想抽返啲資料出嚟：病人姓名、覆診日期、藥物名稱，大約兩千條。"
    assert read_task_type(text, _labels(text)).task_type == TaskType.ner


def test_linking_records_to_a_code_list_is_other():
    text = "嗯 我们是连锁药房 商品库里的名字很乱 现在要给每一条找到对应的国家标准编码 找不到的就空着 先做两千条"
    assert read_task_type(text, []).task_type == TaskType.other


def test_asking_for_a_proposal_is_not_confident():
    text = "您好\n我们是图书馆\n有一批老照片的扫描件\n想整理一下 看是人物还是风景\n具体怎么弄我们也不懂 您给个方案"
    assert read_task_type(text, _labels(text)).confidence <= 0.5





def test_cantonese_rewrite_keeps_lengths_and_mandarin_fillers():
    from assistant.breakdown.zh_variants import original_at, to_mandarin

    cantonese = "我哋想抽返啲資料出嚟，唔該晒"
    rewritten = to_mandarin(cantonese)
    assert len(rewritten) == len(cantonese) and "出来" in rewritten
    assert original_at("资料", rewritten, cantonese) == "資料"
    assert to_mandarin("唔 那个 我们是做物流的 司机发语音") == "唔 那个 我们是做物流的 司机发语音"  # a Mandarin filler stays
