"""Tests for :mod:`linter.values`, the target-value parser (实施周期指标值 / 年度指标值).

``CASES`` is one table of ``(raw, expected fields)``; only the listed fields are checked. Most raw
values are verbatim from the example tables in ``fixtures/seeds`` (``SEED_CASES``, checked by
``test_seed_cases_are_verbatim``); ``CONSTRUCTED_CASES`` covers the rest of the value grammar.
"""

from __future__ import annotations

import dataclasses
import random
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.values import (
    COMPARATORS,
    UNIT_SPELLINGS,
    Value,
    canonical,
    may_state_quantity,
    parse_value,
    unit_family,
    value_text,
)

ROOT = Path(__file__).resolve().parent.parent
SEED_DIR = ROOT / "fixtures" / "seeds"

# Expected fields of a qualitative value (定性): no comparator, no number, no unit.
Q: dict[str, Any] = {"comparator": None, "number": None, "upper": None, "unit": None, "numbers": ()}


def E(comparator: str | None, number: str | None, unit: str | None = None, **fields: Any) -> dict:
    """Expected fields: comparator, number and unit (always checked) plus any listed ``fields``."""
    return {"comparator": comparator, "number": number, "unit": unit, **fields}


SEED_CASES: list[tuple[str, dict[str, Any]]] = [
    ("不少于50份", E("≥", "50", "份")),
    (
        "24小时在岗值守并及时接报各类突发事件信息",
        E(None, "24", "小时", trailing="在岗值守并及时接报各类突发事件信息"),
    ),
    ("不低于95%", E("≥", "95", "%")),
    ("15万宗", E(None, "150000", "宗")),
    ("不少于400条", E("≥", "400", "条")),
    ("100%", E(None, "100", "%")),
    ("营造社会抗疫良好氛围", Q),
    ("资金使用规范率100%", E(None, "100", "%", subject="资金使用规范率")),
    ("5万人次", E(None, "50000", "人次")),
    ("1.酒店数量不少于10家", E("≥", "10", "家", subject="酒店数量")),
    ("应急处置工作开展及时率100%", E(None, "100", "%", subject="应急处置工作开展及时率")),
    ("不漏接", Q),
    ("无缺勤", Q),
    ("不低于90%", E("≥", "90", "%")),
    ("不少于7万宗", E("≥", "70000", "宗")),
    ("考勤合格率不低于90%", E("≥", "90", "%", subject="考勤合格率")),
    ("符合规范", Q),
    ("不超过定编人数", Q),
    ("被投诉率低于5%", E("<", "5", "%", subject="被投诉率")),
    ("完成率不低于90%", E("≥", "90", "%", subject="完成率")),
    ("及时", Q),
    ("无违规", Q),
    ("按审批路线出行", Q),
    ("按要求公开", Q),
    ("通过考核", Q),
    ("约4批", E(None, "4", "批", approximate=True)),
    ("约24人次", E(None, "24", "人次", approximate=True)),
    ("1次", E(None, "1", "次")),
    ("每季度组织一次", E(None, "1", "次", subject="每季度组织")),  # seed 000, ~line 160
    ("不少于3次", E("≥", "3", "次")),
    ("互联互通", Q),
    ("加强联动沟通", Q),
    ("及时响应", Q),
    ("大部分功能可推广", Q),
    ("建成一项", E(None, "1", "项", subject="建成")),  # seed 000, ~line 177
    ("不少于15次", E("≥", "15", "次")),
    ("不少于3份", E("≥", "3", "份")),
    ("不少于5个", E("≥", "5", "个")),
    ("年度考核合格", Q),
    ("不低于80%", E("≥", "80", "%")),
    ("投诉率低于5%", E("<", "5", "%", subject="投诉率")),
    ("不高于预算价格控制数", Q),  # seed 000, ~line 234
    ("指挥部正常运作", Q),
    ("严格按照政府采购流程执行", Q),
    ("90%", E(None, "90", "%")),
    ("200平方米", E(None, "200", "平方米")),
    ("使用环保材料", Q),
    ("符合财务规范", Q),
    ("≥3", E("≥", "3")),
    ("加强了对外交流，显著提升花都区国际形象", Q),
    ("＜3人", E("<", "3", "人")),
    ("≥100人次", E("≥", "100", "人次")),
    ("有效提升", Q),
    ("≥2次", E("≥", "2", "次")),
    ("≤2人", E("≤", "2", "人")),
    ("≥30批次", E("≥", "30", "批次")),
    ("0", E(None, "0")),
    ("1000人次", E(None, "1000", "人次")),
    ("300人次", E(None, "300", "人次")),
    ("＞90%", E(">", "90", "%")),
    ("＞5000人", E(">", "5000", "人")),
    ("合规", Q),
    ("申报群体持续扩大", Q),
    ("＞98%", E(">", "98", "%")),
    ("促进本区部分行业的发展", Q),
    ("及时全额发放", Q),
    ("合法合规", Q),
    ("高效完成", Q),
    ("年底前完成", Q),
    ("规范公平", Q),
    ("实现阳光招聘", Q),
    ("95%", E(None, "95", "%")),
    ("提高企业、劳动者的法律意识从而减少欠薪事件的发生", Q),
    ("有效预防和妥善处置因欠薪引起的劳动保障群体突发事件的发生", Q),
    ("不存在需要向劳动者垫付劳动者工资", Q),
    ("＞95%", E(">", "95", "%")),
    ("约2000人", E(None, "2000", "人", approximate=True)),
    ("符合要求", Q),
    ("有所降低", Q),
    ("及时补充", Q),
    ("完成上级部门下达的任务指标", Q),
    ("通过上级考核验收", Q),
    ("按时完成", Q),
    ("持续增加", Q),
    ("持续提升", Q),
    ("持续推进就业帮扶政策", Q),
    (
        "受理劳资纠纷举报投诉和各类违法线索>30000宗",
        E(">", "30000", "宗", subject="受理劳资纠纷举报投诉和各类违法线索"),
    ),
    ("受理数量>30000宗", E(">", "30000", "宗", subject="受理数量")),
    ("办结率＞95%", E(">", "95", "%", subject="办结率")),
    ("超期率<1%", E("<", "1", "%", subject="超期率")),
    ("全面不发生因欠薪引发的重大群体性事件和个人极端性事件", Q),
    ("树立劳动保障监察执法形象", Q),
    ("＞96%", E(">", "96", "%")),
    ("1场", E(None, "1", "场")),
    ("公平公正", Q),
    ("统一规范", Q),
    ("1000宗", E(None, "1000", "宗")),
    ("不少于5%", E("≥", "5", "%")),
    ("100%保障", E(None, "100", "%", trailing="保障")),
    ("正常运行", Q),
    (
        "全年审计2个单位、4个专项资金",
        E(None, "2", "个", subject="全年审计", trailing="单位、4个专项资金", numbers=("2", "4")),
    ),
    ("全年审计2个单位", E(None, "2", "个", subject="全年审计", trailing="单位")),
    ("5%", E(None, "5", "%")),
    (
        "每5年对所属单位审计一次",
        E(None, "5", "年", subject="每", trailing="对所属单位审计一次"),
    ),  # seed 003, ~line 391
    ("促进单位完善治理", Q),
    ("送达率100%", E(None, "100", "%", subject="送达率")),
    ("办结率100%", E(None, "100", "%", subject="办结率")),
    ("覆盖率100%", E(None, "100", "%", subject="覆盖率")),
    ("完成率100%", E(None, "100", "%", subject="完成率")),
    ("满意度＞90%", E(">", "90", "%", subject="满意度")),
    ("按时办结集体合同和工资集体协商合同审查、劳务派遣和特殊工时行政审批、信访回复", Q),
    ("依法依规审查集体合同和工资集体协商合同、审批劳务派遣行政和特殊工时、回复信访案件", Q),
    ("不断提高", Q),
    ("提高依法行政能力", Q),
    ("持续增强", Q),
    ("1500卷", E(None, "1500", "卷")),
    ("200卷", E(None, "200", "卷")),
    ("900卷", E(None, "900", "卷")),
    ("6100卷", E(None, "6100", "卷")),
    ("准确率100%", E(None, "100", "%", subject="准确率")),
    ("人均等待时间下降", Q),
    ("工作完成率100%", E(None, "100", "%", subject="工作完成率")),
    ("不少于20次", E("≥", "20", "次")),
    ("不少于40次", E("≥", "40", "次")),
    ("各项检查结果达标", Q),
    ("推广创业培训，创造更多就业岗位", Q),
    ("通过创业培训实现成功创业创业带动就业", Q),
    (
        "合同审查30单，咨询法务约50单、行政诉讼及非诉执行案件约100单",
        E(
            None,
            "30",
            "单",
            subject="合同审查",
            trailing="咨询法务约50单、行政诉讼及非诉执行案件约100单",
            approximate=True,
            numbers=("30", "50", "100"),
        ),
    ),
    ("＞99%", E(">", "99", "%")),
    ("≤0%", E("≤", "0", "%")),
    ("不断提升", Q),
    ("95%以上", E("≥", "95", "%")),
    ("安全事故率为0", E("=", "0", subject="安全事故率")),
    ("正常运转", Q),
    ("持续改善", Q),
    ("每季度一次", E(None, "1", "次", subject="每季度")),
    ("提供全年机房理线及弱电线缆维护服务", Q),
    (
        "接到报障电话后保证8小时内排除故障并恢复业务，如超过8小时仍无法排除故障，提供同档次备用设备供临时替代使用，直至系统故障排除为止",
        E(
            "≤",
            "8",
            "小时",
            subject="接到报障电话后保证",
            trailing="排除故障并恢复业务,如超过8小时仍无法排除故障,提供同档次备用设备供临时替代使用,直至系统故障排除为止",
            numbers=("8", "8"),
        ),
    ),
    ("及时排除故障", Q),
    ("系统正常运转", Q),
    ("1辆", E(None, "1", "辆")),
    ("满足日常机要送达及文件交换工作需求", Q),
    ("提高行车安全和办案出行效率", Q),
    (
        "1期，约100人",
        E(None, "1", "期", trailing="约100人", approximate=True, numbers=("1", "100")),
    ),
    ("1000份以上", E("≥", "1000", "份")),
    ("达95%以上", E("≥", "95", "%")),
    ("持续降低", Q),
    ("显著加强", Q),
    ("235人", E(None, "235", "人")),
    ("持续开展", Q),
    ("逐年提升", Q),
    ("6人", E(None, "6", "人")),
    ("》91%", E("≥", "91", "%", bad_comparator="》")),  # seed 003, ~line 787
    ("标准：100%", E(None, "100", "%", standard_prefix=True, text="100%")),
    ("保障退休人员合法权益", Q),
    ("保障退休人员收入水平", Q),
    ("上访投诉0起", E(None, "0", "起", subject="上访投诉")),
    ("一次性创业资助人数", Q),
    ("≥300人次", E("≥", "300", "人次")),
    ("本区享受社会保险补贴", Q),
    ("≥3万人次", E("≥", "30000", "人次")),
    ("补贴标准合规率", Q),
    ("100%按文件标准", E(None, "100", "%", trailing="按文件标准")),
    ("项目补贴发放标准准确率", Q),
    ("≥98%", E("≥", "98", "%")),
    ("本区城镇新增就业人数", Q),
    (
        "≥2万人次（参照2023年任务）",
        E("≥", "20000", "人次", trailing="（参照2023年任务）", date="2023"),
    ),
    ("促进创业人数", Q),
    ("≥3100人（参照2023年）", E("≥", "3100", "人", trailing="（参照2023年）", date="2023")),
    ("发放随军家属自谋职业就业补贴1人", E(None, "1", "人", subject="发放随军家属自谋职业就业补贴")),
    ("按文件规定100%发放", E(None, "100", "%", subject="按文件规定", trailing="发放")),
    ("资金预算完成率91%", E(None, "91", "%", subject="资金预算完成率")),
    ("资金预算完成率91% ", E(None, "91", "%", subject="资金预算完成率")),
    ("促进随军家属就业，提升随军家属获得感、幸福感", Q),
    ("稳定就业人数1人", E(None, "1", "人", subject="稳定就业人数")),
    ("合同签订率100%", E(None, "100", "%", subject="合同签订率")),
    ("项目预算完成率95% 以上", E("≥", "95", "%", subject="项目预算完成率")),
    ("每月按时支付租赁岗位人员工资", Q),
    ("全区租赁岗位合同工统一管理，降低合作单位人事管理人员的负担和成本 ", Q),
    ("派遣人员年度考核合格率90%以上", E("≥", "90", "%", subject="派遣人员年度考核合格率")),
    ("引进博士后人数", Q),
    ("≥25名", E("≥", "25", "名")),
    ("按完成博士后科研工作分站申报", Q),
    ("帮助企业新产品研发，技术升级改造", Q),
    ("增加建设博士后平台，为引进博士后研究人员提供研究环境", Q),
    ("出站博士后留我区工作比例达10%", E("≥", "10", "%", subject="出站博士后留我区工作比例")),
    ("完成保洁、整体清运工作", Q),
    (
        "重大火警、水涝、偷盗等事故发生次数为0",
        E("=", "0", subject="重大火警、水涝、偷盗等事故发生次数"),
    ),
    ("项目资金执行率91%以上", E("≥", "91", "%", subject="项目资金执行率")),
    ("维护办公、服务大厅环境的安全和有序", Q),
    ("大楼各项设施正常运作", Q),
    ("拟开展3场跨地区招聘服务", E(None, "3", "场", subject="拟开展", trailing="跨地区招聘服务")),
    ("就业困难人员实现就业人数", Q),
    ("3350人（参照2023年任务）", E(None, "3350", "人", trailing="（参照2023年任务）", date="2023")),
    ("年度预算执行率", Q),
    ("91%以上", E("≥", "91", "%")),
    (
        "24000人（参照2023年任务）",
        E(None, "24000", "人", trailing="（参照2023年任务）", date="2023"),
    ),
    ("多元化就业服务", Q),
    ("开展线上、线下、校园招聘会", Q),
    ("实施平台整体功能维护", Q),
    ("保障本区劳动力服务记录跟踪功能维护及失业人员信息数据分析处理", Q),
    ("保障线上智能招聘会模块正常使用，为企业和求职者提供双向平台", Q),
    ("平台维护验收通过率100%", E(None, "100", "%", subject="平台维护验收通过率")),
    ("开展劳务协作招聘活动数量", Q),
    ("≥2场", E("≥", "2", "场")),
    ("资金预算完成率", Q),
    ("≥91%", E("≥", "91", "%")),
    ("向对口帮扶地区符合转移就业的脱贫人员进行补助", Q),
    ("发放补助200人", E(None, "200", "人", subject="发放补助")),
    ("补贴标准合规性", Q),
    ("100%按文件标准发放", E(None, "100", "%", trailing="按文件标准发放")),
    ("达到稳定就业3个月以上", E("≥", "3", "个月", subject="达到稳定就业")),
    (
        "全项目发放就业见习补贴人数≥180人",
        E("≥", "180", "人", subject="全项目发放就业见习补贴人数"),
    ),  # seed 003, ~line 1175
    ("≥180人", E("≥", "180", "人")),  # seed 003, ~line 1177
    ("按标准发放率98%", E(None, "98", "%", subject="按标准发放率")),
    ("98%", E(None, "98", "%")),
    (
        "全项目稳定就业见习人员就业数量人数≥180人",
        E("≥", "180", "人", subject="全项目稳定就业见习人员就业数量人数"),
    ),  # seed 003, ~line 1181
    (
        "申领单位对就业见习补贴工作服务满意度≥90%",
        E("≥", "90", "%", subject="申领单位对就业见习补贴工作服务满意度"),
    ),
    ("≥90%", E("≥", "90", "%")),
    ("≥300人", E("≥", "300", "人")),
    ("≥0.36万人", E("≥", "3600", "人")),
    ("不超过缴费额度的2/3", E("≤", "0.666667", subject="缴费额度的")),  # seed 003, ~line 1220
    ("完成当年度市下达目标任务", Q),
    ("≥92%", E("≥", "92", "%")),
    ("正常使用", Q),
    ("正常运营", Q),
    ("50人以上", E("≥", "50", "人")),
    ("1个及以上", E("≥", "1", "个")),
    ("3名及以上", E("≥", "3", "名")),
    ("不少于200期", E("≥", "200", "期")),
    ("加强质量监管", Q),
    ("持续监管和提高", Q),
    (
        "标准：控制数",
        E(None, None, standard_prefix=True, text="控制数", numbers=()),
    ),  # seed 003, ~line 1356
    ("4", E(None, "4")),
    ("标准:行业标准", E(None, None, standard_prefix=True, text="行业标准", numbers=())),
    ("≥800", E("≥", "800")),
    ("≥80%", E("≥", "80", "%")),
    ("0%", E(None, "0", "%")),
    ("50", E(None, "50")),
    ("≥7000", E("≥", "7000")),
    ("≥95%", E("≥", "95", "%")),
    (
        "完成各项资金支付业务，支付银行业务手续费预计3000元，预算资金执行率≥91%",
        E(
            None,
            "3000",
            "元",
            subject="完成各项资金支付业务,支付银行业务手续费预计",
            trailing="预算资金执行率≥91%",
            numbers=("3000", "91"),
        ),
    ),
    ("49618", E(None, "49618")),
    ("标准：行业标准", E(None, None, standard_prefix=True, text="行业标准", numbers=())),
    ("≥1.1万人", E("≥", "11000", "人")),
    ("≥5万人", E("≥", "50000", "人")),
    ("约40人/年", E(None, "40", "人/年", approximate=True)),
    ("保障对社申人员的医疗待遇财政补助", Q),
    ("保障社申人员充分享受医疗卫生资源的权利", Q),
    ("提升参保群众的幸福感，营造稳定、和谐、安全的社会环境", Q),
    ("相符", Q),
    ("100% ", E(None, "100", "%")),
    ("保障", Q),
    ("约92万页", E(None, "920000", "页", approximate=True)),  # seed 003, ~line 1672
    ("低于5%", E("<", "5", "%")),
    ("2-7秒内", E("≤", "2", "秒", upper="7", numbers=("2", "7"))),  # seed 003, ~line 1678
    ("普及", Q),
    ("提升居民参保意愿", Q),
    ("解决居民因患病或受伤害带来的医疗风险", Q),
    ("持续提高", Q),
    ("全区租赁岗位合同工统一管理，降低合作单位人事管理人员的负担和成本", Q),
    ("构建和谐劳动关系，裁员率低于全国城镇调查失业率", Q),
    ("≤2起", E("≤", "2", "起")),
    ("达到95%", E("≥", "95", "%")),
    ("达到98%", E("≥", "98", "%")),
    (
        "确保番禺毕业生就业率90%以上，促经济发展",
        E("≥", "90", "%", subject="确保番禺毕业生就业率", trailing="促经济发展"),
    ),
    ("确保毕业生就业稳定，营造良好社会环境", Q),
    ("稳定毕业生就业局势，促进社会持续发展", Q),
    ("引才留才，为地区经济发展注入新动力", Q),
    ("提升毕业生就业率，营造良好的社会环境", Q),
    ("优化人才和产业结构，促进社会可持续发展", Q),
    ("≥99%", E("≥", "99", "%")),
    ("≤5%", E("≤", "5", "%")),
    ("≥3场", E("≥", "3", "场")),
    ("确保就业局势稳定，促企业和地区经济发展", Q),
    ("缓企稳岗，促毕业生就业及社会稳定发展", Q),
    ("稳定毕业生就业，引才留才，促进社会发展", Q),
    ("达到50件以上", E("≥", "50", "件")),
    ("达到75%", E("≥", "75", "%")),
    ("目标实现", Q),
    (
        "标准：覆盖率100%",
        E(None, "100", "%", subject="覆盖率", standard_prefix=True, text="覆盖率100%"),
    ),
    (
        "标准：100%合规支付",
        E(None, "100", "%", trailing="合规支付", standard_prefix=True, text="100%合规支付"),
    ),
    (
        "标准：100%及时支付",
        E(None, "100", "%", trailing="及时支付", standard_prefix=True, text="100%及时支付"),
    ),
    (
        "标准：有利于实现目标",
        E(None, None, standard_prefix=True, text="有利于实现目标", numbers=()),
    ),
    (
        "标准： 有利于实现目标",
        E(None, None, standard_prefix=True, text="有利于实现目标", numbers=()),
    ),  # seed 003, ~line 2074
    ("标准：正常开展", E(None, None, standard_prefix=True, text="正常开展", numbers=())),
    ("5套", E(None, "5", "套")),
    ("11把", E(None, "11", "把")),
    ("1台", E(None, "1", "台")),
    ("4台", E(None, "4", "台")),
    ("标准：目标实现", E(None, None, standard_prefix=True, text="目标实现", numbers=())),
    ("及时排除故障并恢复业务", Q),
    ("及时发现故障", Q),
    ("标准：相关", E(None, None, standard_prefix=True, text="相关", numbers=())),
    ("相关", Q),
    ("标准：合规", E(None, None, standard_prefix=True, text="合规", numbers=())),
    ("标准:正常开展", E(None, None, standard_prefix=True, text="正常开展", numbers=())),
    ("正常开展", Q),
    ("标准：及时", E(None, None, standard_prefix=True, text="及时", numbers=())),
    ("标准：95%", E(None, "95", "%", standard_prefix=True, text="95%")),
    ("1", E(None, "1")),
    ("100", E(None, "100")),
    ("总费用支出低于年初预算", Q),
    ("保障公务用车安全可靠使用", Q),
    ("36人", E(None, "36", "人")),
    ("20-35次", E(None, "20", "次", upper="35", numbers=("20", "35"))),  # seed 004, ~line 14
    ("60-120次", E(None, "60", "次", upper="120", numbers=("60", "120"))),
    ("200-300次", E(None, "200", "次", upper="300", numbers=("200", "300"))),
    ("满足促进发展要求", Q),
    ("满足加强对外联络要求", Q),
    ("不低于97%", E("≥", "97", "%")),
    ("25次", E(None, "25", "次")),
    ("3000元/人", E(None, "3000", "元/人")),
    ("实际完成的工作量/计划完成的工作量", Q),
    ("质量验收合格的项目数/验收项目的总数", Q),
    ("实际工期/计划工期", Q),
    ("过程中各项流程手续符合相关规定", Q),
    ("整理过程中各项流程手续符合相关规定", Q),
    ("接受调查时表示满意的人数/项目覆盖范围内接受调查的总人数", Q),
    ("大于95", E(">", "95")),
    ("25期", E(None, "25", "期")),
    ("6期", E(None, "6", "期")),
    ("6篇", E(None, "6", "篇")),
    ("20次", E(None, "20", "次")),
    ("不少于2000次", E("≥", "2000", "次")),
    ("不少于4000次", E("≥", "4000", "次")),
    ("不少于3500次", E("≥", "3500", "次")),
    ("不少于12次", E("≥", "12", "次")),
    ("优化大院办公环境", Q),
    ("长期持续", Q),
    ("大于99%", E(">", "99", "%")),
    ("维持可持续发展", Q),
    ("基础养老金按时发放、缴费补贴应补尽补、养老待遇按统一部署调整", Q),
    ("大于98%", E(">", "98", "%")),
    ("20万份", E(None, "200000", "份")),
    ("10万份", E(None, "100000", "份")),
    ("4.5万份", E(None, "45000", "份")),
    ("大于80%", E(">", "80", "%")),
    ("2000次", E(None, "2000", "次")),
    ("12次", E(None, "12", "次")),
    ("5次", E(None, "5", "次")),
    ("48次", E(None, "48", "次")),
    ("有所改善", Q),
    ("绿化率90%", E(None, "90", "%", subject="绿化率")),
    ("≥10间", E("≥", "10", "间")),
    ("有所提升", Q),
    ("长期", Q),
    ("12项", E(None, "12", "项")),
    ("2项", E(None, "2", "项")),
    ("保障机关大院办公场所公共设备安全运行正常", Q),
    ("不高于去年购买价格10%", E("≤", "10", "%", subject="去年购买价格")),
    ("1季度", E(None, "1", "季度")),
    ("150令", E(None, "150", "令")),
    ("700箱", E(None, "700", "箱")),
    ("7箱", E(None, "7", "箱")),
    ("5箱", E(None, "5", "箱")),
    ("不高于市场价格", Q),
    ("不少于190万印", E("≥", "1900000", "印")),
    ("≥10000页", E("≥", "10000", "页")),
    ("2套", E(None, "2", "套")),
    ("不少于6年", E("≥", "6", "年")),
    ("1项", E(None, "1", "项")),
    ("总费用支出不高于年初预算", Q),
    ("不少于3个", E("≥", "3", "个")),
    ("通过", Q),
    ("3台", E(None, "3", "台")),
    ("总费用不高于预算额", Q),
    (
        "一年内到用户单位回访的次数",
        E("≤", "1", "年", trailing="到用户单位回访的次数"),
    ),  # seed 004, ~line 34
    ("出现故障到维护人员响应的的时间", Q),
    ("0.5小时以内", E("≤", "0.5", "小时")),
    ("结算中心口所有核算单位数", Q),
    ("39", E(None, "39")),
    ("保证微易报销系统数据与“数字政府”公共财政综合管理平台数据的一致性", Q),
    ("可支持未来业务发展和管理优化的需要", Q),
    ("可满足优化，得满分，否则不得分", Q),
    ("操作人员对微易E9管理软件使用的满意度", Q),
    ("满意，得满分", Q),
    (
        "1.酒店数量不少于10家；2.酒店房间不少于1000间",
        E(
            "≥",
            "10",
            "家",
            subject="酒店数量",
            trailing="2.酒店房间不少于1000间",
            numbers=("10", "1000"),
        ),
    ),  # seed 000, ~line 62
    (
        "1000宗；500家企业",
        E(None, "1000", "宗", trailing="500家企业", numbers=("1000", "500")),
    ),  # seed 003, ~line 317
    ("满意，得满分；基本满意，部分得分；不满意，不得分", Q),
]

