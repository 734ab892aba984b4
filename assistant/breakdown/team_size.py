"""How many people will label, in the ways people say it beyond "5个标注员" / "3 annotators".

- Chinese: "两名标注员", "三位老师可以标", "我们有3位teacher可以标", "出4个人来标";
- English: "a team of 4", "a team of four annotators", "Two of our junior analysts can help label",
  "3 nurses will label", "4 people on our side".

Not read here: people per item ("two people per email", "每条3人", "两个人交叉标同一条"; `team_more` reads them as
the least team when nothing else gives the headcount). Not a team size: a
team that does something else ("3 engineers maintain the tool"), ages and headcounts of users.
"""

from __future__ import annotations

import re

from assistant.breakdown.extract import Fact, parse_cn_number, parse_en_number
from assistant.breakdown.team_asked import asked_team
from assistant.breakdown.team_zh import role_sum

__all__ = ["team_size", "role_list"]

_EN_NUM = r"(?<![\d,.])\d{1,3}(?!\d|[,.]\d)|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty"
_PEOPLE_EN = (
    r"people|persons|folks|annotators?|labell?ers?|raters?|taggers?|analysts?|staff(?:ers)?|colleagues|teammates|members|engineers|"
    r"nurses|doctors|clinicians|students|interns|linguists|experts|volunteers|agents|moderators|teachers|reviewers|specialists|"
    r"editors|lawyers|attorneys|inspectors|checkers|moms|dads|parents|paralegals|pharmacists|counsell?ors|therapists|researchers|contractors|freelancers|translators|native speakers"
)
_LABEL_VERB_EN = r"label|annotate|tag|help (?:label|annotate|tag|with)|do (?:the|this|it)|work on|code|rate|grade|mark|classify|take (?:this|it) on"
_EN_TEAM = re.compile(rf"\b(?:a|our|the)\s+(?:small\s+)?team\s+of\s+(?P<n>{_EN_NUM})\b(?!\s*(?:%|percent|per\b|each\b))", re.I)
_EN_PEOPLE = re.compile(
    rf"\b(?P<n>{_EN_NUM})\s+(?:of\s+(?:our|my|the|their)\s+)?(?:[A-Za-z-]+\s+){{0,2}}?(?:{_PEOPLE_EN})\b"
    rf"(?P<tail>[^.;!?\n]{{0,40}})",
    re.I,
)
_ZH_NUM = r"\d{1,3}|[一二两三四五六七八九十]{1,3}"
_ZH_PEOPLE = re.compile(
    rf"(?P<n>{_ZH_NUM})\s*(?:名|位|个)\s*(?P<who>[\u4e00-\u9fffA-Za-z（）()]{{0,12}}?)(?P<noun>标注员|标注人员|标注师|老师|同事|专家|医生|护士|律师|咨询师|"
    rf"学生|实习生|志愿者|审核员|质检员|客服|员工|兼职人员|兼职|外包人员|人员|人|teachers?|annotators?|doctors?|experts?)(?P<tail>[^，。；,;!！?？\n]{{0,16}})",
    re.I,
)
# people whose part is answering questions or checking, not labeling
_ONLY_CHECKS = re.compile(r"(?:做|当|担任|作为)顾问|(?:主要|只|只能|仅)?负责(?:答疑|抽检|质检|复核|审核|验收|仲裁|把关|review)|只(?:做|能做)?(?:抽检|质检|复核|审核|验收)")
_EN_ONLY_CHECKS = re.compile(r"\b(?:help|will|can|could|to)\b[^.;!?\n]{0,12}\b(?:with\s+)?(?:(?:answer(?:ing)?\s+)?questions|spot[- ]?checks?|QA|adjudicat\w*|audit\w*|double[- ]check\w*)\b|\b(?:as\s+(?:an?\s+)?)?advis[eo]rs?\b|\bconsultants?\b", re.I)
_ADJUDICATOR = re.compile(r"adjudicators?|arbiters?|arbitrators?|tie-?breakers?|supervisors?|仲裁|组长|主管", re.I)
_PER_ITEM = re.compile(r"\b(?:per|each|every|on each|for each)\b|每|同一|交叉|背靠背|重复标", re.I)
_WORK_ZH = r"标|做|帮|负责|参与|打分|评"
_GROUP_NOUN_AFTER = re.compile(r"(?:微信|QQ|钉钉|企业微信|聊天)?群|家庭|用户|客户|社区|小区|的(?:家|群|账号|订单|病历|评论|数据)")


