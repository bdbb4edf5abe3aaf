import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';

/** One organisation in an export/import file (keys follow the API's names). */
export interface OrgRecord {
  name: string;
  type: string;
  uscc: string;
  region: string;
  address?: string | null;
  contactName?: string | null;
  contactPhone?: string | null;
  status?: string;
}

/** One user; `orgUscc` names the organisation by its credit code, `roles` are role codes. */
export interface UserRecord {
  username: string;
  name: string;
  email: string;
  phone?: string | null;
  idNumber?: string | null;
  orgUscc: string;
  roles: string[];
  status?: string;
}

export interface DataFile {
  format: 'transferone-identity';
  exportedAt?: string;
  masked?: boolean;
  orgs: OrgRecord[];
  users: UserRecord[];
}

const ORG_COLS: Array<[keyof OrgRecord, string]> = [
  ['name', '名称'],
  ['type', '类型'],
  ['uscc', '统一社会信用代码'],
  ['region', '所在地区'],
  ['address', '地址'],
  ['contactName', '联系人'],
  ['contactPhone', '联系电话'],
  ['status', '状态'],
];
const USER_COLS: Array<[keyof UserRecord, string]> = [
  ['username', '用户名'],
  ['name', '姓名'],
  ['email', '电子邮箱'],
  ['phone', '手机'],
  ['idNumber', '身份证号'],
  ['orgUscc', '所属单位信用代码'],
  ['roles', '角色（逗号分隔）'],
  ['status', '状态'],
];
export const ORG_SHEET = '单位 Organisations';
export const USER_SHEET = '用户 Users';

export const isExcel = (file: string) => path.extname(file).toLowerCase() === '.xlsx';

export async function writeDataFile(file: string, data: DataFile): Promise<void> {
  if (!isExcel(file)) {
    await fs.promises.writeFile(file, JSON.stringify(data, null, 2) + '\n');
    return;
  }
  const wb = new ExcelJS.Workbook();
  wb.creator = 'TransferOne 科转通';
  const sheet = <T>(title: string, cols: Array<[keyof T, string]>, rows: T[]) => {
    const ws = wb.addWorksheet(title);
    ws.columns = cols.map(([key, zh]) => ({ header: `${zh} ${String(key)}`, key: String(key), width: 24 }));
    ws.getRow(1).font = { bold: true };
    for (const r of rows) {
      const values: Record<string, unknown> = {};
      for (const [k] of cols) {
        const v = r[k];
        values[String(k)] = Array.isArray(v) ? v.join(',') : (v ?? '');
      }
      ws.addRow(values);
    }
  };
  sheet<OrgRecord>(ORG_SHEET, ORG_COLS, data.orgs);
  sheet<UserRecord>(USER_SHEET, USER_COLS, data.users);
  await wb.xlsx.writeFile(file);
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return String(v.result ?? '');
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if (v instanceof Date) return v.toISOString();
  }
  return String(v).trim();
}

/** Reads a sheet whose header cells end in the field key (`名称 name`); empty cells are omitted. */
function readSheet(ws: ExcelJS.Worksheet | undefined): Array<Record<string, string>> {
  if (!ws) return [];
  const keys: string[] = [];
  ws.getRow(1).eachCell((c, col) => {
    keys[col] = cellText(c.value).split(/\s+/).pop() ?? '';
  });
  const out: Array<Record<string, string>> = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const rec: Record<string, string> = {};
    row.eachCell((c, col) => {
      const t = cellText(c.value);
      if (keys[col] && t !== '') rec[keys[col]] = t;
    });
    if (Object.keys(rec).length) out.push(rec);
  });
  return out;
}

/** Reads a JSON or Excel file into untyped rows; validation happens per row in the importer. */
export async function readDataFile(file: string): Promise<{ orgs: unknown[]; users: unknown[] }> {
  if (!isExcel(file)) {
    const data = JSON.parse(await fs.promises.readFile(file, 'utf8'));
    return {
      orgs: Array.isArray(data.orgs) ? data.orgs : [],
      users: Array.isArray(data.users) ? data.users : [],
    };
  }
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const users = readSheet(wb.getWorksheet(USER_SHEET)).map((u) => ({
    ...u,
    roles: u.roles ? u.roles.split(/[,，\s]+/).filter(Boolean) : [],
  }));
  return { orgs: readSheet(wb.getWorksheet(ORG_SHEET)), users };
}