CONSTRUCTED_CASES: list[tuple[str, dict[str, Any]]] = [
    # --- comparator symbols, ASCII and full-width, and the malformed ones ---
    (">=5", {"comparator": "≥", "number": "5", "bad_comparator": None}),
    ("<=5天", {"comparator": "≤", "number": "5", "unit": "天"}),
    ("≧90%", {"comparator": "≥", "number": "90", "unit": "%"}),
    ("≦10", {"comparator": "≤", "number": "10"}),
    ("⩾3个", {"comparator": "≥", "number": "3", "unit": "个"}),
    ("⩽3个", {"comparator": "≤", "number": "3", "unit": "个"}),
    ("＝100%", {"comparator": "=", "number": "100", "unit": "%"}),
    ("=100%", {"comparator": "=", "number": "100", "unit": "%"}),
    ("＞＝95%", {"comparator": "≥", "number": "95", "bad_comparator": None}),
    ("《5%", {"comparator": "≤", "number": "5", "unit": "%", "bad_comparator": "《"}),
    ("》 91%", {"comparator": "≥", "number": "91", "bad_comparator": "》"}),
    ("按《办法》100%发放", {"comparator": None, "number": "100", "bad_comparator": None}),
    ("按《广州市12345管理办法》执行", Q),
    # --- comparator words before the number ---
    ("不小于3个", {"comparator": "≥", "number": "3", "unit": "个"}),
    ("至少2次", {"comparator": "≥", "number": "2", "unit": "次"}),
    ("达90%", {"comparator": "≥", "number": "90", "unit": "%"}),
    ("超过100人", {"comparator": ">", "number": "100", "unit": "人"}),
    ("高于80%", {"comparator": ">", "number": "80", "unit": "%"}),
    ("多于5家", {"comparator": ">", "number": "5", "unit": "家"}),
    ("不超过10天", {"comparator": "≤", "number": "10", "unit": "天"}),
    ("不大于3次", {"comparator": "≤", "number": "3", "unit": "次"}),
    ("不多于2人", {"comparator": "≤", "number": "2", "unit": "人"}),
    ("少于3次", {"comparator": "<", "number": "3", "unit": "次"}),
    ("小于1%", {"comparator": "<", "number": "1", "unit": "%"}),
    ("不足5%", {"comparator": "<", "number": "5", "unit": "%"}),
    ("等于100%", {"comparator": "=", "number": "100", "unit": "%"}),
    ("为100%", {"comparator": "=", "number": "100", "unit": "%"}),
    ("最多跑一次", {"comparator": "≤", "number": "1", "unit": "次"}),
    (
        "为企业节省成本458.1489万元",
        {"comparator": None, "number": "458.1489", "unit": "万元", "subject": "为企业节省成本"},
    ),
    # --- comparator words after the number ---
    ("95% 以上", {"comparator": "≥", "number": "95", "unit": "%", "text": "95%以上"}),
    ("1000人及以上", {"comparator": "≥", "number": "1000", "unit": "人"}),
    ("3次或以上", {"comparator": "≥", "number": "3", "unit": "次"}),
    ("5%以下", {"comparator": "≤", "number": "5", "unit": "%"}),
    ("3起及以下", {"comparator": "≤", "number": "3", "unit": "起"}),
    ("10个工作日以内", {"comparator": "≤", "number": "10", "unit": "个工作日"}),
    ("30日之内", {"comparator": "≤", "number": "30", "unit": "日"}),
    ("控制在5%以内", {"comparator": "≤", "number": "5", "unit": "%", "subject": ""}),
    ("3项内容", {"comparator": None, "number": "3", "unit": "项", "trailing": "内容"}),
    ("不低于95%以上", {"comparator": "≥", "number": "95", "unit": "%"}),
    # --- numbers: separators, signs, multipliers, money units ---
    ("30,000人", {"number": "30000", "unit": "人"}),
    ("1,500.5元", {"number": "1500.5", "unit": "元"}),
    (">30000", {"comparator": ">", "number": "30000", "unit": None}),
    ("-5%", {"number": "-5", "unit": "%"}),
    ("≥-5%", {"comparator": "≥", "number": "-5", "unit": "%"}),
    ("20万元", {"number": "20", "unit": "万元"}),
    ("458.1489万元", {"number": "458.1489", "unit": "万元"}),
    ("1.2亿元", {"number": "1.2", "unit": "亿元"}),
    ("40万元/年", {"number": "40", "unit": "万元/年"}),
    ("3亿人次", {"number": "300000000", "unit": "人次"}),
    ("0.36万人次", {"number": "3600", "unit": "人次"}),
    ("4.5万", {"number": "45000", "unit": None}),
    ("15万", {"number": "150000", "unit": None}),
    ("3千人", {"number": "3000", "unit": "人"}),
    ("5千米", {"number": "5", "unit": "千米"}),
    ("100％", {"number": "100", "unit": "%", "text": "100%"}),
    ("１００％", {"number": "100", "unit": "%", "text": "100%"}),
    ("５ＧＢ", {"number": "5", "unit": "GB", "text": "5GB"}),
    ("5‰", {"number": "5", "unit": "‰"}),
    ("100%  ", {"number": "100", "unit": "%", "text": "100%"}),
    ("≥ 95 %", {"comparator": "≥", "number": "95", "unit": "%"}),
    ("20 000人", {"number": "20000", "numbers": ("20000",)}),
    ("100.00 100.00", {"number": "100.00", "numbers": ("100.00", "100.00")}),
    ("5G基站100个", {"number": "100", "unit": "个", "numbers": ("100",)}),
    ("COVID-19检测率100%", {"number": "100", "numbers": ("100",)}),
    ("12345热线工单办结率100%", {"number": "100", "numbers": ("100",)}),
    # --- Chinese numerals ---
    ("一", {"number": "1"}),
    ("两", {"number": "2"}),
    ("十", {"number": "10"}),
    ("二十", {"number": "20"}),
    ("十二", {"number": "12"}),
    ("一百二十", {"number": "120"}),
    ("三千", {"number": "3000"}),
    ("两万", {"number": "20000"}),
    ("一百零五人", {"number": "105", "unit": "人"}),
    ("一万五", {"number": "15000"}),
    ("三百五十人", {"number": "350", "unit": "人"}),
    ("一亿二千万", {"number": "120000000"}),
    ("一次性补贴", Q),
    ("一张图管理", Q),
    ("一致性", Q),
    ("十个", {"number": "10", "unit": "个"}),
    ("两万元", {"number": "2", "unit": "万元"}),
    ("不少于两个场景", {"comparator": "≥", "number": "2", "unit": "个", "trailing": "场景"}),
    ("一年内完成", {"comparator": "≤", "number": "1", "unit": "年", "trailing": "完成"}),
    ("三至五天", {"number": "3", "upper": "5", "unit": "天"}),
    ("百分之九十", {"number": "90", "unit": "%", "subject": ""}),
    ("≥95百分比", {"comparator": "≥", "number": "95", "unit": "%"}),
    ("=99.5百分比", {"comparator": "=", "number": "99.5", "unit": "%"}),
    ("三分之一", {"number": "0.333333", "unit": None}),
    ("完成3项，统一规范", {"number": "3", "numbers": ("3",)}),
    ("1期，约一百人", {"number": "1", "unit": "期", "numbers": ("1",)}),
    ("一致", Q),
    ("统一", Q),
    ("一般", Q),
    ("万一", Q),
    ("进一步", Q),
    ("进一步提高", Q),
    ("一体化", Q),
    ("同一", Q),
    ("唯一", Q),
    ("第一", Q),
    ("十分满意", Q),
    ("百人", Q),
    ("部分统一", Q),
    # --- ranges ---
    ("1-2次/年", {"number": "1", "upper": "2", "unit": "次/年", "numbers": ("1", "2")}),
    ("80%-90%", {"number": "80", "upper": "90", "unit": "%"}),
    ("80-90%", {"number": "80", "upper": "90", "unit": "%"}),
    ("10~20", {"number": "10", "upper": "20", "unit": None}),
    ("10～20", {"number": "10", "upper": "20", "unit": None}),
    ("10至20个", {"number": "10", "upper": "20", "unit": "个"}),
    ("3—5天", {"number": "3", "upper": "5", "unit": "天"}),
    ("1-2万人", {"number": "10000", "upper": "20000", "unit": "人"}),
    ("90-80%", {"number": "80", "upper": "90", "numbers": ("90", "80")}),
    ("3天-5个月", {"number": "3", "upper": None, "unit": "天", "numbers": ("3", "5")}),
    # --- units and compounds ---
    ("50㎡", {"number": "50", "unit": "㎡"}),
    ("3km", {"number": "3", "unit": "km"}),
    ("100M", {"number": "100", "unit": "M"}),
    ("3000元/人/月", {"number": "3000", "unit": "元/人/月"}),
    ("2人/次", {"number": "2", "unit": "人/次"}),
    ("12个月", {"number": "12", "unit": "个月"}),
    ("30分钟", {"number": "30", "unit": "分钟"}),
    (
        "200元/套为最高限价",
        {"comparator": None, "number": "200", "unit": "元/套", "trailing": "为最高限价"},
    ),
    ("不少于20000次", {"comparator": "≥", "number": "20000", "unit": "次"}),
    ("2个场景", {"number": "2", "unit": "个", "trailing": "场景"}),
    # --- 标准： prefix, approximation, list markers ---
    ("标准：有利于", {**Q, "standard_prefix": True, "text": "有利于"}),
    ("标准： 有利于", {**Q, "standard_prefix": True, "text": "有利于"}),
    ("标准: 95%", {"standard_prefix": True, "number": "95", "unit": "%", "text": "95%"}),
    ("标准：", {**Q, "standard_prefix": True, "text": ""}),
    ("100人左右", {"number": "100", "unit": "人", "approximate": True, "trailing": ""}),
    ("大约50人", {"number": "50", "approximate": True, "subject": ""}),
    ("节约成本10%", {"number": "10", "approximate": False}),
    ("（1）完成3项；（2）完成5项", {"number": "3", "subject": "完成", "numbers": ("3", "5")}),
    ("1、不少于3次", {"comparator": "≥", "number": "3", "numbers": ("3",)}),
    ("1.建成一项；2.开展两次", {"number": "1", "unit": "项", "numbers": ("1", "2")}),
    ("一、完成3项", {"number": "3", "subject": "完成"}),
    # --- dates ---
    ("2024年12月31日前", {"comparator": "≤", "number": None, "numbers": (), "date": "2024-12-31"}),
    ("2024年底前完成", {"comparator": "≤", "number": None, "date": "2024", "trailing": "完成"}),
    ("2024年6月前", {"comparator": "≤", "number": None, "date": "2024-06"}),
    ("12月31日前", {"comparator": "≤", "number": None, "date": "--12-31"}),
    ("12月底前完成", {"comparator": "≤", "number": None, "date": "--12"}),
    ("不晚于2024年6月30日", {"comparator": "≤", "number": None, "date": "2024-06-30"}),
    ("2024-12-31", {"comparator": None, "number": None, "date": "2024-12-31"}),
    ("2023-2025年", {"number": None, "date": "2023/2025"}),
    ("2024年完成率100%", {"number": "100", "unit": "%", "date": "2024", "numbers": ("100",)}),
    # --- junk that must not raise ---
    ("1,2,3.4.5", {"number": "1", "numbers": ("1", "2", "3.4", "5")}),
    ("-0.00", {"number": "0"}),
    ("%", Q),
    ("≥", Q),
    ("》", {**Q, "bad_comparator": None}),
    ("\x00\x01≥\x02", Q),
]

