import { describe, expect, test } from 'vitest';
import { contentSecurityPolicy } from '../plugins/head.ts';
import { colabUrl, settingsProblems } from '../plugins/settings.ts';
import { SETTINGS } from '../src/settings.ts';

describe('the site settings', () => {
  test('as shipped, they have no problems and send no address anywhere', () => {
    expect(settingsProblems()).toEqual([]);
    expect(SETTINGS.newsletter).toBeNull();
    expect(contentSecurityPolicy()).toContain("form-action 'self';");
    expect(contentSecurityPolicy()).not.toContain('connect-src');
    // This blog had no old site: no redirects for tag pages it never had (an import sets them).
    expect(SETTINGS.oldTagPages).toEqual([]);
  });

  test('a wrong value is a problem naming the file and the setting', () => {
    expect(
      settingsProblems({
        ...SETTINGS,
        postsPerPage: 0,
        newsletter: { provider: 'kit', action: 'http://evil.example/forms/1/subscriptions' },
      }),
    ).toEqual([
      'src/settings.ts postsPerPage: must be a whole number of 1 or more, not 0',
      'src/settings.ts newsletter: action must be Kit\'s https form address, like https://app.kit.com/forms/<form id>/subscriptions; got "http://evil.example/forms/1/subscriptions"',
    ]);
    expect(settingsProblems({ ...SETTINGS, typography: 'yes' } as unknown as typeof SETTINGS)).toEqual([
      'src/settings.ts typography: must be true or false, not yes',
    ]);
    const unknown = {
      ...SETTINGS,
      newsletter: { provider: 'substack', action: 'https://x' },
    } as unknown as typeof SETTINGS;
    expect(settingsProblems(unknown)).toEqual([
      'src/settings.ts newsletter: provider must be one of buttondown, mailchimp, kit, not "substack"',
    ]);
    const fix = 'must be a path of this site starting with /, with {tag} where the tag goes (such as "/tag/{tag}/")';
    expect(
      settingsProblems({ ...SETTINGS, oldTagPages: ['/tag/{tag}/', 'tag/{tag}', '/tags/', '/a/../{tag}/'] }),
    ).toEqual([
      `src/settings.ts oldTagPages: "tag/{tag}" ${fix}`,
      `src/settings.ts oldTagPages: "/tags/" ${fix}`,
      `src/settings.ts oldTagPages: "/a/../{tag}/" ${fix}`,
    ]);
  });

  test('with a provider, the policy lets the form post to that one origin, and fetch it', () => {
    const settings = {
      ...SETTINGS,
      newsletter: { provider: 'buttondown', action: 'https://buttondown.com/api/emails/embed-subscribe/mz' },
    } as const;
    const policy = contentSecurityPolicy({ settings });
    expect(policy).toContain("form-action 'self' https://buttondown.com;");
    expect(policy).toContain("connect-src 'self' https://buttondown.com;");
    expect(policy).not.toContain('*');
  });

  test('repository names where Colab opens a notebook post; a wrong one is a problem', () => {
    const settings = { ...SETTINGS, repository: { github: 'mzaker/blog', branch: 'release/2026' } };
    expect(settingsProblems(settings)).toEqual([]);
    expect(colabUrl('posts/step times/index.ipynb', settings)).toBe(
      'https://colab.research.google.com/github/mzaker/blog/blob/release/2026/posts/step%20times/index.ipynb',
    );
    expect(colabUrl('posts/nb/index.ipynb')).toBeUndefined();
    expect(
      settingsProblems({ ...SETTINGS, repository: { github: 'https://github.com/mzaker/blog', branch: 'my branch' } }),
    ).toEqual([
      'src/settings.ts repository.github: must be a GitHub repository as owner/name, not "https://github.com/mzaker/blog"',
      'src/settings.ts repository.branch: must be a branch name, not "my branch"',
    ]);
  });
});
