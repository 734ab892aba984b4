"""Forwarded and replied-to email threads (written fresh, not from a dev set): the thread is read oldest message
first, its headers, signatures and disclaimers dropped, so the latest message's labels win and a signature's name,
company or phone is never a label.
"""

from __future__ import annotations

from assistant.breakdown.email_thread import read_thread
from assistant.breakdown.request_labels import find_labels

OUTLOOK_EN = """Hi,

Passing this on from our lab lead - her last note is the one that counts.

Best regards,
Oskar Lind
Operations Manager | Nordvik Water Testing AB
This e-mail is confidential and intended solely for the addressee.

-----Original Message-----
From: Maja Berg
Sent: 02 December 2026 15:10
To: Oskar Lind
Subject: RE: sample notes

Oskar, we should add "Contaminated bottle" - a third of the rejects are that. Everything else stays.

-----Original Message-----
From: Oskar Lind
Sent: 01 December 2026 08:30
We have 1,300 field notes from the samplers. Please tag each as Valid, Late arrival, Broken seal.
"""

ZH_CLIENT = """李老师您好：

下面是我们馆里的邮件往来，以最后一封为准。

发件人：馆长 周老师
发送时间：2026年12月2日 下午 4:10
收件人：讲解部 吴磊
主题：回复：观众留言分类

吴磊，分类太碎了。最终类别：展品讲解、场馆设施、票务预约、其他。

发件人：讲解部 吴磊
发送时间：2026年12月1日 上午 9:00
想把观众留言分成：展品讲解、灯光、座椅、卫生间、票务预约、其他。

吴磊 | 讲解部
电话：139xxxx1234
本邮件仅供馆内使用，请勿外传。
"""

PASTED_OLDEST_FIRST = """Morning,

The thread below, oldest first.

On 28 Nov 2026, Rosa Diaz wrote:
> Can we get the 900 tenant maintenance emails tagged Plumbing / Heating / Electrical?

On 1 Dec 2026, Kemal Aydin wrote:
> Fine, but please add "Pest control" too - winter brings the mice.
"""


def test_the_newest_message_on_top_is_read_last() -> None:
    reading = read_thread(OUTLOOK_EN)
    assert reading.index("1,300 field notes") < reading.index("Contaminated bottle") < reading.index("Passing this on")
    assert "Sent:" not in reading and "02 December" not in reading


def test_signatures_and_disclaimers_are_dropped() -> None:
    reading = read_thread(OUTLOOK_EN)
    assert "Nordvik" not in reading and "confidential" not in reading
    zh = read_thread(ZH_CLIENT)
    assert "139xxxx1234" not in zh and "请勿外传" not in zh and "吴磊 | 讲解部" not in zh


def test_a_later_reply_adds_a_label_to_the_earlier_list() -> None:
    found = find_labels(read_thread(OUTLOOK_EN))
    assert found is not None
    assert found.labels == ["Valid", "Late arrival", "Broken seal", "Contaminated bottle"]


def test_the_final_list_of_a_chinese_reply_replaces_the_first_one() -> None:
    found = find_labels(read_thread(ZH_CLIENT))
    assert found is not None
    assert found.labels == ["展品讲解", "场馆设施", "票务预约", "其他"]


def test_a_thread_pasted_oldest_first_keeps_its_order() -> None:
    reading = read_thread(PASTED_OLDEST_FIRST)
    assert reading.index("900 tenant") < reading.index("Pest control")


def test_a_single_message_is_left_as_it_is() -> None:
    text = "Please label 400 support chats as Refund, Shipping, Other.\n\nThanks,\nAna"
    assert read_thread(text) == text


def test_an_eve_in_a_signed_off_reply_is_its_own_day() -> None:
    from datetime import date

    from assistant.breakdown.holiday_dates import holiday_deadlines

    today = date(2026, 12, 3)
    facts = holiday_deadlines("Yes, go with the two labels. Could we have them by Christmas Eve?", today)
    assert [f.value for f in facts] == ["2026-12-24"] or [str(f.value) for f in facts] == ["2026-12-24"]
    facts = holiday_deadlines("Whatever suits, as long as it lands by New Year's Eve.", today)
    assert [str(f.value) for f in facts] == ["2026-12-31"]


def test_a_reply_names_which_dollar_the_budget_is() -> None:
    from datetime import date

    from assistant.breakdown.offline import offline_draft

    thread = (
        "Hi, see below.\n\n"
        "On Mon, 30 Nov 2026 at 09:10, Aroha Ngata wrote:\n"
        "> We'd like our 3,000 booking enquiries tagged Group tour, Private tour, Cancellation, Other.\n"
        "> Budget is $2,800 NZD all up.\n\n"
        "Aroha, fine by me, and for $2,800 I'd want it by the 18th."
    )
    draft, _ = offline_draft(thread, [], {}, date(2026, 12, 3))
    assert draft.how_much.budget.value["currency"] == "NZD"
    assert draft.how_much.budget.value["amount"] == 2800