CASES = SEED_CASES + CONSTRUCTED_CASES


def _expected(field: str, value: Any) -> Any:
    if field in ("number", "upper") and isinstance(value, str):
        return Decimal(value)
    if field == "numbers":
        return tuple(Decimal(v) for v in value)
    return value


@pytest.mark.parametrize(("raw", "expected"), CASES, ids=[repr(raw)[1:-1][:40] for raw, _ in CASES])
def test_parse_value(raw: str, expected: dict[str, Any]) -> None:
    value = parse_value(raw)
    assert value is not None
    assert value.raw == raw
    for field, want in expected.items():
        got = getattr(value, field)
        want = _expected(field, want)
        assert got == want, f"{field}: {got!r} != {want!r}"
        if field in ("number", "upper") and want is not None:
            assert isinstance(got, Decimal)


def test_table_size() -> None:
    assert len(SEED_CASES) >= 150
    assert len(CASES) >= 170
    assert len({raw for raw, _ in CASES}) == len(CASES), "duplicate raw values in the table"


def test_seed_cases_are_verbatim() -> None:
    """Every SEED_CASES value occurs in a seed table (lines joined as the readers join them)."""
    files = sorted(SEED_DIR.glob("*.txt"))
    if not files:
        pytest.skip("fixtures/seeds not available")
    joined = "\n".join(
        "".join(line.strip() for line in path.read_text(encoding="utf-8").splitlines())
        for path in files
    )
    missing = [raw for raw, _ in SEED_CASES if raw not in joined]
    assert not missing


