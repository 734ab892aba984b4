"""The label set a request (or a requester's answer) names, read from its own words.

People list labels in many ways; this module reads the common ones in Chinese and English:

- an enumeration after a framing phrase: "分成 A、B、C 四类", "标成A或B", "选项是A/B/C",
  "tag messages as X, Y, Z or fine", "classify into X, Y and Z", "labels: X, Y, Z";
- a scale: "按0到3四档打分", "1-5分", "rate 1 to 5", "四档：非常满意、满意、一般、不满意",
  "yes or no", "是/否";
- quoted labels ("spam" or "ham", 「广告」「辱骂」) and bullet lists after a framing line;
- a trailing catch-all: "其余算正常" gives the label 正常, "or fine" gives fine.

Count words ("四类", "three categories") are stripped from the last label. The result carries
the exact quote it rests on and whether the labels are an ordered scale.
"""

from __future__ import annotations

import re
from typing import Literal

from assistant.breakdown.label_addenda import add_addenda, chat_line_candidates, drop_retracted, spoken_colon_candidates, strip_also
from assistant.breakdown.doc_labels import doc_label_candidate, section_addenda
from assistant.breakdown.form_fields import form_fields, mask_fields
from assistant.breakdown.form_labels import form_label_candidate, form_option_runs, sheet_column_options
from assistant.breakdown.label_brackets import bracket_option_candidates
from assistant.breakdown.label_backref import backref_candidates, continue_lists
from assistant.breakdown.label_answer_lists import answer_list_candidates
from assistant.breakdown.label_candidates import find_candidates
from assistant.breakdown.label_minutes import decided_list, proposals
from assistant.breakdown.label_choice_lead import strip_choice_lead
from assistant.breakdown.label_which_kind import which_kind_candidates
from assistant.breakdown.label_everyday import add_marked_as, add_own_category, flagged_kinds_candidates, quoted_flag_extras, pull_out_candidates, step_name_candidates, which_better_candidates, which_better_tie_candidates
from assistant.breakdown.label_field_tail import extend_field_tail
from assistant.breakdown.label_dimension_lines import join_dimension_lines
from assistant.breakdown.label_codes import code_list_candidates, graded_preference, numbered_points
from assistant.breakdown.label_fields_en import field_candidates
from assistant.breakdown.label_pulled_fields import pulled_field_candidates
from assistant.breakdown.label_flag_lists import flag_list_candidates, flags_over_their_values
from assistant.breakdown.label_grammar import LabelSet, _ordinal, in_sentence, split_enumeration
from assistant.breakdown.label_legacy import LEGACY_KINDS, legacy_candidates
from assistant.breakdown.label_case_addenda import add_case_quoted
from assistant.breakdown.label_lone_flag import lone_flag
from assistant.breakdown.label_prose_en import add_prose_addenda, defined_verdict, join_alternative, prose_candidates
from assistant.breakdown.label_questions_en import question_rubric_candidates
from assistant.breakdown.label_revisions_en import assigned_quoted_candidates, revise_in_thread, revised_list_candidates
from assistant.breakdown.email_thread import later_message_list
from assistant.breakdown.label_rivals import best
from assistant.breakdown.label_scoring import THRESHOLD
from assistant.breakdown.label_second_en import add_second_set, conditional_candidates, dimension_candidates, lettered_candidates, name_if_candidates, versus_candidates
from assistant.breakdown.label_spoken_en import flag_candidates, or_chain_candidates, spoken_candidates, word_scale_candidates
from assistant.breakdown.label_spoken_zh import spoken_zh_candidates
from assistant.breakdown.label_which_clauses import flag_that_candidates, which_clause_candidates
from assistant.breakdown.label_dictated_en import dictated_en_candidates
from assistant.breakdown.label_dictated_zh import add_reasons, dictated_zh_candidates
from assistant.breakdown.label_terse import add_counted_addendum, add_field_question, arrow_intro_candidates, list_then_case_candidates, question_run_candidates, yes_no_then_candidates
from assistant.breakdown.label_scale_lines import scale_line_candidates
from assistant.breakdown.label_option_runs import add_second_set_zh, backtick_candidates, ba_list_candidates, mark_code_candidates, named_point_candidates, slash_run_candidates
from assistant.breakdown.label_more import extend_catch_all, extend_quoted_followup, more_candidates
from assistant.breakdown.label_prose_zh import aspect_candidates, extend_rest_in_sentence, field_candidates_zh, judged_or_candidates, reason_extras, rubric_candidates
from assistant.breakdown.label_revisions_zh import add_kept_scale, counted_quoted_candidates, quoted_pair_candidates, restated_list, revise
from assistant.breakdown.label_shapes import add_catch_all_line, keep_telling_notes, shaped_candidates
from assistant.breakdown.label_wrap import mask_aliases, original_quote, unwrap
from assistant.breakdown.label_zh import extend_zh_catch_all, strip_numbering, zh_candidates, zh_extras
from assistant.breakdown.zh_variants import has_variants, original_at, to_mandarin

