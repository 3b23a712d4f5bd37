// The site's settings: the one file to edit to make the blog someone else's.
// Documented in docs/writing.md ("Site settings"); the build checks them (plugins/settings.ts).
// BASE_PATH and SITE_URL are environment variables instead, because they depend on where
// the site is deployed, not on whose blog it is.

import type { NewsletterSetting } from './newsletter.ts';

/** The `repository` site setting: a GitHub repository as `owner/name`, and a branch. */
export interface RepositorySetting {
  github: string;
  branch: string;
}

export const SETTINGS = {
  /** Shown in the header, in every page title and in the feed. */
  title: "Mehrdad Zaker's Blog",
  /** The author of every post: the footer's copyright line and the feed's author. */
  author: 'Mehrdad Zaker',
  /** One sentence about the blog: the home page's meta description and the feed's subtitle. */
  description: 'Notes on machine-learning performance: PyTorch/XLA, TPUs, GPUs and large language models.',
  /** How many posts the home page, each further list page and each tag page show. */
  postsPerPage: 10,
  /**
   * Curly quotes, en and em dashes (`--`, `---`) and ellipses (`...`) in the posts' prose,
   * never in code or math. false leaves the characters as written.
   */
  typography: true,
  /**
   * Where the signup form sends addresses: null keeps the honest "not stored yet" note and
   * sends nothing. To use a provider, set its name and the form action from its embed code:
   *   { provider: 'buttondown', action: 'https://buttondown.com/api/emails/embed-subscribe/<you>' }
   *   { provider: 'mailchimp', action: 'https://<dc>.list-manage.com/subscribe/post?u=<u>&id=<id>' }
   *   { provider: 'kit', action: 'https://app.kit.com/forms/<form id>/subscriptions' }
   */
  newsletter: null as NewsletterSetting | null,
  /**
   * The public GitHub repository the blog's source is in, and its branch: a notebook post
   * then offers "Open in Colab" beside its download link (Colab opens notebooks from GitHub).
   * posts/ must be at the repository's top level, as here. null: no Colab link.
   *   { github: 'mzaker/blog', branch: 'main' }
   */
  repository: null as RepositorySetting | null,
  /**
   * Where the tag pages were on the blog's old site, `{tag}` standing for the tag (npm run
   * import sets it): each answers with a redirect page to the tag's page here, /tags/<tag>/.
   *   ['/tag/{tag}/', '/categories/{tag}/']
   */
  oldTagPages: [] as string[],
};