# --- the Value API ---------------------------------------------------------------------------


def _v(raw: str) -> Value:
    value = parse_value(raw)
    assert value is not None
    return value


@pytest.mark.parametrize("raw", [None, "", " ", "\t\n", "\u3000", " \u200b "])
def test_blank_is_none(raw: str | None) -> None:
    assert parse_value(raw) is None


def test_non_string_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        parse_value(100)  # type: ignore[arg-type]


def test_comparators_constant() -> None:
    assert COMPARATORS == ("≥", ">", "=", "<", "≤")


def test_value_is_frozen() -> None:
    value = _v("≥90%")
    with pytest.raises(dataclasses.FrozenInstanceError):
        value.number = Decimal(1)  # type: ignore[misc]


def test_date_field_comes_last_with_default() -> None:
    fields = dataclasses.fields(Value)
    assert [f.name for f in fields][-2:] == ["numbers", "date"]
    assert fields[-1].default is None


@pytest.mark.parametrize(
    ("raw", "numeric", "qualitative", "percent", "is_range"),
    [
        ("≥90%", True, False, True, False),
        ("20-35次", True, False, False, True),
        ("80%-90%", True, False, True, True),
        ("1500卷", True, False, False, False),
        ("有所提升", False, True, False, False),
        ("标准：控制数", False, True, False, False),
        ("2024年12月31日前", False, False, False, False),
    ],
)
def test_properties(
    raw: str, numeric: bool, qualitative: bool, percent: bool, is_range: bool
) -> None:
    value = _v(raw)
    assert value.is_numeric is numeric
    assert value.is_qualitative is qualitative
    assert value.is_percent is percent
    assert value.is_range is is_range


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        # seed 003 广州追加2023年中央就业补助资金 #3: 实施周期 vs 年度
        ("全项目稳定就业见习人员就业数量人数≥180人", "≥180人", True),
        ("全项目发放就业见习补贴人数≥180人", "≥180人", True),
        ("100%", "99%", False),
        ("标准：100%", "91%", False),
        ("标准：100%", "100%", True),
        ("≥180人", "≥180", False),
        ("≥180人", ">180人", False),
        ("≥90%", "90%", False),
        ("=100%", "100%", True),
        ("为100%", "100%", True),
        ("100", "100%", False),
        ("100.0%", "100%", True),
        ("20-35次", "20-35次", True),
        ("20-35次", "20次", False),
        ("1-2次/年", "1-2次", False),
        ("15万宗", "150000宗", True),
        ("20万元", "200000元", False),
        ("》91%", "≥91%", True),
        ("≥2万人次（参照2023年任务）", "≥2万人次", True),
        ("全年审计2个单位、4个专项资金", "全年审计2个单位", True),
        ("合规", "标准：合规", True),
        ("有所提升", "有所改善", False),
        ("有所提升", "100%", False),
        ("2024年12月31日前", "2024年12月31日前", True),
        ("2024年12月31日前", "2024年6月30日前", False),
    ],
)
def test_same_target(a: str, b: str, same: bool) -> None:
    assert _v(a).same_target(_v(b)) is same
    assert _v(b).same_target(_v(a)) is same