__all__ = ["LabelSet", "find_labels", "split_enumeration"]


def find_labels(text: str) -> LabelSet | None:
    """The labels `text` names, or None when it names none (then past projects may only suggest)."""
    unwrapped = mask_aliases(unwrap(text))  # a line wrapped inside a list does not end it; nor does "(a.k.a. …)"
    found = _read_variants(unwrapped) if has_variants(unwrapped) else _find_labels(unwrapped)
    if found is not None:
        found.quote = original_quote(found.quote, unwrapped.replace("\u3000", " "), text.replace("\u3000", " "))
    if found is not None and found.quote not in text.replace("\u3000", " "):
        found.quote = text.strip()
    return found



def _read_variants(text: str) -> LabelSet | None:
    """Traditional / Cantonese writing ("分：好評、差評", "有啲係專登投訴某個老師嘅"): read in simplified Mandarin, named in
    the writer's own characters."""
    mandarin = to_mandarin(text)
    found = _find_labels(mandarin)
    if found is None:
        return None
    back = lambda name: original_at(name, mandarin, text)  # noqa: E731
    found.labels = [back(label) for label in found.labels]
    found.main = [back(label) for label in found.main]
    found.other = back(found.other) if found.other else found.other
    found.quote = back(found.quote)
    return found


def _find_labels(text: str) -> LabelSet | None:
    if not text or not text.strip():
        return None
    text = text.replace("\u3000", " ")
    form = _form_labels(text)  # "Classes: A / B / C", "标签：A\n B\n C" in a filled-in form or ticket
    if form is not None:
        return form
    text = mask_fields(text, form_fields(text))  # a ticket's own "Labels: q4, search" and "N/A" fields name no labels
    document = _document_labels(text)  # "## Labels" + a table or list in a requirement document
    if document is False:
        return None
    minutes = _minutes_labels(text) if document is None else None  # "Went with 3 levels:\n – Exact fit …", "结论：A、B、C"
    if minutes is not None:
        return minutes
    candidates = legacy_candidates(text) + find_candidates(text, split_enumeration) + shaped_candidates(text, split_enumeration)
    candidates += more_candidates(text, split_enumeration) + backref_candidates(text, split_enumeration)
    candidates += versus_candidates(text) + conditional_candidates(text)  # "complaint vs compliment?", "if B, B; if equally good, tie"
    candidates += spoken_candidates(text) + flag_candidates(text) + or_chain_candidates(text) + word_scale_candidates(text)  # "is it about A or B, or, um, C", "flagged urgent no matter what"
    candidates += lettered_candidates(text) + name_if_candidates(text)  # "A) x B) y", "'toxic' if …, 'ok' otherwise"
    candidates += dimension_candidates(text)  # "urgency (high/medium/low) and product (iOS app, web)"
    candidates += field_candidates(text)  # "highlight the dish -- like the pasta, pizza -- the price, and the server name"
    candidates += pulled_field_candidates(text)  # "the key facts pulled from the teasers: company name (…), sector, …"
    candidates += question_rubric_candidates(text)  # "1) Faithful? yes / no\n2) Complete? complete / partially / missing"
    candidates += zh_candidates(text, split_enumeration)  # 都算"账号问题", 图上有的没写=漏检
    candidates += named_point_candidates(text)  # "3=完全匹配 2=相关 1=弱相关 0=不相关"
    candidates += scale_line_candidates(text)  # "a five-point scale:\n very unhappy – unhappy – neutral – happy – very happy"
    candidates += mark_code_candidates(text)  # "对的打✓，有错的打✗"
    candidates += ba_list_candidates(text)  # "把里面的 客户名、品名、规格 抠出来"
    candidates += spoken_zh_candidates(text)  # ASR text: "是要订气 还是报修 还是问价格", "选 左边好 右边好 差不多"
    candidates += dictated_en_candidates(text)  # "mark each one as happy unhappy or uh mixed", "the buckets, A, that's the urgent one, B, …"
    candidates += dictated_zh_candidates(text)  # "标的话 就是 A B C 三种", "我想的是 A B 然后 C 就是…的 其他的就放其他"
    candidates += backtick_candidates(text)  # "flag `feature_request`, `bug_report`"
    candidates += slash_run_candidates(text)  # "是 / 可能是 / 不是", "grade each as good / minor issues / wrong"
    candidates += chat_line_candidates(text)  # "赵总：出发地 目的地 搬家日期 电话" / "赵总：还有楼层 有没有电梯"
    candidates += spoken_colon_candidates(text)  # "want flagged: A, that's the big one, then B, then anything about C"
    candidates += bracket_option_candidates(text)  # "does the answer address the question (on-topic / partially / off-topic)"
    candidates += rubric_candidates(text) + field_candidates_zh(text)  # "…的，标为可播；…的，标为需上报", "标出：病例的发病时间；…"
    candidates += aspect_candidates(text, split_enumeration)  # "一是…，是满意、基本满意还是不满意；二是…，比如收费、时长等"
    candidates += judged_or_candidates(text, split_enumeration)  # "判断A更好、B更好、两者相当，或者两者均有隐患"
    candidates += counted_quoted_candidates(text) + quoted_pair_candidates(text)  # '一是"改时间"…二是"取消"', '打"合格"或"不合格"'
    candidates += prose_candidates(text)  # "The subjects we care about are A, B and C", "give it a 2 if …, a 1 if …, 0 otherwise"
    candidates += revised_list_candidates(text) + assigned_quoted_candidates(text)  # "So just: A, B, C", 'that's "reschedule"'
    candidates += code_list_candidates(text)  # "I01 Screen broken", "P0 紧急：…", '"labels": ["a", "b"]', "| MAP | Mapping |"
    candidates += question_run_candidates(text)  # "need check: spam? scam? or legit.", "是不是黄？是不是盗版？还是正常的？"
    candidates += which_clause_candidates(text)  # "哪些算是违规广告，哪些是正常聊天", "which are complaints, which are questions"
    candidates += flag_that_candidates(text)  # "flag any that mention a rival, make health claims, or have typos? Yes/no for each"
    candidates += arrow_intro_candidates(text, split_enumeration)  # "pls bucket by category -> jewellery, ceramics, textiles"
    candidates += yes_no_then_candidates(text, split_enumeration)  # "matches photo Y/N, and if N -> missed / made-up / wrong"
    candidates += list_then_case_candidates(text, split_enumeration)
    candidates += which_kind_candidates(text, split_enumeration)  # "有没有违规，比如A、B、C，有就标出来是哪种，没有就标无"
    candidates += answer_list_candidates(text, split_enumeration)  # "批改意见准不准：准确、部分准确、错误", "by reason — a, b, other?"  # "违禁品、涉黄、代排队黄牛算不算违规？其余算正常"
    candidates += which_better_tie_candidates(text)  # "the old answer and the new answer … which answer is better, or … about the same"
    candidates += which_better_candidates(text) + pull_out_candidates(text, split_enumeration) + flagged_kinds_candidates(text) + step_name_candidates(text)  # "which is better, A or B, or about the same", "pull the A, B and C out of"
    candidates += flag_list_candidates(text)  # "low contrast text (y/n), missing labels on buttons (y/n)": flags, not y and n
    continue_lists(candidates, text, split_enumeration)  # "The main ones are A, B and C. There's also D and E."
    for candidate in candidates:
        keep_telling_notes(candidate)  # "不安全（部分泄露）" and "不安全（完全配合）" are two names
        add_catch_all_line(candidate, text)  # "· 报修\n· 投诉\n其余算闲聊"
        extend_catch_all(candidate, text)  # "…、骚扰辱骂，其余算正常", "anything else = Other"
        extend_quoted_followup(candidate, text)  # '"spam" and "ads". If it's only an emoji call it "no request".'
        extend_zh_catch_all(candidate, text)  # "…，嗯，还有其他", "…。剩下看不出来的算其他"
        strip_numbering(candidate)  # "1.物流问题；2.质量问题"
        strip_choice_lead(candidate, text)  # "想办什么事：是咨询政策、预约办事，还是投诉建议"
        strip_also(candidate)  # "…、服务态度，还有营业时间"
    chosen = flags_over_their_values(revise_in_thread(best(candidates, text), candidates, text, THRESHOLD), candidates)  # a later message of a thread revises the list
    chosen = add_reasons(chosen, candidates)  # "A B C 三种 然后…C的 再勾一下原因 就 D E 其他"
    if document is not None and (chosen is None or set(chosen.labels) != set(document.labels)):
        return document  # the general reading agrees with the document's section (then it keeps its own notes) or yields
    chosen = chosen or defined_verdict(text)  # no list, one verdict defined by its criterion: "must be considered unsafe if …"
    chosen = chosen or lone_flag(text)  # no list, a writing task's one flag: "改不了的标“废弃”"
    if chosen is None:
        return None
    chosen = later_message_list(chosen, candidates, text, THRESHOLD)  # a later mail of a thread gives the list anew: "最终类别：…"
    chosen = restated_list(chosen, candidates, THRESHOLD)  # "先分 好评 / 差评" … "就四类吧，好评、差评、中性、混合"
    add_prose_addenda(chosen, text)  # "call it routine check-in", "treated as conditional support rather than as support"
    add_addenda(chosen, text)  # "…，还有设备故障，就是…", "Lockers too", "oh and add \"complaint\" too"
    add_case_quoted(chosen, text)  # "满意、一般、不满意，有的又夸又骂的，就标“有褒有贬”"
    add_marked_as(chosen, text)  # "1. Each comment marked A, B or C\n2. Blank ones … marked as nothing to say"
    add_own_category(chosen, text)  # "Anything urgent … should be its own category too - emergency"
    extend_field_tail(chosen, text)  # "标出里面的：客户姓名、手机号、订单号、投诉的商品"
    extend_catch_all(chosen, text)  # the catch-all after the names added
    extend_rest_in_sentence(chosen, text)  # "是咨询、投诉还是建议，别的就算了——比如广告之类的，统一归为无效"
    extend_zh_catch_all(chosen, text)
    drop_retracted(chosen, text)  # "Sorry, scratch mixed", "电话不要标了"
    revise(chosen, text)  # '再加一个"无法判断"', '"心态吐槽" 改叫 "情绪倾诉"', '联系方式那个…那去掉'
    chosen, first = join_dimension_lines(chosen, candidates, text, THRESHOLD)  # "维度1 忠实度：忠实 / 有小错\n维度2 有用性：打分 1-3"
    if first is chosen:
        chosen, first = add_second_set(chosen, candidates, text, THRESHOLD)  # "…or no preference. Plus rate each answer 1-3."
    if first is chosen:
        chosen, first = add_second_set_zh(chosen, candidates, text, THRESHOLD)  # "误译 / 漏译 / 无问题\n同时严重程度分 轻微、一般、严重 三级"
    if first is chosen:
        chosen, first = add_kept_scale(chosen, candidates, text, THRESHOLD)  # "…、严重错误。整体可用性保留 1-3 分"
    if first is chosen:
        chosen, first = join_alternative(chosen, candidates, text, THRESHOLD)  # "A, B or C. …, however, … which aspects: D, E, F"
    labels = [label for label in chosen.labels if label]
    labels += zh_extras(labels, chosen.kind, chosen.start, chosen.end, text, split_enumeration)  # "另外…单独标出来（是/否）"
    labels += reason_extras(labels, text, split_enumeration)  # "判为不合格，并注明属于顺序错误、漏项中的哪一种"
    labels += quoted_flag_extras(labels, chosen.start, chosen.end, text)  # '顺便把提到"卫生"和"上菜慢"的单独标出来'
    labels = add_counted_addendum(labels, chosen.end, text)  # "另外广告引流的也单独拎出来吧 → 那就四个"
    labels = add_field_question(labels, chosen.end, text)  # "good/bad + what the candidate's notice period & salary expectation is??"
    labels = [label for label in labels if not re.fullmatch(r"`{3,}\w*|~{3,}", label)]  # "```" closing a fenced YAML list is no name
    labels = _field_words(_drop_stray_article(labels))  # "- drug names\n- the adverse signs\n- outcome"
    # "A better, B better, or about the same": the side A read as an article comes back beside its "B …"
    labels = [f"A {label}" if f"B {label}" in labels and re.search(rf"\bA {re.escape(label)}\b", text) else label for label in labels]
    labels = list(dict.fromkeys(_drop_chat_filler(label) for label in labels))  # "pos / neg / neutral pls": the "pls" is the message's
    labels += section_addenda(labels, chosen.start, text)  # 'A / B / C — plus a "both unsafe" checkbox' in a document's section
    # "AOG yes/no flag" among fields: the field is AOG, its values are yes and no
    labels = [re.sub(r"(?<=\w)\s+(?:yes/no|y/n|true/false|yes or no)(?:\s+(?:flag|field|question))?\s*$", "", label, flags=re.I) for label in labels]
    # examples in brackets or quotes ("绝对化用语（“国家级”）") say nothing about the list's order
    window = in_sentence(text, first.start, 30)  # "会员在APP里给教练打分并留言。想把留言标一下：…": the sentence before is not the list's
    context = re.sub(r"[（(][^()（）]*[)）]|“[^”]*”|\"[^\"]*\"", "", window + text[first.start : first.end + 10])
    if first.kind == "prose":  # "the histologic grade, the margin status": a name of the list is no scale word of its context
        context = re.sub("|".join(re.escape(label) for label in first.labels if label), "", context)
    # with a second set, the order of the whole follows the first ("prefer left / right / none, plus 1-3")
    first_labels = [label for label in first.labels if label]
    # codes given one by one ("有就标1，没有标0", "有人=1，没人=0") are a yes/no, not a scale
    coded = first.kind == "assigned" and all(label.isdigit() for label in first_labels)
    ordinal = first.ordinal if first.kind in LEGACY_KINDS or first.kind in ("named_points", "rubric") or coded else _ordinal(first_labels, context)
    if first.kind == "coded":  # level codes ("P0 P1 P2") order the list; otherwise its words and context do
        ordinal = first.ordinal or _ordinal(first_labels, context)
    ordinal = ordinal or graded_preference(first_labels)  # "A much better / A slightly better / Tie / …"
    if first.kind == "yes_no_then":
        ordinal = False  # "Y/N, and if N -> missed / made-up": the arrow leads to the kinds of "no", it orders nothing
    if len(first_labels) == 2 and not all(label.lstrip("+-").isdigit() for label in first_labels):
        ordinal = False  # two named verdicts ("thumbs up / thumbs down", 适合/不适合) are two classes, not a scale
    points_before = text[max(0, chosen.start - 30) : chosen.start]  # "打分 0-3：0 不相关 / …": the points are the labels
    if first is chosen and numbered_points(labels, points_before):  # "0 不相关 / 1 部分相关 / 2 相关 / 3 完全匹配"
        labels, ordinal = numbered_points(labels, points_before) or labels, True
    main = [_drop_chat_filler(label) for label in first_labels] if first is not chosen else []
    other = None if chosen.other and re.fullmatch(r"`{3,}\w*|~{3,}", chosen.other) else chosen.other
    return LabelSet(labels, chosen.quote, ordinal=ordinal, other=other, notes=chosen.notes, main=main)


