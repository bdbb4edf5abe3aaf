import type { ThemeConfig } from 'antd';

/** A government-blue theme close to Ant Design Pro defaults. */
export const THEME: ThemeConfig = {
  token: {
    colorPrimary: '#1d4ed8',
    colorInfo: '#1d4ed8',
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'WenQuanYi Micro Hei', 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: {
      siderBg: '#0c1b3a',
      headerBg: '#ffffff',
      headerHeight: 56,
      headerPadding: '0 16px',
      bodyBg: '#f3f5f9',
    },
    Menu: {
      darkItemBg: '#0c1b3a',
      darkSubMenuItemBg: '#08142c',
      darkItemSelectedBg: '#1d4ed8',
      darkItemColor: 'rgba(255,255,255,0.72)',
    },
    Card: { headerFontSize: 15 },
  },
};