def _value(token: str) -> int | None:
    token = token.strip()
    if token.isdigit():
        return int(token)
    number = parse_cn_number(token) if re.search(r"[一二两三四五六七八九十]", token) else parse_en_number(token)
    return int(number) if number else None


# "me and two other board moms doing the labeling", "我和另外两个同事一起标": the writer plus the others
_EN_ME_AND = re.compile(
    rf"\b(?:me|myself|I)\s+(?:and|plus|\+)\s+(?P<n>{_EN_NUM})\s+(?:other\s+|more\s+)?(?:[A-Za-z-]+\s+){{0,2}}?(?P<noun>[A-Za-z-]+s)\b(?P<tail>[^.;!?\n]{{0,40}})",
    re.I,
)
_ZH_ME_AND = re.compile(rf"我(?:和|跟|加上|带着?|以及)(?:另外|其他)?(?P<n>{_ZH_NUM})\s*(?:个|名|位)(?P<noun>[\u4e00-\u9fff]{{1,5}}?)(?P<tail>(?:一起|来|负责|分工|帮忙)?(?:标|打分|评|审))")
# "2 checkers per language, so 6 people", "合计6人", "一共 5 个人": the total after a per-group count
_EN_TOTAL = re.compile(
    rf"\b(?:so|that's|that is|i\.e\.|=|in total|total(?:ling)?|altogether|overall)\s*,?\s*(?P<n>{_EN_NUM})\s+(?:people|persons|annotators|reviewers|raters|checkers|labell?ers|in total|total)\b",
    re.I,
)
_EN_TOTAL_AFTER = re.compile(rf"\b(?P<n>{_EN_NUM})\s+(?:people|persons|annotators|reviewers|raters|checkers|labell?ers)\s+(?:in total|total|altogether|overall)\b", re.I)
_ZH_TOTAL = re.compile(rf"(?:共|一共|总共|合计|总计)\s*(?P<n>{_ZH_NUM})\s*(?:个人|人|位|名)(?![次天日月年份条])")
# "评估人员：英、日语各 2 人": the groups listed before 各, each with that many people
_ZH_EACH = re.compile(rf"(?P<groups>[\u4e00-\u9fffA-Za-z]{{1,6}}(?:[、和及与/][\u4e00-\u9fffA-Za-z]{{1,6}})+)\s*各\s*(?P<n>{_ZH_NUM})\s*(?:个人|人|位|名)")
_PER_GROUP_COUNT = re.compile(rf"(?:{_EN_NUM}|[一二两三四五六七八九十])\s*(?:个|位|名)?\s*[A-Za-z\u4e00-\u9fff-]{{0,12}}\s*(?:per|for each|in each|each|every|/)\s*[A-Za-z]|各\s*(?:{_ZH_NUM})|每[^，。；]{{0,6}}(?:{_ZH_NUM})\s*(?:个)?人|[×x]\s*\d", re.I)
_PEOPLE_ROLE_BEFORE = re.compile(r"(?:标注|评估|评审|审核|质检|人员|人手|人力|译员|专家)[^。；;！!？?\n]{0,8}$")


