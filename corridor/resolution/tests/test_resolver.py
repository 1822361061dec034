from corridor.orgs import uscc
from corridor.resolution.resolver import Record, resolve

CODE_A = uscc.make("9", "1", "330108", "MA27YJXJ8")
CODE_B = uscc.make("9", "1", "330108", "MA27YJXJ9")


def same(labels, *idx):
    return len({labels[i] for i in idx}) == 1


def test_spellings_of_one_company_cluster_and_its_namesakes_do_not():
    records = [
        Record("1", "苏州融威智能装备制造有限公司"),
        Record("2", "Suzhou Rongwei Intelligent Equipment Manufacturing Co., Ltd."),
        Record("3", "融威智能装备"),
        Record("4", "蘇州融威智能裝備製造有限公司"),
        Record("5", "融威智能装备制造（苏州）有限公司"),
        Record("6", "杭州融威智能装备制造有限公司"),  # same trade name, another city: another company
        Record("7", "苏州融威生物医药有限公司"),  # same city, another industry: a sister company
    ]
    labels = resolve(records).labels
    assert same(labels, 0, 1, 3, 4)
    assert labels[5] != labels[0] and labels[6] != labels[0] and labels[5] != labels[6]


def test_a_valid_credit_code_decides_both_ways():
    records = [
        Record("1", "杭州恒达科技有限公司", uscc=CODE_A),
        Record("2", "完全不同的名字有限公司", uscc=CODE_A),
        Record("3", "杭州恒达科技有限公司", uscc=CODE_B),
    ]
    labels = resolve(records).labels
    assert labels[0] == labels[1]
    assert labels[2] != labels[0]


def test_an_invalid_credit_code_is_ignored_not_trusted():
    broken = CODE_A[:17] + ("0" if CODE_A[17] != "0" else "1")
    records = [Record("1", "杭州恒达科技有限公司", uscc=broken), Record("2", "上海某某机械有限公司", uscc=broken)]
    labels = resolve(records).labels
    assert labels[0] != labels[1]


def test_subsidiaries_of_one_group_stay_apart_even_through_a_short_name():
    records = [
        Record("1", "杭州海康威视数字技术股份有限公司"),
        Record("2", "杭州海康机器人股份有限公司"),
        Record("3", "海康机器人"),
        Record("4", "海康威视"),
        Record("5", "华为技术有限公司"),
        Record("6", "华为云计算技术有限公司"),
        Record("7", "华为"),
    ]
    labels = resolve(records).labels
    assert labels[0] != labels[1]
    assert same(labels, 1, 2) and same(labels, 0, 3)
    assert labels[4] != labels[5]


def test_brand_aliases_are_learned_from_bilingual_records_and_shared_codes():
    records = [
        Record("1", "杭州海康机器人股份有限公司", uscc=CODE_A),
        Record("2", "Hangzhou Hikrobot Co., Ltd.", uscc=CODE_A),
        Record("3", "HIKROBOT"),
        Record("4", "海康机器人"),
        Record("5", "京东方科技集团股份有限公司", other_names=("BOE Technology Group Co., Ltd.",)),
        Record("6", "BOE"),
        Record("7", "京东方"),
    ]
    result = resolve(records)
    assert "hikrobot" in result.aliases and "boe" in result.aliases
    assert same(result.labels, 0, 1, 2, 3)
    assert same(result.labels, 4, 5, 6)
    assert result.labels[0] != result.labels[4]


def test_without_evidence_a_brand_is_not_guessed():
    labels = resolve([Record("1", "BOE"), Record("2", "京东方")]).labels
    assert labels[0] != labels[1]


def test_confirmed_pairs_teach_aliases():
    result = resolve([Record("1", "BOE"), Record("2", "京东方")], confirmed=[("京东方科技集团", "BOE Technology Group")])
    assert result.labels[0] == result.labels[1]


def test_typos_in_english_and_homophones_in_chinese():
    records = [
        Record("1", "Xuancheng Shunsheng Automation"),
        Record("2", "Xuancheng Shunshng Automation"),
        Record("3", "芜湖越智玻璃股份有限公司"),
        Record("4", "芜湖悦智玻璃股份有限公司"),
    ]
    labels = resolve(records).labels
    assert labels[0] == labels[1]
    assert labels[2] == labels[3]


def test_a_homophone_in_another_industry_is_another_company():
    labels = resolve([Record("1", "杭州恒达机器人有限公司"), Record("2", "杭州恒大生物医药有限公司")]).labels
    assert labels[0] != labels[1]


def test_address_tells_namesakes_apart():
    records = [
        Record("1", "苏州恒达精密机械有限公司"),
        Record("2", "杭州恒达精密机械有限公司"),
        Record("3", "恒达精密机械", address="浙江省杭州市滨江区长江路1号"),
    ]
    labels = resolve(records).labels
    assert labels[2] == labels[1] != labels[0]


def test_blocking_does_not_compare_unrelated_records():
    records = [Record(str(i), f"杭州{a}{b}科技有限公司") for i, (a, b) in enumerate(zip("恒拓盛达华瑞", "宇智联泰博锐", strict=True))]
    result = resolve(records)
    assert result.pairs == []
    assert len(set(result.labels)) == len(records)


def test_an_institute_is_not_named_by_an_industry_it_does_not_carry():
    records = [
        Record("1", "嘉兴天永泽产业技术研究院"),
        Record("2", "天永泽印刷"),
        Record("3", "天永泽研究院"),
        Record("4", "Jiaxing Tian Yong Ze Chan Ye Ji Shu Yan Jiu Yuan"),
    ]
    labels = resolve(records).labels
    assert labels[0] == labels[2] == labels[3]
    assert labels[1] != labels[0]
