"""Robots, reducers, servo, welding, vision picking (hand-written; see README)."""

# (key, org, lang, title, text, group, near)
# group: projects sharing a group label and of different organisations are gold pairs.
# near: key of a project in the same component/field with a different objective (hard negative).
P = [
    # G01 harmonic reducer life / durability test rig (trio: zh, zh, en)
    ("rb01", "o01", "zh", "谐波减速器寿命试验台研制",
     "针对机器人关节用谐波减速器缺乏国产加速寿命试验手段的问题，研制多工位寿命试验台，可同时加载6台样机，"
     "施加额定转矩及1.5倍冲击载荷，在线监测温升、振动与传动误差，目标实现额定寿命≥10000 h的验证能力，"
     "并建立失效判据与寿命评估模型。", "G01", None),
    ("rb02", "o02", "zh", "谐波传动装置耐久性验证平台",
     "建设一套面向谐波传动装置的耐久测试系统：伺服电机驱动、磁粉制动器加载，模拟机器人典型工况谱连续运行，"
     "记录背隙、扭转刚度随运行时间的衰减；通过加速因子折算，考核产品能否达到一万小时使用寿命，"
     "为批量供货提供可靠性数据。", "G01", None),
    ("rb03", "o03", "en", "Accelerated durability bench for strain-wave gears",
     "We will build an accelerated endurance bench for strain-wave (harmonic) gearboxes used in cobot joints. "
     "The rig loads several units in parallel with programmable torque profiles, including overload pulses, "
     "and tracks temperature rise, vibration spectra and transmission error over time. Target: demonstrate "
     "a service life of 10,000 hours or more with a validated acceleration model and documented failure "
     "criteria, so that customers can accept domestic units without long field trials.", "G01", None),
    # G02 harmonic reducer tooth profile (pair: en, zh) -- hard negative of G01 and vice versa
    ("rb04", "o04", "en", "Double-arc tooth profile for harmonic drives",
     "Design of a new double circular-arc tooth profile for the flexspline and circular spline of harmonic "
     "drives. Using conjugate-envelope theory and FEM contact analysis we aim to increase the number of "
     "teeth in simultaneous mesh, reduce backlash to 10 arcsec or less and raise torsional stiffness by "
     "20 % versus the involute profile. Deliverables: profile equations, hobbing tool design, prototypes.",
     "G02", "rb01"),
    ("rb05", "o05", "zh", "谐波减速器新型齿形设计",
     "基于共轭包络理论研究柔轮、刚轮双圆弧齿廓，利用有限元分析啮合齿对数与齿面接触应力，"
     "降低回差至≤10角秒，提高扭转刚度约两成；完成齿形参数化设计、滚刀设计与样机试制。", "G02", "rb02"),
    # hard negatives around harmonic reducers
    ("rb06", "o01", "zh", "柔轮材料及热处理工艺研究",
     "谐波减速器柔轮在交变应力下易疲劳开裂。本项目研究40CrNiMoA替代材料及深冷处理、喷丸强化工艺，"
     "目标使柔轮疲劳强度提高15%，并降低材料成本。", None, "rb01"),
    ("rb07", "o06", "en", "Harmonic reducer production line digitalisation",
     "MES rollout for our harmonic reducer plant: traceability of each flexspline from forging to final "
     "test, SPC on tooth-cutting machines, automatic generation of test certificates. Goal: cut scrap rate "
     "from 4 % to under 1.5 % and shorten delivery by one week.", None, "rb03"),
    # G03 RV reducer cycloid gear grinding (pair zh, zh)
    ("rb08", "o07", "zh", "RV减速器摆线轮精密磨削技术",
     "研究RV减速器摆线轮成形磨削工艺，开发修形砂轮修整算法，控制齿廓误差≤3μm、齿距累积误差≤5μm，"
     "解决国产RV减速器精度保持性差的问题。", "G03", None),
    ("rb09", "o08", "zh", "摆线齿轮高精度成形磨加工工艺开发",
     "面向机器人用RV传动，攻关摆线针轮行星传动中摆线盘的数控成形磨加工：建立砂轮廓形反求与修整补偿模型，"
     "引入在机测量闭环，使摆线齿面廓形偏差控制在3微米以内，周节累积偏差不大于5微米，满足1弧分级传动精度要求。",
     "G03", None),
    ("rb10", "o07", "zh", "RV减速器整机装配与跑合工艺",
     "针对RV减速器装配一致性差，研究针齿、曲柄轴轴承的分组选配方法和跑合工艺，"
     "目标整机空程≤1 arcmin、批次一致性提升，装配节拍缩短30%。", None, "rb08"),
    # G04 23-bit absolute multi-turn encoder (pair zh, en)
    ("rb11", "o09", "zh", "23位绝对值多圈编码器研制",
     "开发伺服电机用光电式绝对值编码器，单圈分辨率23位，多圈计数16位，采用电池免维护的韦根多圈方案，"
     "通信协议兼容BiSS-C，精度±20角秒，工作温度-20~105℃，实现进口替代。", "G04", None),
    ("rb12", "o10", "en", "High-resolution absolute encoder for servo motors",
     "Our goal is a domestic absolute rotary encoder for AC servo motors with 8,388,608 counts per "
     "revolution (23 bit) and battery-free multi-turn counting based on Wiegand wire energy harvesting. "
     "Accuracy within 20 arc-seconds, BiSS-C interface, rated up to 105 °C. The optical code disc and the "
     "ASIC for signal interpolation will be developed in-house.", "G04", None),
    ("rb13", "o09", "en", "Servo drive auto-tuning with load inertia identification",
     "Servo drive firmware that identifies load inertia and friction online and sets speed/position loop "
     "gains automatically, so that commissioning takes minutes instead of hours. Target settling time "
     "under 5 ms on a 400 W axis.", None, "rb12"),
    ("rb14", "o11", "zh", "磁电式编码器芯片",
     "研制基于TMR磁阻的磁编码器芯片，面向低成本步进与小功率伺服，分辨率17位，内置自校准算法抑制偏心误差，"
     "目标单颗成本低于光电方案一半。", None, "rb11"),
    # G05 integrated cobot joint module (pair en, en)
    ("rb15", "o12", "en", "Integrated joint module for collaborative robots",
     "Develop an all-in-one cobot joint: frameless torque motor, harmonic reducer, dual absolute encoders, "
     "brake and servo driver in one hollow housing. Targets: peak torque 150 N·m at 3.5 kg, hollow shaft "
     "for cabling, EtherCAT, joint torque sensing via dual encoders. The module should let OEMs assemble a "
     "6-axis cobot without designing joints themselves.", "G05", None),
    ("rb16", "o13", "en", "Compact actuator unit for cobot arms",
     "Modular rotary actuator combining motor, strain-wave gear, brake, drive electronics and two encoders "
     "(motor side and output side) in a single unit with a through-bore. Torque density is the main "
     "target: >40 N·m per kg. Communication over EtherCAT. Sold as a building block to robot makers.",
     "G05", None),
    ("rb17", "o14", "zh", "协作机器人碰撞检测算法",
     "基于电机电流与动力学模型的无传感器碰撞检测，识别时间≤20 ms，误报率<0.1%，满足ISO/TS 15066人机协作安全要求。",
     None, "rb15"),
    ("rb18", "o12", "en", "Hand-guided teaching for cobots",
     "Lead-through programming for our cobot: gravity and friction compensation so operators can move the "
     "arm by hand and record trajectories, plus a tablet app to edit waypoints. Target teaching force "
     "below 10 N.", None, "rb16"),
    # G34 welding robot laser seam tracking (pair en, en)
    ("rb19", "o15", "en", "Laser seam tracking for arc welding robots",
     "Structured-light laser sensor mounted ahead of the torch to detect V-groove and fillet seams and "
     "correct the robot path in real time. Tracking accuracy ±0.2 mm at 1.5 m/min, works under arc light "
     "and spatter. Target application: construction machinery and steel structures.", "G34", None),
    ("rb20", "o16", "en", "Real-time weld joint following using line-laser vision",
     "Welding robots in heavy-steel workshops lose the joint because of thermal distortion and fit-up "
     "tolerances. We develop a line-laser triangulation camera and deep-learning groove recognition that "
     "updates the torch position online, keeping deviation within 0.2 mm at welding speeds up to "
     "1.5 m per minute despite spatter and arc glare.", "G34", None),
    ("rb21", "o15", "zh", "焊接机器人离线编程软件",
     "开发面向钢结构的焊接机器人离线编程软件，自动读取三维模型识别焊缝并生成轨迹，减少示教时间80%。", None, "rb19"),
    # G30 3D vision bin picking (pair en, zh)
    ("rb22", "o17", "en", "3D vision bin picking of randomly piled parts",
     "Structured-light 3D camera plus point-cloud pose estimation to let an industrial robot pick "
     "randomly piled metal parts from bins. Targets: picking success ≥99 %, cycle time under 6 s, "
     "handle reflective surfaces, collision-free grasp planning.", "G30", None),
    ("rb23", "o18", "zh", "无序抓取视觉系统",
     "针对料框内杂乱堆叠的金属零件，研发基于结构光三维相机的点云位姿识别与抓取规划软件，"
     "解决高反光表面成像难题，节拍≤6秒，抓取成功率不低于99%，实现机床上下料自动化。", "G30", None),
    ("rb24", "o18", "zh", "二维视觉引导装箱",
     "基于2D相机的传送带跟踪与码垛装箱，识别纸箱位置角度，速度30箱/分钟。", None, "rb23"),
]