def test_subject_and_trailing_exclude_the_target() -> None:
    value = _v("全项目发放就业见习补贴人数≥180人")
    assert (value.subject, value.comparator, value.number, value.unit, value.trailing) == (
        "全项目发放就业见习补贴人数",
        "≥",
        Decimal(180),
        "人",
        "",
    )


def test_fraction_is_quantized() -> None:
    value = _v("不超过缴费额度的2/3")
    assert value.number == (Decimal(2) / Decimal(3)).quantize(Decimal("0.000001"))


# --- robustness ------------------------------------------------------------------------------

NUMERAL_RE = re.compile(r"[0-9０-９零〇一二两三四五六七八九十百千万亿]")
NO_NUMERAL_ALPHABET = (
    "有所提升持续改善合规正常运行及时标准：:；;。，,、%％‰.．-—~～/（）()《》〈〉≥≤＞＜＝><="
    "以上以下内前后约左右大于小于不少于超过低于为达到第统致般步体唯ABCxyzGBMkm㎡ \t\n\u3000\x00\x7f"
)
NUMERALS = "0123456789０１２３４５６７８９零〇一二两三四五六七八九十百千万亿"
ANY_ALPHABET = NO_NUMERAL_ALPHABET + NUMERALS


def _junk(alphabet: str, seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(count)]


