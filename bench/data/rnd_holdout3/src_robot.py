# Robotics projects, hand-written for rnd_holdout3.
# Each entry: (key, org, lang, cluster, title, text). Projects that share a cluster name have the
# same technical objective; cluster None = no overlap partner in the set. Hard negatives: HN.

P = [
    # --- cluster rv: precision RV / cycloid reducer for industrial robot joints -----------------
    ("rv_a", "r1", "zh", "rv", "工业机器人用高精度RV减速器研制",
     "面向20–210 kg级六轴工业机器人的腰部、大臂关节，自主研制RV减速器样机。技术路线：摆线轮采用修形齿廓，"
     "并对成形磨齿工艺进行优化；曲柄轴配套专用滚针轴承；整机经跑合后进行回差补偿与分组装配。"
     "目标：背隙≤1 arcmin，额定输出扭矩1000 N·m，扭转刚度≥200 N·m/arcmin，额定寿命≥6000 h。"
     "目前处于样机台架验证阶段（TRL 5）。"),
    ("rv_b", "r2", "zh", "rv", "摆线针轮精密减速机国产化替代",
     "国内机器人整机厂关节用精密减速机长期依赖进口，交期长、价格高。本项目开发二级传动（渐开线行星+摆线针轮）"
     "精密减速机系列，覆盖20E至110E等效规格。重点攻关针齿壳加工一致性、摆线盘热处理变形控制和批量装配检测。"
     "指标：空程≤60弧秒，传动效率≥80%，连续运行寿命不低于6000小时。已完成三款规格试制，计划明年小批量装机。"),
    ("rv_c", "r3", "en", "rv", "Cycloidal precision gearbox for heavy-payload robot axes",
     "We are developing a two-stage cycloidal drive, with a planetary input stage followed by a cycloid-pin output "
     "stage, to replace imported gearboxes in the base, shoulder and elbow axes of six-axis arms carrying 50 to "
     "165 kg. The technical route covers a modified cycloid disc profile that balances lost motion against "
     "load sharing among the pins, precision grinding of the pin housing, and an in-house end-of-line test of "
     "hysteresis and torsional stiffness for every unit. Targets: lost motion below 1 arc-minute, torsional "
     "rigidity of at least 180 Nm/arcmin, efficiency above 80 % and a rated life of 6,000 hours at rated "
     "torque. Stage: second prototype batch on the test bench, TRL 5."),

    # --- cluster hd: harmonic reducer tooth-profile design for cobot joints -----------------------
    ("hd_a", "r4", "zh", "hd", "协作机器人谐波减速器双圆弧齿形设计与样机",
     "围绕协作机器人关节对小型化、高精度的要求，开发杯型柔轮谐波减速器。采用双圆弧公切线齿形，结合柔轮变形"
     "有限元分析优化啮合区，提高同时啮合齿数；柔轮材料选用40CrNiMoA并做喷丸强化。目标：传动误差≤30 arcsec，"
     "背隙≤20 arcsec，额定转矩下寿命≥10000 h，规格覆盖14–32型。目前完成齿形设计与首批样件，处于TRL 4。"),
    ("hd_b", "r5", "en", "hd", "Strain-wave gear family for collaborative robot joints",
     "A compact strain-wave gearset family, sizes 14 to 32, for the joints of collaborative arms with 3 to 16 kg "
     "payload. Our approach starts from a new tooth geometry: an S-shaped profile derived from the conjugate "
     "motion of the deformed flexible spline, so that more teeth share the load and the bending stress at the "
     "tooth root drops. Prototypes will be verified for angular transmission accuracy within 0.5 arcmin, "
     "hysteresis loss below 20 arcsec and 10,000 hours of operation at rated torque. We also want a ratcheting "
     "torque at least 30 % higher than our current product. The work is at laboratory prototype level (TRL 4), "
     "with small-batch supply planned in 18 months."),

    # --- cluster jm: integrated cobot joint module -------------------------------------------------
    ("jm_a", "r6", "zh", "jm", "协作机器人一体化关节模组",
     "开发集成无框力矩电机、谐波减速器、双编码器、扭矩传感器和驱动器的中空一体化关节，用于6–12 kg负载协作机器人。"
     "路线：驱动器与电机同轴集成，采用双端绝对值编码器实现输出端位置闭环，关节扭矩传感器用于碰撞检测与力控。"
     "目标：峰值扭矩≥120 N·m，重复定位精度±0.01°，中空孔径≥20 mm，关节质量≤2.2 kg。TRL 6，已在两台样机上联调。"),
    ("jm_b", "r7", "en", "jm", "All-in-one actuators for cobot arms",
     "This project builds a family of integrated actuators, with motor, gear, sensing and drive electronics in "
     "one housing, that a cobot maker can bolt together into a six-axis arm. Each unit combines a frameless "
     "torque motor, a strain-wave reducer, absolute encoders on both the motor and the output side and a "
     "strain-gauge torque sensor, with an EtherCAT drive board inside the housing and a through-bore for "
     "cables. Specifications for the mid-size unit: peak output torque 110 to 130 Nm, output repeatability "
     "0.01 degrees, through-hole diameter 22 mm, mass under 2.3 kg. We have finished the design review and are "
     "assembling the first ten units (TRL 5)."),
    ("jm_c", "r8", "zh", "jm", "协作臂用模块化关节执行器研发",
     "本项目面向自研协作机械臂，开发可复用的模块化关节执行器：一个壳体内集成电机、减速、传感与伺服驱动，"
     "走线采用中空设计，各轴只需更换尺寸即可组成整臂。关键技术包括输出端绝对位置检测、基于关节力矩的碰撞检测"
     "（响应≤10 ms）以及驱动板散热。指标：10 kg臂型对应关节峰值力矩约120 N·m，整臂重复定位±0.02 mm。"
     "处于原理样机阶段，TRL 4。"),

    # --- cluster bp: 3D-vision bin picking ---------------------------------------------------------
    ("bp_a", "r9", "en", "bp", "3D vision for random bin picking of metal parts",
     "Automotive parts suppliers still load machine tools by hand because castings and forgings arrive jumbled "
     "in bins. We are developing a bin-picking cell: a blue-light structured-light camera, point-cloud "
     "segmentation with a learned pose estimator trained on synthetic CAD renderings, grasp planning with "
     "collision checks against the bin walls, and automatic generation of the robot program. Targets: picking "
     "success above 99 % on shiny machined parts, cycle time under 6 seconds per part, pose error below 0.5 mm, "
     "and teach-in of a new part from its CAD file in less than 30 minutes. A pilot cell runs at one customer "
     "(TRL 6)."),
    ("bp_b", "r10", "zh", "bp", "无序分拣三维视觉引导系统",
     "针对料框内杂乱堆叠的金属冲压件、铸件上下料，研制3D视觉引导机器人抓取系统。采用双目结构光相机获取点云，"
     "基于模板匹配与深度学习的位姿估计，结合抓取点规划和防碰撞路径规划。指标：抓取成功率≥99.5%，"
     "单次节拍≤5 s，定位误差≤±0.3 mm，适应高反光表面。目前在实验室完成多种零件测试，准备进入产线试点（TRL 5）。"),

    # --- cluster sv: low-voltage servo drive for mobile / collaborative robots --------------------
    ("sv_a", "r11", "zh", "sv", "低压大电流EtherCAT伺服驱动器",
     "面向移动机器人和协作机器人，开发48 V直流供电的低压伺服驱动器。功率级采用GaN器件以减小体积，"
     "FPGA实现电流环，支持EtherCAT总线和CiA402协议。指标：连续电流30 A、峰值90 A，电流环带宽≥3 kHz，"
     "体积≤80×50×20 mm，支持STO安全转矩关断。当前处于工程样机测试，TRL 6。"),
    ("sv_b", "r12", "en", "sv", "Compact DC servo amplifier for mobile and collaborative robots",
     "Battery-powered robots need servo amplifiers that run from a 24 to 60 V DC bus and still deliver high peak "
     "current in a small volume. We are developing a board-level amplifier with gallium-nitride half-bridges, "
     "an FPGA-based current loop, field-bus control over EtherCAT with the CiA 402 drive profile, and Safe "
     "Torque Off. Targets: 25 to 35 A continuous and three times that as peak for 2 s, current-loop bandwidth of "
     "3 kHz or more, and a footprint small enough to sit inside the hub of an AGV drive wheel. Engineering "
     "samples are being tested with two AGV makers (TRL 6)."),

    # --- cluster gr: constant-force robotic grinding of castings ----------------------------------
    ("gr_a", "r13", "en", "gr", "Force-controlled robotic fettling of cast aluminium housings",
     "Manual fettling of castings is dusty, tiring and inconsistent. We want a robot cell that removes gates, "
     "flash and parting lines from cast aluminium gearbox housings while holding a constant contact force. "
     "Route: an active pneumatic compliance flange with its own force loop, a 3D scan of each casting so that "
     "the path follows the real part rather than the CAD model, and a process database linking force, feed "
     "and abrasive wear. Targets: contact force held within ±2 N over a 20 to 80 N range, removal consistency "
     "of ±0.1 mm, cycle time comparable to a skilled worker. Process trials on two housing types (TRL 5)."),
    ("gr_b", "r14", "zh", "gr", "铸件打磨机器人恒力控制工艺",
     "开发用于铸件去毛刺、浇冒口打磨的机器人系统。以主动柔顺恒力浮动装置为核心，配合线激光扫描获取工件实际"
     "轮廓并在线修正打磨轨迹，同时建立力—进给—磨具磨损工艺模型。指标：打磨接触力波动≤±1.5 N，"
     "去除量一致性≤0.15 mm，适用于铝、铁铸件。已完成原理验证，TRL 4。"),

    # --- singletons ---------------------------------------------------------------------------------
    ("ft", "r15", "zh", None, "六维力/力矩传感器研制",
     "研制用于机器人末端和关节的六维力/力矩传感器。采用十字梁弹性体结构与应变片全桥测量，配套温度漂移补偿"
     "与解耦标定算法。指标：Fx/Fy量程±500 N，Mz量程±20 N·m，非线性≤0.5% FS，串扰≤2% FS，过载能力300%。"
     "已完成弹性体设计和首轮标定，TRL 4。"),
    ("lt", "r16", "zh", None, "精密减速器综合性能与加速寿命试验台",
     "为机器人减速器厂和整机厂提供第三方检测能力，研制精密减速器加速寿命试验台。试验台可按实测载荷谱加载，"
     "在线测量回差、扭转刚度、传动误差和温升，并通过加速因子折算额定寿命。指标：加载扭矩0–2000 N·m，"
     "角度测量分辨率≤1 arcsec，可连续无人值守运行2000 h，兼容RV与谐波两类减速器。目前完成机械设计，TRL 3。"),
    ("ws", "r17", "en", None, "Laser-vision seam tracking for robotic arc welding",
     "Welding thick plate for construction machinery still needs manual touch-up because parts are cut and "
     "fitted with large tolerances. We develop a laser-line sensor mounted ahead of the torch, with image "
     "processing that is robust to arc light and spatter, which recognises V-groove, fillet and lap joints and "
     "corrects the robot path in real time. Targets: tracking accuracy of ±0.3 mm at 1.5 m/min travel speed, "
     "measurement of groove width and root gap to adapt the weaving amplitude, and a sensor housing that "
     "survives MAG welding above 300 A. The prototype has been tested on excavator boom welds (TRL 5)."),
    ("dh", "r18", "zh", None, "腱绳驱动仿人灵巧手",
     "面向人形机器人，研制腱绳驱动的五指灵巧手，手掌内集成微型电机与减速组件，指尖配置柔性触觉传感阵列，"
     "实现抓握力闭环。指标：主动自由度≥12，单指指尖力≥10 N，整手质量≤1 kg，抓握响应时间≤0.2 s。"
     "当前为实验室原型，TRL 3。"),
    ("rd", "r19", "en", None, "Gearbox condition monitoring for industrial robots without extra sensors",
     "Car body shops run hundreds of robots, and an unexpected RV gearbox failure stops the whole line. We build "
     "a monitoring service that uses only the motor current and encoder signals the robot controller already "
     "records, with no added accelerometers, to track gearbox wear, estimate remaining useful life and "
     "schedule replacement during planned downtime. Targets: detect a developing fault at least two weeks "
     "before failure, fewer than one false alarm per 100 robots per month, and no change to the robot "
     "program. The service is deployed on 40 robots at a pilot plant (TRL 6)."),
    ("es", "r20", "zh", None, "协作机器人电容式电子皮肤",
     "为协作机器人开发覆盖机械臂表面的电容式接近觉/触觉电子皮肤，实现人员接近时自动减速、接触时立即停机，"
     "提升人机共融作业安全性。指标：接近检测距离≥10 cm，响应时间≤20 ms，可贴合曲面，抗电磁干扰满足工业环境，"
     "单臂覆盖成本低于整机价格的5%。TRL 4。"),
    ("pal", "r23", "zh", None, "重载码垛机器人本体开发",
     "面向化肥、粮食、建材行业袋装与箱装物料码垛，开发四轴重载码垛机器人本体。采用平行四边形连杆结构，"
     "主轴配大规格RV减速机，控制系统内置垛型编辑与自动规划。指标：额定负载500 kg，码垛节拍≥1000次/小时，"
     "工作半径3.2 m，重复定位精度±0.5 mm。样机装配完成，TRL 6。"),
    ("mm", "r9", "en", None, "Mobile manipulator for laboratory sample handling",
     "Clinical and pharmaceutical laboratories move sample racks between analysers dozens of times per hour. We "
     "are building an autonomous mobile manipulator, a lidar-navigated base carrying a 5 kg cobot arm with a "
     "camera in the wrist, that docks at instruments, locates rack positions from fiducial markers and loads "
     "or unloads racks. Targets: placement accuracy of ±1 mm after docking, 20 rack transfers per hour, "
     "operation in corridors shared with staff, and integration with the laboratory information system "
     "through a standard interface. A demonstrator is running in a partner lab (TRL 5)."),

    # --- same-organisation near-duplicates (no other organisation works on these) -----------------
    ("pc_a", "r21", "zh", "s_pc", "城市燃气管道内检测爬行机器人",
     "研制可在DN300–DN600在役燃气管道内行走的履带式检测机器人，搭载高清摄像与漏磁检测模块，可通过90°弯头，"
     "带压作业无需停气。指标：单次作业距离≥1 km，可检出深度≥20%壁厚的金属损失，防爆等级Ex ib IIB T4。"
     "已完成样机，计划与燃气公司开展现场试验，TRL 5。"),
    ("pc_b", "r21", "en", "s_pc", "In-pipe inspection crawler for live urban gas mains",
     "A tracked crawler that enters live gas pipes of 300 to 600 mm diameter without interrupting supply, "
     "negotiates 90-degree bends and inspects the pipe wall with an HD camera and a magnetic flux leakage "
     "module. The tether carries power and data; the drive and sensors are in intrinsically safe enclosures. "
     "Targets: 1 km of pipe per deployment, detection of metal loss down to 20 % of wall thickness, explosion "
     "protection to Ex ib IIB T4. The prototype is finished and a field trial with a city gas utility is "
     "planned (TRL 5)."),
    ("am_a", "r22", "en", "s_am", "Fleet scheduling and traffic control for factory AMRs",
     "Factories that run more than fifty autonomous mobile robots see deadlocks and congestion at aisles and "
     "lifts. We develop fleet software that assigns transport orders, plans conflict-free routes on a shared "
     "map and manages traffic at intersections, doors and elevators. Targets: 200 robots on one site, order "
     "assignment within 1 second, deadlock-free operation over a 30-day run, and a VDA 5050 interface so "
     "that vehicles of different brands can share the floor. Currently deployed with 60 robots in one "
     "electronics plant (TRL 7)."),
    ("am_b", "r22", "en", "s_am", "Multi-brand AMR fleet manager, phase 2",
     "Second phase of our fleet management system for autonomous mobile robots in factories. The system "
     "allocates transport tasks, computes collision-free and deadlock-free routes over the site map and "
     "coordinates robots at crossings, fire doors and lifts. Phase 2 raises the scale from 60 to 200 vehicles "
     "per site, adds mixed fleets of different vendors through VDA 5050, and keeps task assignment below one "
     "second. A 30-day continuous run without deadlock is the acceptance test (TRL 7)."),
]

HN = [
    ("lt", "hd_a", "same component, different objective: reducer life-test rig vs reducer tooth-profile design"),
    ("lt", "rv_b", "test rig vs reducer product development"),
    ("rd", "rv_a", "condition monitoring of RV gearboxes vs designing an RV gearbox"),
    ("hd_b", "rv_c", "harmonic (strain-wave) reducer vs cycloid reducer: different product"),
    ("jm_a", "hd_a", "integrated joint module vs the harmonic reducer inside it"),
    ("jm_b", "sv_b", "joint actuator with built-in drive vs stand-alone low-voltage servo amplifier"),
    ("ws", "bp_b", "robot vision: weld seam tracking vs bin picking"),
    ("ft", "gr_a", "force sensor product vs force-controlled grinding process"),
    ("es", "jm_c", "cobot collision safety: electronic skin vs joint module with torque-based collision detection"),
    ("pal", "rv_b", "palletizing robot using an RV reducer vs developing the reducer"),
    ("mm", "am_a", "mobile robots: lab mobile manipulator vs factory AMR fleet software"),
    ("dh", "jm_b", "humanoid hand vs cobot joint actuator"),
]
