import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../testing/harness.js';
import { call, marketCast } from './market.test-helpers.js';

let env: TestEnv;
let cast: Awaited<ReturnType<typeof marketCast>>;

const body = {
  title: '基于硅光芯片的高速光互连模块',
  abstract:
    '本成果提出一种硅光集成电路光互连模块，采用微环调制器与锗探测器，单通道速率达到100Gbps，功耗降低40%。',
  keywords: ['硅光', '光互连', '集成电路'],
  field: '集成电路',
  organisations: [{ name: '上海测试大学', role: 'first' }],
  people: [{ name: '张三', role: '负责人' }],
  ipItems: [
    { type: 'patent', number: 'ZL202010000001.1' },
    { type: 'layoutDesign', number: 'BS.205000001' },
  ],
  trl: 5,
  ownership: 'grantPartial',
  transferModes: ['licence', 'equityInvestment'],
  priceMinFen: 100_000_000,
  priceMaxFen: 500_000_000,
  researcherContact: { name: '张三', phone: '13812345678', email: 'zhang@example.cn' },
};

beforeAll(async () => {
  env = await createTestEnv();
  cast = await marketCast(env);
});
afterAll(async () => env?.close());

describe('achievement disclosure workflow', () => {
  let id = '';
  it('a researcher drafts; an enterprise user may not', async () => {
    const denied = await call(env, cast.enterprise.cookie, 'POST', '/api/market/achievements', body);
    expect(denied.statusCode).toBe(403);
    const res = await call(env, cast.researcher.cookie, 'POST', '/api/market/achievements', body);
    expect(res.statusCode).toBe(201);
    const a = res.json();
    id = a.id;
    expect(a.status).toBe('draft');
    expect(a.researcherContact.phone).not.toContain('12345678');
    expect(a.actions).toEqual(['submit']);
  });

  it('a techManager of a transfer institution cannot disclose (not a research org)', async () => {
    const res = await call(env, cast.broker.cookie, 'POST', '/api/market/achievements', body);
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toContain('高校');
  });

  it('bad input lists every field in zh and en', async () => {
    const res = await call(env, cast.researcher.cookie, 'POST', '/api/market/achievements', {
      ...body,
      trl: 12,
      transferModes: [],
      priceMinFen: 9,
      priceMaxFen: 1,
    });
    expect(res.statusCode).toBe(400);
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['trl', 'transferModes', 'priceMaxFen']));
  });

  it('not public while a draft; the reviewer cannot publish a draft; the author cannot publish', async () => {
    expect((await call(env, null, 'GET', `/api/market/achievements/${id}`)).statusCode).toBe(404);
    const early = await call(
      env,
      cast.transferOffice.cookie,
      'POST',
      `/api/market/achievements/${id}/publish`,
      {},
    );
    expect(early.statusCode).toBe(409);
    expect(
      (await call(env, cast.researcher.cookie, 'POST', `/api/market/achievements/${id}/submit`, {}))
        .statusCode,
    ).toBe(200);
    const self = await call(
      env,
      cast.researcher.cookie,
      'POST',
      `/api/market/achievements/${id}/publish`,
      {},
    );
    expect(self.statusCode).toBe(403);
    expect(self.json().message).toContain('转化办公室');
  });

  it('returning needs a reason; the author fixes and resubmits; the office publishes', async () => {
    const noReason = await call(
      env,
      cast.transferOffice.cookie,
      'POST',
      `/api/market/achievements/${id}/return`,
      {},
    );
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].field).toBe('reason');
    const ret = await call(env, cast.transferOffice.cookie, 'POST', `/api/market/achievements/${id}/return`, {
      reason: '请补充知识产权号',
    });
    expect(ret.json().status).toBe('returned');
    const mine = await call(env, cast.researcher.cookie, 'GET', `/api/market/achievements/${id}/full`);
    expect(mine.json().returnReason).toBe('请补充知识产权号');
    const patched = await call(env, cast.researcher.cookie, 'PATCH', `/api/market/achievements/${id}`, {
      version: mine.json().version,
      trl: 6,
    });
    expect(patched.statusCode).toBe(200);
    const stale = await call(env, cast.researcher.cookie, 'PATCH', `/api/market/achievements/${id}`, {
      version: mine.json().version,
      trl: 7,
    });
    expect(stale.statusCode).toBe(409);
    await call(env, cast.researcher.cookie, 'POST', `/api/market/achievements/${id}/submit`, {});
    const pub = await call(
      env,
      cast.transferOffice.cookie,
      'POST',
      `/api/market/achievements/${id}/publish`,
      {},
    );
    expect(pub.json().status).toBe('published');
  });

  it('the public view never carries the researcher’s contact', async () => {
    const res = await call(env, null, 'GET', `/api/market/achievements/${id}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('13812345678');
    expect(res.body).not.toContain('zhang@example.cn');
    expect(res.json().researcherContact).toBeUndefined();
    expect(res.json().contact.channel).toBe('techManager');
    const other = await call(env, cast.enterprise.cookie, 'GET', `/api/market/achievements/${id}/full`);
    expect(other.statusCode).toBe(404);
    const list = await call(env, null, 'GET', '/api/market/achievements');
    expect(list.json().items.map((a: { id: string }) => a.id)).toContain(id);
    expect(list.body).not.toContain('13812345678');
  });

  it('every transition is in the audit log, and so is every refusal', async () => {
    const rows = await env.platform.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'result'])
      .where('object_id', '=', id)
      .orderBy('seq')
      .execute();
    // the reviewer's early publish (409) and the author's own publish (403) of the test above
    expect(rows.filter((r) => r.result === 'denied').map((r) => r.action)).toEqual([
      'permission.denied',
      'permission.denied',
    ]);
    expect(rows.filter((r) => r.result === 'ok').map((r) => r.action)).toEqual([
      'market.achievement.create',
      'market.achievement.submit',
      'market.achievement.return',
      'market.achievement.update',
      'market.achievement.submit',
      'market.achievement.publish',
    ]);
  });
});

describe('bulk import', () => {
  it('reports every row: created, rejected with each field error, nothing dropped', async () => {
    const csv = [
      '外部编号,成果名称,成果简介,关键词,技术领域,完成单位,知识产权,技术成熟度,权属,转化方式,最低价格（万元）,最高价格（万元）',
      'R1,一种抗体偶联药物的制备方法,本成果公开一种抗体偶联药物的制备方法，提高偶联效率并降低聚集体比例。,抗体;偶联药物,生物医药,上海测试大学,专利:ZL202110000002.2,4,单位所有,许可;转让,50,200',
      'R2,坏,太短,,生物医药,,火星:1,12,随便,出租,abc,',
      'R3,一种基于深度学习的缺陷检测方法,本成果利用深度学习模型对晶圆表面缺陷进行检测，检出率达到99.5%。,深度学习;缺陷检测,人工智能,上海测试大学,软件著作权:2021SR000003,6,赋权-全部,作价投资,,',
    ].join('\n');
    const res = await call(env, cast.researcher.cookie, 'POST', '/api/market/achievements/import', {
      filename: 'a.csv',
      contentBase64: Buffer.from(csv).toString('base64'),
    });
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ format: 'csv', rows: 3, created: 2, updated: 0, rejected: 1 });
    const bad = r.report.find((x: { row: number }) => x.row === 3);
    expect(bad.outcome).toBe('rejected');
    const fields = bad.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'title',
        'abstract',
        'ipItems',
        'trl',
        'ownership',
        'transferModes',
        'priceMinFen',
      ]),
    );
    for (const e of bad.errors) expect(e.message && e.messageEn).toBeTruthy();
    expect(
      r.report.filter((x: { outcome: string }) => x.outcome === 'created').map((x: { row: number }) => x.row),
    ).toEqual([2, 4]);

    // the same file again updates by 外部编号 instead of duplicating
    const again = await call(env, cast.researcher.cookie, 'POST', '/api/market/achievements/import', {
      filename: 'a.csv',
      contentBase64: Buffer.from(csv).toString('base64'),
    });
    expect(again.json()).toMatchObject({ created: 0, updated: 2, rejected: 1 });
  });

  it('reads .xlsx and .json', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('成果');
    ws.addRow(['成果名称', '成果简介', '技术领域', '技术成熟度', '权属', '转化方式']);
    ws.addRow([
      '一种脑机接口柔性电极',
      '本成果提供一种柔性脑机接口电极阵列，通道数256，植入损伤小，信噪比提高3倍。',
      '脑机接口',
      4,
      '长期使用权',
      '许可',
    ]);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const x = await call(env, cast.transferOffice.cookie, 'POST', '/api/market/achievements/import', {
      filename: 'b.xlsx',
      contentBase64: buf.toString('base64'),
    });
    expect(x.json()).toMatchObject({ format: 'xlsx', created: 1, rejected: 0 });
    const json = [
      {
        title: '一种可降解镁合金血管支架',
        abstract: '本成果提供一种可降解镁合金血管支架，降解周期12个月，径向支撑力满足临床要求。',
        field: '生物医药',
        trl: 7,
        ownership: 'unitOwned',
        transferModes: ['assignment'],
      },
      { title: 'x' },
    ];
    const j = await call(env, cast.researcher.cookie, 'POST', '/api/market/achievements/import', {
      filename: 'c.json',
      contentBase64: Buffer.from(JSON.stringify(json)).toString('base64'),
      dryRun: true,
    });
    expect(j.json()).toMatchObject({ format: 'json', dryRun: true, created: 1, rejected: 1 });
    const count = await env.platform.ctx.db
      .selectFrom('market_achievements')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('title', '=', '一种可降解镁合金血管支架')
      .executeTakeFirst();
    expect(Number(count?.n)).toBe(0);
  });
});
