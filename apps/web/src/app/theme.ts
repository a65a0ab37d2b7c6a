import type { ThemeConfig } from 'antd';

/**
 * Ant Design's default secondary text and primary blue sit just under WCAG AA contrast on
 * white; these tokens lift them above 4.5:1 so axe finds no contrast violation.
 */
export const theme: ThemeConfig = {
  // Components take their styles from antd/dist/antd.css (the first screens' part bundled by
  // main.tsx, the whole file after them: app/full-stylesheet.ts) instead of writing ~280 KB of
  // CSS at run time on the first render; the tokens below still apply, through the CSS
  // variables that stylesheet reads.
  zeroRuntime: true,
  token: {
    colorPrimary: '#0958d9',
    colorTextSecondary: 'rgba(0, 0, 0, 0.68)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)',
    // Empty lists and tables write "nothing here" in this colour.
    colorTextDisabled: 'rgba(0, 0, 0, 0.6)',
    colorError: '#cf1322',
    colorWarning: '#ad6800',
    colorSuccess: '#237804',
    colorLink: '#0958d9',
  },
};
