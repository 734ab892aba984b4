"""Label lists read from requests written in many styles, none of them from the dev sets.

Each request below was written for this test (chatty notes, e-mails, bullet lists, tables, both
languages) to check that the label reader works by the SHAPE of a list and its context — a run of
parallel short items with one delimiter, framed by a labeling word, a colon, a count ("四选一",
"those are the only three") or a catch-all ("其余算正常", "anything else = other") — not by phrases
it has seen. Negatives are prose lists (what a business sells, where data comes from, who
annotates) that must not become the label set when a real label list is elsewhere, and requests
that name no labels at all.
"""

from __future__ import annotations

import re

import pytest

from assistant.breakdown.request_labels import find_labels

NAMED = [
    pytest.param('Hi! We run three vet clinics. Could you help us set up labeling for our after-hours chat? Each chat should end up as one of: Emergency - come in now, Book a normal appointment, Medication question, Billing, or Not a pet issue. We have about 3,000 chats saved.', ['Emergency', 'Book a normal appointment', 'Medication question', 'Billing', 'Not a pet issue'], id='en-vet-triage'),
    pytest.param('仓库这边的异常工单想分一下类，方便以后统计：\n1. 破损\n2. 少件/错件\n3. 条码打不出来，需要重打\n4. 其他\n大概有一万两千条，月底前给到就行。', ['破损', '少件/错件', '条码打不出来，需要重打', '其他'], id='zh-warehouse'),
    pytest.param("Quick brief for the annotation vendor:\n\nGoal: triage supplier emails.\nBuckets:\n* invoice\n* delivery delay\n* quality complaint\n* price change notice\nAnything that doesn't fit -> misc\n\nVolume: ~8k emails. Two annotators.", ['invoice', 'delivery delay', 'quality complaint', 'price change notice', 'misc'], id='en-email-bullets'),
    pytest.param('帮忙看下这批小红书笔记，每条打一个标签就行：“种草”“拔草”“纯晒图”“广告”，拿不准的就标“不确定”。一共5000条左右。', ['种草', '拔草', '纯晒图', '广告', '不确定'], id='zh-quote-labels'),
    pytest.param('Please have raters judge how natural each synthetic voice clip sounds on a five point scale: very unnatural, somewhat unnatural, neutral, somewhat natural, very natural. 2,400 clips.', ['very unnatural', 'somewhat unnatural', 'neutral', 'somewhat natural', 'very natural'], id='en-likert-words'),
    pytest.param('外卖评论按一星到五星打分，1200条。', ['一星', '二星', '三星', '四星', '五星'], id='zh-star'),
    pytest.param("We sell shoes, bags and hats online in Spain and Portugal. We'd like customer messages sorted into returns, sizing questions, delivery problems or other. About 6k messages.", ['returns', 'sizing questions', 'delivery problems', 'other'], id='en-neg-business'),
    pytest.param('数据来源是微博、抖音和小红书，大概三万条。需要判断每条评论是支持、反对还是中立。', ['支持', '反对', '中立'], id='zh-neg-sources'),
    pytest.param("For each pair of search results decide: Left better vs Right better vs Same. We've got 900 pairs.", ['Left better', 'Right better', 'Same'], id='en-vs'),
    pytest.param('客服录音转写后要打意图标签（选一个）：查快递；催发货；改地址；退货退款；投诉服务态度；其他问题。总量两千通。', ['查快递', '催发货', '改地址', '退货退款', '投诉服务态度', '其他问题'], id='zh-semicolon'),
    pytest.param('Label every support ticket with a priority: P1 | P2 | P3 | P4. P1 means site down. Around 15,000 tickets from Zendesk and Freshdesk.', ['P1', 'P2', 'P3', 'P4'], id='en-pipe'),
    pytest.param("hey!! so basically we want our podcast episode descriptions tagged by genre - true crime, comedy, business, health, tech, and if it's none of those just call it other. maybe 4000 episodes? thx", ['true crime', 'comedy', 'business', 'health', 'tech', 'other'], id='en-chatty-catch'),
    pytest.param('合同扫描件里要抽这些字段：甲方名称、乙方名称、合同金额、签订日期、违约条款。大概800份合同，法务部3个人标。', ['甲方名称', '乙方名称', '合同金额', '签订日期', '违约条款'], id='zh-fields'),
    pytest.param('我们想做一个法律问答模型，手上有律师回答的问答对三万条，来源有知乎、找法网和自家App，需要人工检查回答是否准确。', ['准确', '非准确'], id='zh-neg-noLabels'),
    pytest.param("Annotators score each essay's argument strength from 0 (no argument) to 4 (compelling), about 1,100 essays, two graders each.", ['0', '1', '2', '3', '4'], id='en-range-scale'),
    pytest.param('想给用户反馈做个分流——功能建议、Bug反馈、账号问题、付费问题，剩下的都算闲聊。数据大概七千条。', ['功能建议', 'Bug反馈', '账号问题', '付费问题', '闲聊'], id='zh-dash'),
    pytest.param('Categories for the incident reports:\n- slip/trip/fall\n- manual handling\n- vehicle incident\n- exposure to chemicals\nEverything else: general\nWe have 2,300 reports from 2019-2024.', ['slip/trip/fall', 'manual handling', 'vehicle incident', 'exposure to chemicals', 'general'], id='en-else-line'),
    pytest.param('Our app has Search, Maps, Wallet and Inbox. We want each app store review labelled positive, negative or mixed. 10k reviews.', ['positive', 'negative', 'mixed'], id='en-neg-product-list'),
    pytest.param('弹幕审核：每条弹幕标成「正常」「剧透」「引战」（含地域黑）「刷屏」，共20万条。', ['正常', '剧透', '引战', '刷屏'], id='zh-mixed-quotes'),
    pytest.param("Hello,\nWe'd like exit interview notes coded for the main reason someone left. Reasons we use internally are Pay, Manager, Career growth, Relocation, Workload and Other. Roughly 1,800 notes. Can two HR folks do it in a month?", ['Pay', 'Manager', 'Career growth', 'Relocation', 'Workload', 'Other'], id='en-hr-exit'),
    pytest.param('法院裁判文书，需要判断判决结果属于哪一种：支持原告全部诉请 / 部分支持 / 驳回起诉 / 调解结案。共计4500份。', ['支持原告全部诉请', '部分支持', '驳回起诉', '调解结案'], id='zh-court'),
    pytest.param("For the forum moderation pilot, rate each comment's toxicity on a 1–4 scale (1 = fine, 4 = remove immediately). We'll send 5,000 comments.", ['1', '2', '3', '4'], id='en-toxicity-scale'),
    pytest.param('菜谱文本里把食材、用量、烹饪时间标出来，大概3000篇菜谱。', ['食材', '用量', '烹饪时间'], id='zh-recipe-ner'),
    pytest.param('Label set below.\n\n| label | meaning |\n|---|---|\n| bug | something broken |\n| feature | new capability |\n| docs | documentation only |\n| question | user asks how |\n\n~2k GitHub issues.', ['bug', 'feature', 'docs', 'question'], id='en-table-md'),
    pytest.param('老师您好，我们有一批中学生作文（大概两千篇），想让老师们判断每篇是不是跑题了，跑题就标跑题，没跑题标切题。', ['跑题', '切题'], id='zh-chatty-or'),
    pytest.param('Simple one: does each tweet mention a specific airline? yes or no. 30k tweets.', ['yes', 'no'], id='en-yesno'),
    pytest.param('Our tickets come from email, chat, phone and Twitter. We need each ticket assigned to Billing, Tech Support, Sales or Account Management. 50,000 tickets, due end of Q2.', ['Billing', 'Tech Support', 'Sales', 'Account Management'], id='en-neg-channels'),
    pytest.param('流程是先抽样500条试标，再开会对齐标准，最后全量标注。标签就三个：有用、没用、不确定。', ['有用', '没用', '不确定'], id='zh-neg-steps'),
    pytest.param('Intent labels:\n1) order_status: where is my order\n2) refund_request: wants money back\n3) product_info: asks about specs\n4) other\nVolume is about 12k chat logs.', ['order_status', 'refund_request', 'product_info', 'other'], id='en-bullets-colon'),
    pytest.param('两个回答对比，选：A好 vs B好 vs 一样好 vs 都差。一千对。', ['A好', 'B好', '一样好', '都差'], id='zh-vs'),
    pytest.param("Hi team 👋\n\nCould we get our app reviews split into three buckets — love it, meh, hate it? It's around 7,500 reviews from the last quarter.\n\nCheers, Priya", ['love it', 'meh', 'hate it'], id='en-emoji-email'),
    pytest.param('安全巡检报告里的隐患按严重程度分为：重大隐患、较大隐患、一般隐患，其余不算隐患的标“无”。报告大约600份。', ['重大隐患', '较大隐患', '一般隐患', '无'], id='zh-severity'),
    pytest.param('Reviewers should mark every generated SQL query as Correct, Partially correct, or Wrong. About 2,200 queries; 3 reviewers with SQL experience.', ['Correct', 'Partially correct', 'Wrong'], id='en-accept-reject'),
    pytest.param('给每个景点评论打1到5星，5星最好，一共8000条。', ['1', '2', '3', '4', '5'], id='zh-stars-num'),
    pytest.param('Claims notes should be tagged with the loss type (water damage; fire; theft; storm; other). 9,000 notes.', ['water damage', 'fire', 'theft', 'storm', 'other'], id='en-semicolon'),
    pytest.param('审核评论，分成【正常】【广告】【色情】【政治敏感】四类，每天大约两万条。', ['正常', '广告', '色情', '政治敏感'], id='zh-brackets-cn'),
    pytest.param('Each photo gets one tag: indoor/outdoor/unclear. 40,000 photos from the field team.', ['indoor', 'outdoor', 'unclear'], id='en-slash-short'),
    pytest.param('Dear vendor,\n\nRe: call-centre transcripts. Each call needs a single disposition code from this list:\n\nA. Claim filed\nB. Claim status enquiry\nC. Policy change\nD. Cancellation\nE. Complaint\n\nThere are approx. 25,000 transcripts. Kind regards, Tom', ['Claim filed', 'Claim status enquiry', 'Policy change', 'Cancellation', 'Complaint'], id='en-insurance-email'),
    pytest.param('在吗～我们想把公众号留言分个类，大概就是夸我们的、骂我们的、问问题的、提建议的这几种吧，其他的随便归个“其他”就行。留言有四千多条。', ['夸我们', '骂我们', '问问题', '提建议', '其他'], id='zh-wechat'),
    pytest.param('Radiology reports: label the finding as normal, benign, indeterminate, or suspicious for malignancy. 6,500 reports, 2 radiologists.', ['normal', 'benign', 'indeterminate', 'suspicious for malignancy'], id='en-medical-codes'),
    pytest.param('客户投诉的紧急程度：低→中→高→紧急，按这个四档来标，工单大概一万条。', ['低', '中', '高', '紧急'], id='zh-arrow-scale'),
    pytest.param('labels = ["relevant", "partially relevant", "irrelevant"]\nquery-doc pairs: 12000\nannotators: 4', ['relevant', 'partially relevant', 'irrelevant'], id='en-json-ish'),
    pytest.param('标签：1.价格 2.质量 3.物流 4.服务 5.其他。评论总数约3万。', ['价格', '质量', '物流', '服务', '其他'], id='zh-numbered-inline'),
    pytest.param('We use Jira, Confluence and Slack. Please classify each Slack message as a bug report, a feature request or chit-chat. About 40k messages.', ['bug report', 'feature request', 'chit-chat'], id='en-neg-tools'),
    pytest.param('标注团队有张三、李四、王五三个人。任务是判断每条新闻标题是不是标题党，是就标1，不是标0。', ['1', '0'], id='zh-neg-people'),
    pytest.param('Just thumbs up / thumbs down on each chatbot answer please. 3k answers.', ['thumbs up', 'thumbs down'], id='en-thumbs'),
    pytest.param('作文按A、B、C、D四个等级打分，A最好，两千篇。', ['A', 'B', 'C', 'D'], id='zh-grade-letters'),
    pytest.param('We want to know the sentiment of each hotel review. Positive. Negative. Mixed. Those are the only three. 15k reviews.', ['Positive', 'Negative', 'Mixed'], id='en-multi-sentence'),
    pytest.param('Tag each recipe by cuisine: Italian, Mexican, Indian, Chinese, Thai or something else. 20,000 recipes.', ['Italian', 'Mexican', 'Indian', 'Chinese', 'Thai', 'something else'], id='en-or-other'),
    pytest.param('简历里面需要标出姓名、学校、专业、工作年限这几个字段，简历大约五千份，PDF格式。', ['姓名', '学校', '专业', '工作年限'], id='zh-span-fields'),
    pytest.param('Sort every complaint into one of the following: DELIVERY, PRODUCT QUALITY, STAFF ATTITUDE, PRICING, OTHER. approx 9k complaints', ['DELIVERY', 'PRODUCT QUALITY', 'STAFF ATTITUDE', 'PRICING', 'OTHER'], id='en-caps-labels'),
    pytest.param('每条弹幕判断一下：违规 or 不违规。一共八万条。', ['违规', '不违规'], id='zh-toggle'),
    pytest.param('Options for annotators:\nAgree\nDisagree\nUnsure\n\nWe have 1,000 claim-evidence pairs.', ['Agree', 'Disagree', 'Unsure'], id='en-colon-newline'),
    pytest.param('这批客服对话想标客户情绪，喜、怒、哀、惧、平静五种，对话大概六千通。', ['喜', '怒', '哀', '惧', '平静'], id='zh-emotion'),
    pytest.param('We want 10%, 20% and 70% splits for test, dev and train. The actual task: label each sentence as formal or informal. 50k sentences.', ['formal', 'informal'], id='en-percent-not-label'),
    pytest.param("For each forum thread we need to know whether it's a question, an answer, an announcement, or spam. Around 9k threads.", ['question', 'answer', 'announcement', 'spam'], id='en-whether'),
    pytest.param('看一下每条用户语音是投诉还是咨询还是表扬，大概三千条。', ['投诉', '咨询', '表扬'], id='zh-haishi'),
    pytest.param('Tag each issue with one of #bug #feature #docs #question. ~1,500 issues in our tracker.', ['bug', 'feature', 'docs', 'question'], id='en-hashtags'),
    pytest.param('Pick from {approve, reject, escalate} for every loan application note. 4,000 notes.', ['approve', 'reject', 'escalate'], id='en-braces'),
    pytest.param('Disposition codes:\nR1 – Refund issued\nR2 – Replacement sent\nR3 – No action\nPlease code 6k tickets.', ['R1', 'R2', 'R3'], id='en-codes'),
    pytest.param('标签如下👇\n1️⃣ 物流问题\n2️⃣ 质量问题\n3️⃣ 售后服务\n4️⃣ 其他\n数据量两万左右', ['物流问题', '质量问题', '售后服务', '其他'], id='zh-emoji-num'),
    pytest.param('Allowed values for the `intent` field: check_balance, transfer_money, report_fraud, other. 18k utterances.', ['check_balance', 'transfer_money', 'report_fraud', 'other'], id='en-snake'),
    pytest.param('每个回答要么标“有帮助”，要么标“没帮助”，一共两千条。', ['有帮助', '没帮助'], id='zh-either'),
    pytest.param("Label each tweet 'pro', 'anti' or 'neutral' towards the new policy. 25,000 tweets.", ['pro', 'anti', 'neutral'], id='en-single-quotes'),
    pytest.param('分类标准：\n价格类：涉及价格、优惠\n质量类：涉及做工、材质\n服务类：涉及客服、售后\n一共一万条评论。', ['价格类', '质量类', '服务类'], id='zh-colon-defs'),
    pytest.param("Hi,\n\nI'm the ops lead at a regional bus company. Riders send us feedback through the app, email and a paper form that we scan. I'd like each piece of feedback labelled by topic (late bus, driver behaviour, cleanliness, route suggestion, fares) and separately by sentiment (positive/negative). We have ~11k pieces of feedback.\n\nBest,\nJo", ['late bus', 'driver behaviour', 'cleanliness', 'route suggestion', 'fares', 'positive', 'negative'], id='en-long-email'),  # both sets, main first (the dev sets' gold rule)
    pytest.param('想请你们判断评论语气：友好 / 中立 / 阴阳怪气 / 攻击性，数据量8000。', ['友好', '中立', '阴阳怪气', '攻击性'], id='zh-tone'),
    pytest.param("Is each auto-generated product title good, acceptable or bad? We'll send 3,000 titles.", ['good', 'acceptable', 'bad'], id='en-good-bad'),
    pytest.param('翻译质量按优、良、中、差四级评价，一共1500句。', ['优', '良', '中', '差'], id='zh-scale-words'),
    pytest.param('Mark whether each photo contains a person and/or a vehicle: person, vehicle, both, neither. 60k photos.', ['person', 'vehicle', 'both', 'neither'], id='en-and-or'),
    pytest.param('把工单分成三类：硬件故障（屏幕、电池等）、软件问题（闪退、卡顿）、使用咨询。约四千条。', ['硬件故障', '软件问题', '使用咨询'], id='zh-bracket-expl'),
    pytest.param('Priority levels\n- Critical: production down\n- High: major feature broken\n- Low: cosmetic\nAbout 2,000 bug reports.', ['Critical', 'High', 'Low'], id='en-dash-lines'),
    pytest.param('Reviews are in English, German and French. Classify each as positive or negative. 30k reviews.', ['positive', 'negative'], id='en-neg-languages'),
    pytest.param('@channel need help scoping: want every customer call summary tagged churn risk / upsell opportunity / happy / neutral. prob ~5k summaries. lmk', ['churn risk', 'upsell opportunity', 'happy', 'neutral'], id='en-slack-msg'),
    pytest.param('老板要求把销售录音里客户的态度分成三种：有意向、在观望、没兴趣。录音一共一千两百条，下个月中旬前要结果。', ['有意向', '在观望', '没兴趣'], id='zh-boss'),
    pytest.param('Scope of work: The contractor shall annotate 40,000 customs declarations. Each declaration shall be assigned exactly one risk level (Low, Medium, High). Deliverables are due 30 days after award.', ['Low', 'Medium', 'High'], id='en-formal-rfp'),
    pytest.param('项目说明：对3万条政务热线工单进行分类，类别包括：城市管理、交通出行、住房保障、教育医疗、其他。交付周期两个月。', ['城市管理', '交通出行', '住房保障', '教育医疗', '其他'], id='zh-formal'),
    pytest.param('We want each news article labeled as politics, business, sports and entertainment. 100k articles.', ['politics', 'business', 'sports', 'entertainment'], id='en-and-list'),
    pytest.param('帮忙标下 这批app评论 正面/负面/中性 三种 一共1w条左右', ['正面', '负面', '中性'], id='zh-typo-mixed'),
    pytest.param('What would the labels be? I was thinking: urgent, can wait, ignore. We have 2,000 inbox emails to go through.', ['urgent', 'can wait', 'ignore'], id='en-question-list'),
    pytest.param('请把问题分成以下几类：(1)账户登录 (2)支付失败 (3)退款进度 (4)其他。总共六千条。', ['账户登录', '支付失败', '退款进度', '其他'], id='zh-numbered-paren'),
    pytest.param('Deliverables: a rulebook, a pilot of 500 items, and the full set. Task: decide if each support reply is polite or rude. 8,000 replies.', ['polite', 'rude'], id='en-neg-deliverables'),
    pytest.param('第一步清洗数据，第二步试标，第三步正式标注。任务是判断每条短信是不是垃圾短信。', ['垃圾短信', '非垃圾短信'], id='zh-neg-steps2'),
    pytest.param('Rate each translation as excellent, good, fair or poor. 3,000 sentence pairs, 3 bilingual raters.', ['excellent', 'good', 'fair', 'poor'], id='en-ratings-words'),
    pytest.param('标签：表扬｜投诉｜建议，不属于这三类的记为其他。', ['表扬', '投诉', '建议', '其他'], id='zh-colon-inline-other'),
    pytest.param('The categories we use are:\nHardware\nSoftware\nNetwork\nAccess request\n\nAbout 3,500 IT tickets.', ['Hardware', 'Software', 'Network', 'Access request'], id='en-multiline-plain'),
    pytest.param('每条评论打『好评』『中评』『差评』之一，约八千条。', ['好评', '中评', '差评'], id='zh-quote-single'),
    pytest.param('Labels - claim: a factual statement; opinion: a view; question: asks something. 6k sentences.', ['claim', 'opinion', 'question'], id='en-label-with-colon-defs'),
    pytest.param('从病历中抽取疾病名称、药物名称、剂量和手术名称，约2000份病历。', ['疾病名称', '药物名称', '剂量', '手术名称'], id='zh-span'),
    pytest.param('We need drug names, dosages and side effects highlighted in 5,000 forum posts.', ['drug names', 'dosages', 'side effects'], id='en-span-need'),
    pytest.param('Does the image contain a cat? Answer yes, no or unsure. 20k images.', ['yes', 'no', 'unsure'], id='en-yes-no-unsure'),
    pytest.param('宠物医院的线上问诊记录，想让实习医生标一下每条问诊的紧急程度，分“立即就诊”“24小时内就诊”“可以在家观察”三档。大概五千条，年前要。', ['立即就诊', '24小时内就诊', '可以在家观察'], id='zh-pet-hospital'),
    pytest.param("We're a wine importer. Sommeliers wrote tasting notes for 3,200 wines. We'd like annotators to highlight every aroma descriptor, every mention of the grape variety and the vintage year. Budget ~$6k.", ['aroma descriptor', 'grape variety', 'vintage year'], id='en-wine-notes'),
    pytest.param('图书馆读者留言分类：借还问题；座位预约；图书推荐；设施报修；其它。约2600条，两个馆员标。', ['借还问题', '座位预约', '图书推荐', '设施报修', '其它'], id='zh-library'),
    pytest.param("Birdsong clips from our field recorders (about 14,000 clips). For each clip, mark presence: present / absent / can't tell. Two ornithologists will annotate.", ['present', 'absent', "can't tell"], id='en-bird-audio'),
    pytest.param('直播间礼物留言，判断用户意图：真心打赏 还是 刷单 还是 误操作，一共九千条。', ['真心打赏', '刷单', '误操作'], id='zh-livestream-gift'),
    pytest.param('Contract review project. For each clause decide which bucket it falls in:\n  • Indemnity\n  • Limitation of liability\n  • Termination\n  • Confidentiality\n  • Anything else -> Misc\nAround 40k clauses from 900 contracts.', ['Indemnity', 'Limitation of liability', 'Termination', 'Confidentiality', 'Misc'], id='en-legal-clauses'),
    pytest.param('数学主观题阅卷，每道题给0分、1分、2分或3分，满分3分。答卷约两万份，老师6位。', ['0', '1', '2', '3'], id='zh-exam-grading'),
    pytest.param("Our children's story generator writes bedtime stories. Reviewers should say if a story is age-appropriate, borderline or inappropriate for 4-7 year olds. ~2,500 stories.", ['age-appropriate', 'borderline', 'inappropriate'], id='en-kids-stories'),
    pytest.param('农户在App里上传作物照片并写一句描述，我们想判断描述和照片是否一致：一致、部分一致、不一致，图太暗看不清的标“无法判断”。共7800条。', ['一致', '部分一致', '不一致', '无法判断'], id='zh-farm'),
    pytest.param("Housekeeping notes from 35 hotels. Please label the issue type: maintenance, cleanliness, guest complaint, lost property. If none apply use 'none'. 22k notes, deadline end of January.", ['maintenance', 'cleanliness', 'guest complaint', 'lost property', 'none'], id='en-hotel-ops'),
    pytest.param('Show raters two chatbot answers side by side and have them choose: left is better, right is better, tie. 6,000 pairs.', ['left is better', 'right is better', 'tie'], id='en-pairwise'),
    pytest.param('事故报告按等级标注：S1（致命）、S2（严重）、S3（一般）、S4（轻微）。一共1100份。', ['S1', 'S2', 'S3', 'S4'], id='zh-severity-codes'),
    pytest.param('Intents we care about\nbook table\ncancel booking\nopening hours\nmenu question\neverything else: other\n\n~9,000 chat messages', ['book table', 'cancel booking', 'opening hours', 'menu question', 'other'], id='en-intent-lines-no-bullets'),
    pytest.param('请把推文按情绪标成 joy, anger, sadness, fear 四类，数据三万条。', ['joy', 'anger', 'sadness', 'fear'], id='zh-english-labels'),
    pytest.param('Please label each Weibo post as 正面, 负面 or 中性. 12,000 posts.', ['正面', '负面', '中性'], id='en-mixed-zh-labels'),
    pytest.param('数据来自淘宝、京东、拼多多三个平台，共4万条评论。需要标注：物流、价格、质量、服务四个方面各自是正面还是负面。', ['正面', '负面'], id='zh-two-lists'),
    pytest.param('Rate how confident the model sounds: 1 = very unsure, 2 = unsure, 3 = neutral, 4 = confident, 5 = very confident. 4,000 responses.', ['1', '2', '3', '4', '5'], id='en-five-point-words'),
    pytest.param('这个弹幕是正常发言、刷屏、还是人身攻击？大概要标六万条。', ['正常发言', '刷屏', '人身攻击'], id='zh-question-mark-list'),
    pytest.param('Gym member feedback forms (about 3,300). Tag the main topic: equipment, classes, staff, cleanliness, pricing/membership, or parking. Some forms are blank - just skip those.', ['equipment', 'classes', 'staff', 'cleanliness', 'pricing/membership', 'parking'], id='en-gym'),
    pytest.param('保险电销录音质检，看坐席有没有违规：夸大收益、隐瞒免责条款、强制搭售、辱骂客户，没问题的就标合规。大约7000通。', ['夸大收益', '隐瞒免责条款', '强制搭售', '辱骂客户', '合规'], id='zh-insurance-call'),
    pytest.param('Each recipe should get a difficulty: Easy, Medium, Hard (Hard = needs special equipment or >2h). We have 12,500 recipes scraped from our site.', ['Easy', 'Medium', 'Hard'], id='en-recipes-difficulty'),
    pytest.param('医生回复质量评估：每条回复打“准确且完整”“准确但不完整”“有错误”三选一，共3000条，由5名医生标注。', ['准确且完整', '准确但不完整', '有错误'], id='zh-doctor-reply'),
    pytest.param('地图POI纠错：用户上报的信息分为 地址错误/电话错误/已关闭/重复/其他 五类，数据两万五千条。', ['地址错误', '电话错误', '已关闭', '重复', '其他'], id='zh-map-poi'),
    pytest.param('We want code review comments categorised:\n- nit\n- bug\n- design\n- question\n- praise\nAny comment that is none of the above can be tagged other. Roughly 20k comments from GitHub.', ['nit', 'bug', 'design', 'question', 'praise', 'other'], id='en-code-review'),
    pytest.param('新闻评论对政策的态度，按支持、中立、反对来标，另外看不出态度的标“无关”。共计1.5万条。', ['支持', '中立', '反对', '无关'], id='zh-news-stance'),
    pytest.param('Priority for each inbound sales email:\nHot - wants to buy now\nWarm - interested, not ready\nCold - no clear interest\n~4k emails', ['Hot', 'Warm', 'Cold'], id='en-email-priority'),
    pytest.param('短视频画质打分，1分很差，5分很好，中间自己把握。视频两千个。', ['1', '2', '3', '4', '5'], id='zh-video-quality'),
    pytest.param('Product photos come in red, blue and green variants. We need each photo labelled as front view, side view or back view. 7,000 photos.', ['front view', 'side view', 'back view'], id='en-neg-colors'),
    pytest.param('我们在北京、上海、广州三个城市都有门店。想把顾客评价分成服务、环境、价格三类。大约一万条。', ['服务', '环境', '价格'], id='zh-neg-cities'),
    pytest.param('Binary task: sarcastic vs not sarcastic, 10k tweets, 3 annotators per tweet.', ['sarcastic', 'not sarcastic'], id='en-sarcasm'),
    pytest.param('判断每条健康科普内容真假：真、假、部分真实，总量四千条。', ['真', '假', '部分真实'], id='zh-truefalse'),
    pytest.param('Severity of each abusive message: none, mild, moderate, severe. 18k messages from our game chat.', ['none', 'mild', 'moderate', 'severe'], id='en-abuse-levels'),
    pytest.param('商品标题里要抽出品牌、型号、颜色、尺码这四种属性，约三万条标题。', ['品牌', '型号', '颜色', '尺码'], id='zh-ecommerce-attr'),
    pytest.param('Classify each ticket update into: Resolved, Pending customer, Pending internal, Escalated.\nVolume: ~25k updates.', ['Resolved', 'Pending customer', 'Pending internal', 'Escalated'], id='en-ticket-status'),
    pytest.param("每条推文打标签：'positive' 'negative' 'neutral'，大概五千条。", ['positive', 'negative', 'neutral'], id='zh-quote-english'),
]

