"""The 5W2H field catalogue: labels, how much each field matters, and the question that settles it.

Weights rank clarifying questions: without a label set or a volume nothing can be planned, while a
missing annotation platform can wait. Questions exist in Chinese and English; the breakdown uses
the request's language.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldSpec:
    path: str
    weight: int
    label_en: str
    label_zh: str
    question_en: str
    question_zh: str

    def label(self, language: str) -> str:
        return self.label_zh if language == "zh" else self.label_en

    def question(self, language: str) -> str:
        return self.question_zh if language == "zh" else self.question_en


FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("what.task_statement", 78, "task", "任务",
              "In one sentence, what should annotators decide for each item?",
              "用一句话说明：标注员要对每条数据做出什么判断？"),
    FieldSpec("what.task_type", 95, "task type", "任务类型",
              "Is this a classification task (one label per item), a rating, span extraction, or a comparison of two answers?",
              "这是分类（每条一个标签）、打分、片段抽取，还是两个回答的对比？"),
    FieldSpec("what.data_modality", 62, "data modality", "数据形态",
              "What is the data: single texts, whole conversations, images, audio?",
              "数据是什么形态：单条文本、整段对话、图片还是音频？"),
    FieldSpec("what.annotation_unit", 68, "unit of annotation", "标注单位",
              "What is one item to label: a message, a whole conversation, a query–result pair?",
              "一条标注对象是什么：单条消息、整段会话，还是“查询-结果”对？"),
    FieldSpec("what.candidate_labels", 100, "candidate labels", "候选标签",
              "Which labels do you need? Are the suggested ones right, and is anything missing?",
              "需要哪些标签？下面建议的标签是否合适，有没有遗漏？"),
    FieldSpec("why.business_goal", 58, "business goal", "业务目标",
              "What should improve in the product once this data exists?",
              "这批数据到位后，产品上希望改善什么？"),
    FieldSpec("why.data_usage", 55, "use of the data", "数据用途",
              "Will the data train a model, evaluate one, or both?",
              "数据用于训练模型、评测模型，还是两者都有？"),
    FieldSpec("why.success_measure", 50, "success measure", "成功标准",
              "How will you judge that the project worked (a metric and its target)?",
              "用什么指标、达到多少算项目成功？"),
    FieldSpec("when.deadline", 85, "deadline", "截止时间",
              "By what date do you need the labeled data?",
              "最晚什么时候需要拿到标注好的数据？"),
    FieldSpec("when.milestones", 25, "milestones", "里程碑",
              "Do you need partial deliveries (e.g. a trial batch first)?",
              "是否需要分批交付（例如先交一批试标数据）？"),
    FieldSpec("when.cadence", 18, "cadence", "频率",
              "Is this a one-off batch or a recurring job (weekly, monthly)?",
              "这是一次性任务，还是需要定期（每周/每月）持续标注？"),
    FieldSpec("who.requester", 15, "requester", "需求方",
              "Who owns the request and signs off on the rules?",
              "需求由谁负责、谁来确认标注规则？"),
    FieldSpec("who.annotator_profile", 45, "annotators", "标注人员",
              "Who will annotate, how many people, and do they need domain knowledge?",
              "由谁来标注、需要几个人、是否需要领域知识？"),
    FieldSpec("who.reviewers", 30, "reviewers", "审核人员",
              "Who reviews the labels and settles disagreements?",
              "谁来质检、谁来裁决标注分歧？"),
    FieldSpec("who.end_users", 20, "end users", "最终用户",
              "Who uses the model or product that this data feeds?",
              "这批数据服务的模型或产品，最终用户是谁？"),
    FieldSpec("where.data_source", 80, "data source", "数据来源",
              "Where does the raw data come from, and can you share a sample of 20–50 items?",
              "原始数据从哪里来？能否先提供 20–50 条样例？"),
    FieldSpec("where.channel", 35, "channel", "渠道",
              "Which channel is the data from (chat, phone, email, reviews, search logs)?",
              "数据来自哪个渠道（在线客服、电话、邮件、评论、搜索日志）？"),
    FieldSpec("where.domain", 30, "domain", "业务领域",
              "Which business domain or product line does the data cover?",
              "数据属于哪个业务领域或产品线？"),
    FieldSpec("where.language", 65, "language", "语言",
              "Which languages or dialects appear in the data?",
              "数据里有哪些语言或方言？"),
    FieldSpec("where.annotation_platform", 10, "annotation platform", "标注平台",
              "Which annotation tool will be used (e.g. Label Studio, an in-house platform)?",
              "用什么标注工具（如 Label Studio 或内部平台）？"),
    FieldSpec("how.method", 36, "method", "标注方式",
              "One label per item, several labels, or marking text spans?",
              "每条一个标签、可多选，还是需要划出文本片段？"),
    FieldSpec("how.steps", 12, "steps", "流程",
              "Any required steps (pre-labeling by the model, double annotation, adjudication)?",
              "流程上有什么要求（模型预标注、双人标注、仲裁）？"),
    FieldSpec("how.qa_plan", 38, "QA plan", "质检方案",
              "How should quality be checked (sampling rate, acceptance accuracy)?",
              "质检怎么做（抽检比例、验收准确率）？"),
    FieldSpec("how_much.volume", 90, "volume", "数据量",
              "How many items need labels in total?",
              "一共需要标注多少条？"),
    FieldSpec("how_much.budget", 60, "budget", "预算",
              "What budget is available for annotation?",
              "标注预算是多少？"),
    FieldSpec("how_much.time_per_item", 40, "time per item", "单条耗时",
              "Roughly how long should one item take to label?",
              "预计每条标注需要多长时间？"),
    FieldSpec("how_much.target_agreement", 70, "target agreement", "一致率目标",
              "What agreement or accuracy must the labels reach (trial rounds usually aim for about 80%)?",
              "标注一致率或准确率要达到多少（试标通常以 80% 左右为目标）？"),
    FieldSpec("how_much.throughput", 15, "throughput", "产能",
              "How many items per day should the team deliver?",
              "每天需要交付多少条？"),
)

BY_PATH: dict[str, FieldSpec] = {spec.path: spec for spec in FIELDS}

DIMENSION_TITLES = {
    "what": ("What", "做什么"),
    "why": ("Why", "为什么"),
    "when": ("When", "何时"),
    "who": ("Who", "谁"),
    "where": ("Where", "在哪里"),
    "how": ("How", "怎么做"),
    "how_much": ("How much", "多少"),
}


def dimension_title(dimension: str, language: str) -> str:
    english, chinese = DIMENSION_TITLES[dimension]
    return f"{english} · {chinese}" if language == "zh" else english