def _headcount(text: str) -> Fact | None:
    """The head-count forms of the comments above, in order of appearance."""
    found: list[Fact] = []
    for m in _EN_ME_AND.finditer(text):
        value = _value(m.group("n"))
        tail = m.group("tail")
        if value and 1 <= value < 500 and not _PER_ITEM.search(tail[:15]) and re.search(r"(?:doing|do|will|to|can|could|'ll)\b[^.;!?\n]{0,20}\b(?:label|annotat|tag|rat|review|cod|grad|the work)", tail, re.I):
            found.append(_fact(text, m.start(), m.end("noun"), value + 1))
    for m in _ZH_ME_AND.finditer(text):
        value = _value(m.group("n"))
        if value and 1 <= value < 500 and not re.match(_NOT_PEOPLE_ZH, m.group("noun")):
            found.append(_fact(text, m.start(), m.end("noun"), value + 1))
    for regex in (_EN_TOTAL, _EN_TOTAL_AFTER, _ZH_TOTAL):
        for m in regex.finditer(text):
            value = _value(m.group("n"))
            # a total of people after a per-group count ("2 checkers per language, so 6 people") or a role word
            # ("标注人员一共5个人"), never people per item; "我们公司一共300人" counts a company
            grouped = _PER_GROUP_COUNT.search(text[max(0, m.start() - 80) : m.start()])
            role = regex is _ZH_TOTAL and _PEOPLE_ROLE_BEFORE.search(text[max(0, m.start() - 12) : m.start()])
            if value and 1 <= value <= 500 and not _PER_ITEM.search(text[m.end() : m.end() + 8]) and (grouped or role):
                found.append(_fact(text, m.start(), m.end(), value))
    for m in _ZH_EACH.finditer(text):
        if not _PEOPLE_ROLE_BEFORE.search(text[max(0, m.start() - 12) : m.start()]):
            continue
        groups = [g for g in re.split(r"[、和及与/]", m.group("groups")) if g.strip()]
        value = _value(m.group("n"))
        if value and 2 <= len(groups) <= 10:
            found.append(_fact(text, m.start(), m.end(), value * len(groups)))
    return min(found, key=lambda fact: fact.start) if found else None


def team_size(text: str) -> Fact | None:
    """The number of annotators `text` says will label, or None."""
    listed = role_list(text) or _of_them(text) or _headcount(text)
    if listed is not None:
        return listed
    summed = role_sum(text)  # "一个人标 + 一个人抽检"
    if summed is not None:
        return _fact(text, summed[2], summed[3], summed[0])
    for m in _EN_TEAM.finditer(text):
        value = _value(m.group("n"))
        if value and 1 <= value <= 500:
            return _fact(text, m.start(), m.end(), value)
    for m in _EN_PEOPLE.finditer(text):
        tail = m.group("tail")
        if _PER_ITEM.search(text[m.end("n") : m.end("n") + 30].split(",")[0][:25]) or re.search(r"\b(?:per|each)\b", tail[:15], re.I):
            continue  # "two people per email" is overlap
        if _EN_ONLY_CHECKS.search(tail) and not re.search(r"\b(?:label|annotate|tag|rate|code|grade)\b", tail, re.I):
            continue  # "Two of our pharmacists can help with questions and spot checks": reviewers
        if not re.search(rf"\b(?:can|will|could|would|to|who|are going to|available to|on our side|in-house)\b[^.;!?\n]{{0,25}}\b(?:{_LABEL_VERB_EN})\b|\bon our side\b", tail, re.I):
            continue
        value = _value(m.group("n"))
        if value and 1 <= value <= 500:
            end = m.end("n") + len(text[m.end("n") : m.start("tail")])
            return _fact(text, m.start(), end, value)
    for m in _ZH_PEOPLE.finditer(text):
        before = text[max(0, m.start() - 3) : m.start()]
        if _PER_ITEM.search(before) or _PER_ITEM.search(m.group("tail")[:6]):
            continue  # "每条3人", "两个人交叉标同一条"
        if _GROUP_NOUN_AFTER.match(m.group("tail")):
            continue  # "社区有23个老年人微信群": the people name the groups, they are not a team
        if _ONLY_CHECKS.search(text[m.end("noun") : m.end("noun") + 30].split("。")[0]):
            continue  # "两位同事能参与，主要负责答疑和抽检": reviewers, not the people who label
        staffing = re.search(r"(?:我们|这边|我方|可以|能|会)?(?:有|出|派|安排|提供|找了|配)\s*$", text[max(0, m.start() - 6) : m.start()])
        if not (staffing or re.search(rf"^(?:可以|能|会|来|负责|参与|帮忙|一起)?(?:{_WORK_ZH})", m.group("tail")) or m.group("noun").startswith("标注")):
            continue
        value = _value(m.group("n"))
        if value and 1 <= value <= 500:
            return _fact(text, m.start(), m.end("noun"), value)
    return _any_people_who_work(text) or asked_team(text)