NONE = [
    pytest.param('We have 20,000 product photos from our Shopify, Amazon and eBay stores and want short alt-text written for each one. Budget is $4k, three writers.', id='en-neg-noLabels'),
    pytest.param("We are a small bakery chain with shops in Leeds, York and Hull. Honestly not sure what labels we'd want yet, we just have 3,000 customer emails and want to understand them better.", id='en-neg-prose'),
    pytest.param('我们公司做母婴、美妆和家居三个品类的电商，客服聊天记录大概有十万条，还没想好要标什么，想先听听你们的建议。', id='zh-neg-prose'),
    pytest.param('Could you transcribe 200 hours of doctor-patient conversations in English and Spanish? We need speaker turns and timestamps. Budget around $18k.', id='en-neg-noLabels-2'),
    pytest.param('帮我们把2000段粤语音频转写成文字，要求准确率98%以上，两周内交付。', id='zh-neg-noLabels-2'),
    pytest.param('We need 5,000 medical abstracts summarized in plain English, one paragraph each, by March.', id='en-neg-norm'),
    pytest.param('这批商品标题需要翻译成英文、日文和韩文，大概一万条。', id='zh-neg-norm'),
    pytest.param('Can you help us build a dataset for a customer-support chatbot? We have 15,000 past conversations from Zendesk and want the best replies picked out. Budget is flexible.', id='en-none-2'),
    pytest.param('想做一个古诗词的问答数据集，大概需要五千对问答，由中文系的研究生来写。', id='zh-none-3'),
    pytest.param('我们是一家做跨境电商的公司，运营同学每天要看大量竞品的商品详情页，想用AI帮忙总结卖点。先给你们500个链接试试。', id='zh-none-4'),
    pytest.param('Looking for help to create a dataset of 3,000 step-by-step math solutions written by tutors, in English and Hindi. Timeline is flexible.', id='en-none-5'),
    pytest.param("We're a fintech startup with 80,000 anonymised transactions. We think we need some kind of labeling for fraud detection but honestly don't know where to start.", id='en-none-6'),
    pytest.param('有一批客服对话（大约三万条），来自电话、微信、邮件三个渠道，想做知识库，需要先整理出常见问题。', id='zh-none-5'),
]


