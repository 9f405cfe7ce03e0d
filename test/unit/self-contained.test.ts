import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * The repository stands alone: a fresh clone has no link or reference to a file outside it. Every relative
 * link of every Markdown file resolves to a file inside the repository (and a `#anchor` into a Markdown
 * file to one of its headings), and no file names the project's internal design pages, which a clone
 * does not have.
 */
const root = resolve(__dirname, '..', '..');
const SKIPPED = new Set(['node_modules', '.git', 'cdk.out', '.data', 'coverage', 'dist', '.bench']);
const TEXT = /\.(md|ts|mts|js|mjs|cjs|json|ya?ml|sh)$|^run$/;

function files(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (SKIPPED.has(name)) return [];
    if (statSync(path).isDirectory()) return files(path);
    return TEXT.test(name) ? [path] : [];
  });
}

const repositoryFiles = files(root);
const markdownFiles = repositoryFiles.filter((file) => file.endsWith('.md'));

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
const slug = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
const anchorsOf = (markdown: string) =>
  new Set([...markdown.matchAll(/^#{1,6} (.+)$/gm)].map((match) => slug(match[1]?.replace(/`/g, '') ?? '')));

describe('the repository, cloned alone', () => {
  it('names none of the internal design pages', () => {
    // Spelled in pieces, so this file does not name them either.
    const internal = ['DESIGN', 'STYLE'].map((page) => `${page}.md`);
    const outside = ['..', 'shared', ''].join('/');
    const offenders = repositoryFiles.flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      const found = [...internal, `${outside}API.md`].filter((name) => text.includes(name));
      return found.map((name) => `${relative(root, file)} names ${name}`);
    });
    expect(offenders).toEqual([]);
  });

  it('has every relative Markdown link land on a file inside it, and every anchor on a heading', () => {
    const broken: string[] = [];
    for (const file of markdownFiles) {
      const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
      for (const [, target = ''] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/i.test(target)) continue;
        const [path = '', anchor] = target.split('#');
        const destination = path === '' ? file : resolve(dirname(file), path);
        const where = `${relative(root, file)} → ${target}`;
        if (relative(root, destination).startsWith('..')) broken.push(`${where} leaves the repository`);
        else if (!existsSync(destination)) broken.push(`${where} does not exist`);
        else if (
          anchor &&
          destination.endsWith('.md') &&
          !anchorsOf(readFileSync(destination, 'utf8')).has(anchor)
        )
          broken.push(`${where}: no such heading`);
      }
    }
    expect(broken).toEqual([]);
  });
});