def _document_labels(text: str) -> LabelSet | None | Literal[False]:
    """The labels section of a requirement document: its list, False when it says TBD, None when it writes no list."""
    found = doc_label_candidate(text)
    if found is None or found is False:
        return found
    revise(found, text)  # '"心态吐槽" 改叫 "情绪倾诉"' after the list
    labels = [label for label in found.labels if label]
    if len(labels) < 2:
        return None
    context = text[found.start : found.end]
    ordinal = found.ordinal or _ordinal(labels, context) or graded_preference(labels)
    if len(labels) == 2 and not all(label.isdigit() for label in labels):
        ordinal = False
    return LabelSet(labels, found.quote, ordinal=ordinal)


def _minutes_labels(text: str) -> LabelSet | None:
    """The list a meeting decided, or every option its attendees proposed when it decided none."""
    found = decided_list(text, _proposed) or proposals(text, _proposed)
    if found is None:
        return None
    labels, quote = found
    # the order words of the decision itself ("Went with 3 levels:", "Ordered scale"), not of the scales it turned down
    at = quote.find(labels[0]) if labels[0] in quote else 0
    context = quote if "\n" in quote else quote[max(0, at - 30) : at] + re.split(r"[.。;；](?:\s|$)", quote[at:])[0]
    ordinal = all(label.isdigit() for label in labels) or (len(labels) > 2 and (_ordinal(labels, context) or bool(graded_preference(labels))))
    return LabelSet(labels, quote, ordinal=ordinal)


