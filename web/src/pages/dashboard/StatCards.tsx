import type { ReactNode } from 'react';
import { Card, Col, Row, Statistic } from 'antd';
import {
  AuditOutlined,
  BankOutlined,
  FieldTimeOutlined,
  KeyOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import type { Me } from '../../api/types.js';
import { orgTypeKey } from '../../components/roleLabels.js';
import { useI18n } from '../../i18n/index.js';
import type { DashboardData } from './useDashboardData.js';

interface Stat {
  key: string;
  title: string;
  value: ReactNode;
  icon: ReactNode;
  color: string;
}

function StatCard({ s, loading }: { s: Stat; loading: boolean }) {
  return (
    <Card variant="borderless" loading={loading} data-testid={`stat-${s.key}`}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 16 }}>
        <div className="to-stat-icon" style={{ background: `${s.color}14`, color: s.color }}>
          {s.icon}
        </div>
        <Statistic title={s.title} value={s.value as any} />
      </div>
    </Card>
  );
}

export function StatCards({
  data,
  loading,
  can,
  me,
}: {
  data: DashboardData;
  loading: boolean;
  can: { orgs: boolean; users: boolean; audit: boolean };
  me: Me;
}) {
  const { t } = useI18n();
  const stats: Stat[] = [];
  if (can.orgs)
    stats.push({
      key: 'orgs',
      title: t('dash.orgs'),
      value: data.orgTotal ?? '—',
      icon: <BankOutlined />,
      color: '#1d4ed8',
    });
  if (can.users)
    stats.push({
      key: 'users',
      title: t('dash.users'),
      value: data.userTotal ?? '—',
      icon: <TeamOutlined />,
      color: '#10b981',
    });
  if (can.audit) {
    stats.push({
      key: 'audit',
      title: t('dash.auditTotal'),
      value: data.auditTotal ?? '—',
      icon: <AuditOutlined />,
      color: '#8b5cf6',
    });
    stats.push({
      key: 'today',
      title: t('dash.auditToday'),
      value: data.auditToday ?? '—',
      icon: <FieldTimeOutlined />,
      color: '#f59e0b',
    });
  }
  // Roles without admin data see facts about their own account (all from /api/auth/me).
  if (stats.length < 4) {
    stats.push({
      key: 'org',
      title: t('dash.myOrg'),
      value: t(orgTypeKey(me.orgType)),
      icon: <BankOutlined />,
      color: '#0ea5e9',
    });
  }
  if (stats.length < 4) {
    stats.push({
      key: 'roles',
      title: t('dash.myRoles'),
      value: me.roles.length,
      icon: <UserSwitchOutlined />,
      color: '#10b981',
    });
  }
  if (stats.length < 4) {
    stats.push({
      key: 'perms',
      title: t('dash.permissions'),
      value: me.permissions.length,
      icon: <KeyOutlined />,
      color: '#8b5cf6',
    });
  }
  if (stats.length < 4) {
    stats.push({
      key: 'mfa',
      title: t('dash.security'),
      value: me.mfaEnabled ? t('dash.mfaOn') : t('dash.mfaOff'),
      icon: <SafetyCertificateOutlined />,
      color: me.mfaEnabled ? '#10b981' : '#f59e0b',
    });
  }
  return (
    <Row gutter={[16, 16]}>
      {stats.slice(0, 4).map((s) => (
        <Col key={s.key} xs={24} sm={12} xl={6}>
          <StatCard s={s} loading={loading && ['orgs', 'users', 'audit', 'today'].includes(s.key)} />
        </Col>
      ))}
    </Row>
  );
}
