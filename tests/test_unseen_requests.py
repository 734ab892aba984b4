"""Requests from domains the bundled past projects do not cover, case by case (tests/data/dev_requests_unseen*.yaml).

Each request is broken down and drafted with the offline engine against the seeded knowledge base;
the gold annotations say what the request names (labels, task type, numbers, vague amounts). The
draft must be a rulebook for THIS request: its labels, no past project's purpose or figures, no
label names it does not have. Known misses are listed with their reason and are strict xfails, so a
fix shows up as a passing test to un-list.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
import yaml

from assistant.breakdown.five_w2h import break_down
from assistant.core.models import FieldStatus
from assistant.rulebook.draft import draft_rulebook, label_key
from assistant.core.settings import Settings
from benchmarks.bench_quality import NUMBER_FIELDS, _same, _value_of, copied_parts, dangling_names

# the second to fourth were written by other people (the third and fourth were held-out sets before they became development data)
DEV_SETS = ("dev_requests_unseen.yaml", "dev_requests_unseen_2.yaml", "dev_requests_unseen_3.yaml", "dev_requests_unseen_4.yaml", "dev_requests_unseen_5.yaml")
# Sets 6 to 8 came later; their ids may repeat an earlier set's (en-local-news-comments-01 is in sets 5 and 6), so
# their cases are named "set6/<id>".
LATER_SETS = {"set6": "dev_requests_unseen_6.yaml", "set7": "dev_requests_unseen_7.yaml", "set8": "dev_requests_unseen_8.yaml",
              "set9": "dev_requests_unseen_9.yaml", "set10": "dev_requests_unseen_10.yaml",
              "set11": "dev_requests_unseen_11.yaml", "set12": "dev_requests_unseen_12.yaml", "set13": "dev_requests_unseen_13.yaml",
              "set14": "dev_requests_unseen_14.yaml", "set15": "dev_requests_unseen_15.yaml", "set16": "dev_requests_unseen_16.yaml",
              "set17": "dev_requests_unseen_17.yaml", "set18": "dev_requests_unseen_18.yaml",
              "set19": "dev_requests_unseen_19.yaml", "set20": "dev_requests_unseen_20.yaml", "set21": "dev_requests_unseen_21.yaml",
              "set22": "dev_requests_unseen_22.yaml", "set23": "dev_requests_unseen_23.yaml",
              "set24": "dev_requests_unseen_24.yaml", "set25": "dev_requests_unseen_25.yaml", "set26": "dev_requests_unseen_26.yaml",
              "set27": "dev_requests_unseen_27.yaml", "set28": "dev_requests_unseen_28.yaml"}


def _load(name):
    return yaml.safe_load((Path(__file__).parent / "data" / name).read_text(encoding="utf-8"))


CASES = [case for name in DEV_SETS for case in _load(name)]
CASES += [{**case, "id": f"{tag}/{case['id']}"} for tag, name in LATER_SETS.items() for case in _load(name)]
IDS = [case["id"] for case in CASES]
assert len(set(IDS)) == len(IDS), "two development cases share an id"
# Known misses: the label grammar does not read "mark where each sponsor segment starts and ends, plus the brand name".
# Golds that disagree on the same shape: "correct / partly correct / wrong" is nominal in set 1, while
# "faithful / partially faithful / hallucinated" is ordinal in set 3. The reader gives both the same answer
# (nominal); only the ordinal flag of this case is not asserted.
ORDINAL_GOLD_CONFLICTS = {"mixed-rag-faithfulness-01": "same label shape as en-crop-drone-captions-01, whose gold is nominal"}
# Set 4 golds mark these verdict sets ordinal although the request says no order ("mark it as good, needs edit, or
# misleading", "duplicate, related, or unrelated"; the gold note says "debatable"). The reader keeps a list nominal
# unless its words or its context give an order (a scale word, 程度, rated, arrows, graded forms of one word).
ORDINAL_GOLD_CONFLICTS |= {
    "en-hobby-forum-tldr-01": "verdicts with no order word; gold note: 'Graded verdicts -> ordinal (debatable)'",
    "en-dev-forum-similar-questions-01": "duplicate / related / unrelated with no order word; read as nominal",
}
# Set 5 (written blind by another writer) marks "Faithful & complete / Faithful but missing key info / Contains errors" and
# "good / needs edit / wrong" ordinal, the same verdict shapes sets 1 and 4 mark nominal; and "rate each result" as
# ordinal for ESCI-like classes whose own gold note calls the reading defensible either way.
ORDINAL_GOLD_CONFLICTS |= {
    "en-grant-app-summaries-01": "verdicts with no order word; same shape as set 1's nominal correct/partly correct/wrong",
    "en-restaurant-menu-mt-01": "verdicts with no order word; same shape as set 4's nominal good/needs edit/misleading",
    "en-museum-shop-search-01": "relevance classes named without an order; the gold note calls ordinal defensible, not required",
}
# Vague amounts: set 5's writer bounds 好几百 as 300-900 and "a few thousand" as 2000-9000; the reader records the
# order of magnitude (几百 100-999, a few thousand 1000-9999). For these cases the recorded range must contain
# the gold's, and the amount must still be vague and asked about.
# Set 11 and 13 golds mark verdicts with no order word ordinal ("描述准确 / 有小错 / 严重错误", "准确 / 基本准确 / 错误"), the
# shape set 1 marks nominal ("correct / partly correct / wrong"); the reader gives both the same answer (nominal).
ORDINAL_GOLD_CONFLICTS |= {
    "set11/zh-wenchuang-25": "verdicts with no order word; same shape as en-crop-drone-captions-01, whose gold is nominal",
    "set13/zh-drillcore-28": "verdicts with no order word; same shape as en-crop-drone-captions-01, whose gold is nominal",
}
# Set 16's gold marks "正确 / 部分正确 / 错误" ordinal and notes that nominal is acceptable too; set 1 marks the same shape
# ("correct / partly correct / wrong") nominal, and the reader gives both the same answer (nominal).
ORDINAL_GOLD_CONFLICTS |= {
    "set26/en-bridge-inspection-13": "accurate / partly accurate / wrong with no order word; same shape as en-crop-drone-captions-01, whose gold is nominal",
    "set26/zh-anti-fraud-assistant-25": "新版好 / 一样 / 旧版好 read as graded; the gold note accepts ordinal ('当作 G/S/B 有序也可接受')",
}
ORDINAL_GOLD_CONFLICTS |= {
    "set16/zh-solar-thermal-drone-27": "verdicts with no order word; the gold note accepts nominal ('false 也可接受')",
}
VAGUE_RANGE_CONVENTION = {"zh-usedcar-inspection-photo-01", "en-bank-policy-assistant-01"}
KNOWN_LABEL_MISSES: dict[str, str] = {}


# Sets 6 to 8: what the reader still gets wrong case by case (2026-12-01), each a strict xfail, so a fix shows up as a
# pass to un-list. The benchmark counts recall (a named label kept, a stated number found); these tests also fail
# on an extra label, on the ordinal flag and on an unread number.
LATER_MISSES = {
    ("numbers", "set15/en-oliveoil-b2b-search-09"): "gold convention: set 15's gold takes 'before the 22 of December' as the 21st; the other sets' golds take 'before <date>' as the date itself, and the reader reads both orders of writing the same",
    ("labels", "set6/en-aviation-mro-techlog-01"): "extra labels read from the field list's notes ('Volume', …)",
    ("labels", "set6/en-earnings-calls-01"): "ordinal: gold graded, read as nominal",
    ("labels", "set6/zh-broker-research-summaries-01"): "ordinal: read as graded, gold nominal",
    ("labels", "set6/en-stock-photo-captions-01"): "'caption correct' (the question) read as a label beside yes/no",
    ("labels", "set6/zh-rural-bank-dialect-asr-01"): "ordinal: gold graded, read as nominal",
    ("labels", "set7/zh-bakery-reviews-01"): "ordinal: 好评/中评/差评 graded in the gold, read as nominal",
    ("labels", "set7/en-ski-patrol-incidents-01"): "'injury' read where the gold has 'body part'; 'Equipment, I guess.' not read",
    ("labels", "set7/en-solar-quote-bot-01"): "a yes/no question read beside Vendor 1 / Vendor 2 / tie",
    ("labels", "set7/zh-ktv-lyrics-asr-01"): "ordinal: 可用/需小改/不可用 graded in the gold, read as nominal",
    ("labels", "set8/zh-expressway-02"): "夸/骂 read; the gold has 正面/负面/中性",
    ("labels", "set8/zh-countymedia-08"): "a spoken list joined by 啊 inside brackets is not read",
    ("labels", "set8/en-helpcenter-17"): "ordinal: Yes/Partially/No graded in the gold, read as nominal",
    ("labels", "set8/en-photomorgue-26"): "a single flag ('note if … unusable') is not read as a label",
    ("labels", "set8/en-homeswap-27"): "examples in brackets ending in 'etc' not read; a clause read instead",
    ("labels", "set8/zh-gamelqa-28"): "ordinal: read as graded (轻微/一般/严重 joined), gold nominal",
    ("numbers", "set6/en-cp-underwriting-summaries-01"): "a vague amount is recorded but not asked about",
    ("numbers", "set7/en-solar-quote-bot-01"): "a vague amount is recorded but not asked about",
    ("numbers", "set8/zh-seafood-13"): "the vague '两万多条消息' (the pool) taken for the job's '三四千条'",
    # Sets 9 and 10 (blind sets 12 and 13, made development data on 2026-12-02): every miss at their blind scoring was
    # listed before they were read (102); these are what is left after the round's fixes.
    ("labels", "set9/zh-optical-02"): "a chat list with an option inserted mid-scale",
    ("labels", "set9/zh-park-08"): "a choice between tasks (是分话题还是分情绪) read instead of the topics",
    ("labels", "set9/en-yarn-17"): "'4 levels' read as 1-4; the gold is 0, 1, 2, 'exact match' (3 = exact match)",
    ("labels", "set9/en-yachtcharter-24"): "a list after a dash that ends in a wh-clause is not read",
    ("labels", "set10/zh-noodle-02"): "ordinal: gold marks 好评/中评/差评 graded; set 9's carwash gold has the same shape nominal",
    ("labels", "set10/en-earbuds-03"): "ordinal: gold marks Positive/Neutral/Negative graded; set 9's gold has the shape nominal",
    ("labels", "set10/zh-contractnotice-14"): "签约方（甲方、乙方分开标） not split, 合同标的 loses 的, 其他不用管 adds 管",
    ("labels", "set10/zh-phonerecycle-25"): "gold wants the A类（…） names where earlier sets want the codes; a second set "
    "opened by 整段再给… is not read",
    ("draft", "set8/en-photomorgue-26"): "its one flag is not read, so the draft stops and asks for labels",
    # sets 11 to 13 (blind sets 14 to 16 until 2026-12-02 17:55 UTC): every miss of the blind scoring, to work down
    ("labels", "set11/en-grocery-30"): "blind miss (scored 2026-12-02 at 1f26f3c): 'brand, size, unit, flavor — whatever you think makes sense' is offered loosely next to an open question ('title rewritten or the pieces pulled out?'), which the reader takes as the options",
    ("labels", "set11/en-watch-15"): "blind miss (scored 2026-12-02 at 1f26f3c): fields given in a chat, then 'condition too?' and 'box & papers' turned from a yes/no into a span and named again: the gold orders condition before box & papers, and the reader keeps the field's (yes/no) as the label set",
    ("type", "set11/zh-kaoyan-09"): "the request says 'topic tag' outright (read as topic at 0.79); the gold calls it ambiguous with intent",
    ("numbers", "set11/zh-lecture-22"): "the volume is worked out by subtraction (约 300 场 less the 40 English lectures left out = 260); no reader subtracts a part set aside",
    ("numbers", "set12/en-charityshop-28"): "'3k+ items' is kept as an open lower bound (low 3000, no high); the gold closes it at 4000",
    ("numbers", "set12/zh-agriledger-09"): "'大概两千页' counts pages (页 reads as a size, like '10页的文档'); nothing yet tells scanned pages to label from a document's length",
    ("labels", "set12/zh-petboard-01"): "ordinal: 好评/中评/差评 graded in the gold (its note calls nominal defensible); set 9's gold has the shape nominal",
    ("labels", "set12/zh-ptrecap-12"): "ordinal: '三档' read as levels; the gold calls the three error types nominal",
    ("labels", "set13/en-weldrt-13"): "blind miss (scored 2026-12-02 at 1f26f3c): labels right; gold marks 'correct / minor error / materially wrong' ordinal, the reader keeps verdicts with no order word nominal (as sets 1, 4 and 5 do)",
    ("numbers", "set13/en-weldrt-13"): "'review a sample of them' is read as a vague sample of the 2,600 films; the gold takes the 2,600 as the job",
    # sets 14 to 16 (blind sets 17 to 19 until 2026-12-03 06:45 UTC): every miss of the blind scoring, to work down
    ("labels", "set14/en-contactcenter-mos-15"): "blind miss (scored 2026-12-03 at 63d3d81)",
    ("numbers", "set14/en-contactcenter-mos-15"): "blind miss (scored 2026-12-03 at 63d3d81)",
    ("numbers", "set14/en-corptravel-posttrip-02"): "blind miss (scored 2026-12-03 at 63d3d81)",
    ("numbers", "set14/en-devdocs-bot-11"): "blind miss (scored 2026-12-03 at 63d3d81)",
    ("labels", "set14/en-homeinventory-captions-13"): "blind miss (scored 2026-12-03 at 63d3d81)",
    ("type", "set14/zh-basketball-highlights-29"): "blind miss (scored 2026-12-03 at 63d3d81)",
    ("type", "set14/zh-handwritten-latex-30"): "blind miss (scored 2026-12-03 at 63d3d81)",
    ("numbers", "set15/en-gst-chatbot-vendors-11"): "blind miss (scored 2026-12-03 at 63d3d81)",
    ("labels", "set15/en-krankenkasse-call-summaries-12"): "blind miss (scored 2026-12-03 at 63d3d81)",
    ("labels", "set15/en-oliveoil-b2b-search-09"): "blind miss (scored 2026-12-03 at 63d3d81)",
    ("labels", "set15/en-saree-catalogue-descriptions-13"): "blind miss (scored 2026-12-03 at 63d3d81)",
    ("numbers", "set15/en-used-machinery-listings-14"): "blind miss (scored 2026-12-03 at 63d3d81)",
    ("numbers", "set15/zh-baby-naming-model-compare-25"): "blind miss (scored 2026-12-03 at 63d3d81)",
    ("labels", "set15/zh-clinic-drug-code-mapping-29"): "blind miss (scored 2026-12-03 at 63d3d81)",
    ("labels", "set15/zh-tea-shop-photo-descriptions-28"): "blind miss (scored 2026-12-03 at 63d3d81)",
    ("labels", "set15/zh-traffic-radio-listener-msgs-19"): "blind miss (scored 2026-12-03 at 63d3d81)",
    # sets 17 and 18 (blind sets 20 and 21 until 2026-12-03 08:05 UTC): every miss of the blind scoring, to work down
    ("labels", "set17/en-dashcam-vlm-captions-14"): "blind miss (scored 2026-12-03 at 69b941c)",
    ("type", "set17/en-dashcam-vlm-captions-14"): "blind miss (scored 2026-12-03 at 69b941c)",
    ("labels", "set17/en-satellite-tiles-13"): "blind miss (scored 2026-12-03 at 69b941c)",
    ("type", "set17/en-trial-registry-areas-05"): "blind miss (scored 2026-12-03 at 69b941c)",
    ("labels", "set17/zh-ai-search-gsb-25"): "blind miss (scored 2026-12-03 at 69b941c)",
    ("type", "set17/zh-digital-human-scripts-21"): "blind miss (scored 2026-12-03 at 69b941c)",
    ("labels", "set17/zh-insurance-rag-recall-24"): "blind miss (scored 2026-12-03 at 69b941c)",
    ("numbers", "set17/zh-insurance-rag-recall-24"): "blind miss (scored 2026-12-03 at 69b941c)",
    ("type", "set17/zh-multimodal-image-labelling-28"): "blind miss (scored 2026-12-03 at 69b941c)",
    ("labels", "set17/zh-phone-notification-summary-26"): "blind miss (scored 2026-12-03 at 69b941c)",
    ("labels", "set18/en-dental-lab-07"): "blind miss (scored 2026-12-03 at 69b941c)",
    ("labels", "set18/en-esl-school-forum-06"): "blind miss (scored 2026-12-03 at 69b941c)",
    ("numbers", "set18/en-esl-school-forum-06"): "blind miss (scored 2026-12-03 at 69b941c)",
    ("type", "set18/en-farm-equipment-dealer-11"): "blind miss (scored 2026-12-03 at 69b941c)",
    ("numbers", "set18/en-hardware-store-02"): "blind miss (scored 2026-12-03 at 69b941c)",
    ("labels", "set18/en-resettlement-ngo-summaries-12"): "blind miss (scored 2026-12-03 at 69b941c)",
    ("labels", "set18/zh-agri-inputs-registration-30"): "blind miss (scored 2026-12-03 at 69b941c)",
    ("labels", "set18/zh-fruit-shop-groups-17"): "blind miss (scored 2026-12-03 at 69b941c)",
    ("type", "set18/zh-fruit-shop-groups-17"): "blind miss (scored 2026-12-03 at 69b941c)",
    ("numbers", "set18/zh-garment-factory-suggestions-19"): "blind miss (scored 2026-12-03 at 69b941c)",
    ("labels", "set18/zh-hardware-miniapp-search-23"): "blind miss (scored 2026-12-03 at 69b941c)",
    ("numbers", "set18/zh-nursery-plant-search-24"): "blind miss (scored 2026-12-03 at 69b941c)",
    ("labels", "set18/zh-pig-farm-daily-22"): "blind miss (scored 2026-12-03 at 69b941c)",
    ("numbers", "set18/zh-town-service-center-18"): "blind miss (scored 2026-12-03 at 69b941c)",
    # sets 19 to 21 (blind sets 22 to 24 until 2026-12-03 10:50 UTC): every miss of the blind scoring, to work down
    ("numbers", "set19/en-bakery-portal-search-06"): "blind miss (scored 2026-12-03 at cc133b6)",
    ("labels", "set19/en-battery-installer-02"): "blind miss (scored 2026-12-03 at cc133b6)",
    ("numbers", "set19/en-classic-car-auction-14"): "blind miss (scored 2026-12-03 at cc133b6)",
    ("labels", "set19/en-distillery-tours-01"): "blind miss (scored 2026-12-03 at cc133b6)",
    ("numbers", "set19/en-distillery-tours-01"): "blind miss (scored 2026-12-03 at cc133b6)",
    ("labels", "set19/en-exec-search-references-12"): "blind miss (scored 2026-12-03 at cc133b6)",
    ("numbers", "set19/en-exec-search-references-12"): "blind miss (scored 2026-12-03 at cc133b6)",
    ("labels", "set19/en-furniture-restoration-09"): "blind miss (scored 2026-12-03 at cc133b6)",
    ("labels", "set19/en-holiday-cottages-11"): "blind miss (scored 2026-12-03 at cc133b6)",
    ("labels", "set19/en-planning-objections-03"): "blind miss (scored 2026-12-03 at cc133b6)",
    ("labels", "set19/en-rocketry-forum-04"): "blind miss (scored 2026-12-03 at cc133b6)",
    ("numbers", "set19/en-rocketry-forum-04"): "blind miss (scored 2026-12-03 at cc133b6)",
    ("labels", "set19/en-ski-resort-bot-07"): "blind miss (scored 2026-12-03 at cc133b6)",
    ("numbers", "set19/en-travel-itineraries-13"): "blind miss (scored 2026-12-03 at cc133b6)",
    ("numbers", "set19/en-trucking-safety-summaries-08"): "blind miss (scored 2026-12-03 at cc133b6)",
    ("labels", "set19/en-wine-label-ocr-10"): "blind miss (scored 2026-12-03 at cc133b6)",
    ("numbers", "set19/en-wine-label-ocr-10"): "blind miss (scored 2026-12-03 at cc133b6)",
    ("labels", "set19/zh-audiobook-anchor-20"): "blind miss (scored 2026-12-03 at cc133b6)",
    ("numbers", "set19/zh-audiobook-anchor-20"): "blind miss (scored 2026-12-03 at cc133b6)",
    ("labels", "set19/zh-jade-livestream-images-28"): "blind miss (scored 2026-12-03 at cc133b6)",
    ("labels", "set19/zh-kids-science-magazine-19"): "blind miss (scored 2026-12-03 at cc133b6)",
    ("labels", "set19/zh-piano-school-wecom-17"): "blind miss (scored 2026-12-03 at cc133b6)",
    ("labels", "set20/en-allhands-slido-04"): "blind miss (scored 2026-12-03 at cc133b6)",
    ("numbers", "set20/en-allhands-slido-04"): "blind miss (scored 2026-12-03 at cc133b6)",
    ("type", "set20/en-callaudio-segments-15"): "blind miss (scored 2026-12-03 at cc133b6)",
    ("labels", "set20/en-cs-health-02"): "blind miss (scored 2026-12-03 at cc133b6)",
    ("labels", "set20/en-jira-rollups-12"): "blind miss (scored 2026-12-03 at cc133b6)",
    ("labels", "set20/en-petfood-sms-01"): "blind miss (scored 2026-12-03 at cc133b6)",
    ("labels", "set20/en-revops-nextsteps-07"): "blind miss (scored 2026-12-03 at cc133b6)",
    ("labels", "set20/en-scooter-parking-13"): "blind miss (scored 2026-12-03 at cc133b6)",
    ("numbers", "set20/en-vc-dealflow-05"): "blind miss (scored 2026-12-03 at cc133b6)",
    ("labels", "set20/zh-aiphoto-selfie-20"): "blind miss (scored 2026-12-03 at cc133b6)",
    ("numbers", "set20/zh-cvs-shelf-28"): "blind miss (scored 2026-12-03 at cc133b6)",
    ("numbers", "set20/zh-fund-wecom-compliance-21"): "blind miss (scored 2026-12-03 at cc133b6)",
    ("labels", "set20/zh-hr-exit-interview-19"): "blind miss (scored 2026-12-03 at cc133b6)",
    ("type", "set20/zh-hr-exit-interview-19"): "blind miss (scored 2026-12-03 at cc133b6)",
    ("labels", "set20/zh-kol-search-23"): "blind miss (scored 2026-12-03 at cc133b6)",
    ("numbers", "set20/zh-live-recap-26"): "blind miss (scored 2026-12-03 at cc133b6)",
    ("labels", "set20/zh-podcast-search-24"): "blind miss (scored 2026-12-03 at cc133b6)",
    ("labels", "set20/zh-shopify-fake-reviews-30"): "blind miss (scored 2026-12-03 at cc133b6)",
    ("labels", "set20/zh-travel-bot-18"): "blind miss (scored 2026-12-03 at cc133b6)",
    ("numbers", "set21/en-blood-bank-03"): "blind miss (scored 2026-12-03 at cc133b6)",
    ("numbers", "set21/en-boardgame-rulebook-15"): "blind miss (scored 2026-12-03 at cc133b6)",
    ("numbers", "set21/en-fishing-licence-search-09"): "blind miss (scored 2026-12-03 at cc133b6)",
    ("numbers", "set21/en-hackathon-04"): "blind miss (scored 2026-12-03 at cc133b6)",
    ("type", "set21/en-hackathon-04"): "blind miss (scored 2026-12-03 at cc133b6)",
    ("labels", "set21/en-it-procurement-05"): "blind miss (scored 2026-12-03 at cc133b6)",
    ("numbers", "set21/en-kitchen-audit-photos-14"): "blind miss (scored 2026-12-03 at cc133b6)",
    ("type", "set21/en-kitchen-audit-photos-14"): "blind miss (scored 2026-12-03 at cc133b6)",
    ("type", "set21/en-laundromat-sms-02"): "blind miss (scored 2026-12-03 at cc133b6)",
    ("type", "set21/zh-old-photo-inscriptions-29"): "blind miss (scored 2026-12-03 at cc133b6)",
    ("numbers", "set21/zh-paid-course-comments-19"): "blind miss (scored 2026-12-03 at cc133b6)",
    ("labels", "set21/zh-poetry-app-search-23"): "blind miss (scored 2026-12-03 at cc133b6)",
    ("numbers", "set21/zh-poetry-app-search-23"): "blind miss (scored 2026-12-03 at cc133b6)",
    ("labels", "set21/zh-teaching-supervision-27"): "blind miss (scored 2026-12-03 at cc133b6)",
    # sets 22 and 23 (blind sets 25, dictated voice notes and meeting minutes, and 26, owners' everyday requests, until
    # 2026-12-03 15:10 UTC): every miss of the blind scoring, to work down
    ("labels", "set22/en-estatesale-09"): "blind miss (scored 2026-12-03 at 4b3797d)",
    ("numbers", "set22/en-fishinglodge-03"): "blind miss (scored 2026-12-03 at 4b3797d)",
    ("numbers", "set22/en-oralhistory-14"): "blind miss (scored 2026-12-03 at 4b3797d)",
    ("type", "set22/en-oralhistory-14"): "blind miss (scored 2026-12-03 at 4b3797d)",
    ("type", "set22/en-petinsurance-15"): "blind miss (scored 2026-12-03 at 4b3797d)",
    ("labels", "set22/zh-designreview-26"): "blind miss (scored 2026-12-03 at 4b3797d)",
    ("labels", "set22/zh-pricetag-25"): "blind miss (scored 2026-12-03 at 4b3797d)",
    ("type", "set22/zh-pricetag-25"): "blind miss (scored 2026-12-03 at 4b3797d)",
    ("labels", "set22/zh-scrapyard-20"): "blind miss (scored 2026-12-03 at 4b3797d)",
    ("labels", "set22/zh-wutuo-16"): "blind miss (scored 2026-12-03 at 4b3797d)",
    ("labels", "set23/en-animalshelter-11"): "blind miss (scored 2026-12-03 at 4b3797d)",
    ("numbers", "set23/en-astronomy-05"): "blind miss (scored 2026-12-03 at 4b3797d)",
    ("labels", "set23/en-auctionbarn-14"): "blind miss (scored 2026-12-03 at 4b3797d)",
    ("numbers", "set23/en-bowling-01"): "blind miss (scored 2026-12-03 at 4b3797d)",
    ("numbers", "set23/en-estatesale-13"): "blind miss (scored 2026-12-03 at 4b3797d)",
    ("labels", "set23/en-salvage-09"): "blind miss (scored 2026-12-03 at 4b3797d)",
    ("labels", "set23/en-sheepfarm-07"): "blind miss (scored 2026-12-03 at 4b3797d)",
    ("numbers", "set23/zh-canjian-30"): "blind miss (scored 2026-12-03 at 4b3797d)",
    ("numbers", "set23/zh-qixiu-22"): "blind miss (scored 2026-12-03 at 4b3797d)",
    ("labels", "set23/zh-taoci-28"): "blind miss (scored 2026-12-03 at 4b3797d)",
    ("labels", "set23/zh-youyong-26"): "blind miss (scored 2026-12-03 at 4b3797d)",
    # set 24 (blind set 27, an everyday mix, until 2026-12-03 15:55 UTC): every miss of the blind scoring at 20ad36c
    ("numbers", "set24/zh-kindergarten-menu-25"): "blind miss (scored 2026-12-03 at 20ad36c)",
    ("labels", "set24/zh-nongjiale-16"): "blind miss (scored 2026-12-03 at 20ad36c)",
    ("numbers", "set24/zh-tea-coop-22"): "blind miss (scored 2026-12-03 at 20ad36c)",
    ("labels", "set24/zh-village-19"): "blind miss (scored 2026-12-03 at 20ad36c)",
    ("type", "set24/zh-village-19"): "blind miss (scored 2026-12-03 at 20ad36c)",
    ("labels", "set25/en-villagehall-08"): "gold 'name' for 'the person's name' conflicts with set 22's gold 'customer's name' (room is read now)",
    ("labels", "set25/zh-wetmarket-19"): "ordinal: 好评/中评/差评 graded in this gold (and sets 7, 12, 24) but nominal in set 5's and 9's; labels are read now",
    ("draft", "set25/en-coffee-02"): "blind miss (scored 2026-12-03 at 6c33bac + hand-trial-7 edits)",
    ("labels", "set25/en-coffee-02"): "blind miss (scored 2026-12-03 at 6c33bac + hand-trial-7 edits)",
    ("numbers", "set25/en-coffee-02"): "blind miss (scored 2026-12-03 at 6c33bac + hand-trial-7 edits)",
    ("type", "set25/en-coffee-02"): "blind miss (scored 2026-12-03 at 6c33bac + hand-trial-7 edits)",
    ("labels", "set25/en-parish-04"): "blind miss (scored 2026-12-03 at 6c33bac + hand-trial-7 edits)",
    ("type", "set25/en-parish-04"): "blind miss (scored 2026-12-03 at 6c33bac + hand-trial-7 edits)",
    ("type", "set25/en-quarry-09"): "blind miss (scored 2026-12-03 at 6c33bac + hand-trial-7 edits)",
    ("type", "set25/zh-bpbook-29"): "blind miss (scored 2026-12-03 at 6c33bac + hand-trial-7 edits)",
    ("type", "set25/zh-calligraphy-28"): "blind miss (scored 2026-12-03 at 6c33bac + hand-trial-7 edits)",
    ("labels", "set25/zh-hiking-20"): "blind miss (scored 2026-12-03 at 6c33bac + hand-trial-7 edits)",
    ("type", "set26/en-court-interpreting-15"): "blind miss (scored 2026-12-03 at 6c33bac + hand-trial-7 edits)",
    ("labels", "set26/en-mp-casework-05"): "blind miss (scored 2026-12-03 at 6c33bac + hand-trial-7 edits)",
    ("labels", "set26/en-sfx-library-09"): "blind miss (scored 2026-12-03 at 6c33bac + hand-trial-7 edits)",
    ("type", "set26/zh-calligraphy-transcripts-29"): "blind miss (scored 2026-12-03 at 6c33bac + hand-trial-7 edits)",
    ("type", "set26/zh-kindergarten-reports-26"): "blind miss (scored 2026-12-03 at 6c33bac + hand-trial-7 edits)",
    # sets 27 and 28 (blind sets 30 and 31, until 2026-12-03 21:10 UTC): every miss of the blind scoring at 693720b
    ("labels", "set27/en-boardgame-cafe-09"): "blind miss (scored 2026-12-03 at 693720b)",
    ("numbers", "set27/en-boardgame-cafe-09"): "blind miss (scored 2026-12-03 at 693720b)",
    ("numbers", "set27/en-cooking-channel-15"): "blind miss (scored 2026-12-03 at 693720b)",
    ("type", "set27/en-cooking-channel-15"): "blind miss (scored 2026-12-03 at 693720b)",
    ("labels", "set27/en-dog-daycare-01"): "blind miss (scored 2026-12-03 at 693720b)",
    ("labels", "set27/en-escape-room-02"): "blind miss (scored 2026-12-03 at 693720b)",
    ("type", "set27/en-escape-room-02"): "blind miss (scored 2026-12-03 at 693720b)",
    ("type", "set27/en-fishkeeping-classifieds-06"): "blind miss (scored 2026-12-03 at 693720b)",
    ("numbers", "set27/en-lost-pets-14"): "blind miss (scored 2026-12-03 at 693720b)",
    ("labels", "set27/en-mg-club-archive-08"): "blind miss (scored 2026-12-03 at 693720b)",
    ("numbers", "set27/en-mg-club-archive-08"): "blind miss (scored 2026-12-03 at 693720b)",
    ("labels", "set27/en-mobile-tyre-03"): "blind miss (scored 2026-12-03 at 693720b)",
    ("numbers", "set27/en-mobile-tyre-03"): "blind miss (scored 2026-12-03 at 693720b)",
    ("labels", "set27/en-mortgage-broker-10"): "blind miss (scored 2026-12-03 at 693720b)",
    ("labels", "set27/en-postcard-dealer-13"): "blind miss (scored 2026-12-03 at 693720b)",
    ("numbers", "set27/en-postcard-dealer-13"): "blind miss (scored 2026-12-03 at 693720b)",
    ("labels", "set27/en-school-governors-12"): "blind miss (scored 2026-12-03 at 693720b)",
    ("labels", "set27/en-school-pastoral-05"): "blind miss (scored 2026-12-03 at 693720b)",
    ("labels", "set27/en-tree-surgery-07"): "blind miss (scored 2026-12-03 at 693720b)",
    ("numbers", "set27/en-tree-surgery-07"): "blind miss (scored 2026-12-03 at 693720b)",
    ("labels", "set27/en-youth-football-app-11"): "blind miss (scored 2026-12-03 at 693720b)",
    ("numbers", "set27/en-youth-football-app-11"): "blind miss (scored 2026-12-03 at 693720b)",
    ("labels", "set27/zh-confession-wall-20"): "blind miss (scored 2026-12-03 at 693720b)",
    ("labels", "set27/zh-decor-renderings-24"): "blind miss (scored 2026-12-03 at 693720b)",
    ("numbers", "set27/zh-decor-renderings-24"): "blind miss (scored 2026-12-03 at 693720b)",
    ("labels", "set27/zh-dog-training-app-25"): "blind miss (scored 2026-12-03 at 693720b)",
    ("labels", "set27/zh-freight-matching-22"): "blind miss (scored 2026-12-03 at 693720b)",
    ("numbers", "set27/zh-freight-matching-22"): "blind miss (scored 2026-12-03 at 693720b)",
    ("labels", "set27/zh-kindergarten-photos-28"): "blind miss (scored 2026-12-03 at 693720b)",
    ("labels", "set27/zh-legal-dept-27"): "blind miss (scored 2026-12-03 at 693720b)",
    ("numbers", "set27/zh-legal-dept-27"): "blind miss (scored 2026-12-03 at 693720b)",
    ("type", "set27/zh-legal-dept-27"): "blind miss (scored 2026-12-03 at 693720b)",
    ("draft", "set27/zh-owners-committee-26"): "blind miss (scored 2026-12-03 at 693720b)",
    ("labels", "set27/zh-owners-committee-26"): "blind miss (scored 2026-12-03 at 693720b)",
    ("numbers", "set27/zh-picture-book-library-23"): "blind miss (scored 2026-12-03 at 693720b)",
    ("labels", "set27/zh-senior-health-video-21"): "blind miss (scored 2026-12-03 at 693720b)",
    ("labels", "set27/zh-training-video-tts-30"): "blind miss (scored 2026-12-03 at 693720b)",
    ("type", "set27/zh-training-video-tts-30"): "blind miss (scored 2026-12-03 at 693720b)",
    ("labels", "set27/zh-union-survey-19"): "blind miss (scored 2026-12-03 at 693720b)",
    ("numbers", "set27/zh-union-survey-19"): "blind miss (scored 2026-12-03 at 693720b)",
    ("type", "set27/zh-union-survey-19"): "blind miss (scored 2026-12-03 at 693720b)",
    ("labels", "set27/zh-vaccination-clinic-18"): "blind miss (scored 2026-12-03 at 693720b)",
    ("labels", "set27/zh-waterproofing-17"): "blind miss (scored 2026-12-03 at 693720b)",
    ("numbers", "set28/en-dental-dictation-29"): "blind miss (scored 2026-12-03 at 693720b)",
    ("numbers", "set28/en-funeral-home-19"): "blind miss (scored 2026-12-03 at 693720b)",
    ("numbers", "set28/en-library-of-things-16"): "blind miss (scored 2026-12-03 at 693720b)",
    ("numbers", "set28/en-pta-09"): "blind miss (scored 2026-12-03 at 693720b)",
    ("numbers", "set28/en-rowing-club-25"): "blind miss (scored 2026-12-03 at 693720b)",
    ("numbers", "set28/en-translation-agency-tm-18"): "blind miss (scored 2026-12-03 at 693720b)",
    ("labels", "set28/zh-agri-insurance-06"): "gold conflict: keeps the trailing 的 of 闲聊或者跟保险无关的; the golds of sets 1-27 drop it (骂人, 打广告, 发广告)",
    ("numbers", "set28/zh-agri-insurance-06"): "blind miss (scored 2026-12-03 at 693720b)",
    ("numbers", "set28/zh-auto-parts-qa-15"): "blind miss (scored 2026-12-03 at 693720b)",
    ("numbers", "set28/zh-fmcg-distributor-17"): "blind miss (scored 2026-12-03 at 693720b)",
    ("numbers", "set28/zh-marathon-20"): "blind miss (scored 2026-12-03 at 693720b)",
    ("type", "set28/zh-packaging-printing-qc-26"): "gold conflict: ambiguous here, but AI descriptions of inspection photos checked for accuracy are plain image_description in set10/zh-phonerecycle-25, set13/en-weldrt-13, set26/en-bridge-inspection-13",
}


def _later_miss(request, behaviour, case_id):
    """A listed miss is a strict xfail: the test still runs, and a fix fails as XPASS until it is un-listed."""
    if (behaviour, case_id) in LATER_MISSES:
        request.applymarker(pytest.mark.xfail(reason=LATER_MISSES[(behaviour, case_id)], strict=True))


@pytest.fixture(scope="module")
def past(seeded_workspace):
    return {project.id: project for project in seeded_workspace.store.past_projects()}


@pytest.fixture(scope="module")
def outcomes(seeded_workspace, past):
    """Breakdown and draft (or the draft's error) of every dev request, computed once."""
    results = {}
    for case in CASES:
        breakdown = break_down(case["text"], seeded_workspace.kb, past, None, today=date.fromisoformat(case["today"]))
        try:
            rulebook = draft_rulebook(breakdown, past, seeded_workspace.kb, seeded_workspace.embedder, Settings(), None)
            error = None
        except Exception as exc:  # noqa: BLE001 - recorded and asserted per case
            rulebook, error = None, exc
        results[case["id"]] = (breakdown, rulebook, error)
    return results


def _same_labels(found, gold):
    """The gold labels in order; a binary question that names one class ("看是不是诈骗") may add its complement."""
    found, gold = [label_key(v) for v in found], [label_key(str(v)) for v in gold]
    if len(gold) == 1 and len(found) == 2 and found[0] == gold[0] and gold[0] in found[1] and found[1] != gold[0]:
        return True
    return found == gold


def _contains(recorded, gold):
    """The recorded vague range holds the gold's (numbers, or ISO dates for a vague deadline); a high bound one
    below the gold's counts ("五千多": 5000-5999 against a written 5000-6000)."""
    low, high = recorded.get("low"), recorded.get("high")
    if isinstance(gold.get("low"), str) or isinstance(gold.get("high"), str):
        return (low is None or str(low) <= gold.get("low", low)) and (high is None or str(high) >= gold.get("high", high))
    return (low or 0) <= gold.get("low", 0) and (high or 0) >= gold.get("high", 0) - 1


def _case(case_id):
    return next(case for case in CASES if case["id"] == case_id)


def test_the_dev_set_is_large_bilingual_and_outside_the_seed_domains():
    assert len(CASES) >= 40
    languages = {case["lang"] for case in CASES}
    assert {"zh", "en"} <= languages
    assert sum(bool(case["labels"]) for case in CASES) >= 30
    assert any(case["ambiguous"] for case in CASES) and any(case["vague"] for case in CASES)


@pytest.mark.parametrize("case_id", IDS)
def test_named_labels_become_the_candidate_labels_and_the_rulebook_labels(outcomes, case_id, request):
    case = _case(case_id)
    if not case["labels"]:
        pytest.skip("the request names no labels")
    if case_id in KNOWN_LABEL_MISSES:
        pytest.xfail(KNOWN_LABEL_MISSES[case_id])
    _later_miss(request, "labels", case_id)
    breakdown, rulebook, error = outcomes[case_id]
    labels = breakdown.what.candidate_labels
    assert labels.status == FieldStatus.stated and labels.evidence
    assert _same_labels([str(v) for v in labels.value], case["labels"])
    assert error is None, error
    assert _same_labels(rulebook.label_names, case["labels"])
    if case_id not in ORDINAL_GOLD_CONFLICTS:
        assert bool(breakdown.ordinal) == case["ordinal"] and rulebook.ordinal == case["ordinal"]
    assert bool(breakdown.ordinal) == rulebook.ordinal
    # every label says where it came from; the names come from the requester's words
    assert all(label.name_origin and label.name_origin.origin.value == "request" for label in rulebook.labels)
    assert all(label.definition.strip() for label in rulebook.labels)


@pytest.mark.parametrize("case_id", IDS)
def test_task_type_comes_from_the_request_or_is_asked(outcomes, case_id, request):
    case = _case(case_id)
    _later_miss(request, "type", case_id)
    breakdown, _, _ = outcomes[case_id]
    task_type = breakdown.what.task_type
    asked = any(q.field == "what.task_type" for q in breakdown.questions)
    if case["ambiguous"]:
        assert task_type.status != FieldStatus.stated
        assert task_type.confidence <= 0.5 and asked, (task_type, asked)
    else:
        assert task_type.value in [case["task_type"], *case["task_type_also_ok"]], task_type
        # confident, or low with a question: a type resting on thin evidence is asked, never asserted
        assert task_type.status == FieldStatus.inferred
        assert task_type.confidence >= 0.6 or (task_type.confidence <= 0.5 and asked), task_type


# Gold conflict on hedged figures. Sets 1-13 state "about 2,000 messages" as a volume of 2,000; sets 17, 18 and 22-26
# list it among their vague amounts with a range around the figure. The reader follows the first convention (the
# figure is stated, its quote keeps the hedge), so a hedged amount with ONE figure inside the gold's own range may be
# stated. Amounts with no single figure ("a few thousand", 几千条, "a couple of hundred") must still never be.
HEDGED_FIGURES = re.compile(
    r"\b(?:about|around|roughly|approx(?:imately|\.)?|circa|some|maybe|or so|ish|give or take)\b|~|约|大概|大约|左右|上下|差不多|来[条份个本张句]|将近|接近"
)


def _hedged_figure(amount, value) -> bool:
    text = str(amount.get("text", ""))
    # "1万张左右" is one figure, so is "两千来条"
    figures = re.findall(r"\d[\d,.]*(?:万|千)?|(?<!\d)[一二两三四五六七八九十百千万]+(?=来?[条份个本张句篇人])", text)
    low, high = amount.get("low"), amount.get("high")
    return (
        len(figures) == 1
        and HEDGED_FIGURES.search(text) is not None
        and isinstance(value, (int, float))
        and low is not None and high is not None and low <= value <= high
        and not re.search(r"几|好几|a few|several|couple|dozens|hundreds|thousands", text, re.I)
    )


@pytest.mark.parametrize("case_id", IDS)
def test_stated_numbers_are_found_and_vague_ones_never_stated(outcomes, case_id, request):
    case = _case(case_id)
    _later_miss(request, "numbers", case_id)
    breakdown, _, _ = outcomes[case_id]
    for kind, gold in (case["stated"] or {}).items():
        current = breakdown.field(NUMBER_FIELDS[kind])
        assert current.status == FieldStatus.stated, (kind, current)
        assert _same(kind, _value_of(NUMBER_FIELDS[kind], current.value), gold), (kind, current.value, gold)
        assert current.evidence and current.evidence in case["text"]
    vague = case["vague"] or {}
    if isinstance(vague, list):
        # sets 17 and 18 list their vague amounts without naming a field ([{text, low?, high?}]): none of them may be
        # stated as an exact figure of a field the gold does not state
        for amount in vague:
            for kind, path in NUMBER_FIELDS.items():
                current = breakdown.field(path)
                if kind in (case["stated"] or {}) or current.status != FieldStatus.stated or not current.evidence:
                    continue
                if _hedged_figure(amount, _value_of(path, current.value)):
                    continue  # "about 600 searches", "大概两千条": one figure, hedged (see HEDGED_FIGURES)
                assert current.evidence not in amount["text"], (kind, current, amount)
        vague = {}
    for kind, gold in vague.items():
        if kind not in NUMBER_FIELDS:  # a vague population ('pool', 'a couple hundred queries'), not a field of the job
            continue
        current = breakdown.field(NUMBER_FIELDS[kind])
        assert current.status != FieldStatus.stated, (kind, current)
        if current.status == FieldStatus.inferred:
            assert isinstance(current.value, dict) and current.value.get("vague")
            if case_id in VAGUE_RANGE_CONVENTION or case_id.startswith(tuple(LATER_SETS)):
                # the later sets' writers bound 几千 as 2000-9000 and 五千多 as 5000-6000: the recorded range contains theirs
                assert _contains(current.value, gold), (current.value, gold)
            else:
                for bound in ("low", "high"):
                    if isinstance(gold.get(bound), (int, float)):
                        assert current.value.get(bound) == gold[bound], (bound, current.value, gold)
        assert any(q.field == NUMBER_FIELDS[kind] for q in breakdown.questions)


@pytest.mark.parametrize("case_id", IDS)
def test_the_draft_is_for_this_request(outcomes, past, case_id, request):
    case = _case(case_id)
    _later_miss(request, "draft", case_id)
    breakdown, rulebook, error = outcomes[case_id]
    if rulebook is None:
        if case["labels"] and case_id not in KNOWN_LABEL_MISSES:
            pytest.fail(f"the draft failed although the request names labels: {error}")
        assert "candidate_labels" in str(error)  # it asks for labels instead of copying a past project's
        return
    assert copied_parts(rulebook, case["text"], past) == []
    assert dangling_names(rulebook, past) == []
    if rulebook.purpose:
        assert rulebook.provenance["purpose"].origin.value == "request"
    else:
        assert rulebook.provenance["purpose"].origin.value == "missing"
        assert any(q.field == "why.business_goal" for q in breakdown.questions)
    assert rulebook.provenance["task_definition"].origin.value == "request"
    for label in rulebook.labels:
        if label.definition_origin.origin.value == "past_project":
            assert label.source == label.definition_origin.source and label.source in past
            assert all(example.source == label.source for example in label.examples)
