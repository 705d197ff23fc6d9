// Chinese by default (the programmes' own names are Chinese), English on the switch. Codes from
// the ledger (reason codes, purposes, actions) are translated here and shown with the code.
const STRINGS = {
  zh: {
    title: '福利账本 控制台', switchTo: 'English', skip: '跳到内容',
    'nav.timeline': '受益人时间线', 'nav.programme': '项目月报', 'nav.anomalies': '异常', 'nav.proof': '证明核验',
    'nav.myData': '谁查看了我的数据', 'nav.health': '账本健康',
    'signin.title': '登录', 'signin.key': 'API 密钥', 'signin.submit': '登录', 'signin.out': '退出',
    'signin.note': '密钥只保存在本页面的内存中：不写入网址或浏览器存储；刷新页面后需要重新输入。',
    'signin.as': '已登录：{system}（{org}；角色：{roles}）', 'signin.failed': '登录失败',
    'noRight': '您的角色无权查看此页面（需要：{roles}）。', 'needSignIn': '请先登录。', 'loading': '加载中…',
    'timeline.purpose': '查询目的（必填，先选择）', 'timeline.logged': '此次查询将作为一条访问记录写入账本：以您的系统名义，连同目的。',
    'timeline.citizen': '公民身份号码（18 位）', 'timeline.submit': '查询', 'timeline.more': '下一页（再记一次访问）',
    'timeline.subject': '化名（subjectRef）', 'timeline.readLogged': '本次查询已记录为访问事件 {eventId}',
    'timeline.empty': '账本中没有此人的记录。',
    'col.when': '时间（北京时间）', 'col.kind': '类别', 'col.action': '动作', 'col.programme': '项目', 'col.details': '详情', 'col.tx': '交易 / 证明',
    'col.district': '区县', 'col.posted': '已发放', 'col.rejected': '已拒绝', 'col.settled': '已结算', 'col.returned': '已退回',
    'col.awaiting': '待结算', 'col.count': '笔数', 'col.amount': '金额', 'col.period': '月份', 'col.line': '支付行', 'col.reason': '原因',
    'col.status': '状态', 'col.system': '系统', 'col.org': '机构', 'col.purpose': '目的', 'col.legalBasis': '法律依据', 'col.proof': '包含证明',
    'col.height': '区块高度', 'col.tip': '最新区块哈希', 'col.block': '区块', 'col.txs': '交易数', 'col.peer': '节点',
    'kind.Eligibility': '资格', 'kind.DisbursementLine': '支付', 'kind.Death': '死亡登记', 'kind.Overpayment': '多付款', 'kind.AccessEvent': '数据访问',
    'programme.choose': '项目', 'programme.period': '月份', 'programme.show': '显示', 'programme.csv': '导出 CSV',
    'programme.chart12': '近 12 个月已发放金额', 'programme.chartReasons': '按原因统计的拒绝笔数', 'programme.districts': '区县明细',
    'programme.totals': '本月合计', 'programme.noData': '该月没有支付记录。',
    'anomalies.kind': '类别', 'anomalies.all': '全部', 'anomalies.overpayments': '未追回的多付款', 'anomalies.recovered': '已追回的多付款', 'anomalies.filter': '筛选',
    'anomalies.page': '第 {page} / {pages} 页，共 {total} 条', 'anomalies.prev': '上一页', 'anomalies.next': '下一页',
    'anomalies.none': '没有符合条件的异常。', 'anomalies.sample': '每类最多显示最早的 100 条。',
    'proof.tx': '交易 ID', 'proof.trust': '信任锚文件（welfare-trust.json）', 'proof.tamper': '改动证明包中的一个字节（演示核验失败）',
    'proof.verify': '获取并在浏览器中核验', 'proof.notLoaded': '核验程序未加载（/console/verifier.js）：无法在页面中核验。',
    'proof.needTrust': '请先选择信任锚文件。', 'proof.note': '证明包由网关提供，核验完全在本页面中进行，不依赖任何服务器端的“已核验”标记。',
    'myData.issueTitle': '柜台：签发一次性查询码', 'myData.issue': '签发', 'myData.code': '查询码', 'myData.link': '链接',
    'myData.issued': '查询码（7 天内有效，只能使用一次）：', 'myData.redeemTitle': '输入柜台给您的一次性查询码',
    'myData.redeem': '查看', 'myData.none': '没有任何系统查看过您的数据。', 'myData.included': '已在页面中核验',
    'myData.notIncluded': '核验失败', 'myData.used': '查询码已使用：刷新页面后这些记录不会再显示。',
    'myData.proofNote': '每一行的包含证明（RFC 6962 审计路径到锚定批次的根）都在本页面中用 WebCrypto 重新计算。',
    'health.refresh': '刷新', 'health.diverged': '分叉：同一高度的区块哈希不一致！', 'health.consistent': '三个机构的账本一致',
    'health.lag': '本网关索引落后 {lag} 个区块（已索引到第 {block} 块）', 'health.unreachable': '无法连接', 'health.latest': '最新区块',
    'health.behind': '落后',
  },
  en: {
    title: 'Welfare ledger console', switchTo: '中文', skip: 'Skip to content',
    'nav.timeline': 'Beneficiary timeline', 'nav.programme': 'Programme month', 'nav.anomalies': 'Anomalies', 'nav.proof': 'Proof badge',
    'nav.myData': 'Who read my data', 'nav.health': 'Ledger health',
    'signin.title': 'Sign in', 'signin.key': 'API key', 'signin.submit': 'Sign in', 'signin.out': 'Sign out',
    'signin.note': 'The key is kept in this page\'s memory only: never in the URL or browser storage; reloading the page asks for it again.',
    'signin.as': 'Signed in: {system} ({org}; roles: {roles})', 'signin.failed': 'Sign-in failed',
    'noRight': 'Your role may not see this screen (it needs: {roles}).', 'needSignIn': 'Sign in first.', 'loading': 'Loading…',
    'timeline.purpose': 'Purpose (required, asked first)', 'timeline.logged': 'This read is written to the ledger as an access event, under your system and with this purpose.',
    'timeline.citizen': 'Citizen ID (18 characters)', 'timeline.submit': 'Look up', 'timeline.more': 'Next page (logged again)',
    'timeline.subject': 'Pseudonym (subjectRef)', 'timeline.readLogged': 'This read was logged as access event {eventId}',
    'timeline.empty': 'The ledger holds nothing about this person.',
    'col.when': 'When (Beijing time)', 'col.kind': 'Kind', 'col.action': 'Action', 'col.programme': 'Programme', 'col.details': 'Details', 'col.tx': 'Transaction / proof',
    'col.district': 'District', 'col.posted': 'Posted', 'col.rejected': 'Rejected', 'col.settled': 'Settled', 'col.returned': 'Returned',
    'col.awaiting': 'Awaiting settlement', 'col.count': 'Lines', 'col.amount': 'Amount', 'col.period': 'Period', 'col.line': 'Line', 'col.reason': 'Reason',
    'col.status': 'Status', 'col.system': 'System', 'col.org': 'Org', 'col.purpose': 'Purpose', 'col.legalBasis': 'Legal basis', 'col.proof': 'Inclusion proof',
    'col.height': 'Height', 'col.tip': 'Tip block hash', 'col.block': 'Block', 'col.txs': 'Transactions', 'col.peer': 'Peer',
    'kind.Eligibility': 'Eligibility', 'kind.DisbursementLine': 'Payment', 'kind.Death': 'Death', 'kind.Overpayment': 'Overpayment', 'kind.AccessEvent': 'Data access',
    'programme.choose': 'Programme', 'programme.period': 'Period', 'programme.show': 'Show', 'programme.csv': 'Export CSV',
    'programme.chart12': 'Posted amount, last 12 months', 'programme.chartReasons': 'Rejected lines by reason', 'programme.districts': 'By district',
    'programme.totals': 'This month', 'programme.noData': 'No payment lines in this month.',
    'anomalies.kind': 'Kind', 'anomalies.all': 'All', 'anomalies.overpayments': 'Open overpayments', 'anomalies.recovered': 'Recovered overpayments', 'anomalies.filter': 'Filter',
    'anomalies.page': 'Page {page} of {pages}, {total} in all', 'anomalies.prev': 'Previous', 'anomalies.next': 'Next',
    'anomalies.none': 'No anomalies match.', 'anomalies.sample': 'At most the first 100 of each kind are shown.',
    'proof.tx': 'Transaction ID', 'proof.trust': 'Trust anchor file (welfare-trust.json)', 'proof.tamper': 'Alter one byte of the bundle (to see a refusal)',
    'proof.verify': 'Fetch and verify in the browser', 'proof.notLoaded': 'Verifier not loaded (/console/verifier.js): the page cannot verify.',
    'proof.needTrust': 'Choose the trust anchor file first.', 'proof.note': 'The gateway hands over the bundle; the check runs entirely in this page, with no server-side "verified" flag.',
    'myData.issueTitle': 'Counter: issue a one-time code', 'myData.issue': 'Issue', 'myData.code': 'Code', 'myData.link': 'Link',
    'myData.issued': 'Code (valid 7 days, usable once):', 'myData.redeemTitle': 'Enter the one-time code the counter gave you',
    'myData.redeem': 'Show', 'myData.none': 'No system has read your data.', 'myData.included': 'checked in this page',
    'myData.notIncluded': 'check failed', 'myData.used': 'The code is now used: these lines will not show again after a reload.',
    'myData.proofNote': "Each line's inclusion proof (RFC 6962 audit path to its anchored batch root) is recomputed in this page with WebCrypto.",
    'health.refresh': 'Refresh', 'health.diverged': 'DIVERGED: different block hashes at the same height!', 'health.consistent': "The three orgs' chains agree",
    'health.lag': "This gateway's index is {lag} blocks behind (indexed to block {block})", 'health.unreachable': 'unreachable', 'health.latest': 'Latest blocks',
    'health.behind': 'behind',
  },
};

