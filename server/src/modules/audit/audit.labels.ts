/**
 * 审计事件名称: one zh and en label per audit action (`resource.action`) written anywhere in
 * server/src, so the audit log shows 「正式提交申报书」 and not `application.submit`, and a search for
 * 提交 finds the submits. audit.labels.test.ts checks that every action written has a label here.
 */
export interface ActionLabel {
  zh: string;
  en: string;
}

export const AUDIT_ACTION_LABELS: Record<string, ActionLabel> = {
  // identity
  'auth.login': { zh: '登录', en: 'Sign in' },
  'auth.login.locked': { zh: '登录被拒（账号已锁定）', en: 'Sign-in refused (account locked)' },
  'auth.login.throttled': { zh: '登录被限流', en: 'Sign-in throttled' },
  'auth.login.backoff': { zh: '登录暂停（多次密码错误）', en: 'Sign-in paused (repeated wrong passwords)' },
  'auth.password.expired': { zh: '密码到期须更换', en: 'Password expired, change required' },
  'auth.password.reset': { zh: '通过邮件链接重置密码', en: 'Reset password through the e-mailed link' },
  'auth.password.reset.request': {
    zh: '申请重置密码（忘记密码）',
    en: 'Request a password reset (forgotten password)',
  },
  'auth.password.reset.throttled': { zh: '重置密码申请被限流', en: 'Password reset request throttled' },
  'auth.session.ended': {
    zh: '会话被结束（超出并发会话数）',
    en: 'Session ended (concurrent session limit)',
  },
  'audit.export': { zh: '导出审计日志', en: 'Export the audit log' },
  'audit.archive.create': {
    zh: '归档并删除过期审计记录',
    en: 'Archive and prune audit records past the retention',
  },
  'audit.archive.empty': {
    zh: '审计归档（无过期记录）',
    en: 'Audit archive run (no record past the retention)',
  },
  'audit.archive.fail': { zh: '审计归档失败', en: 'Audit archive failed' },
  'application.document.export': { zh: '下载申报书', en: 'Download the application form' },
  'application.receipt.export': { zh: '下载申报回执', en: 'Download the submission receipt' },
  'file.orphans.swept': { zh: '清理无主文件', en: 'Sweep orphan files' },
  'system.backup.create': { zh: '定时备份', en: 'Scheduled backup' },
  'system.backup.drill': { zh: '恢复演练', en: 'Restore drill' },
  'system.backup.fail': { zh: '备份失败', en: 'Backup failed' },
  'auth.logout': { zh: '退出登录', en: 'Sign out' },
  'auth.oidc.login': { zh: '一网通办登录', en: 'Sign in through Yiwangtongban' },
  'auth.oidc.link': { zh: '绑定一网通办账号', en: 'Link the Yiwangtongban account' },
  'auth.password.change': { zh: '修改密码', en: 'Change password' },
  'auth.reauth': { zh: '再次验证身份', en: 'Confirm identity again' },
  'auth.session.expired': { zh: '会话过期', en: 'Session expired' },
  'auth.sessions.purged': { zh: '清理过期会话', en: 'Purge expired sessions' },
  'auth.totp.enrol': { zh: '启用动态口令', en: 'Enrol an authenticator' },
  'org.create': { zh: '新建单位', en: 'Create organisation' },
  'org.read': { zh: '查看单位敏感信息', en: 'Read organisation details' },
  'org.update': { zh: '修改单位', en: 'Update organisation' },
  'user.create': { zh: '新建用户', en: 'Create user' },
  'user.read': { zh: '查看用户敏感信息', en: 'Read user details' },
  'user.update': { zh: '修改用户', en: 'Update user' },
  'user.roles.change': { zh: '变更用户角色', en: 'Change user roles' },
  'user.resetPassword': { zh: '重置用户密码', en: 'Reset user password' },
  'user.resetTotp': { zh: '重置动态口令', en: 'Reset authenticator' },
  'user.unlock': { zh: '解锁用户', en: 'Unlock user' },
  'permission.denied': { zh: '越权访问被拒', en: 'Access denied' },
  'security.request.refuse': { zh: '拒绝跨站请求', en: 'Cross-site request refused' },
  // audit, jobs, files, notifications
  'audit.verify': { zh: '校验审计链', en: 'Verify the audit chain' },
  'job.retry': { zh: '重试后台任务', en: 'Retry a background job' },
  'file.upload': { zh: '上传文件', en: 'Upload file' },
  'file.download': { zh: '下载文件', en: 'Download file' },
  'notification.read': { zh: '标记通知已读', en: 'Mark notification read' },
  'notification.readAll': { zh: '全部通知标为已读', en: 'Mark all notifications read' },
  'data.export': { zh: '导出数据（脱敏）', en: 'Export data (masked)' },
  'data.export.unmasked': { zh: '导出数据（未脱敏）', en: 'Export data (unmasked)' },
  // calls (call.workflow.ts and the call service)
  'call.update': { zh: '修改申报指南', en: 'Update call' },
  'call.edit': { zh: '修改申报指南', en: 'Edit call' },
  'call.publish': { zh: '发布申报指南', en: 'Publish call' },
  'call.close': { zh: '结束征集', en: 'Close call' },
  'call.export': { zh: '导出申报指南', en: 'Export call' },
  'call.importHistorical': { zh: '导入历史指南', en: 'Import historical call' },
  // applications (application.workflow.ts and the services)
  'application.create': { zh: '新建申报书', en: 'Create application' },
  'application.save': { zh: '保存申报书', en: 'Save application' },
  'application.edit': { zh: '填写申报书', en: 'Fill in application' },
  'application.read': { zh: '查看申报书', en: 'Read application' },
  'application.delete': { zh: '删除申报书', en: 'Delete application' },
  'application.attach': { zh: '上传申报附件', en: 'Attach a document' },
  'application.detach': { zh: '删除申报附件', en: 'Remove a document' },
  'application.sendForReview': { zh: '提交单位审核', en: 'Send for organisation review' },
  'application.orgApprove': { zh: '单位审核通过', en: 'Organisation approves' },
  'application.orgReturn': { zh: '单位退回修改', en: 'Organisation returns for changes' },
  'application.districtApprove': { zh: '推荐部门审核通过（推荐）', en: 'District recommends' },
  'application.districtRevise': { zh: '推荐部门修改推荐意见', en: 'District revises its recommendation' },
  'application.districtReturn': { zh: '推荐部门退回修改', en: 'District returns for changes' },
  'application.submit': { zh: '正式提交申报书', en: 'Submit application' },
  'application.submit.failed': { zh: '提交申报书未成功', en: 'Application submit failed' },
  'application.importHistorical': { zh: '导入历史申报', en: 'Import historical application' },
  'programme.ongoingProjects.import': { zh: '导入在研项目', en: 'Import ongoing projects' },
  'screening.run': { zh: '形式审查', en: 'Run screening' },
  'screening.run.start': { zh: '开始形式审查', en: 'Start screening' },
  'screening.export': { zh: '导出形式审查结果', en: 'Export screening results' },
  'screening.confirm': { zh: '确认形式审查结论', en: 'Confirm a screening finding' },
  'screening.override': { zh: '改判形式审查结论', en: 'Override a screening finding' },
  // market: achievements
  'market.achievement.create': { zh: '登记科技成果', en: 'Register achievement' },
  'market.achievement.update': { zh: '修改科技成果', en: 'Update achievement' },
  'market.achievement.submit': { zh: '提交成果审核', en: 'Submit achievement for review' },
  'market.achievement.publish': { zh: '成果审核通过并公开', en: 'Publish achievement' },
  'market.achievement.keepInternal': {
    zh: '成果审核通过，内部留存',
    en: 'Approve achievement, keep internal',
  },
  'market.achievement.return': { zh: '成果退回修改', en: 'Return achievement for changes' },
  'market.achievement.withdraw': { zh: '撤回公开成果', en: 'Withdraw achievement from public view' },
  // market: needs
  'market.need.create': { zh: '发布技术需求（草稿）', en: 'Create need' },
  'market.need.update': { zh: '修改技术需求', en: 'Update need' },
  'market.need.edit': { zh: '修改技术需求', en: 'Edit need' },
  'market.need.refine': { zh: '完善技术需求', en: 'Refine need' },
  'market.need.publish': { zh: '发布技术需求', en: 'Publish need' },
  'market.need.close': { zh: '关闭技术需求', en: 'Close need' },
  'market.need.answer': { zh: '为需求提交方案', en: 'Answer a need' },
  // market: solutions
  'market.solution.create': { zh: '提交解决方案', en: 'Submit solution' },
  'market.solution.shortlist': { zh: '方案入围', en: 'Shortlist solution' },
  'market.solution.reject': { zh: '方案不采纳', en: 'Reject solution' },
  'market.solution.withdraw': { zh: '撤回方案', en: 'Withdraw solution' },
  'market.solution.introduce': { zh: '对接引荐', en: 'Introduce the parties' },
  'market.solution.negotiate': { zh: '进入洽谈', en: 'Start negotiation' },
  'market.solution.sign': { zh: '登记签约', en: 'Record the signed contract' },
  'market.solution.close': { zh: '终止对接', en: 'Close solution' },
  // market: challenges
  'market.challenge.create': { zh: '新建揭榜挂帅榜单', en: 'Create challenge' },
  'market.challenge.open': { zh: '榜单开始征集', en: 'Open challenge' },
  'market.challenge.startScreening': { zh: '榜单进入专家初筛', en: 'Start pre-screening' },
  'market.challenge.nextRound': { zh: '榜单进入下一轮', en: 'Next round' },
  'market.challenge.close': { zh: '结束榜单评选', en: 'Close judging' },
  'market.challenge.publishResults': { zh: '公布榜单结果', en: 'Publish challenge results' },
  'market.challenge.attachNeeds': { zh: '挂榜需求', en: 'Attach needs' },
  'market.challenge.assignExperts': { zh: '指派评审专家', en: 'Assign experts' },
  'market.challenge.score': { zh: '专家初筛评分', en: 'Score a solution' },
  'market.challenge.setWinners': { zh: '确定获胜方案', en: 'Name the winners' },
  'market.challenge.winners': { zh: '确定获胜方案', en: 'Name the winners' },
  // market: administration
  'market.expertProfile.update': { zh: '修改专家档案', en: 'Update expert profile' },
  'review.round.create': { zh: '新建评审轮次', en: 'Create a review round' },
  'review.round.assign': { zh: '自动分配评审专家', en: 'Assign review experts automatically' },
  'review.round.open': { zh: '开始评审并通知专家', en: 'Open a review round' },
  'review.round.close': { zh: '结束评审', en: 'Close a review round' },
  'review.assignment.change': { zh: '更换评审专家', en: 'Change a review expert' },
  'review.assignment.add': { zh: '补充评审专家', en: 'Add a review expert' },
  'review.assignment.accept': { zh: '专家接受评审任务', en: 'Expert accepts a review task' },
  'review.assignment.decline': { zh: '专家谢绝评审（含申报回避）', en: 'Expert declines a review task' },
  'review.assignment.replace': { zh: '自动替换谢绝的专家', en: 'Replace a declining expert automatically' },
  'review.score.save': { zh: '保存评分（草稿）', en: 'Save a score sheet (draft)' },
  'review.results.export': { zh: '导出评审结果', en: 'Export review results' },
  'review.opinion.export': { zh: '导出专家评审意见表', en: 'Export an expert opinion form' },
  'review.score.submit': { zh: '提交评分', en: 'Submit a score sheet' },
  'review.panel.schedule': { zh: '安排见面会场次', en: 'Schedule a panel session' },
  'review.panel.notify': { zh: '通知申报单位答辩时间', en: 'Tell applicants their panel slots' },
  'review.panel.minutes': { zh: '录入见面会纪要与结论', en: 'Record panel minutes and decisions' },
  'experts.expert.create': { zh: '新建专家库专家', en: 'Add an expert to the pool' },
  'experts.expert.update': { zh: '修改专家库专家', en: 'Update an expert in the pool' },
  'experts.pool.export': { zh: '导出专家库', en: 'Export the expert pool' },
  // review: public notice (公示), objections (异议), award (立项)
  'review.fundingPlan.draft': { zh: '编制资助计划', en: 'Draft a funding plan' },
  'review.fundingPlan.revise': { zh: '修改资助计划', en: 'Revise a funding plan' },
  'review.fundingPlan.consult': {
    zh: '录入资助计划会商结果',
    en: 'Record the consultation on a funding plan',
  },
  'review.fundingPlan.reopen': { zh: '退回修改资助计划', en: 'Reopen a funding plan' },
  'review.fundingPlan.notice': { zh: '资助计划转入立项公示', en: 'Put a funding plan on public notice' },
  'review.fundingPlan.export': { zh: '导出资助计划', en: 'Export a funding plan' },
  'review.notice.create': { zh: '拟定立项公示', en: 'Draft a public notice' },
  'review.notice.publish': { zh: '发布立项公示', en: 'Publish a public notice' },
  'review.notice.close': { zh: '结束立项公示（公示期满）', en: 'Close a public notice (period over)' },
  'review.notice.award': { zh: '确定立项', en: 'Decide the award' },
  'review.objection.lodge': { zh: '提出公示异议', en: 'Lodge an objection to a notice' },
  'review.objection.decide': { zh: '记录异议核实结论', en: 'Record the finding on an objection' },
  'review.objection.throttled': { zh: '公示异议提交被限流', en: 'Objection throttled' },
  'review.application.remove': {
    zh: '异议成立，项目不予立项',
    en: 'Not awarded: an objection was upheld',
  },
  'application.award': { zh: '申报立项', en: 'Award an application' },
  'projects.agreement.create': { zh: '生成任务书', en: 'Draft an agreement' },
  'projects.agreement.edit': { zh: '修改任务书草稿', en: 'Edit a draft agreement' },
  'projects.agreement.confirmOrg': {
    zh: '承担单位确认任务书',
    en: 'Confirm an agreement for the organisation',
  },
  'projects.agreement.confirm': { zh: '市科委确认签订任务书', en: 'Sign an agreement for the commission' },
  'projects.agreement.reopen': { zh: '任务书退回起草', en: 'Reopen an agreement' },
  'projects.tranche.request': { zh: '提出请款', en: 'Request a payment' },
  'projects.tranche.approve': { zh: '审批请款', en: 'Approve a payment request' },
  'projects.tranche.refuse': { zh: '退回请款', en: 'Refuse a payment request' },
  'projects.tranche.pay': { zh: '登记拨付', en: 'Record a payment' },
  'projects.change.file': { zh: '提出任务书变更申请', en: 'File a change request' },
  'projects.change.approve': { zh: '批准任务书变更', en: 'Approve a change request' },
  'projects.change.refuse': { zh: '不予批准任务书变更', en: 'Refuse a change request' },
  'market.dictionary.add': { zh: '添加检索词典词条', en: 'Add a dictionary term' },
  'market.dictionary.remove': { zh: '删除检索词典词条', en: 'Remove a dictionary term' },
  'market.search.rebuild': { zh: '重建检索索引', en: 'Rebuild the search index' },
  'market.demo.seed': { zh: '载入演示成果', en: 'Load demo achievements' },
};

