"""What a project sets out to achieve: its objective sentences and the kind of work they describe.

Two projects on the same component duplicate effort only when they try to achieve the same thing: a
reducer life-test rig and a reducer tooth-profile design share every noun and still differ in what
is being done (testing against designing). The embedding and the shared terms see the component;
this module reads the activity: each objective is mapped to the activity classes it names (test,
design, manufacture, growth, clinical, prognostics, ...), in Chinese and English, each class under all
its names (故障预测 = 预测性维护 = "prognostics"), and two projects whose objectives name activities with
nothing in common and nothing related (RELATED) are likely complementary, not overlapping. Methods
(deep learning, algorithms) are not activities: the same objective is reached by either.

The objective is the title plus the sentences that announce a goal ("aims to", "objective", "目标",
"旨在", "拟"); when none does, the title and first sentence stand for it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from corridor.orgs.search_text import fold

# Activity classes, each a list of English and Chinese forms (regular expressions over folded text).
# Written from the kinds of work R&D projects in the corridor's chains do, not from any labelled set.
ACTIVITIES: dict[str, tuple[str, ...]] = {
    "test": (
        r"test (?:rig|bench|stand|platform|system|method)", r"testing", r"life[- ]test", r"endurance", r"durability",
        r"reliability", r"accelerated (?:aging|ageing|life)", r"fatigue", r"validation", r"verification", r"benchmark",
        r"试验台", r"测试台", r"测试平台", r"试验平台", r"台架", r"寿命试验", r"寿命测试", r"耐久", r"可靠性", r"加速老化",
        r"加速寿命", r"疲劳", r"验证", r"测试方法", r"试验方法", r"评测", r"评价方法",
    ),
    "design": (
        r"design", r"optimi[sz]", r"profile", r"modification", r"topolog", r"geometry", r"architecture",
        r"设计", r"优化", r"修形", r"齿形", r"齿廓", r"拓扑", r"构型", r"架构", r"结构创新",
    ),
    "manufacture": (
        r"manufactur", r"production", r"automat", r"process (?:development|technology)", r"yield", r"scale[- ]up",
        r"mass[- ]produc", r"assembly line", r"closed[- ]system", r"\bgmp\b", r"fabrication", r"machining",
        r"制造", r"生产", r"自动化", r"工艺", r"良率", r"量产", r"放大", r"产线", r"装配", r"封闭式", r"加工", r"产业化", r"制备", r"preparation",
    ),
    "growth": (
        r"crystal growth", r"growth", r"grow", r"epitax", r"synthes", r"ingot", r"boule", r"sinter", r"deposition",
        r"single crystal", r"precursor", r"生长", r"长晶", r"外延", r"合成", r"晶锭", r"晶体", r"烧结", r"沉积", r"单晶",
        r"前驱体",
    ),
    "clinical": (
        r"clinical", r"patient", r"phase (?:i|ii|iii|1|2|3)\b", r"efficacy", r"cohort", r"enrol", r"registration trial",
        r"临床", r"患者", r"受试者", r"疗效", r"入组", r"注册试验", r"[一二三123i]+期",
    ),
    "circuit": (
        r"gate driv", r"driver (?:ic|circuit|board|chip)", r"circuit", r"inverter", r"converter", r"power module",
        r"chip design", r"\basic\b", r"pcb", r"栅极驱动", r"驱动电路", r"驱动芯片", r"驱动板", r"电路", r"逆变器", r"变换器",
        r"功率模块", r"芯片设计",
    ),
    # Methods ("deep learning", "algorithm", 智能) are not here: they say how, not what is done, and a fault
    # forecast by a neural network and one read from vibration spectra are one objective.
    "control": (
        r"control (?:algorithm|system|strategy)", r"controller", r"software", r"planning", r"perception",
        r"model predictive", r"控制算法", r"控制器", r"控制策略", r"软件", r"规划", r"感知",
    ),
    "inspection": (
        r"inspection", r"defect", r"flaw", r"non[- ]destructive", r"monitoring", r"diagnos", r"detection", r"metrology",
        r"检测", r"缺陷", r"瑕疵", r"无损", r"监测", r"诊断", r"识别", r"量测", r"巡检", r"探伤",
    ),
    # Forecasting failure and maintaining before it: one activity under many names (故障预测 = 预测性维护 =
    # prognostics = remaining useful life); close to inspection (RELATED), the condition it starts from.
    "prognostics": (
        r"predictive maintenance", r"prognos", r"remaining (?:useful )?life", r"\brul\b", r"\bphm\b",
        r"(?:failure|fault|breakdown)s? (?:prediction|forecast|anticipat|early warning)",
        r"(?:predict|forecast|anticipat)\w*[^.;,]{0,40}\b(?:fail|fault|break ?down)",
        r"condition[- ]based maintenance", r"health management", r"early warning", r"before (?:it|they) (?:fail|break)",
        r"预测性维护", r"预测维护", r"预知维护", r"预测性维修", r"故障预测", r"失效预测", r"故障预警", r"寿命预测", r"剩余寿命",
        r"剩余使用寿命", r"健康管理", r"视情维", r"状态检修", r"预警", r"预测[^，。；,;]{0,12}(?:失效|故障|损坏)",
    ),
    "recycling": (r"recycl", r"recovery", r"second[- ]life", r"reuse", r"回收", r"再生", r"梯次利用", r"拆解"),
    "discovery": (
        r"drug discovery", r"screening", r"target (?:identification|validation)", r"lead compound", r"preclinical",
        r"candidate", r"药物发现", r"筛选", r"靶点", r"先导化合物", r"临床前", r"候选",
    ),
    "standard": (r"standardi[sz]", r"\bstandards?\b", r"specification", r"标准", r"规范"),
}

# Activities that two wordings of one objective often name apart: a condition-monitoring project says
# "monitoring" where its twin says "predictive maintenance". Two projects whose objectives name only
# such neighbours do not clash (the clash is evidence that the work differs: testing against designing).
RELATED: frozenset[frozenset[str]] = frozenset({frozenset({"inspection", "prognostics"})})

_CUES = re.compile(
    r"aim|objective|goal|target|purpose|we will|will develop|to develop|this project|intend|seek|"
    r"目标|旨在|致力|本项目|拟|计划|研制|开发|突破|实现",
)
_SPLIT = re.compile(r"(?<=[。！？；;!?\n])|(?<=\.)\s+")


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    return {name: re.compile("|".join(forms)) for name, forms in ACTIVITIES.items()}


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SPLIT.split(text or "") if s and s.strip()]


def objective_text(title: str, text: str, limit: int = 2) -> str:
    """The title and the (at most `limit`) sentences of the text that state a goal."""
    parts = sentences(text)
    cued = [s for s in parts if _CUES.search(fold(s))][:limit]
    chosen = cued or parts[:1]
    return " ".join([title.strip(), *chosen]).strip()


def related(activity: str) -> frozenset[str]:
    """The activity and those that are not a clash with it."""
    return frozenset({activity}).union(*(pair for pair in RELATED if activity in pair))


def clash(a: frozenset[str], b: frozenset[str]) -> bool:
    """Both objectives name activities, and none of a's is one of b's or related to one."""
    return bool(a and b) and not any(related(x) & b for x in a)


def activities(text: str) -> frozenset[str]:
    """The activity classes an objective names."""
    folded = fold(text)
    return frozenset(name for name, pattern in _patterns().items() if pattern.search(folded))