const CODES = {
  zh: {
    UNKNOWN_PROGRAM: '未知项目', INVALID_AMOUNT: '金额无效', NOT_ELIGIBLE: '无资格', DECEASED: '已死亡', DUPLICATE: '重复发放',
    AMOUNT_EXCEEDS_STANDARD: '超过标准', POSTED: '已发放', REJECTED: '已拒绝', SETTLED: '已结算', RETURNED: '已退回',
    GRANT: '核准', SUSPEND: '暂停', REINSTATE: '恢复', REVOKE: '撤销', TRANSFER_DISTRICT: '转区', RECORDED: '登记', FLAGGED: '标记',
    RECOVERED: '已追回', ACCESSED: '查看', OPEN: '未追回', ACTIVE: '有效', SUSPENDED: '已暂停', REVOKED: '已撤销', PASS: '通过', FAIL: '未通过',
    ELIGIBILITY_REVIEW: '资格审核', DISBURSEMENT_VERIFICATION: '发放核对', DEATH_VERIFICATION: '死亡核实', CASE_HANDLING: '个案办理',
    SERVICE_DELIVERY: '服务提供', AUDIT: '审计', INSPECTION: '检查', STATISTICS: '统计', MINISTRY_REPORTING: '部级上报',
    IDENTITY: '身份', DISABILITY_LEVEL: '残疾等级', ECONOMIC_STATUS: '经济状况', RESIDENCE: '户籍',
  },
  en: {},
};

