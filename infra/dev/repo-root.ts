import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The checkout's root, found from this file whether it runs from source (Jest) or from dist/. */
export function repoRoot(): string {
  let dir = __dirname;
  while (dir !== dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const name = (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name;
      if (name === 'incubation-pipeline') return dir;
    }
    dir = dirname(dir);
  }
  throw new Error(`no incubation-pipeline package.json above ${__dirname}`);
}
