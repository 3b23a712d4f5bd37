// Newsletter providers the signup form can post to: the provider's own form endpoint, the
// field it reads the address from, and the hosts its endpoints live on. React-free: the build
// checks the setting against this table and names the provider's origin in the
// Content-Security-Policy (form-action, connect-src), and the form reads it in the browser.

export const PROVIDERS = {
  buttondown: {
    name: 'Buttondown',
    field: 'email',
    hosts: /^(?:www\.)?buttondown\.(?:com|email)$/,
    example: 'https://buttondown.com/api/emails/embed-subscribe/<your username>',
  },
  mailchimp: {
    name: 'Mailchimp',
    field: 'EMAIL',
    hosts: /^[a-z0-9-]+\.list-manage\.com$/,
    example: 'https://<dc>.list-manage.com/subscribe/post?u=<u>&id=<id>',
  },
  kit: {
    name: 'Kit',
    field: 'email_address',
    hosts: /^app\.(?:kit|convertkit)\.com$/,
    example: 'https://app.kit.com/forms/<form id>/subscriptions',
  },
} as const;

export type NewsletterProvider = keyof typeof PROVIDERS;

/** The `newsletter` site setting: which provider, and the form action from its embed code. */
export interface NewsletterSetting {
  provider: NewsletterProvider;
  action: string;
}

/** The form action's origin, or what is wrong with the setting. */
export function checkNewsletter(setting: NewsletterSetting): { origin: string } | { problem: string } {
  const provider = PROVIDERS[setting.provider] as (typeof PROVIDERS)[NewsletterProvider] | undefined;
  if (!provider) {
    return {
      problem: `provider must be one of ${Object.keys(PROVIDERS).join(', ')}, not ${JSON.stringify(setting.provider)}`,
    };
  }
  const url = URL.canParse(setting.action) ? new URL(setting.action) : undefined;
  if (!url || url.protocol !== 'https:' || !provider.hosts.test(url.hostname)) {
    return {
      problem: `action must be ${provider.name}'s https form address, like ${provider.example}; got ${JSON.stringify(setting.action)}`,
    };
  }
  return { origin: url.origin };
}
