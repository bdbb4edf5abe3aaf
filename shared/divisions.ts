/**
 * 中华人民共和国行政区划代码 (GB/T 2260): the provinces, every prefecture-level division (so the first
 * 2 or 4 digits of any code name a place), and every district of Shanghai (with the former ones that a
 * code assigned before a merger still carries: 卢湾 2011, 南汇 2009, 闸北 2015, 崇明县 2016).
 * Reference data used by the USCC (统一社会信用代码, characters 3–8 are the division code of the
 * registering authority) and by the "registered in Shanghai" rule. Pure; no I/O.
 */

const PROVINCES: Record<string, { zh: string; en: string }> = {
  '11': { zh: '北京市', en: 'Beijing' },
  '12': { zh: '天津市', en: 'Tianjin' },
  '13': { zh: '河北省', en: 'Hebei' },
  '14': { zh: '山西省', en: 'Shanxi' },
  '15': { zh: '内蒙古自治区', en: 'Inner Mongolia' },
  '21': { zh: '辽宁省', en: 'Liaoning' },
  '22': { zh: '吉林省', en: 'Jilin' },
  '23': { zh: '黑龙江省', en: 'Heilongjiang' },
  '31': { zh: '上海市', en: 'Shanghai' },
  '32': { zh: '江苏省', en: 'Jiangsu' },
  '33': { zh: '浙江省', en: 'Zhejiang' },
  '34': { zh: '安徽省', en: 'Anhui' },
  '35': { zh: '福建省', en: 'Fujian' },
  '36': { zh: '江西省', en: 'Jiangxi' },
  '37': { zh: '山东省', en: 'Shandong' },
  '41': { zh: '河南省', en: 'Henan' },
  '42': { zh: '湖北省', en: 'Hubei' },
  '43': { zh: '湖南省', en: 'Hunan' },
  '44': { zh: '广东省', en: 'Guangdong' },
  '45': { zh: '广西壮族自治区', en: 'Guangxi' },
  '46': { zh: '海南省', en: 'Hainan' },
  '50': { zh: '重庆市', en: 'Chongqing' },
  '51': { zh: '四川省', en: 'Sichuan' },
  '52': { zh: '贵州省', en: 'Guizhou' },
  '53': { zh: '云南省', en: 'Yunnan' },
  '54': { zh: '西藏自治区', en: 'Tibet' },
  '61': { zh: '陕西省', en: 'Shaanxi' },
  '62': { zh: '甘肃省', en: 'Gansu' },
  '63': { zh: '青海省', en: 'Qinghai' },
  '64': { zh: '宁夏回族自治区', en: 'Ningxia' },
  '65': { zh: '新疆维吾尔自治区', en: 'Xinjiang' },
  '71': { zh: '台湾省', en: 'Taiwan' },
  '81': { zh: '香港特别行政区', en: 'Hong Kong SAR' },
  '82': { zh: '澳门特别行政区', en: 'Macao SAR' },
};