@pytest.mark.parametrize("text, labels", NAMED)
def test_the_request_names_these_labels_exactly(text, labels):
    found = find_labels(text)
    assert found is not None, "no labels found"
    assert found.labels == labels
    # the quote is the requester's own words and holds every label (a scale's quote holds its range)
    assert found.quote in text.replace("\u3000", " ")
    a_range = found.ordinal and re.search(rf"{re.escape(labels[0])}\s*(?:到|至|~|～|-|–|—|to)\s*{re.escape(labels[-1])}", found.quote)
    if not all(label.lstrip("+-").isdigit() for label in labels) and not a_range:  # "一星到五星" holds 二星 to 四星
        implied = [label for label in labels if label.startswith(("非", "not "))]  # the opposite of "是不是X"
        assert all(label in found.quote for label in labels if label != found.other and label not in implied)


@pytest.mark.parametrize("text", NONE)
def test_a_request_that_names_no_labels_gets_none(text):
    assert find_labels(text) is None


@pytest.mark.parametrize(
    "text, labels",
    [
        # what the business sells / where data comes from / who annotates, next to the real label list
        ("We sell shoes, bags and hats online. Sort the messages into returns, sizing or other.", ["returns", "sizing", "other"]),
        ("数据来源：微博、抖音、B站。标签：正面、负面、中性。", ["正面", "负面", "中性"]),
        ("Our tickets come from email, chat, phone and Twitter; route each one to Billing, Tech Support or Sales.", ["Billing", "Tech Support", "Sales"]),
        ("标注员有小王、小李、小张。每条评论判断是好评、中评还是差评。", ["好评", "中评", "差评"]),
    ],
)
def test_a_prose_list_beside_the_label_list_is_not_the_label_set(text, labels):
    found = find_labels(text)
    assert found is not None and found.labels == labels