def _proposed(said: str) -> list[str] | None:
    found = _find_labels(said)
    return found.labels if found else None


def _form_labels(text: str) -> LabelSet | None:
    """The label field of a filled-in form: its names, and the option runs of the form's other fields
    ("severity per issue: minor / major / critical")."""
    found = form_label_candidate(text) or sheet_column_options(text)  # or "winner = v1 / v2 / tie" under a pasted sheet
    if found is None:
        return None
    # what the rest of the form or the minutes says about the list: "Anything that doesn't fit -> misc", '老王：…单独一类，
    # 叫"无回应"', "scratch mixed", '"其他" 改叫 "无法判断"'
    extend_catch_all(found, text)
    add_addenda(found, text)
    drop_retracted(found, text)
    revise(found, text)
    labels = [label for label in found.labels if label]
    key = re.split(r"[:：\t]", found.quote, maxsplit=1)[0]
    # a scale among the values ("Overall: 1 – 4", "准确性 1-5") grades the set; else the names and the field's key do
    ordinal = found.ordinal or sum(label.isdigit() for label in labels) >= 3 or _ordinal(labels, key) or graded_preference(labels)
    if len(labels) == 2 and not all(label.isdigit() for label in labels):
        ordinal = False
    points = numbered_points(labels)  # "0 不相关 / 1 部分相关 / 2 相关 / 3 完全匹配": the names, counted up
    if points:
        labels, ordinal = points, True
    labels += [label for label in form_option_runs(text, found.start) if label not in labels]
    marked = re.search(r"\b(?:mark|flag|tag|label)\s+(?:those|them|these|such\s+\w+)\s+(?:as\s+)?[\"“]?(?P<x>[a-z][\w-]{1,20})[\"”]?\s*[.。]", text, re.I)
    if found.kind == "sheet" and marked and marked.group("x") not in labels:
        labels.append(marked.group("x"))  # "winner = v1 / v2 / tie. … the safety column … Mark those unsafe."
    return LabelSet(labels, found.quote, ordinal=ordinal)


