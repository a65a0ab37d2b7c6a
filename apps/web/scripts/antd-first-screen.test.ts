import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { firstScreenCss } from './antd-first-screen.ts';

describe('the first screens’ part of antd’s stylesheet', () => {
  it('keeps the rules of the board’s and sign-in’s components, drops the others', () => {
    const css = [
      'a{color:var(--ant-color-link);}',
      '.ant-btn{display:inline-flex;}',
      '.ant-btn,.ant-table{box-sizing:border-box;}',
      '.ant-table{width:100%;}',
      '.ant-form-item .ant-picker{width:100%;}',
      '.ant-input-number{width:90px;}',
      '.ant-input-affix-wrapper{display:inline-flex;}',
      '@media (max-width:575px){.ant-menu{width:100%;}.ant-steps{display:block;}}',
      '@media (max-width:575px){.ant-tabs{display:block;}}',
      '@keyframes antSlideUpIn{0%{opacity:0;}100%{opacity:1;}}',
    ].join('');
    expect(firstScreenCss(css)).toBe(
      [
        'a{color:var(--ant-color-link);}',
        '.ant-btn{display:inline-flex;}',
        '.ant-btn{box-sizing:border-box;}',
        '.ant-input-affix-wrapper{display:inline-flex;}',
        '@media (max-width:575px){.ant-menu{width:100%;}}',
        '@keyframes antSlideUpIn{0%{opacity:0;}100%{opacity:1;}}',
      ].join(''),
    );
  });

  it('is about a third of antd’s whole stylesheet', () => {
    const whole = readFileSync(
      createRequire(import.meta.url).resolve('antd/dist/antd.css'),
      'utf8',
    );
    const part = firstScreenCss(whole);
    expect(part).toContain('.ant-select-dropdown');
    expect(part).not.toContain('.ant-table');
    expect(part.length / whole.length).toBeLessThan(0.4);
  });
});