/** Prefecture-level divisions: 4-digit prefix → name (市辖区 of the municipalities named by the province). */
const PREFECTURES_TEXT = `
1101 市辖区|1201 市辖区|3101 市辖区|3102 县|5001 市辖区|5002 县|
1301 石家庄市|1302 唐山市|1303 秦皇岛市|1304 邯郸市|1305 邢台市|1306 保定市|1307 张家口市|1308 承德市|1309 沧州市|1310 廊坊市|1311 衡水市|
1401 太原市|1402 大同市|1403 阳泉市|1404 长治市|1405 晋城市|1406 朔州市|1407 晋中市|1408 运城市|1409 忻州市|1410 临汾市|1411 吕梁市|
1501 呼和浩特市|1502 包头市|1503 乌海市|1504 赤峰市|1505 通辽市|1506 鄂尔多斯市|1507 呼伦贝尔市|1508 巴彦淖尔市|1509 乌兰察布市|1522 兴安盟|1525 锡林郭勒盟|1529 阿拉善盟|
2101 沈阳市|2102 大连市|2103 鞍山市|2104 抚顺市|2105 本溪市|2106 丹东市|2107 锦州市|2108 营口市|2109 阜新市|2110 辽阳市|2111 盘锦市|2112 铁岭市|2113 朝阳市|2114 葫芦岛市|
2201 长春市|2202 吉林市|2203 四平市|2204 辽源市|2205 通化市|2206 白山市|2207 松原市|2208 白城市|2224 延边朝鲜族自治州|
2301 哈尔滨市|2302 齐齐哈尔市|2303 鸡西市|2304 鹤岗市|2305 双鸭山市|2306 大庆市|2307 伊春市|2308 佳木斯市|2309 七台河市|2310 牡丹江市|2311 黑河市|2312 绥化市|2327 大兴安岭地区|
3201 南京市|3202 无锡市|3203 徐州市|3204 常州市|3205 苏州市|3206 南通市|3207 连云港市|3208 淮安市|3209 盐城市|3210 扬州市|3211 镇江市|3212 泰州市|3213 宿迁市|
3301 杭州市|3302 宁波市|3303 温州市|3304 嘉兴市|3305 湖州市|3306 绍兴市|3307 金华市|3308 衢州市|3309 舟山市|3310 台州市|3311 丽水市|
3401 合肥市|3402 芜湖市|3403 蚌埠市|3404 淮南市|3405 马鞍山市|3406 淮北市|3407 铜陵市|3408 安庆市|3410 黄山市|3411 滁州市|3412 阜阳市|3413 宿州市|3415 六安市|3416 亳州市|3417 池州市|3418 宣城市|
3501 福州市|3502 厦门市|3503 莆田市|3504 三明市|3505 泉州市|3506 漳州市|3507 南平市|3508 龙岩市|3509 宁德市|
3601 南昌市|3602 景德镇市|3603 萍乡市|3604 九江市|3605 新余市|3606 鹰潭市|3607 赣州市|3608 吉安市|3609 宜春市|3610 抚州市|3611 上饶市|
3701 济南市|3702 青岛市|3703 淄博市|3704 枣庄市|3705 东营市|3706 烟台市|3707 潍坊市|3708 济宁市|3709 泰安市|3710 威海市|3711 日照市|3713 临沂市|3714 德州市|3715 聊城市|3716 滨州市|3717 菏泽市|
4101 郑州市|4102 开封市|4103 洛阳市|4104 平顶山市|4105 安阳市|4106 鹤壁市|4107 新乡市|4108 焦作市|4109 濮阳市|4110 许昌市|4111 漯河市|4112 三门峡市|4113 南阳市|4114 商丘市|4115 信阳市|4116 周口市|4117 驻马店市|4190 省直辖县级行政区划|
4201 武汉市|4202 黄石市|4203 十堰市|4205 宜昌市|4206 襄阳市|4207 鄂州市|4208 荆门市|4209 孝感市|4210 荆州市|4211 黄冈市|4212 咸宁市|4213 随州市|4228 恩施土家族苗族自治州|4290 省直辖县级行政区划|
4301 长沙市|4302 株洲市|4303 湘潭市|4304 衡阳市|4305 邵阳市|4306 岳阳市|4307 常德市|4308 张家界市|4309 益阳市|4310 郴州市|4311 永州市|4312 怀化市|4313 娄底市|4331 湘西土家族苗族自治州|
4401 广州市|4402 韶关市|4403 深圳市|4404 珠海市|4405 汕头市|4406 佛山市|4407 江门市|4408 湛江市|4409 茂名市|4412 肇庆市|4413 惠州市|4414 梅州市|4415 汕尾市|4416 河源市|4417 阳江市|4418 清远市|4419 东莞市|4420 中山市|4451 潮州市|4452 揭阳市|4453 云浮市|
4501 南宁市|4502 柳州市|4503 桂林市|4504 梧州市|4505 北海市|4506 防城港市|4507 钦州市|4508 贵港市|4509 玉林市|4510 百色市|4511 贺州市|4512 河池市|4513 来宾市|4514 崇左市|
4601 海口市|4602 三亚市|4603 三沙市|4604 儋州市|4690 省直辖县级行政区划|
5101 成都市|5103 自贡市|5104 攀枝花市|5105 泸州市|5106 德阳市|5107 绵阳市|5108 广元市|5109 遂宁市|5110 内江市|5111 乐山市|5113 南充市|5114 眉山市|5115 宜宾市|5116 广安市|5117 达州市|5118 雅安市|5119 巴中市|5120 资阳市|5132 阿坝藏族羌族自治州|5133 甘孜藏族自治州|5134 凉山彝族自治州|
5201 贵阳市|5202 六盘水市|5203 遵义市|5204 安顺市|5205 毕节市|5206 铜仁市|5223 黔西南布依族苗族自治州|5226 黔东南苗族侗族自治州|5227 黔南布依族苗族自治州|
5301 昆明市|5303 曲靖市|5304 玉溪市|5305 保山市|5306 昭通市|5307 丽江市|5308 普洱市|5309 临沧市|5323 楚雄彝族自治州|5325 红河哈尼族彝族自治州|5326 文山壮族苗族自治州|5328 西双版纳傣族自治州|5329 大理白族自治州|5331 德宏傣族景颇族自治州|5333 怒江傈僳族自治州|5334 迪庆藏族自治州|
5401 拉萨市|5402 日喀则市|5403 昌都市|5404 林芝市|5405 山南市|5406 那曲市|5425 阿里地区|
6101 西安市|6102 铜川市|6103 宝鸡市|6104 咸阳市|6105 渭南市|6106 延安市|6107 汉中市|6108 榆林市|6109 安康市|6110 商洛市|
6201 兰州市|6202 嘉峪关市|6203 金昌市|6204 白银市|6205 天水市|6206 武威市|6207 张掖市|6208 平凉市|6209 酒泉市|6210 庆阳市|6211 定西市|6212 陇南市|6229 临夏回族自治州|6230 甘南藏族自治州|
6301 西宁市|6302 海东市|6322 海北藏族自治州|6323 黄南藏族自治州|6325 海南藏族自治州|6326 果洛藏族自治州|6327 玉树藏族自治州|6328 海西蒙古族藏族自治州|
6401 银川市|6402 石嘴山市|6403 吴忠市|6404 固原市|6405 中卫市|
6501 乌鲁木齐市|6502 克拉玛依市|6504 吐鲁番市|6505 哈密市|6523 昌吉回族自治州|6527 博尔塔拉蒙古自治州|6528 巴音郭楞蒙古自治州|6529 阿克苏地区|6530 克孜勒苏柯尔克孜自治州|6531 喀什地区|6532 和田地区|6540 伊犁哈萨克自治州|6542 塔城地区|6543 阿勒泰地区|6590 自治区直辖县级行政区划
`;

