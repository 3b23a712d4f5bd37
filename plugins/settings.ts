// The site settings (src/settings.ts), checked once when a build or the dev server starts:
// a wrong value stops it with a message naming the file and the setting.
import { checkNewsletter } from '../src/newsletter.ts';
import { SETTINGS } from '../src/settings.ts';
import { isAliasPath } from './posts/front-matter.ts';

type Settings = typeof SETTINGS;

/** What is wrong with the settings, one line each (empty when nothing is). */
export function settingsProblems(settings: Settings = SETTINGS): string[] {
  const problems: string[] = [];
  for (const field of ['title', 'author', 'description'] as const) {
    if (typeof settings[field] !== 'string' || settings[field].trim() === '') problems.push(`${field}: must be text`);
  }
  if (!Number.isInteger(settings.postsPerPage) || settings.postsPerPage < 1) {
    problems.push(`postsPerPage: must be a whole number of 1 or more, not ${String(settings.postsPerPage)}`);
  }
  if (typeof settings.typography !== 'boolean') {
    problems.push(`typography: must be true or false, not ${String(settings.typography)}`);
  }
  if (settings.newsletter) {
    const checked = checkNewsletter(settings.newsletter);
    if ('problem' in checked) problems.push(`newsletter: ${checked.problem}`);
  }
  if (settings.repository) {
    const { github, branch } = settings.repository;
    if (typeof github !== 'string' || !/^[\w.-]+\/[\w.-]+$/.test(github)) {
      problems.push(`repository.github: must be a GitHub repository as owner/name, not ${JSON.stringify(github)}`);
    }
    if (typeof branch !== 'string' || !/^[^\s~^:?*[\\]+$/.test(branch)) {
      problems.push(`repository.branch: must be a branch name, not ${JSON.stringify(branch)}`);
    }
  }
  if (!Array.isArray(settings.oldTagPages))
    problems.push('oldTagPages: must be a list of addresses such as ["/tag/{tag}/"]');
  for (const pattern of Array.isArray(settings.oldTagPages) ? settings.oldTagPages : []) {
    if (typeof pattern !== 'string' || !pattern.includes('{tag}') || !isAliasPath(pattern.replaceAll('{tag}', 'tag'))) {
      problems.push(
        `oldTagPages: ${JSON.stringify(pattern)} must be a path of this site starting with /, with {tag} where the tag goes (such as "/tag/{tag}/")`,
      );
    }
  }
  return problems.map((problem) => `src/settings.ts ${problem}`);
}

/**
 * Where Colab opens a notebook of the blog's repository (`file`, relative to the repository's
 * top), when the settings name one.
 */
export function colabUrl(file: string, settings: Settings = SETTINGS): string | undefined {
  if (!settings.repository) return undefined;
  const { github, branch } = settings.repository;
  const encoded = [...branch.split('/'), ...file.split('/')].map(encodeURIComponent).join('/');
  return `https://colab.research.google.com/github/${github}/blob/${encoded}`;
}

/** The newsletter provider's origin, which the Content-Security-Policy must allow, if one is set. */
export function newsletterOrigin(settings: Settings = SETTINGS): string | undefined {
  if (!settings.newsletter) return undefined;
  const checked = checkNewsletter(settings.newsletter);
  return 'origin' in checked ? checked.origin : undefined;
}