def _drop_stray_article(labels: list[str]) -> list[str]:
    """"the adverse signs" among "drug names", "dose", "outcome": an article on one name of a list is the sentence's, not the name's."""
    marked = [bool(re.match(r"(?i)the\s+\w", label)) for label in labels]
    first, last = (marked.index(True), len(marked) - marked[::-1].index(True)) if any(marked) else (0, 0)
    if last - first >= 2 and all(marked[first:last]) and (first == 0 or last == len(labels)):
        # "the café, the toilets or the staff" (a whole list, or the second set after "happy, neutral or unhappy"):
        # the articles are the sentence's
        return [re.sub(r"(?i)^the\s+", "", label) if i in range(first, last) else label for i, label in enumerate(labels)]
    with_article = [label for label in labels if re.match(r"(?i)the\s+\S+\s+\S", label)]
    if len(labels) < 3 or not with_article or 2 * len(with_article) >= len(labels):
        return labels
    return [re.sub(r"(?i)^the\s+", "", label) if label in with_article else label for label in labels]



def _field_words(labels: list[str]) -> list[str]:
    """"which room" among "phone number", "date of the event": a field asked for as a question is named by its noun
    (room). A possessive stays ("customer's name" is set 22's gold)."""
    if len(labels) < 3:
        return labels
    fields = [re.sub(r"(?i)^(?:which|what)\s+(?=[a-z]+(?:\s+[a-z]+)?$)", "", label) for label in labels]
    return fields if len(set(fields)) == len(fields) else labels

# chat fillers closing a message ("neutral pls", "relevant thx!!", "spam asap 🙏"): said to the reader, no part of a name
_CHAT_FILLER = re.compile(r"(?:\s+(?:pls|plz|please|thx|thanks|ty|asap|ASAP|lol|haha+|tks|thank you))+[\s!.~]*(?:[\U0001F300-\U0001FAFF\u2600-\u27BF]\ufe0f?\s*)*$", re.I)


def _drop_chat_filler(label: str) -> str:
    m = _CHAT_FILLER.search(label)
    if m is None:
        return label
    if re.search(r"(?i)\b(?:say|says|saying|said|send|sends|sending|give|gives|giving|just|a|no|of|for|with|without|big|quick)\s*$", label[: m.start()]):
        return label  # "just saying thanks", "a thank you", "no thanks": the thanks is the label's own
    stripped = label[: m.start()].strip()
    return stripped or label