EDGE_JUNK = [
    "1,2,3.4.5",
    "-0.00",
    "%",
    "≥",
    "》",
    "《",
    "-",
    "--5",
    "5--",
    "1/0",
    "0/0",
    "2/3/4",
    "1.",
    ".5",
    "1..2",
    "1,,000",
    "万",
    "万元",
    "亿亿",
    "十十十",
    "一二十",
    "零零",
    "百分之",
    "分之一",
    "标准：标准：",
    "（1）",
    "1、",
    "2024年",
    "2024年13月40日",
    "2024-13-40",
    "9" * 2000,
    "9" * 300 + "万",
    "1" * 40 + "/" + "3" * 40,
    "一" * 2000,
    "≥" * 2000,
    "约" * 500 + "1",
    "1-" * 1000,
    "《" * 500 + "1",
    "\x00" * 50,
    "\ud800",
    "🙂≥90%🙂",
]


@pytest.mark.parametrize("raw", EDGE_JUNK + _junk(ANY_ALPHABET, 1, 300))
def test_never_raises(raw: str) -> None:
    value = parse_value(raw)
    if value is None:
        assert not raw.strip(" \t\n\r\x0b\x0c\u3000")
        return
    _check_invariants(raw, value)


@pytest.mark.parametrize("raw", _junk(NO_NUMERAL_ALPHABET, 2, 300))
def test_no_numeral_no_number(raw: str) -> None:
    value = parse_value(raw)
    if value is not None:
        assert value.number is None
        assert value.numbers == ()
        assert value.upper is None


