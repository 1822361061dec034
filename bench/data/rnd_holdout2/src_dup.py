"""Same-organisation near-duplicates: similar projects registered twice by one organisation.

None of these pairs is gold (same organisation). Only sd13 overlaps other organisations (group G01).
"""

P = [
    ("sd01", "o102", "zh", "激光SLAM导航AGV研制",
     "研制基于激光SLAM自然导航的潜伏式AGV，无需磁条和二维码，定位精度±10 mm，载重1吨，"
     "支持多车调度，适用于汽车零部件工厂物流。", "D1", None),
    ("sd02", "o102", "zh", "激光SLAM自然导航AGV（二期）",
     "在一期基础上继续开发激光SLAM自然导航潜伏顶升AGV，定位精度提升至±5 mm，载重提升到1.5吨，"
     "增加百台级多车调度与电梯联动功能，面向汽车零部件及电子工厂。", "D1", None),
    ("sd03", "o103", "zh", "构网型储能变流器",
     "开发具备构网能力的储能变流器（PCS），采用虚拟同步机控制，可为弱电网提供惯量与电压支撑，"
     "单机功率2.5 MW，满足新版并网标准的高低电压穿越要求。", "D2", None),
    ("sd04", "o103", "zh", "构网型PCS虚拟同步控制技术研究",
     "研究储能变流器构网型控制策略，基于虚拟同步发电机算法实现惯量支撑、一次调频和电压支撑，"
     "在2.5MW储能变流器样机上验证高/低电压穿越能力。", "D2", None),
    ("sd05", "o104", "en", "Liver-targeted lipid nanoparticles for mRNA",
     "Ionizable lipid library design and screening for mRNA delivery to hepatocytes. Goal: protein "
     "expression 3x higher than the SM-102 benchmark with lower liver enzyme elevation in mice, and "
     "a freeze-dried formulation stable at 2–8 °C for 12 months.", "D3", None),
    ("sd06", "o104", "en", "Novel ionizable lipids for hepatic mRNA delivery",
     "Screening a combinatorial library of ionizable lipids to deliver mRNA to the liver more efficiently "
     "than SM-102 (target 3x expression) and with better tolerability; lyophilised LNP stable 12 months "
     "refrigerated.", "D3", None),
    ("sd07", "o105", "en", "1550 nm FMCW lidar for passenger cars",
     "Frequency-modulated continuous-wave lidar at 1550 nm with per-point velocity measurement, range "
     "250 m at 10 % reflectivity, silicon photonics transceiver chip and solid-state beam steering. "
     "Automotive-grade prototype in two years.", "D4", None),
    ("sd08", "o105", "en", "FMCW lidar based on silicon photonics",
     "Silicon-photonic FMCW transceiver for a 1550 nm automotive lidar measuring distance and radial "
     "velocity simultaneously; 250 m detection range for 10 % targets; beam steering without moving "
     "parts.", "D4", None),
    ("sd09", "o106", "en", "Copper CMP slurry for advanced logic",
     "Colloidal-silica copper CMP slurry for 28 nm and below: removal rate 8,000 Å/min, dishing below "
     "300 Å on 100 µm pads, low defect counts; qualification at domestic fabs.", "D5", None),
    ("sd10", "o106", "en", "Low-dishing copper polishing slurry",
     "Improved copper chemical mechanical polishing slurry for 28 nm nodes with new corrosion inhibitor: "
     "dishing under 300 Å, high removal rate around 8,000 Å/min, fewer scratches; fab qualification.",
     "D5", None),
    ("sd11", "o107", "zh", "PEM电解水制氢膜电极",
     "开发质子交换膜电解水制氢用膜电极（CCM），铱载量降至0.3 mg/cm²以下，在2 A/cm²下电压≤1.9 V，"
     "衰减率<5 μV/h，用于兆瓦级电解槽。", "D6", None),
    ("sd12", "o107", "en", "Low-iridium CCM for PEM water electrolysis",
     "Catalyst-coated membranes for PEM electrolysers with iridium loading under 0.3 mg/cm², cell voltage "
     "at most 1.9 V at 2 A/cm² and degradation below 5 µV/h, for megawatt stacks.", "D6", None),
    ("sd13", "o01", "zh", "谐波减速器寿命试验台（二期扩展）",
     "在已建谐波减速器寿命试验台基础上扩展至12工位，增加低温-20℃环境箱与冲击载荷谱，"
     "继续考核机器人关节减速器10000小时额定寿命，完善失效判据和寿命预测模型。", "G01", None),
]
