"""Builds the paraphrase probe set (projects.jsonl, gold.csv, hard_negatives.csv) from CLUSTERS below.

Written by hand by the rnd5 helper before any engine change of that round (see README.md). Each cluster is
two projects of different organisations with one technical objective, worded differently (the failure kind
under study: same-language paraphrases and activity synonyms), and one hard negative: the same component or
field, a different objective. Clusters alternate between the `dev` and `test` splits. Deterministic.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

HERE = Path(__file__).parent

# (a, b, negative), each (lang, title, text). Gold: a–b. Hard negatives: neg–a and neg–b.
CLUSTERS: list[tuple[tuple[str, str, str], tuple[str, str, str], tuple[str, str, str]]] = [
    (  # 1 zh-zh: fault prediction / predictive maintenance
        ("zh", "工业机器人减速器故障预测方法",
         "采集机器人关节减速器的振动与电机电流信号，构建深度学习模型，提前72小时预测减速器失效，预测准确率不低于90%。"),
        ("zh", "机器人关节预测性维护系统",
         "面向汽车焊装线上的六轴机器人，通过监测关节部位的振动频谱和驱动电流变化，判断减速器的退化趋势，在故障发生前3天给出维护提示，准确率≥90%。"),
        ("zh", "机器人谐波减速器长寿命润滑脂",
         "开发适用于谐波减速器柔轮与波发生器的合成润滑脂，在-20~80 ℃范围内保持稳定黏度，使减速器换脂周期延长至20000小时。"),
    ),
    (  # 2 en-en: predictive maintenance / failure early warning
        ("en", "Predictive maintenance of CNC machining-centre spindles",
         "Vibration and temperature sensors on spindle housings feed a remaining-useful-life model, so that bearing failures are flagged at least 48 hours before they stop the machine; target precision 90 %."),
        ("en", "Early warning of spindle bearing failure in machining centres",
         "We will learn from accelerometer and thermocouple data recorded on high-speed spindles to forecast when the bearings will fail, two days ahead, and schedule the replacement during planned downtime."),
        ("en", "High-speed motorised spindle with hybrid ceramic bearings",
         "Design a 24,000 rpm motorised spindle for aluminium machining: hybrid ceramic angular-contact bearings, oil-air lubrication and a rotor balanced to G1.0."),
    ),
    (  # 3 zh-zh: defect detection / blemish recognition
        ("zh", "锂电池极片表面缺陷在线检测",
         "在涂布机出口布置线阵相机，基于卷积神经网络识别极片上的露箔、划痕、气泡、颗粒等缺陷，检出率≥99%，误报率≤0.5%，线速度80 m/min。"),
        ("zh", "涂布工序瑕疵智能识别系统",
         "针对动力电池阴阳极涂布后的外观问题（漏涂、划伤、凹坑、异物），用工业相机加AI算法实时判别，漏检率低于1%，适配每分钟80米的走带速度。"),
        ("zh", "锂电池极片涂布面密度闭环控制",
         "开发挤压式涂布模头及β射线测厚反馈的面密度闭环调节，使极片面密度偏差≤±1%，提高涂布一致性。"),
    ),
    (  # 4 zh-zh: low-Pt MEA / Pt reduction in the catalyst layer
        ("zh", "低铂载量燃料电池膜电极开发",
         "降低质子交换膜燃料电池膜电极的铂用量，阴极铂载量降至0.2 mg/cm²以下，额定功率密度≥1.2 W/cm²。"),
        ("zh", "氢燃料电池催化层减铂技术",
         "通过高分散铂钴合金催化剂与有序化催化层结构，在保持单电池1.2 W/cm²输出的前提下，把贵金属用量减少到每平方厘米0.2毫克。"),
        ("zh", "燃料电池膜电极加速衰减测试规程",
         "建立膜电极耐久性加速试验方法，包括干湿循环、开路电压保持和电位循环工况，用500小时台架试验评估膜电极寿命。"),
    ),
    (  # 5 zh-en: sensorless collision detection
        ("zh", "协作机器人无力矩传感器碰撞检测",
         "仅利用关节电机电流和编码器信息，基于动力学模型估计外力，实现人机碰撞检测，检测时间≤10 ms，无需额外力矩传感器。"),
        ("en", "Sensorless collision detection for collaborative robots",
         "Detect contact between a cobot and a person from motor currents and joint positions alone, using a dynamic-model observer of external torque; reaction within 10 ms and no joint torque sensors."),
        ("en", "Joint torque sensor for collaborative robots",
         "Develop a strain-gauge torque sensor built into the cobot joint, range ±150 Nm, nonlinearity ≤ 0.1 % FS, for force control and hand guiding."),
    ),
    (  # 6 zh-zh: drone infrared inspection of PV plants
        ("zh", "光伏电站无人机红外巡检",
         "利用无人机搭载红外热像仪巡检大型地面电站，自动识别热斑、二极管失效等组件故障，单日巡检100 MW，识别准确率≥95%。"),
        ("zh", "基于航拍热成像的光伏组件故障诊断",
         "通过多旋翼飞行器拍摄光伏阵列热图像，用目标检测网络定位异常发热的电池片和接线盒，每天覆盖百兆瓦级电站，正确率95%以上。"),
        ("zh", "山地光伏电站组件清洗机器人",
         "研制可跨排行走的光伏板自动清洁机器人，适应15°坡度，无水毛刷清扫，每台每天清洗2 MW组件。"),
    ),
    (  # 7 en-en: hard carbon from biomass
        ("en", "Biomass-derived hard carbon anodes for sodium-ion batteries",
         "Convert coconut shell into hard carbon by pre-oxidation and carbonisation at 1,300 °C; reversible capacity ≥ 320 mAh/g and first-cycle efficiency ≥ 88 %."),
        ("en", "Low-cost hard carbon from agricultural waste for Na-ion cells",
         "Turn nut shells and straw into a disordered carbon negative electrode, aiming at 320 mAh/g and an initial coulombic efficiency of at least 88 percent, at a cost below 5 USD/kg."),
        ("en", "Pre-sodiation additive for hard carbon cells",
         "A sacrificial cathode additive (Na2C4O4) releases sodium during formation to make up for the sodium lost on the hard carbon anode in the first cycle, raising cell energy by 10 %."),
    ),
    (  # 8 zh-zh: maintenance Q&A LLM / repair knowledge assistant
        ("zh", "面向设备维修的工业知识问答大模型",
         "整合设备手册、维修工单与故障案例，微调开源大语言模型，为现场维修工程师提供故障原因和处置步骤问答，回答准确率≥85%。"),
        ("zh", "检修知识智能助手",
         "把历年检修记录、说明书和专家经验整理成知识库，结合检索增强生成技术，让一线技师用自然语言查询排故方法，正确率达到85%。"),
        ("zh", "设备维修AR远程协助眼镜",
         "研制轻量化增强现实眼镜，现场人员佩戴后与后方专家共享第一视角画面，专家可在画面上标注指引，端到端时延≤200 ms。"),
    ),
    (  # 9 en-zh: driverless mining trucks
        ("en", "Driverless haulage trucks for open-pit mines",
         "Retrofit 100-tonne mining trucks for unmanned operation: loading, hauling and dumping without a driver on board, fleet of 20 trucks, availability above 90 %."),
        ("zh", "露天矿无人驾驶矿卡",
         "对百吨级矿用卡车进行线控改造和自动驾驶系统开发，实现装载、运输、卸料全流程无人化，编组20台，出勤率≥90%。"),
        ("zh", "百吨级矿用卡车纯电动化与换电",
         "开发百吨级矿卡的纯电驱动系统和重载换电站，电池容量600 kWh，换电时间≤6分钟，替代柴油动力。"),
    ),
    (  # 10 zh-zh: TCM granules fingerprint / batch consistency
        ("zh", "中药配方颗粒指纹图谱质量控制",
         "建立30种常用中药配方颗粒的HPLC特征图谱，相似度≥0.90，用于批间一致性评价。"),
        ("zh", "中药颗粒剂批次一致性评价方法",
         "以高效液相色谱特征峰为依据，对常用的30个品种配方颗粒开展批与批之间质量一致性判定，相似度不低于0.9。"),
        ("zh", "中药配方颗粒干法制粒工艺",
         "开发不加或少加辅料的干法制粒工艺与设备参数，成型率≥85%，颗粒溶化性符合药典要求。"),
    ),
    (  # 11 en-en: ML closed-loop injection moulding
        ("en", "Closed-loop process control for injection moulding using machine learning",
         "Learn the relation between melt temperature, holding pressure and part weight from sensor data and correct the settings shot by shot, so that part weight varies by less than 0.3 %."),
        ("en", "Self-adjusting injection moulding machine",
         "An AI controller reads cavity pressure and melt temperature in every cycle and tunes holding pressure automatically to keep moulded parts within ±0.3 % weight, cutting scrap by half."),
        ("en", "Injection mould design for thin-wall medical parts",
         "Design hot-runner moulds for 0.4 mm thin-wall syringe barrels: gate layout, conformal cooling channels and venting, 48 cavities, cycle time 6 s."),
    ),
    (  # 12 zh-zh: rice pest and disease recognition
        ("zh", "水稻病虫害图像识别",
         "基于手机拍摄的叶片和稻穗照片，利用深度学习识别稻瘟病、纹枯病、稻飞虱等20种病虫害，识别准确率≥92%。"),
        ("zh", "稻田病害虫智能诊断App",
         "农户用智能手机拍照上传，系统自动判断水稻得了哪种病或遭了哪种虫害，覆盖常见二十类，正确率92%以上，并给出防治建议。"),
        ("zh", "水稻植保无人机变量施药",
         "开发根据处方图变量喷洒的植保无人机，单架次作业40亩，农药用量减少20%，雾滴飘移降低30%。"),
    ),
    (  # 13 en-zh: ECG patch for AF screening
        ("en", "Single-lead ECG patch for atrial fibrillation screening",
         "A 14-day adhesive patch records single-lead ECG; an on-device algorithm flags atrial fibrillation with sensitivity ≥ 95 % and specificity ≥ 95 %."),
        ("zh", "可穿戴心电贴房颤筛查",
         "研制可连续佩戴14天的单导联心电贴片，内置算法自动识别心房颤动，灵敏度和特异度均不低于95%。"),
        ("zh", "房颤压力感知射频消融导管",
         "开发带接触压力传感的射频消融导管，用于心房颤动肺静脉隔离手术，压力测量精度±2 g，术后12个月无复发率≥80%。"),
    ),
    (  # 14 zh-zh: CO2 heat pump for EV winter range
        ("zh", "电动汽车低温热泵空调系统",
         "采用R744（CO2）冷媒热泵，在-20 ℃环境下制热COP≥2.0，提升冬季续航15%。"),
        ("zh", "纯电车寒冷地区采暖能效提升",
         "以二氧化碳为工质的热泵系统替代PTC加热器，零下二十度时能效比达到2，冬季行驶里程增加约15%。"),
        ("zh", "电动汽车热泵空调压缩机降噪",
         "针对电动涡旋压缩机的高频啸叫，优化涡旋型线与悬置结构，使车内压缩机噪声降低5 dB(A)。"),
    ),
    (  # 15 en-en: particle inspection of vials
        ("en", "Automatic particle inspection of injectable vials",
         "Machine-vision station that spins filled vials and detects visible particles, cracks and fill-level errors at 300 vials per minute, with a detection rate ≥ 95 % against the manual inspection standard."),
        ("en", "Camera-based foreign matter detection for parenteral containers",
         "Replace manual light-box checking of ampoules and vials by high-speed cameras and deep learning that find floating fibres, glass fragments and defects; throughput 300 per minute, at least as sensitive as trained inspectors (95 %)."),
        ("en", "Vial filling line in an isolator with robotic handling",
         "Aseptic filling of vials inside a closed isolator, with a six-axis robot replacing operators, 120 vials per minute and grade A conditions throughout."),
    ),
    (  # 16 zh-en: type IV hydrogen cylinder
        ("zh", "70MPa IV型储氢瓶",
         "研制塑料内胆碳纤维全缠绕IV型储氢气瓶，公称工作压力70 MPa，质量储氢密度≥5.5 wt%，循环寿命≥15000次。"),
        ("en", "Type IV hydrogen cylinder for fuel-cell trucks",
         "Polymer-lined, fully carbon-fibre-wrapped tank for 70 MPa storage, gravimetric density of at least 5.5 wt% and 15,000 filling cycles."),
        ("en", "90 MPa diaphragm compressor for hydrogen refuelling stations",
         "A diaphragm compressor that delivers hydrogen at 90 MPa for 70 MPa vehicle filling, 500 kg per day, with diaphragm life of 5,000 hours."),
    ),
    (  # 17 zh-zh: gas pipeline leak monitoring
        ("zh", "城镇燃气管道泄漏监测预警",
         "在中压燃气管网布设激光甲烷传感器和压力监测点，结合管网水力模型定位泄漏点，定位误差≤50米，报警响应≤5分钟。"),
        ("zh", "天然气管线漏气快速发现与定位",
         "通过沿线甲烷浓度探头与压力数据分析，及时发现城市地下天然气管道的漏气并判断位置，偏差在50 m以内，5 min内告警。"),
        ("zh", "燃气管道非开挖内衬修复技术",
         "采用翻转内衬和紫外光固化软管对老旧铸铁燃气管道进行不开挖修复，修复后承压0.4 MPa，设计寿命50年。"),
    ),
    (  # 18 en-en: NIR hyperspectral plastic sorting
        ("en", "Hyperspectral sorting of mixed plastic waste",
         "Near-infrared hyperspectral cameras over a conveyor identify PET, PE, PP and PS flakes and air jets separate them, with purity ≥ 98 % at 2 t/h."),
        ("en", "Automated polymer identification and separation line for recycling",
         "A recycling plant line that recognises the resin type of each piece of post-consumer packaging from its NIR spectrum and blows it into the right bin, 2 tonnes an hour, output purity of 98 percent or better."),
        ("en", "Chemical recycling of PET by glycolysis",
         "Depolymerise coloured PET bottles with ethylene glycol over a zinc catalyst to BHET monomer of 99.5 % purity for new bottle resin."),
    ),
    (  # 19 zh-zh: wind blade icing detection
        ("zh", "风电机组叶片覆冰检测",
         "通过叶片振动频率变化和气象数据，判断叶片是否结冰及覆冰程度，准确率≥90%，自动触发除冰或停机。"),
        ("zh", "寒冷地区风机桨叶结冰识别与预警",
         "利用安装在桨叶上的加速度传感器捕捉固有频率偏移，融合温湿度信息，识别冰层附着，正确率90%以上，并及时报警。"),
        ("zh", "风电叶片电加热除冰系统设计",
         "在叶片前缘铺设碳纤维电热膜，设计分区加热控制，使覆冰叶片在30分钟内脱冰，加热功率≤40 kW。"),
    ),
    (  # 20 en-zh: stroke rehabilitation exoskeleton
        ("en", "Lower-limb rehabilitation exoskeleton for stroke patients",
         "A powered hip-knee exoskeleton that helps hemiplegic patients relearn walking in hospital, with gait-phase detection from insole sensors and assistance torque up to 40 Nm per joint."),
        ("zh", "脑卒中下肢康复外骨骼机器人",
         "研制髋膝关节助力外骨骼，用于偏瘫患者步行康复训练，足底压力识别步态相位，单关节输出力矩最大40 N·m。"),
        ("zh", "偏瘫患者上肢镜像康复手套",
         "健侧手佩戴数据手套，患侧手由气动软体手套同步带动完成镜像训练，手指屈伸角度跟随误差≤5°。"),
    ),
    (  # 21 zh-zh: MicroLED mass transfer
        ("zh", "MicroLED巨量转移技术",
         "开发激光剥离加印章转移的MicroLED芯片巨量转移工艺，转移良率≥99.99%，单次转移数量≥1万颗。"),
        ("zh", "微米级LED芯片高效批量转印",
         "面向微显示，用弹性印章配合激光解键合把尺寸小于50微米的发光芯片成批搬到驱动背板上，一次一万颗以上，良率达到四个九。"),
        ("zh", "MicroLED量子点色转换全彩化",
         "在蓝光MicroLED阵列上喷墨打印红绿量子点色转换层，转换效率≥30%，实现全彩微显示。"),
    ),
    (  # 22 en-en: sepsis early prediction
        ("en", "Early warning of sepsis in intensive care",
         "A model on vital signs and lab values in the electronic record that predicts sepsis 6 hours before clinical recognition, AUROC ≥ 0.85, validated in three hospitals."),
        ("en", "ICU sepsis onset forecasting from EHR data",
         "Using routinely charted heart rate, temperature, lactate and white-cell counts, we will forecast septic deterioration six hours ahead with an area under the ROC curve of at least 0.85."),
        ("en", "Point-of-care procalcitonin test strip for sepsis",
         "A lateral-flow strip with a handheld reader that measures procalcitonin from a drop of blood in 15 minutes, detection limit 0.1 ng/mL."),
    ),
    (  # 23 zh-en: giga-casting rear underbody
        ("zh", "一体化压铸后地板",
         "采用9000吨级超大型压铸机，将车身后地板70余个冲焊件合并为一个免热处理铝合金压铸件，减重10%，制造时间缩短到2分钟内。"),
        ("en", "Giga-casting of the rear underbody in one piece",
         "Replace about seventy stamped and welded parts of the rear floor with a single casting from a 9,000-tonne press, using a heat-treatment-free aluminium alloy; 10 % lighter, cycle under two minutes."),
        ("en", "Heat-treatment-free die-casting aluminium alloy",
         "Develop an Al-Si-Mg-Mn alloy composition for large structural castings that reaches yield strength ≥ 130 MPa and elongation ≥ 10 % as cast, without solution treatment."),
    ),
    (  # 24 zh-zh: durability test / accelerated life evaluation of e-drive
        ("zh", "新能源汽车电驱动总成耐久性试验方法",
         "建立电驱动总成台架耐久考核规范，模拟用户30万公里使用工况，试验周期压缩至1500小时。"),
        ("zh", "电驱系统加速寿命评估",
         "通过载荷谱提取与等效损伤折算，在试验台上用1500 h完成相当于30万km的电驱动系统寿命验证。"),
        ("zh", "电驱动总成NVH优化设计",
         "针对电驱动总成的电磁噪声与齿轮啸叫，优化定子斜极和齿轮微观修形，使1米处噪声降低3 dB(A)。"),
    ),
    (  # 25 en-en: LLM-generated PLC code
        ("en", "Generating PLC code from natural language with a large language model",
         "Engineers describe control logic in plain words and the model writes IEC 61131-3 structured text that compiles and passes simulation tests in ≥ 80 % of tasks."),
        ("en", "LLM assistant that writes structured-text programs for industrial controllers",
         "Automatic programming of programmable logic controllers: a fine-tuned language model turns a requirement written by a technician into ST code; at least 80 % of generated programs should pass the test bench without edits."),
        ("en", "Intrusion detection for PLC networks",
         "Passive monitoring of Modbus and S7 traffic between engineering stations and controllers to detect unauthorised program downloads, with false alarms below one per week."),
    ),
    (  # 26 en-zh: biodegradable Mg bone screws
        ("en", "Biodegradable magnesium alloy bone screws",
         "Mg-Zn-Ca screws for fixing fractures that dissolve within 12–18 months; yield strength ≥ 200 MPa and corrosion rate ≤ 0.5 mm/year in simulated body fluid."),
        ("zh", "可降解镁合金骨钉",
         "研制Mg-Zn-Ca系骨折内固定螺钉，植入后12~18个月内逐步降解吸收，屈服强度≥200 MPa，模拟体液中腐蚀速率≤0.5 mm/a。"),
        ("zh", "可降解镁合金冠脉支架",
         "开发表面载药涂层的镁合金冠状动脉支架，支撑力维持6个月，12个月内完全降解，晚期管腔丢失≤0.3 mm。"),
    ),
    (  # 27 zh-zh: hotline ticket routing
        ("zh", "12345热线工单智能分派",
         "利用自然语言处理对市民诉求工单进行分类，自动派发到对应承办部门，分派准确率≥90%，平均派单时间由10分钟降到1分钟。"),
        ("zh", "市民来电诉求自动流转",
         "对政务服务便民热线记录的来电内容做文本理解，判断应该由哪个委办局处理并自动转办，正确率90%以上，转办耗时从十分钟缩短至一分钟。"),
        ("zh", "12345热线实时语音转写与坐席辅助",
         "对热线通话进行实时语音识别，字准确率≥95%，并向坐席推送相关政策条文和话术提示。"),
    ),
    (  # 28 en-en: transformer DGA monitoring and diagnosis
        ("en", "Online dissolved gas analysis for power transformers",
         "A photoacoustic analyser measures seven fault gases in transformer oil every hour and a diagnostic model classifies overheating and discharge faults, accuracy ≥ 90 %."),
        ("en", "Transformer oil gas monitoring and fault diagnosis",
         "Continuous measurement of hydrogen, methane, acetylene and other gases dissolved in insulating oil, with an AI model that tells thermal from electrical faults in substation transformers; target accuracy 90 percent."),
        ("en", "Natural ester insulating oil for distribution transformers",
         "Formulate a vegetable-based insulating liquid with breakdown voltage ≥ 70 kV and fire point above 300 °C as a replacement for mineral oil."),
    ),
    (  # 29 zh-zh: contactless pig weighing
        ("zh", "生猪体重非接触估测",
         "在猪舍通道安装深度相机，通过点云提取体尺参数，估测生猪体重，误差≤3%，替代人工称重。"),
        ("zh", "基于三维视觉的育肥猪称重",
         "利用RGB-D摄像头拍摄猪只背部三维形态，计算体长、体宽等指标后回归体重，不用赶上地磅，平均误差3%以内。"),
        ("zh", "猪场非洲猪瘟病毒快速检测",
         "开发现场用的非洲猪瘟病毒恒温扩增检测试剂盒，30分钟出结果，检测限100拷贝/反应。"),
    ),
    (  # 30 zh-en: thermal error compensation
        ("zh", "数控机床热误差建模与补偿",
         "在主轴和床身布置温度传感器，建立热变形预测模型并实时补偿，使加工中心热误差降低70%，连续加工8小时精度保持≤5 μm。"),
        ("en", "Thermal drift compensation for machining centres",
         "Temperature sensors on spindle and bed feed a model of thermal deformation that corrects axis positions in real time; 70 % less thermal error and within 5 μm over an 8-hour run."),
        ("en", "Active chatter suppression for machining centres",
         "An electromagnetic actuator in the spindle head damps regenerative chatter during milling, raising the stable depth of cut by 50 %."),
    ),
    (  # 31 en-en: prognostics / predictive maintenance of metro traction motors
        ("en", "Prognostics for traction motors of metro trains",
         "Estimate the remaining useful life of metro traction motor bearings and insulation from on-board current and vibration data, warning 30 days before failure."),
        ("en", "Predictive maintenance of subway train drive motors",
         "Schedule workshop visits for the electric motors that drive metro cars before they break down: sensor data collected on board, failures anticipated one month ahead."),
        ("en", "Permanent-magnet traction motor for metro trains",
         "Design a 190 kW permanent-magnet synchronous traction motor for metro cars, efficiency ≥ 96 % and 30 % lighter than the asynchronous motor it replaces."),
    ),
    (  # 32 zh-zh: boiler combustion optimisation
        ("zh", "燃煤电站锅炉燃烧智能优化",
         "基于运行数据建立锅炉效率与NOx排放模型，在线寻优配风和给煤，锅炉效率提高0.5个百分点，NOx降低15%。"),
        ("zh", "火电机组燃烧调整AI寻优",
         "利用机器学习根据DCS历史数据自动推荐二次风门开度和磨煤机出力，使煤粉炉热效率提升0.5%，氮氧化物排放减少15%。"),
        ("zh", "燃煤锅炉水冷壁爆管检测",
         "利用声发射和炉管壁温监测发现水冷壁管泄漏与爆管征兆，提前2小时报警，漏报率≤5%。"),
    ),
]

# Same-organisation near-duplicates (never gold): (cluster, which of a/b/neg it copies, lang, title, text).
SAME_ORG = [
    (6, 2, "zh", "山地光伏电站组件清洗机器人（二期）",
     "在一期样机基础上研制第二代跨排光伏板清洁机器人，适应20°坡度，无水清扫，每台每天清洗2.5 MW组件。"),
    (13, 2, "en", "Contact-force sensing ablation catheter for atrial fibrillation",
     "A radiofrequency ablation catheter with a contact-force sensor (±2 g) for pulmonary vein isolation; freedom from recurrence ≥ 80 % at 12 months."),
]


def build() -> None:
    rows, gold, negatives = [], [], []
    for c, cluster in enumerate(CLUSTERS, start=1):
        split = "dev" if c % 2 else "test"
        ids = []
        for k, (lang, title, text) in enumerate(cluster):
            pid = f"pb{c:02d}{'abn'[k]}"
            rows.append({"id": pid, "org": f"Q{c:02d}{'abn'[k]}", "title": title, "text": text, "lang": lang, "split": split})
            ids.append(pid)
        gold.append(sorted(ids[:2]))
        negatives += [(*sorted((ids[2], ids[0])), "same_field_different_objective"),
                      (*sorted((ids[2], ids[1])), "same_field_different_objective")]
    for c, k, lang, title, text in SAME_ORG:
        original = next(r for r in rows if r["id"] == f"pb{c:02d}{'abn'[k]}")
        pid = f"pb{c:02d}d"
        rows.append({"id": pid, "org": original["org"], "title": title, "text": text, "lang": lang, "split": original["split"]})
        negatives.append((*sorted((pid, original["id"])), "same_org_near_duplicate"))
    with (HERE / "projects.jsonl").open("w", encoding="utf-8") as out:
        for r in rows:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
    with (HERE / "gold.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["a", "b"])
        writer.writerows(gold)
    with (HERE / "hard_negatives.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["a", "b", "kind"])
        writer.writerows(negatives)


if __name__ == "__main__":
    build()