# Any group of people, named by whatever noun, followed by the work they will do: "我们4个管家一起标",
# "出2个调度员帮着标", "25 volunteers signed up", "Two subject librarians can help label", "Three of our
# mods can help", "Our 4 editors will split the work". The work phrase is what makes a count a team.
_EN_WORK = (
    r"^\s*(?:(?:can|will|could|would|are going to|are able to|have|'ll)\s+)?(?:all\s+)?(?:help(?:\s+(?:out|label|annotate|tag|rate|review|with\s+(?:the\s+)?(?:labell?ing|annotation|tagging|rating|work)))?(?=\s*(?:[.,;!?\n]|$|label|annotate|tag|out|with))|"
    r"label|annotate|tag|rate|grade|code|split the work|share the work|do the (?:labell?ing|annotation|tagging|rating|work)|work on (?:it|this|them)|take (?:it|this|them) on|"
    r"(?:are\s+)?available(?:\s+to\s+(?:label|annotate|tag|help))?(?=\s*(?:[.,;!?\n]|$|to\b|for\b|part-time|full-time|on\b|in\b))|"
    r"(?:can|could|will)\s+help(?:\s+(?:out\s+)?(?:part-time|full-time|a bit|on this|with this|in their spare time))?(?=\s*(?:[.,;!?\n]|$))|do (?:it|this|them|that|these)\b|do (?:half|a third|a quarter|a share|their share|part)\b|give (?:it|this|them)\s+(?:some\s+|their\s+)?time\b|handle (?:it|this|them)\b|take care of (?:it|this|them)\b|cover (?:it|this)\b)"
)
# "We have 25 volunteers signed up": people who joined, said by the team that has them
_EN_HAVE_PEOPLE = re.compile(
    rf"\b(?:we have|we've got|we got|there are)\s+(?P<n>{_EN_NUM})\s+(?:[A-Za-z-]+\s+){{0,2}}?(?P<noun>[A-Za-z-]+s)\s+(?:signed up|on board|lined up|volunteering)\b",
    re.I,
)
_EN_ANY_PEOPLE = re.compile(
    rf"\b(?P<n>{_EN_NUM})\s+(?:of\s+(?:our|my|the|their)\s+)?(?:[A-Za-z-]+\s+){{0,2}}?(?P<noun>[A-Za-z-]+s)\b(?P<tail>[^.;!?\n]{{0,40}})",
    re.I,
)
_NOT_PEOPLE_ZH = r"自动|系统|工具|机器|平台|流程|月|小时|钟头|星期|礼拜|工作日|天|周|字|条|段|类|档|级|批|轮|版本|模型|样本|问题|任务|文件|项目|部门"
_ZH_ANY_PEOPLE = re.compile(
    rf"(?P<n>{_ZH_NUM})\s*(?:名|位|个)(?P<noun>[\u4e00-\u9fff]{{1,5}}?)(?:一起|来|帮着|帮忙|负责|可以|能|会|去|分工|兼职|全职|轮流|分头|都|配合|协助|参与|支援|抽空){{0,3}}(?:标|做标注|打分|评审|审核|帮忙|帮着)"
)


# "学生助理4个人", "标注员3名", "审核老师两位": who first, then how many, closing its clause
_ZH_WHO_THEN_COUNT = re.compile(
    r"(?P<noun>标注员|标注人员|标注师|审核员|质检员|实习生|志愿者|同事|老师|专家|医生|护士|律师|学生|[\u4e00-\u9fff]{1,3}(?:助理|员|师))"
    r"\s*(?:有|共|一共|共有)?\s*(?P<n>\d{1,3}|[一二两三四五六七八九十]{1,2})\s*(?:个人|人|位|名|个)(?=\s*(?:[，。；,;!！?？\n]|$|可以|能|来|负责|一起|帮))"
)


