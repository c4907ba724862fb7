import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../src/settings';

export function rootScripts(): Record<string, string> {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  return manifest.scripts;
}

/**
 * What a pipeline shell command may be: a root script through pnpm (or the one install), so no
 * build logic lives in a pipeline language; its output may be kept in a variable
 * (`export X="$(…)"`, `X="$(…)" && export X`). Returns the script, `install`, or undefined.
 */
export function scriptOf(command: string): string | undefined {
  const words = command
    .trim()
    .replace(/^export ([A-Z_]+)="\$\((.*)\)"$/, '$2')
    .replace(/^([A-Z_]+)="\$\((.*)\)" && export \1$/, '$2')
    .replace(/^(\$PNPM|npx -y pnpm@[\d.]+)(?=\s)/, 'pnpm')
    .split(/\s+/);
  if (words[0] !== 'pnpm') return undefined;
  const rest = words.slice(1).filter((w) => w !== '--silent');
  if (rest[0] === 'install' && rest.slice(1).join(' ') === '--frozen-lockfile') return 'install';
  if (rest[0] === 'run' && rest.length === 2) return rest[1];
  return undefined;
}

export interface GroovyStage {
  readonly name: string;
  readonly body: string;
}

/** Blanks out comments and the insides of string literals, keeping offsets. */
function maskGroovy(source: string): string {
  let out = '';
  let i = 0;
  while (i < source.length) {
    const two = source.slice(i, i + 2);
    const char = source.charAt(i);
    if (two === '//') {
      const end = source.indexOf('\n', i);
      const stop = end < 0 ? source.length : end;
      out += ' '.repeat(stop - i);
      i = stop;
    } else if (two === '/*') {
      const end = source.indexOf('*/', i + 2);
      const stop = end < 0 ? source.length : end + 2;
      out += source.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
    } else if (char === "'" || char === '"') {
      let j = i + 1;
      while (j < source.length && source.charAt(j) !== char) j += source.charAt(j) === '\\' ? 2 : 1;
      out += char + ' '.repeat(Math.max(0, j - i - 1)) + char;
      i = j + 1;
    } else {
      out += char;
      i += 1;
    }
  }
  return out;
}

/** The `stage('…') { … }` blocks of a declarative Jenkinsfile, in order (top level and nested). */
export function groovyStages(source: string): GroovyStage[] {
  const masked = maskGroovy(source);
  const stages: GroovyStage[] = [];
  const pattern = /\bstage\s*\(\s*(['"])/g;
  for (let match = pattern.exec(masked); match; match = pattern.exec(masked)) {
    const quote = match[1] ?? "'";
    const nameStart = match.index + match[0].length;
    const nameEnd = source.indexOf(quote, nameStart);
    const open = masked.indexOf('{', nameEnd);
    let depth = 0;
    let close = open;
    for (; close < masked.length; close += 1) {
      if (masked.charAt(close) === '{') depth += 1;
      if (masked.charAt(close) === '}') depth -= 1;
      if (depth === 0) break;
    }
    stages.push({ name: source.slice(nameStart, nameEnd), body: source.slice(open, close + 1) });
  }
  return stages;
}

/** The single-quoted commands of a block, in order: `sh '…'` and `sh(script: '…', …)`. */
export function shCommands(body: string): string[] {
  return [...body.matchAll(/\bsh(?:\s+|\(script:\s*)'([^']*)'/g)].map((m) => m[1] ?? '');
}