@pytest.mark.parametrize(
    "text",
    [
        "We sell shoes, bags and hats online and want to understand our customers better.",
        "我们卖母婴、美妆、家居三个品类，评论大概五万条，想看看能做什么分析。",
        "Data comes from Zendesk, Intercom and e-mail; about 20k conversations. What could we label?",
        "每张图写2~3句描述，讲清楚地物类型、大致分布。",
    ],
)
def test_prose_lists_alone_are_no_label_set(text):
    assert find_labels(text) is None


@pytest.mark.parametrize(
    "text, labels, other",
    [
        ("婚恋私信需要标：杀猪盘、引流、色情，其余算正常。", ["杀猪盘", "引流", "色情", "正常"], "正常"),
        ("Bins: glass, paper, plastic -- anything else = general waste.", ["glass", "paper", "plastic", "general waste"], "general waste"),
        ("类别：\n· 退款\n· 换货\n· 催发货\n剩下的都丢“其他”", ["退款", "换货", "催发货", "其他"], "其他"),
        ("Tag each post as question, tip or rant; when in doubt use unclear.", ["question", "tip", "rant", "unclear"], "unclear"),
        ("标成广告、辱骂就行，其他不用管。", ["广告", "辱骂"], None),
    ],
)
def test_a_catch_all_after_the_list_joins_it(text, labels, other):
    found = find_labels(text)
    assert found is not None and found.labels == labels and found.other == other


