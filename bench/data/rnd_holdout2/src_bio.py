"""Biomedicine and medical devices (hand-written; see README)."""

P = [
    # G10 CAR-T manufacturing automation (pair zh, en)
    ("bm01", "o36", "zh", "CAR-T细胞自动化封闭式生产工艺",
     "针对CAR-T细胞制备依赖人工开放操作、批间差异大、成本高的问题，开发一体化封闭式自动化制备系统，"
     "覆盖T细胞分选、激活、慢病毒转导、扩增和制剂灌装，单批次人工操作时间减少70%，生产周期缩短至7天，"
     "单份成本下降40%以上，符合GMP要求。", "G10", None),
    ("bm02", "o37", "en", "Automated closed-system manufacturing of CAR-T cells",
     "Current autologous CAR-T production is manual, done in open steps in grade A cleanrooms, and costs "
     "too much. We will integrate selection, activation, transduction, expansion and fill-finish into a "
     "closed, automated workflow with electronic batch records. Targets: hands-on time cut by about 70 %, "
     "vein-to-vein manufacturing in 7 days, cost of goods reduced by over 40 %, comparable CAR "
     "expression and viability to the manual process.", "G10", None),
    # G11 CD19/CD22 bispecific CAR-T clinical trial in r/r B-ALL (pair zh, zh)
    ("bm03", "o38", "zh", "CD19/CD22双靶点CAR-T治疗复发难治B-ALL临床研究",
     "开展CD19/CD22双特异性CAR-T细胞治疗复发/难治性B细胞急性淋巴细胞白血病的I/II期临床试验，"
     "计划入组60例，主要终点为3个月完全缓解率，次要终点包括无复发生存期与细胞因子释放综合征发生率，"
     "以降低单靶点治疗后的抗原逃逸复发。", "G11", "bm01"),
    ("bm04", "o39", "zh", "双靶向嵌合抗原受体T细胞用于难治性急淋白血病的临床试验",
     "本研究评价同时靶向CD19与CD22的CAR-T产品在复发或难治急性B淋巴细胞白血病患者中的安全性与有效性，"
     "多中心、单臂设计，拟纳入约六十名受试者，观察治疗后第90天CR/CRi比例、CRS及神经毒性等不良事件，"
     "重点解决CD19阴性复发问题。", "G11", "bm02"),
    ("bm05", "o36", "en", "Target discovery for CAR-T in solid tumours",
     "Screening tumour-specific surface antigens for gastric and pancreatic cancer using single-cell "
     "sequencing and proteomics, then building armoured CAR constructs that resist the immunosuppressive "
     "microenvironment. Preclinical proof of concept in xenograft models within two years.", None, "bm01"),
    ("bm06", "o40", "zh", "CAR-T用慢病毒载体规模化生产",
     "建立悬浮HEK293细胞无血清培养的慢病毒载体生产工艺，50 L生物反应器规模，功能滴度≥1×10⁸ TU/mL，"
     "纯化回收率提升至40%，满足CAR-T临床及商业化供应。", None, "bm02"),
    # G12 CHO high-titer cell line platform (pair en, en)
    ("bm07", "o41", "en", "High-expression CHO cell line development platform",
     "Build an in-house CHO-K1 glutamine-synthetase knockout platform for monoclonal antibody production: "
     "targeted integration into a hot-spot locus, high-throughput clone screening with imaging-based "
     "monoclonality assurance, and a chemically defined fed-batch process. Target titre ≥5 g/L in 14 days; "
     "cell line development in under 4 months.", "G12", None),
    ("bm08", "o42", "en", "Fast, high-yield Chinese hamster ovary cell line construction",
     "Antibody sponsors wait too long for production clones. Our project shortens cell line construction "
     "to about 16 weeks by site-specific integration in a GS-null CHO host and automated single-cell "
     "cloning with day-0 imaging. Success criterion: fed-batch expression above 5 grams per litre with "
     "stable productivity over 60 generations.", "G12", None),
    ("bm09", "o41", "en", "Continuous perfusion process for antibody production",
     "Intensified upstream using ATF perfusion at 2,000 L to reach volumetric productivity 3x a fed-batch "
     "process for an existing biosimilar, plus connected capture chromatography.", None, "bm07"),
    # G13 site-specific ADC conjugation (pair zh, en)
    ("bm10", "o43", "zh", "定点偶联抗体偶联药物技术平台",
     "开发基于酶催化的抗体定点偶联技术，获得药物抗体比（DAR）均一为4的ADC，偶联效率>95%，"
     "提高血浆稳定性，降低脱靶毒性，适配拓扑异构酶I抑制剂类载荷。", "G13", None),
    ("bm11", "o44", "en", "Homogeneous ADCs through site-specific conjugation",
     "Random cysteine or lysine conjugation gives heterogeneous antibody–drug conjugates with variable "
     "DAR. We engineer an enzymatic, site-specific ligation method that yields DAR 4 in over 95 % of "
     "molecules, improving plasma stability and therapeutic window, with topoisomerase-I inhibitor "
     "payloads as the first application.", "G13", None),
    ("bm12", "o43", "zh", "HER2靶向ADC药物临床前研究",
     "完成HER2靶向ADC候选分子的药效、药代和GLP毒理研究，提交IND申请，适应症为HER2低表达乳腺癌。",
     None, "bm10"),
    ("bm13", "o45", "en", "PD-1/VEGF bispecific antibody",
     "A tetravalent PD-1 × VEGF bispecific antibody for first-line NSCLC. The project covers molecule "
     "optimisation for cooperative binding, CMC development and a Phase I dose-escalation trial.",
     None, "bm11"),
    # G27 14-day CGM (trio zh, en, en)
    ("md01", "o46", "zh", "14天免校准连续血糖监测系统",
     "研发基于葡萄糖氧化酶第三代电化学传感器的连续血糖监测（CGM）产品，佩戴14天、免指血校准，"
     "MARD≤9%，蓝牙直连手机，完成注册检验与临床试验，取得三类医疗器械注册证。", "G27", None),
    ("md02", "o47", "en", "Factory-calibrated continuous glucose monitor",
     "A wearable CGM with an enzyme-based subcutaneous electrode that needs no fingerstick calibration "
     "over a 14-day wear period. Accuracy goal MARD under 9 %. Smartphone app over BLE. The project "
     "runs through clinical evaluation to NMPA Class III approval.", "G27", None),
    ("md03", "o48", "en", "Two-week glucose sensor with improved accuracy",
     "Our minimally invasive glucose sensor uses a redox-mediator-free enzyme electrode and a "
     "manufacturing-level calibration algorithm, so diabetics can wear it for 14 days without "
     "finger-prick calibration. Accuracy in clinical study: mean absolute relative difference of 9 % or "
     "better.", "G27", None),
    ("md04", "o46", "zh", "胰岛素贴敷泵",
     "开发无管路贴敷式胰岛素泵，最小输注量0.05 U，续航3天，与CGM配合实现闭环给药的前期研究。", None, "md01"),
    ("md05", "o49", "en", "Non-invasive glucose estimation by near-infrared spectroscopy",
     "Research on optical, needle-free glucose estimation on the wrist with NIR spectroscopy and machine "
     "learning; feasibility study only, accuracy target MARD 15 %.", None, "md02"),
    # G26 orthopaedic knee replacement surgical robot (pair zh, en)
    ("md06", "o50", "zh", "膝关节置换手术机器人",
     "研制用于全膝关节置换术的手术机器人系统，基于术前CT三维规划、术中光学导航与机械臂截骨限位，"
     "截骨精度≤1 mm、角度误差≤1°，开展多中心临床试验并申报注册。", "G26", None),
    ("md07", "o51", "en", "Robot-assisted total knee arthroplasty system",
     "Robotic arm with optical tracking that executes the bone cuts planned on the patient's CT model in "
     "total knee arthroplasty, with haptic boundaries keeping the saw inside the plan. Accuracy: cut "
     "position within 1 mm and alignment within 1 degree. Multicentre trial and NMPA registration.",
     "G26", None),
    ("md08", "o50", "zh", "3D打印多孔钛合金骨科植入物",
     "采用电子束熔融成形多孔钛合金髋臼杯，孔隙率60%~70%，促进骨长入，完成力学与动物实验。", None, "md06"),
    ("md09", "o52", "en", "Laparoscopic surgical robot with force feedback",
     "Multi-port laparoscopic robot whose instruments sense tool–tissue force and render it to the "
     "surgeon console; force resolution 0.1 N, for urology and gynaecology.", None, "md07"),
    # G28 AI lung nodule CT detection (pair zh, zh)
    ("md10", "o53", "zh", "肺结节CT影像智能辅助诊断软件",
     "基于深度学习的胸部CT肺结节检测与良恶性分析软件，对≥4 mm结节检出敏感度≥95%，每例假阳性≤1个，"
     "可自动测量结节体积与随访对比，申报三类医疗器械。", "G28", None),
    ("md11", "o54", "zh", "胸部薄层CT肺部小结节AI筛查系统",
     "利用卷积神经网络对低剂量薄层CT进行肺部小结节自动检出、分割和恶性风险评估，"
     "四毫米以上结节灵敏度达到95%以上，平均每例误报不超过一个，并支持随访体积倍增时间计算，用于肺癌早筛。",
     "G28", None),
    ("md12", "o53", "zh", "冠脉CTA智能后处理",
     "自动完成冠状动脉CTA的血管中心线提取、斑块识别与狭窄程度评估，后处理时间由30分钟缩短到3分钟。",
     None, "md10"),
    # G35 single-use endoscope (pair zh, zh)
    ("md13", "o55", "zh", "一次性电子输尿管软镜",
     "开发一次性使用电子输尿管软镜，头端外径≤2.8 mm（8.4 Fr），前端集成CMOS图像传感器，双向弯曲≥270°，"
     "避免交叉感染与复用消毒成本。", "G35", None),
    ("md14", "o56", "zh", "可抛弃式数字化输尿管镜研发",
     "研制一次性数字输尿管镜：镜体末端直径8.4Fr左右，采用微型CMOS芯片成像，主动弯曲角度上下各不小于270度，"
     "单次使用后废弃，省去重复清洗灭菌并降低院感风险，配套便携式图像处理主机。", "G35", None),
    ("md15", "o55", "zh", "可重复使用电子胃镜",
     "研发高清电子胃镜，支持窄带成像与光学放大，分辨率1080P，插入部外径9.2 mm，实现进口替代。", None, "md13"),
]