# "Our two reference librarians, Maria and Dev, will …": the names between the count and the work
_NAMES_AFTER = re.compile(r"^\s*,\s*[A-Z][a-z]+(?:\s*(?:,|and|&|\+)\s*[A-Z][a-z]+)*\s*,")
# "Two of us (me + Jess) will do it", "three of us can label"
_EN_OF_US = re.compile(rf"\b(?P<n>{_EN_NUM})\s+of\s+us\b(?:\s*\([^)]{{0,40}}\))?(?P<tail>[^.;!?\n]{{0,40}})", re.I)
# "We have 4 people from the audience desk on it part-time", "we'll put 3 interns on this"
_EN_ON_IT = re.compile(
    rf"\b(?:we have|we've got|we got|we'll have|we can put|we'll put|we will put|there are)\s+(?P<n>{_EN_NUM})\s+(?:[A-Za-z-]+\s+){{0,2}}?(?P<noun>people|staff|[A-Za-z-]+s)\b"
    rf"[^.;!?\n]{{0,40}}?\bon\s+(?:it|this|that|them|the (?:job|project|task|work|labell?ing|annotation))\b(?!\s+(?:shift|week|weekend|month|team|floor|site|account|call|line|desk))",
    re.I,
)
# "who's doing it? — you, me and Ravi": the people named in the answer
_EN_WHO_ANSWER = re.compile(
    r"\bwho(?:'s| is| will be| will| would| can)\s+(?:doing|do|label\w*|annotat\w*|rat\w*|tag\w*|review\w*)\s*(?:it|this|them|the work)?\s*\??\s*\n?"
    r"(?:[A-Z][a-z]+\s*:\s*)?(?P<list>(?:you|me|I|myself|[A-Z][a-z]+)(?:\s*(?:,|\band\b|&|\+)\s*(?:you|me|I|myself|[A-Z][a-z]+))+)",
)


# "两人背靠背标", "三个人独立标注": people who each label all of it
_ZH_BLIND_PAIR = re.compile(rf"(?P<n>{_ZH_NUM})\s*(?:个)?(?:人|位|名标注员)\s*(?:背靠背|双盲|独立|交叉)\s*(?:地)?(?:标注|标|打标|评)")