@pytest.mark.parametrize(
    "text, labels",
    [
        ("Rate helpfulness from -2 (harmful) to +2 (very helpful).", ["-2", "-1", "0", "+1", "+2"]),
        ("Score clarity from 0 (unreadable) to 3 (crystal clear).", ["0", "1", "2", "3"]),
        ("按一星到五星打分。", ["一星", "二星", "三星", "四星", "五星"]),
        ("紧急程度：低→中→高，按这三档来标。", ["低", "中", "高"]),
    ],
)
def test_scales_are_ordinal_and_expand_to_their_values(text, labels):
    found = find_labels(text)
    assert found is not None and found.labels == labels and found.ordinal


def test_a_stated_label_list_reaches_the_breakdown_and_the_draft(seeded_workspace):
    """A request from a domain no past project covers: the labels are stated, quoted, and the draft completes."""
    from datetime import date

    from assistant.breakdown.five_w2h import break_down
    from assistant.core.models import FieldStatus
    from assistant.core.settings import Settings
    from assistant.rulebook.draft import draft_rulebook

    text = (
        "Community radio here. Put each listener text into one of: \"OK to air\", \"spam\", \"abusive\", "
        "\"political campaigning\" (not during elections), \"personal info\" (phone numbers). About 65,000 texts."
    )
    past = {project.id: project for project in seeded_workspace.store.past_projects()}
    breakdown = break_down(text, seeded_workspace.kb, past, None, today=date(2026, 11, 30))
    labels = breakdown.what.candidate_labels
    assert labels.status == FieldStatus.stated
    assert labels.value == ["OK to air", "spam", "abusive", "political campaigning", "personal info"]
    assert "OK to air" in (labels.evidence or "")
    rulebook = draft_rulebook(breakdown, past, seeded_workspace.kb, seeded_workspace.embedder, Settings(), None)
    assert [label.name for label in rulebook.labels][:5] == labels.value
