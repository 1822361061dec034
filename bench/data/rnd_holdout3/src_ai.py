# AI / industrial software projects, hand-written for rnd_holdout3. Format: see src_robot.py.

P = [
    # --- cluster fea: general-purpose structural finite-element solver -----------------------------
    ("fea_a", "s1", "zh", "fea", "自主可控通用结构有限元求解器",
     "研发国产通用结构有限元分析求解器，覆盖线性静力、模态、屈曲、瞬态动力学与材料/几何/接触非线性分析。"
     "采用多线程与MPI混合并行的稀疏直接求解器和代数多重网格迭代求解器。目标：千万自由度模型静力分析≤30 min，"
     "与国际主流软件结果偏差≤2%，兼容主流前处理格式。TRL 5，已在两家主机厂试用。"),
    ("fea_b", "s2", "en", "fea", "Domestic structural FEA solver for industrial simulation",
     "Mechanical engineers in Chinese industry depend on foreign finite-element packages. We are writing an "
     "implicit structural solver covering linear statics, modal and buckling analysis, transient dynamics, "
     "and nonlinear problems with plasticity, large deformation and contact. The numerical core is a "
     "hybrid MPI and thread-parallel sparse direct solver with an algebraic multigrid option for very large "
     "models. Targets: a 10-million-degree-of-freedom static run in under half an hour on a 64-core server, "
     "results within 2 % of the leading commercial code on a benchmark suite of 200 cases, and reading of "
     "common input decks. Beta with pilot users (TRL 5)."),
    ("fea_c", "s3", "zh", "fea", "工业CAE仿真核心求解引擎国产化替代",
     "针对机械装备、汽车零部件强度与刚度校核长期依赖进口CAE软件的问题，开发结构力学隐式求解引擎。重点突破接触"
     "非线性收敛性、弹塑性本构与大规模并行稀疏矩阵求解，支撑从线性到非线性的强度、振动分析。目标：计算精度与"
     "国外同类软件差异在2%以内，支持1000万以上自由度规模。原型开发阶段，TRL 4。"),

    # --- cluster wt: predictive maintenance of wind-turbine gearboxes -----------------------------
    ("wt_a", "s4", "zh", "wt", "风电机组齿轮箱故障预警与剩余寿命预测",
     "基于风机振动在线监测与SCADA运行数据，构建齿轮箱、主轴承故障早期预警模型。采用阶次跟踪处理变转速工况，"
     "融合物理退化模型与深度学习预测剩余使用寿命。目标：故障提前预警≥30天，预警准确率≥90%，误报率≤5%，"
     "覆盖2–6 MW机型。已接入300台机组，TRL 6。"),
    ("wt_b", "s5", "en", "wt", "Predictive maintenance for wind turbine drivetrains",
     "A failed gearbox keeps a wind turbine down for weeks and needs a crane. We combine drivetrain vibration "
     "data with SCADA signals such as oil temperature and power to detect gear and bearing damage early and "
     "to forecast remaining useful life, so that repairs can be grouped into calm-weather windows. Variable "
     "speed is handled by order analysis. Targets: warnings at least one month ahead of failure, precision "
     "above 90 %, and coverage of turbines from 2 to 6 MW from several manufacturers. Running on 150 turbines "
     "of one operator (TRL 6)."),

    # --- cluster sdi: deep-learning surface defect inspection of steel strip -----------------------
    ("sdi_a", "s6", "en", "sdi", "Deep-learning surface inspection for hot-rolled steel strip",
     "Hot strip mills still rely on operators watching screens to catch surface defects. We are building an "
     "inspection system with line-scan cameras above and below the strip and a detection network trained on "
     "40 defect classes such as scale, scratches, roll marks and slivers. Targets: detection rate above 95 % "
     "for defects of 0.5 mm and larger, classification accuracy above 90 %, operation at strip speeds up to "
     "20 m/s, and automatic grading of each coil. Installed on one mill (TRL 6)."),
    ("sdi_b", "s7", "zh", "sdi", "带钢表面缺陷智能检测系统",
     "针对冷轧、热轧带钢表面缺陷漏检问题，开发基于线阵相机与深度学习的在线检测系统，实现上下表面同时成像、"
     "缺陷实时识别分类与质量判级。指标：最小可检缺陷0.3 mm，检出率≥96%，分类准确率≥92%，适应最高速度"
     "1200 m/min。已在冷轧线试运行，TRL 6。"),

    # --- cluster aps: advanced planning and scheduling for discrete manufacturing -----------------
    ("aps_a", "s8", "zh", "aps", "离散制造高级计划与排程（APS）系统",
     "面向多品种小批量的机械加工与装配企业，开发有限产能高级计划排程系统。采用约束规划与遗传算法混合求解，"
     "考虑设备、模具、人员与物料齐套约束，支持插单和设备故障后的快速重排。目标：千工序规模排程≤60 s，"
     "订单准时交付率提升15%，设备利用率提升10%。已在三家企业试点，TRL 6。"),
    ("aps_b", "s9", "en", "aps", "Finite-capacity scheduling engine for job shops",
     "Machine shops with thousands of open operations plan with spreadsheets and lose on-time delivery. We "
     "develop a finite-capacity scheduling engine that respects machines, tooling, operator skills and "
     "material availability, using constraint programming with metaheuristic local search, and reschedules "
     "within a minute when a rush order arrives or a machine breaks down. Targets: schedules for 1,000 "
     "operations in under 60 s, on-time delivery up by 15 percentage points, and machine utilisation up "
     "10 %. Pilots at three component makers (TRL 6)."),

    # --- cluster splc: software PLC runtime --------------------------------------------------------
    ("splc_a", "s10", "en", "splc", "Soft PLC runtime on industrial PCs",
     "We develop a software PLC: an IEC 61131-3 runtime that runs real-time control tasks on a multicore "
     "x86 or ARM industrial PC next to ordinary applications, using a real-time Linux kernel and core "
     "isolation. It supports structured text and ladder logic, EtherCAT and PROFINET masters, and online "
     "changes without stopping the machine. Targets: 250 µs cycle time with jitter below 20 µs, 64 axes of "
     "motion control, and certified PLCopen motion blocks. Field tests on packaging machines (TRL 6)."),
    ("splc_b", "s11", "en", "splc", "Real-time virtual PLC for IT/OT convergence",
     "Factories want to run control logic as software on standard hardware instead of buying dedicated "
     "controllers. Our virtual PLC executes programs written in the IEC 61131-3 languages on a "
     "PREEMPT_RT Linux host with isolated cores, and acts as fieldbus master for EtherCAT and PROFINET. "
     "Performance goals: sub-millisecond control cycles, worst-case jitter in the tens of microseconds, "
     "coordinated motion for dozens of axes, and hot update of programs. A first customer line is running "
     "on it (TRL 6)."),

    # --- cluster plcg: LLM-based PLC code generation ----------------------------------------------
    ("plcg_a", "s12", "zh", "plcg", "基于大模型的PLC程序自动生成",
     "利用大语言模型将自然语言控制需求与工艺描述自动转换为IEC 61131-3结构化文本（ST）程序。路线：构建工业控制"
     "代码语料与领域微调，结合编译器反馈与仿真测试闭环修正。目标：典型逻辑控制任务一次编译通过率≥90%，"
     "仿真测试通过率≥80%，编程工时减少50%。TRL 4。"),
    ("plcg_b", "s13", "en", "plcg", "Generating IEC 61131-3 Structured Text with a fine-tuned language model",
     "Automation engineers spend much of their time writing routine PLC code. We fine-tune a code language "
     "model on a curated corpus of Structured Text and function block libraries and wrap it in an agent that "
     "compiles the generated code, runs it against a virtual plant model and repairs errors from compiler and "
     "test feedback. Targets: 90 % of generated programs compile on the first attempt, 80 % pass the "
     "simulated acceptance tests, and engineering time for standard sequences is halved. Research prototype "
     "(TRL 3 to 4)."),
    ("plcg_c", "s14", "zh", "plcg", "工控编程智能助手",
     "面向设备制造商电气工程师，开发嵌入编程环境的智能助手：工程师用中文描述动作顺序、联锁与报警要求，助手生成"
     "符合IEC 61131-3的ST代码及注释，并自动生成测试用例在虚拟调试环境中验证。底层采用行业代码数据微调的开源"
     "大模型，私有化部署。目标：生成代码可编译率90%以上，开发效率提升一倍。处于内测阶段。"),

    # --- singletons ----------------------------------------------------------------------------------
    ("cnc", "s15", "en", None, "Spindle health monitoring and failure prediction for CNC machining centres",
     "Spindle crashes and bearing wear are the most expensive unplanned stops in machining. We fit "
     "accelerometers and a temperature sensor to spindles and combine them with controller data such as load, "
     "speed and tool number to detect bearing damage and unbalance, and to predict spindle failure. Targets: "
     "warning at least two weeks before bearing failure, fewer than two false alarms per machine per year, "
     "and a retrofit kit under 5,000 yuan per machine. Running on 80 machining centres (TRL 6)."),
    ("aoi", "s16", "zh", None, "PCB自动光学检测（AOI）深度学习判定系统",
     "传统PCB AOI误报率高，需大量人工复判。本项目在现有AOI设备图像基础上，开发基于深度学习的缺陷复判模型，"
     "对短路、开路、缺口、异物等缺陷自动判定真伪。目标：漏判率≤50 ppm，人工复判量减少80%，单板判定时间≤2 s。"
     "已在两家PCB厂部署，TRL 7。"),
    ("cad", "s17", "en", None, "Boundary-representation geometric modelling kernel",
     "Every CAD system rests on a geometric kernel, and domestic CAD vendors license theirs from abroad. We "
     "develop a B-rep kernel with NURBS surfaces, robust Boolean operations, filleting, shelling and "
     "offsetting, and STEP and Parasolid-format exchange. Targets: Boolean success rate above 99.5 % on an "
     "industrial test set of 10,000 parts, tolerance handling for imported models, and an API usable by "
     "third-party CAD applications. Alpha version (TRL 4)."),
    ("pat", "s18", "zh", None, "面向企业研发的专利检索与分析大模型",
     "基于开源大模型构建专利语义检索与技术分析助手，支持中英文专利全文检索、技术方案比对、权利要求解读与"
     "自由实施（FTO）风险初筛。指标：检索召回率（Top-50）≥90%，权利要求要素拆解准确率≥85%，支持私有化部署。"
     "TRL 5，已在三家研究院试用。"),
    ("tsdb", "s19", "zh", None, "工业时序数据库",
     "针对工厂海量传感器数据存储与查询需求，开发分布式工业时序数据库，支持高压缩比存储、边云协同同步和SQL查询。"
     "指标：单节点写入≥500万点/秒，压缩比≥10:1，千万测点规模下聚合查询响应≤1 s。已在钢铁、电力企业部署，TRL 7。"),
    ("energy", "s20", "en", None, "Energy management and optimisation platform for factories",
     "Energy is the second largest cost in many plants after materials. We build a platform that meters "
     "electricity, gas, steam and compressed air down to the machine level, forecasts load, and optimises "
     "the schedule of chillers, compressors and on-site storage against time-of-use tariffs and rooftop "
     "solar output. Targets: 8 to 12 % lower energy cost, day-ahead load forecast error below 5 %, and "
     "carbon accounting reports that meet national standards. Deployed in four plants (TRL 7)."),
    ("olp", "s21", "zh", None, "焊接机器人离线编程与工艺仿真软件",
     "开发面向钢结构、工程机械焊接的机器人离线编程软件，导入三维模型后自动识别焊缝、生成焊接路径与焊枪姿态，"
     "并进行可达性、干涉与节拍仿真。目标：典型工件编程时间由4 h缩短至30 min，支持主流品牌机器人后置代码输出。"
     "已有用户试用，TRL 6。"),

    # --- same-organisation near-duplicates --------------------------------------------------------
    ("mes_a", "s22", "en", "s_mes", "Manufacturing execution system for electronics assembly plants",
     "We build a manufacturing execution system for SMT and final assembly lines: work order dispatch, "
     "material tracking at the reel level, machine data collection, quality records and full traceability "
     "from component lot to finished unit. Targets: traceability query for any serial number in under 3 s, "
     "automatic feeder verification that prevents wrong-part mounting, and integration with ERP and the main "
     "pick-and-place brands. Deployed in two of our customers' plants (TRL 7)."),
    ("mes_b", "s22", "zh", "s_mes", "电子组装行业制造执行系统（MES）",
     "为SMT贴片与整机组装产线开发制造执行系统，包括工单派工、料盘级物料追踪、设备数据采集、质量记录，"
     "实现从元器件批次到成品序列号的全程追溯。指标：任意序列号追溯查询≤3 s，上料防错杜绝错料贴装，"
     "与ERP及主流贴片机品牌对接。已在两家客户工厂上线，TRL 7。"),
]

HN = [
    ("wt_a", "cnc", "predictive maintenance of a different asset: wind-turbine gearbox vs CNC spindle"),
    ("wt_b", "rd", "predictive maintenance of a different asset: wind-turbine gearbox vs robot gearbox"),
    ("cnc", "rd", "predictive maintenance of a different asset: CNC spindle vs robot gearbox"),
    ("sdi_b", "aoi", "deep-learning visual inspection of a different product: steel strip vs PCB"),
    ("fea_a", "cad", "engineering software: FEA solver vs CAD geometric kernel"),
    ("splc_a", "plcg_a", "PLC software: runtime vs LLM code generation"),
    ("plcg_b", "pat", "LLM applications: PLC code generation vs patent analysis"),
    ("aps_a", "mes_a", "factory software: scheduling vs MES"),
    ("olp", "ws", "welding robots: offline programming vs seam-tracking sensor"),
    ("tsdb", "energy", "factory data: time-series database vs energy optimisation"),
]
