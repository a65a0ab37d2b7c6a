import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import postcss, { type Rule } from 'postcss';
import type { Plugin } from 'vite';

/** What main.tsx imports: antd's rules for the components of the board and sign-in. */
export const FIRST_SCREEN_CSS = 'virtual:antd-first-screen.css';
// Ends in .css, without Rollup's \0, so Vite's CSS pipeline bundles it like any stylesheet.
const RESOLVED = '/@antd-first-screen.css';

/**
 * The components the board (shell, filters, columns) and the sign-in page draw, by their class
 * prefix (`ant-select` covers its dropdown, `ant-slide` the dropdown's motion). A page that
 * draws anything else waits for antd's whole stylesheet (app/full-stylesheet.ts).
 */
const FIRST_SCREEN = [
  'app',
  'alert',
  'badge',
  'btn',
  'checkbox',
  'css-var',
  'drawer',
  'empty',
  'fade',
  'flex',
  'form',
  'input',
  'layout',
  'menu',
  'motion',
  'move',
  'scroll-number',
  'select',
  'skeleton',
  'slide',
  'space',
  'spin',
  'tooltip',
  'typography',
  'wave',
  'zoom',
];
/** Prefixes above that also start other components' classes. */
const OTHERS = ['input-number'];

const startsComponent = (name: string, prefix: string) =>
  name === prefix || name.startsWith(`${prefix}-`);

/** A selector is kept when every antd class it names belongs to a first-screen component. */
function onFirstScreen(selector: string): boolean {
  return (selector.match(/\.ant-[a-z0-9-]+/g) ?? []).every((className) => {
    const name = className.slice('.ant-'.length);
    if (OTHERS.some((prefix) => startsComponent(name, prefix))) return false;
    return FIRST_SCREEN.some((prefix) => startsComponent(name, prefix));
  });
}

/** antd/dist/antd.css without the rules of components the first screens do not draw. */
export function firstScreenCss(css: string): string {
  const root = postcss.parse(css);
  root.walkRules((rule: Rule) => {
    if (rule.parent?.type === 'atrule' && /keyframes$/.test((rule.parent as { name: string }).name))
      return;
    const kept = rule.selectors.filter(onFirstScreen);
    if (kept.length === 0) rule.remove();
    else rule.selectors = kept;
  });
  root.walkAtRules((atRule) => {
    if (atRule.nodes?.length === 0) atRule.remove();
  });
  return root.toString();
}

/**
 * antd's zero-runtime stylesheet is one ~1 MB file the browser parses before the board can
 * paint (bench/README.md, C2 a third time); this serves the ~30 % the first screens use as
 * `virtual:antd-first-screen.css`, and the whole file stays an asset loaded after them.
 */
export function antdFirstScreen(): Plugin {
  const require = createRequire(import.meta.url);
  return {
    name: 'antd-first-screen',
    resolveId: (id) => (id === FIRST_SCREEN_CSS ? RESOLVED : undefined),
    load(id) {
      if (id !== RESOLVED) return undefined;
      const file = require.resolve('antd/dist/antd.css');
      this.addWatchFile(file);
      return firstScreenCss(readFileSync(file, 'utf8'));
    },
  };
}