def _check_invariants(raw: str, value: Value) -> None:
    assert value.raw == raw
    assert value.comparator is None or value.comparator in COMPARATORS
    assert (value.number is None) == (value.numbers == ())
    if value.upper is not None:
        assert value.number is not None
        assert value.number <= value.upper
    if value.number is not None:
        assert value.number in value.numbers or value.upper is not None
    if not NUMERAL_RE.search(raw):
        assert value.number is None
    assert value.is_qualitative == (value.number is None and value.date is None)
    if not may_state_quantity(raw):
        assert value.is_qualitative
    assert value.same_target(value)
    assert not re.search(r"\s", value.text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_property_any_text(raw: str) -> None:
    value = parse_value(raw)
    if value is not None:
        _check_invariants(raw, value)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ANY_ALPHABET, max_size=40))
def test_property_value_like_text(raw: str) -> None:
    value = parse_value(raw)
    if value is not None:
        _check_invariants(raw, value)


def test_import_is_light() -> None:
    code = (
        "import sys, linter.values; "
        "print(sorted(m for m in ('regex', 'jieba', 'rapidfuzz', 'rich', 'typer') "
        "if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize(
    "raw", ["≥95%", " 标准：１００％ ", "100 000人", "100.00 100.00", "有所提升", " ", "", "\u3000"]
)
def test_value_text_is_the_parsed_text_without_parsing(raw: str) -> None:
    value = parse_value(raw)
    assert value_text(raw) == (value.text if value is not None else "")


