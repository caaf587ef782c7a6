// Chinese labels of the codes the sync API sends by their English names (see docs/api/fieldwork-sync.md).
export const visitKinds = { Monthly: '月度例行', Festival: '传统节日', Seasonal: '寒来暑往', Emergency: '危难时刻' };
export const dimensions = { Food: '不愁吃', Clothing: '不愁穿', Education: '义务教育', Medical: '基本医疗', Housing: '住房安全', Water: '饮水安全' };
export const severities = { Urgent: '紧急', Normal: '一般', Minor: '轻微' };
/** The risk reasons a cadre may give a lead found at the door (the server keeps one open lead per household and reason). */
export const leadReasons = { UnstableEmployment: '因务工就业不稳', LoanOverdue: '小额信贷逾期', IncomeDrop: '收入大幅下降', HighOutOfPocket: '合规自付支出较大' };
export const workStatuses = { None: '未务工', InTownship: '乡镇内务工', InCounty: '乡外县内务工', InProvince: '县外省内务工', OutOfProvince: '省外务工' };
export const jobChannels = { Own: '自主就业', LabourCooperation: '劳务协作', Workshop: '帮扶车间', PublicWelfareJob: '公益性岗位', ReturnStartup: '返乡创业' };
export const healthStatuses = { Healthy: '健康', ChronicIllness: '长期慢性病', SeriousIllness: '患有大病', Disabled: '残疾' };
export const housingGrades = { A: 'A级（安全）', B: 'B级（基本安全）', C: 'C级（局部危险）', D: 'D级（整栋危险）' };

/** The household facts a visit may update, in the order the form shows them: [field, label, kind]. */
export const factFields = [
  ['foodSecure', '不愁吃', 'bool'],
  ['clothingSecure', '不愁穿', 'bool'],
  ['housingGrade', '住房安全等级', housingGrades],
  ['waterPiped', '自来水入户', 'bool'],
  ['waterQualityPassed', '水质达标', 'bool'],
  ['waterLitresPerPersonDay', '人均日供水量（升）', 'number'],
  ['waterFetchMinutes', '取水往返时间（分钟）', 'number'],
  ['waterCutoffDaysPerYear', '年停水天数', 'number'],
  ['hasElectricity', '通生活用电', 'bool'],
  ['hasHardenedRoad', '通硬化路', 'bool'],
  ['hasBroadband', '通宽带', 'bool'],
  ['hasSanitaryToilet', '卫生厕所', 'bool'],
];

/** The income lines the visit form lets a cadre correct (the rest of the year's lines are sent unchanged). */
export const incomeFields = [
  ['wageIncome', '工资性收入'],
  ['productionIncome', '生产经营性收入'],
  ['productionExpense', '生产经营性支出'],
  ['publicWelfareJobIncome', '公益岗位收入'],
];

export const memberFields = [['workStatus', '务工状况', workStatuses], ['workMonths', '务工月数', 'number'], ['healthStatus', '健康状况', healthStatuses]];

/** A value as the screens show it. */
export function show(value, kind) {
  if (value === null || value === undefined || value === '') return '—';
  if (kind === 'bool') return value ? '是' : '否';
  if (kind && typeof kind === 'object') return kind[value] ?? String(value);
  return String(value);
}

// 回头看 抽样核查 (the sampling survey API's codes).
export const sampleStatuses = { Pending: '待入户', Visited: '已核查', Unreachable: '无法联系', Refused: '拒访', Reserve: '备选（未启用）' };
export const householdStatuses = { Exited: '脱贫户', NotExited: '未脱贫户', Monitored: '监测户', Ordinary: '一般农户' };
export const secured = { Yes: '有保障', No: '无保障' };
/** The questionnaire's 两不愁三保障 items: [field, label]. */
export const guaranteeItems = [['foodClothing', '吃穿'], ['education', '义务教育'], ['medical', '基本医疗'], ['housing', '住房安全'], ['water', '饮水安全']];