def _any_people_who_work(text: str) -> Fact | None:
    for m in _EN_OF_US.finditer(text):
        value = _value(m.group("n"))
        if value and 1 <= value <= 500 and re.search(_EN_WORK, m.group("tail").lstrip(" ,"), re.I) and not _PER_ITEM.search(m.group("tail")[:12]):
            return _fact(text, m.start(), m.end("n") + len(" of us"), value)
    for m in _EN_ON_IT.finditer(text):
        value = _value(m.group("n"))
        if value and 1 <= value <= 500 and not re.match(_NOT_PEOPLE_EN, m.group("noun")):
            return _fact(text, m.start("n"), m.end(), value)
    for m in _EN_WHO_ANSWER.finditer(text):
        names = [n for n in re.split(r"\s*(?:,|\band\b|&|\+)\s*", m.group("list")) if n.strip()]
        if 2 <= len(names) <= 12:
            return _fact(text, m.start("list"), m.end("list"), len(names))
    for m in _EN_HAVE_PEOPLE.finditer(text):
        value = _value(m.group("n"))
        if value and 1 <= value <= 500:
            return _fact(text, m.start("n"), m.end("noun"), value)
    for m in _EN_ANY_PEOPLE.finditer(text):
        # "3 inspectors from our network will rate": the people's origin may sit before the work they do
        tail = _NAMES_AFTER.sub("", m.group("tail"))
        tail = re.sub(r"^\s*(?:from|in|at|on|of)\s+(?:our|the|my|their)\s+(?:[A-Za-z-]+\s+){0,2}?[A-Za-z-]+(?=\s+(?:will|can|could|would|are|'ll)\b)", "", tail, flags=re.I)
        if _EN_ONLY_CHECKS.search(tail) and not re.search(r"\b(?:label|annotate|tag|rate|code|grade)\b", tail, re.I):
            continue  # people who answer questions or spot-check are reviewers, not the team
        if _PER_ITEM.search(m.group("tail")[:15]) or not re.search(_EN_WORK, tail, re.I):
            continue
        value = _value(m.group("n"))
        if value and 1 <= value <= 500:
            return _fact(text, m.start(), m.end("noun"), value)
    for m in _ZH_WHO_THEN_COUNT.finditer(text):
        if _PER_ITEM.search(text[max(0, m.start() - 4) : m.end() + 4]):
            continue  # "每条标注员2人" is overlap
        value = _value(m.group("n"))
        if value and 1 <= value <= 500:
            return _fact(text, m.start(), m.end(), value)
    for m in _ZH_BLIND_PAIR.finditer(text):
        # "要求两人背靠背标" with no item named: the same people label everything, so they are the team
        if _PER_ITEM.search(re.split(r"[，。；,;\n]", text[max(0, m.start() - 14) : m.start()])[-1]):
            continue
        value = _value(m.group("n"))
        if value and 2 <= value <= 10:
            return _fact(text, m.start(), m.end(), value)
    for m in _ZH_ANY_PEOPLE.finditer(text):
        # "每条需要两个人交叉标" is overlap, not the team
        clause_before = re.split(r"[，。；,;\n]", text[max(0, m.start() - 14) : m.start()])[-1]
        if re.match(_NOT_PEOPLE_ZH, m.group("noun")) or _PER_ITEM.search(clause_before + m.group(0)):
            continue
        value = _value(m.group("n"))
        if value and 1 <= value <= 500:
            return _fact(text, m.start(), m.end("noun"), value)
    return None


# "Reviewers = 4 nurses and a pharmacist", "annotators: 2 linguists + 1 doctor", "标注人员：3个护士和2个医生"
_ROLE_EN = re.compile(
    r"\b(?:reviewers|annotators|raters|labell?ers|graders|judges|taggers|coders|checkers|staffing|headcount|the (?:review|labell?ing|annotation) team|our team|team|who(?=\s*:))\s*(?:=|:|will be|would be|are|is)\s*(?P<list>[^.;!?\n]{3,90})",
    re.I,
)
_ROLE_ZH = re.compile(
    r"(?:(?:标注员|标注人员|标注的人|评审人员|评审|审核人员|评估人员|人员|人手)\s*(?:[:：=]|是|为|有)|(?:^|(?<=[\n\s\-*•·]))(?:人|人力)\s*[:：])\s*(?P<list>[^。；;！!？?\n]{3,40})",
    re.M,
)
_EN_ONE = {"a": 1, "an": 1, "one": 1}
# the words before the count in a role line: "we can lend 2 engineers", "我们组4个人", "外包团队6个人"
_LEAD_EN = re.compile(
    r"^\s*(?:(?:we|they|I|the client)\s+(?:can|could|will|'ll|would)?\s*(?:lend|give|provide|offer|spare|assign|have|put|get|bring|supply)\s+(?:you\s+)?|"
    r"(?:about|around|roughly|approx\.?|~)\s*)",
    re.I,
)
_LEAD_ZH = re.compile(r"^\s*(?:(?![一二两三四五六七八九十个名位和加及与每各])[\u4e00-\u9fffA-Za-z]){1,6}?(?=\s*(?:\d{1,3}|[一二两三四五六七八九十]{1,2})\s*(?:个|名|位))")
_EN_PART = re.compile(rf"^\s*(?:the\s+|our\s+|my\s+)?(?P<n>{_EN_NUM}|a|an)\s+(?:[A-Za-z0-9-]+\s+){{0,2}}?(?P<noun>[A-Za-z-]+)\s*$", re.I)
_ZH_PART = re.compile(rf"^\s*(?P<n>{_ZH_NUM})\s*(?:名|位|个)\s*(?P<noun>[\u4e00-\u9fff]{{1,6}})\s*$")
_NOT_PEOPLE_EN = re.compile(
    r"^(?:days?|weeks?|months?|years?|hours?|minutes?|items?|labels?|categor(?:y|ies)|texts?|reviews?|images?|files?|rounds?|batches?|percent|"
    r"budget|deadline|dollars?|euros?|pounds?|work|tasks?|samples?|documents?|records?|rows?|of)$",
    re.I,
)
# "Volunteers would do it -- we have 8 of them", "there are 5 of us"
_OF_THEM = re.compile(rf"\b(?:we have|we've got|we got|there are|there're|we are|we're)\s+(?P<n>{_EN_NUM})\s+of\s+(?:them|us)\b", re.I)
_PEOPLE_WORK_BEFORE = re.compile(rf"\b(?:{_PEOPLE_EN})\b[^.!?\n]{{0,30}}?\b(?:would|will|can|could|are going to)\b|\b(?:we|us)\b[^.!?\n]{{0,20}}\b(?:label|annotate|tag|do it|rate)\b", re.I)