/** Shanghai's districts (current, then former ones with the district that took them over). */
export const SHANGHAI_DISTRICTS: Record<string, { zh: string; en: string; mergedInto?: string }> = {
  '310101': { zh: '黄浦区', en: 'Huangpu' },
  '310104': { zh: '徐汇区', en: 'Xuhui' },
  '310105': { zh: '长宁区', en: 'Changning' },
  '310106': { zh: '静安区', en: "Jing'an" },
  '310107': { zh: '普陀区', en: 'Putuo' },
  '310109': { zh: '虹口区', en: 'Hongkou' },
  '310110': { zh: '杨浦区', en: 'Yangpu' },
  '310112': { zh: '闵行区', en: 'Minhang' },
  '310113': { zh: '宝山区', en: 'Baoshan' },
  '310114': { zh: '嘉定区', en: 'Jiading' },
  '310115': { zh: '浦东新区', en: 'Pudong New Area' },
  '310116': { zh: '金山区', en: 'Jinshan' },
  '310117': { zh: '松江区', en: 'Songjiang' },
  '310118': { zh: '青浦区', en: 'Qingpu' },
  '310120': { zh: '奉贤区', en: 'Fengxian' },
  '310151': { zh: '崇明区', en: 'Chongming' },
  '310103': { zh: '卢湾区', en: 'Luwan (former)', mergedInto: '310101' },
  '310108': { zh: '闸北区', en: 'Zhabei (former)', mergedInto: '310106' },
  '310119': { zh: '南汇区', en: 'Nanhui (former)', mergedInto: '310115' },
  '310230': { zh: '崇明县', en: 'Chongming County (former)', mergedInto: '310151' },
};

const PREFECTURES: Record<string, string> = Object.fromEntries(
  PREFECTURES_TEXT.split('|')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const [code, name] = s.split(' ');
      return [code, name];
    }),
);

export const SHANGHAI = '310000';