/** The label of an action; an unknown one (an old row) shows its code. */
export function auditActionLabel(action: string): ActionLabel {
  return AUDIT_ACTION_LABELS[action] ?? { zh: action, en: action };
}

/** The actions whose zh or en label (or code) contains `text`, case-insensitively: 提交 → the submits. */
export function actionsMatching(text: string): string[] {
  const t = text.trim().toLowerCase();
  if (!t) return [];
  return Object.entries(AUDIT_ACTION_LABELS)
    .filter(([k, l]) => k.toLowerCase().includes(t) || l.zh.includes(t) || l.en.toLowerCase().includes(t))
    .map(([k]) => k);
}

/** What an audited object is, in words. */
export const AUDIT_OBJECT_LABELS: Record<string, ActionLabel> = {
  achievement: { zh: '科技成果', en: 'Achievement' },
  application: { zh: '申报书', en: 'Application' },
  audit_archive: { zh: '审计归档', en: 'Audit archive' },
  call: { zh: '申报指南', en: 'Call' },
  challenge: { zh: '揭榜挂帅榜单', en: 'Challenge' },
  dictionary: { zh: '检索词典', en: 'Dictionary' },
  file: { zh: '文件', en: 'File' },
  identity: { zh: '身份', en: 'Identity' },
  job: { zh: '后台任务', en: 'Background job' },
  market: { zh: '成果转化市场', en: 'Market' },
  need: { zh: '技术需求', en: 'Need' },
  notification: { zh: '通知', en: 'Notification' },
  ongoingProjects: { zh: '在研项目', en: 'Ongoing projects' },
  org: { zh: '单位', en: 'Organisation' },
  route: { zh: '接口', en: 'Endpoint' },
  searchIndex: { zh: '检索索引', en: 'Search index' },
  session: { zh: '会话', en: 'Session' },
  solution: { zh: '解决方案', en: 'Solution' },
  user: { zh: '用户', en: 'User' },
};

export function auditObjectLabel(type: string | null): ActionLabel | null {
  return type === null ? null : (AUDIT_OBJECT_LABELS[type] ?? { zh: type, en: type });
}