def role_list(text: str) -> Fact | None:
    """A role followed by the people who fill it, summed: "Reviewers = 4 nurses and a pharmacist" is 5."""
    for pattern, part, split, lead in (
        (_ROLE_EN, _EN_PART, r",|\band\b|\+|&|\bplus\b", _LEAD_EN),
        (_ROLE_ZH, _ZH_PART, r"[,，、+＋]|和|加|以及|及", _LEAD_ZH),
    ):
        for m in pattern.finditer(text):
            led = lead.match(m.group("list"))
            skip = led.end() if led and not re.search(r"每|各|per\b|each\b", led.group(0), re.I) else 0
            listed = m.group("list")[skip:]
            total, end, cursor = 0, 0, 0
            for piece in re.split(split, listed, flags=re.I):
                at = listed.find(piece, cursor)
                cursor = at + len(piece)
                if not piece.strip():
                    continue
                found = part.match(piece)
                if not found or not _people_part(found.group(0), found.group("noun"), first=total == 0):
                    break  # the list ends where a part is not a count of people ("…，月底前交")
                if total and _ADJUDICATOR.search(found.group("noun")):
                    break  # "3 labelers and a senior adjudicator": the adjudicator settles disagreements, she does not label
                token = found.group("n").lower()
                total += _EN_ONE.get(token) or _value(token) or 0
                end = skip + at + len(piece.rstrip())
            if 1 <= total <= 500:
                return _fact(text, m.start(), m.start("list") + end, total)
    return None


_PEOPLE_SUFFIX = re.compile(rf"^(?:{_PEOPLE_EN}|[a-z-]*(?:ists?|ians?|ers?|ors?|ants?|ents?|nurses?|doctors?|people|persons?|staff|folks|students?|experts?))$", re.I)


def _people_part(part: str, noun: str, first: bool) -> bool:
    """The first part must name people; the parts after it continue the list ("… and a postdoc") unless they
    count time or data."""
    if re.search(r"[\u4e00-\u9fff]", noun):
        return not re.match(_NOT_PEOPLE_ZH, noun)
    words = part.split()[1:]
    if any(_NOT_PEOPLE_EN.match(w) for w in words):
        return False
    return bool(_PEOPLE_SUFFIX.match(noun)) or not first


def _of_them(text: str) -> Fact | None:
    """"we have 8 of them" counts the people the sentence before says will do the work."""
    for m in _OF_THEM.finditer(text):
        if _PEOPLE_WORK_BEFORE.search(text[max(0, m.start() - 100) : m.start()]):
            value = _value(m.group("n"))
            if value and 1 <= value <= 500:
                return _fact(text, m.start(), m.end(), value)
    return None


def _fact(text: str, start: int, end: int, value: int) -> Fact:
    quote = text[start:end].strip()
    return Fact(kind="annotators", value=value, evidence=quote, start=start, end=end, raw=quote)