@pytest.mark.parametrize(
    ("raw", "may"),
    [("≥95%", True), ("１００％", True), ("三年", True), ("2024年底", True), ("有所提升", False),
     ("按时完成", False), ("满意度", False), ("", False)],
)  # fmt: skip
def test_may_state_quantity_needs_a_digit_or_a_chinese_numeral(raw: str, may: bool) -> None:
    assert may_state_quantity(raw) is may
    if not may:
        value = parse_value(raw)
        assert value is None or value.is_qualitative


@pytest.mark.parametrize(
    ("raw", "number"),
    [
        ("－12.00", "-12.00"),
        ("﹣12", "-12"),
        ("−12%", "-12"),
        ("＋12", "12"),
        ("﹢12.5", "12.5"),
        ("增长－5%", "-5"),
    ],
)
def test_full_width_and_typographic_signs_are_signs(raw: str, number: str) -> None:
    """Values and money figures read the same signs (``linter.values.fold_signs``)."""
    from linter.readers.common import parse_amount

    value = parse_value(raw)
    assert value is not None and value.number == Decimal(number)
    assert parse_amount(raw.removeprefix("增长").removesuffix("%")) == Decimal(number)


@pytest.mark.parametrize(("spelling", "unit"), sorted(UNIT_SPELLINGS.items()))
def test_a_unit_spelling_is_of_its_units_family(spelling: str, unit: str) -> None:
    assert unit_family(spelling) == unit_family(unit) is not None


@pytest.mark.parametrize(
    ("number", "unit", "expected"),
    [
        ("3", "万元", (Decimal("30000"), "元")),
        ("2", "亿元", (Decimal("200000000"), "元")),
        ("500", "元/名", (Decimal("500"), "元/人")),
        ("12", "个月", (Decimal("12"), "月")),
        ("30", "人次", (Decimal("30"), "人次")),
    ],
)
def test_canonical_puts_money_in_yuan_and_spellings_in_one_form(number, unit, expected) -> None:
    assert canonical(Decimal(number), unit) == expected


@pytest.mark.parametrize(
    ("unit", "family"),
    [("万元/人", "money"), ("元", "money"), ("人/万元", "person"), ("人次", "person-time")],
)
def test_a_units_family_is_that_of_its_head(unit: str, family: str) -> None:
    assert unit_family(unit) == family
