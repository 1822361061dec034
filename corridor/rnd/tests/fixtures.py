"""Small bilingual R&D projects for the tests: three overlaps across languages and organisations, each
with a hard negative on the same component, and one same-organisation near-duplicate."""

from __future__ import annotations

PROJECTS = [
    {"id": "p1", "org": "A", "lang": "zh", "title": "RV减速器加速寿命试验台研制",
     "text": "目标：研制RV减速器加速寿命试验台，在额定扭矩下连续运行10000小时考核寿命，回差测量精度0.1弧分。"},
    {"id": "p2", "org": "B", "lang": "en", "title": "Accelerated life test rig for RV reducers",
     "text": "The project aims to build an accelerated life test bench for RV reducers that runs at rated torque "
             "for 10,000 h and measures backlash to 0.1 arcmin."},
    {"id": "p3", "org": "C", "lang": "zh", "title": "RV减速器摆线轮齿形修形设计",
     "text": "旨在通过摆线轮齿廓修形与优化设计，将RV减速器回差降低到1弧分以内并提高传动效率。"},
    {"id": "p4", "org": "D", "lang": "en", "title": "Isolated gate driver IC for SiC MOSFETs",
     "text": "We will develop an isolated gate driver chip for 1200 V SiC MOSFETs with short-circuit protection "
             "responding within 2 µs."},
    {"id": "p5", "org": "E", "lang": "zh", "title": "碳化硅MOSFET隔离栅极驱动芯片",
     "text": "本项目拟开发面向1200V碳化硅MOSFET的隔离型栅极驱动芯片，短路保护响应时间2微秒以内。"},
    {"id": "p6", "org": "F", "lang": "en", "title": "6-inch SiC substrate crystal growth",
     "text": "The objective is to grow 6-inch 4H-SiC single crystals by physical vapour transport with a "
             "micropipe density below 0.1 per square centimetre."},
    {"id": "p7", "org": "A", "lang": "en", "title": "RV reducer accelerated life test bench",
     "text": "Our goal is an accelerated life test bench for RV reducers: 10,000 h at rated torque, backlash "
             "measured to 0.1 arcmin."},
    {"id": "p8", "org": "G", "lang": "zh", "title": "CAR-T细胞全封闭自动化生产工艺",
     "text": "目标是建立CAR-T细胞全封闭自动化制备平台，将生产周期缩短至7天，减少人工操作。"},
    {"id": "p9", "org": "H", "lang": "en", "title": "Automated closed-system CAR-T manufacturing",
     "text": "This project aims to automate CAR-T cell manufacturing in a closed system, cutting the production "
             "time to 7 days with less manual handling."},
    {"id": "p10", "org": "I", "lang": "en", "title": "Phase I clinical trial of CD19 CAR-T therapy",
     "text": "A phase I trial enrolling 30 patients with relapsed B-cell lymphoma to evaluate the safety and "
             "efficacy of CD19 CAR-T cells."},
    {"id": "p11", "org": "J", "lang": "zh", "title": "废旧锂电池湿法回收",
     "text": "研究废旧三元锂电池的湿法冶金回收工艺，镍钴锰回收率达到98%。"},
]
OVERLAPS = {frozenset(p) for p in (("p1", "p2"), ("p2", "p7"), ("p4", "p5"), ("p8", "p9"))}
HARD_NEGATIVES = {frozenset(p) for p in (("p1", "p3"), ("p2", "p3"), ("p4", "p6"), ("p5", "p6"), ("p8", "p10"),
                                         ("p9", "p10"))}
SAME_ORG = frozenset(("p1", "p7"))