export interface Division {
  /** The six-digit code as given. */
  code: string;
  province: { code: string; zh: string; en: string } | null;
  /** Prefecture-level division (omitted for 市辖区 of a municipality and for a province-level code). */
  prefecture: { code: string; zh: string } | null;
  /** A Shanghai district (the table holds county-level names for Shanghai only). */
  district: { code: string; zh: string; en: string; mergedInto?: string } | null;
  /** The most precise name the table gives: 江苏省南京市, 上海市杨浦区, 上海市. */
  zh: string;
  en: string;
  /** false when the province is not in GB/T 2260 (the code is not a division code). */
  known: boolean;
}

/** Names a six-digit administrative division code by its first 2, 4 and (Shanghai) 6 digits. */
export function divisionOf(code: string): Division {
  const c = code.trim();
  const p = PROVINCES[c.slice(0, 2)];
  if (!/^\d{6}$/.test(c) || !p)
    return { code: c, province: null, prefecture: null, district: null, zh: c, en: c, known: false };
  const province = { code: `${c.slice(0, 2)}0000`, ...p };
  const prefName = c.slice(2, 4) === '00' ? undefined : PREFECTURES[c.slice(0, 4)];
  const isMunicipalBlock = prefName === '市辖区' || prefName === '县';
  const prefecture = prefName && !isMunicipalBlock ? { code: `${c.slice(0, 4)}00`, zh: prefName } : null;
  const d = SHANGHAI_DISTRICTS[c];
  const district = d ? { code: c, ...d } : null;
  const zh = `${p.zh}${prefecture?.zh ?? ''}${district?.zh ?? ''}`;
  const en = district ? `${district.en}, ${p.en}` : prefecture ? `${prefecture.zh}, ${p.en}` : p.en;
  return { code: c, province, prefecture, district, zh, en, known: true };
}

/**
 * Whether division `inner` lies within division `outer`: 310000 holds every 31xxxx, 320100 every
 * 3201xx; a code holds itself. A former Shanghai district lies within the one that took it over.
 */
export function withinDivision(inner: string, outer: string): boolean {
  if (!/^\d{6}$/.test(inner) || !/^\d{6}$/.test(outer)) return false;
  if (inner === outer) return true;
  if (outer.endsWith('0000')) return inner.slice(0, 2) === outer.slice(0, 2);
  if (outer.endsWith('00')) return inner.slice(0, 4) === outer.slice(0, 4);
  return SHANGHAI_DISTRICTS[inner]?.mergedInto === outer;
}

const shortName = (n: string) =>
  n.replace(/(特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|省|市)$/, '');

/**
 * The division a typed place name (an organisation's 注册地, e.g. 上海市杨浦区, 江苏省南京市) names,
 * as precisely as the table allows; null when it names none.
 */
export function divisionFromText(text: string): string | null {
  const t = text.replace(/\s+/g, '');
  if (!t) return null;
  let province: string | null = null;
  for (const [code, p] of Object.entries(PROVINCES))
    if (t.includes(p.zh) || t.startsWith(shortName(p.zh))) {
      province = code;
      break;
    }
  // Shanghai districts first (they are the ones the platform routes by), then prefectures
  if (!province || province === '31') {
    for (const [code, d] of Object.entries(SHANGHAI_DISTRICTS)) {
      if (d.mergedInto) continue;
      const bare = d.zh.replace(/(新区|区)$/, '');
      if (t.includes(d.zh) || (province === '31' && t.includes(bare))) return code;
    }
  }
  let best: string | null = null;
  for (const [code, name] of Object.entries(PREFECTURES)) {
    if (name === '市辖区' || name === '县' || name.startsWith('省直辖') || name.startsWith('自治区直辖'))
      continue;
    if (province && code.slice(0, 2) !== province) continue;
    if (t.includes(name) && (!best || name.length > PREFECTURES[best].length)) best = code;
  }
  if (best) return `${best}00`;
  return province ? `${province}0000` : null;
}

/** Every province-level code (for tests and pickers). */
export const PROVINCE_CODES = Object.keys(PROVINCES).map((p) => `${p}0000`);
/** Every prefecture-level code the table holds. */
export const PREFECTURE_CODES = Object.keys(PREFECTURES).map((p) => `${p}00`);
