import { readFileSync } from 'node:fs';

interface Rule {
  readonly negate: boolean;
  readonly regex: RegExp;
}

function toRegex(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i += 1) {
    const char = pattern.charAt(i);
    if (char === '*' && pattern.charAt(i + 1) === '*') {
      // `**/` matches any number of folders, including none.
      source += pattern.charAt(i + 2) === '/' ? '(?:.*/)?' : '.*';
      i += pattern.charAt(i + 2) === '/' ? 2 : 1;
    } else if (char === '*') {
      source += '[^/]*';
    } else if (char === '?') {
      source += '[^/]';
    } else {
      source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  // A pattern that matches a folder excludes everything below it too.
  return new RegExp(`^${source}(?:/.*)?$`);
}

/** Docker's .dockerignore rules: last match wins, `!` re-includes. */
export function loadDockerignore(path: string): (file: string) => boolean {
  const rules: Rule[] = readFileSync(path, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const negate = line.startsWith('!');
      const pattern = (negate ? line.slice(1) : line).replace(/^\/+/, '').replace(/\/+$/, '');
      return { negate, regex: toRegex(pattern) };
    });
  return (file: string) => {
    let excluded = false;
    for (const rule of rules) if (rule.regex.test(file)) excluded = !rule.negate;
    return excluded;
  };
}