let lang = 'zh';

export const language = () => lang;
export function setLanguage(next) {
  lang = next;
  document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
}

export function t(key, vars = {}) {
  const text = STRINGS[lang][key] ?? STRINGS.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(vars[name] ?? ''));
}

/** A ledger code, translated where a translation exists, with the code itself for the record. */
export function code(value) {
  if (!value) return '—';
  const label = CODES[lang][value];
  return label ? `${label} (${value})` : value;
}

const SHORT = {
  zh: { UNKNOWN_PROGRAM: '未知项目', INVALID_AMOUNT: '金额无效', NOT_ELIGIBLE: '无资格', DECEASED: '已死亡', DUPLICATE: '重复', AMOUNT_EXCEEDS_STANDARD: '超标准' },
  en: { UNKNOWN_PROGRAM: 'Unknown', INVALID_AMOUNT: 'Invalid amt', NOT_ELIGIBLE: 'Not eligible', DECEASED: 'Deceased', DUPLICATE: 'Duplicate', AMOUNT_EXCEEDS_STANDARD: 'Over cap' },
};

/** A reason code in a few characters, for a chart's axis (the legend gives the full code). */
export const shortCode = (value) => SHORT[lang][value] ?? value;

/** A programme's name in the current language, from its record. */
export const programmeName = (programme) => (programme ? (lang === 'zh' ? programme.nameZh : programme.nameEn) : '');
