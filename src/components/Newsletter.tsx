import { useId, useRef, useState, type FormEvent } from 'react';
import { PROVIDERS, type NewsletterSetting } from '../newsletter.ts';
import { NEWSLETTER_ID } from '../routes.ts';
import { SETTINGS } from '../settings.ts';

// The WHATWG definition of a valid e-mail address (what type="email" checks).
const EMAIL =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

type State =
  | { kind: 'idle' }
  | { kind: 'invalid'; message: string }
  | { kind: 'sending' }
  | { kind: 'done'; email: string }
  | { kind: 'failed' };

/**
 * The signup box from the author's blog. Without a provider in the settings, subscriptions
 * are not stored: submitting sends nothing anywhere and only says so (the field has no
 * `name`, so even without JavaScript the address never leaves the page). With a provider,
 * the form posts to the provider's own form address: a plain form post without JavaScript,
 * a request from the page with it, which then says to confirm by email.
 */
export function Newsletter({ setting = SETTINGS.newsletter }: { setting?: NewsletterSetting | null }) {
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const provider = setting ? PROVIDERS[setting.provider] : undefined;
  const [state, setState, submit] = useSignup(setting, () => inputRef.current?.value.trim() ?? '');
  const invalid = state.kind === 'invalid';
  return (
    <section id={NEWSLETTER_ID} className="newsletter" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Sign Up for My Newsletter!</h2>
      <p>Stay updated with my latest research, updates, and insights. Subscribe to my newsletter below:</p>
      <form
        noValidate
        onSubmit={(event) => void submit(event)}
        {...(setting && provider ? { action: setting.action, method: 'post' } : {})}
      >
        <label htmlFor={`${id}-email`}>Email address</label>
        <div className="newsletter-row">
          <input
            id={`${id}-email`}
            ref={inputRef}
            type="email"
            name={provider?.field}
            autoComplete="email"
            required
            aria-invalid={invalid || undefined}
            aria-describedby={`${id}-note${invalid ? ` ${id}-error` : ''}`}
            onChange={() => invalid && setState({ kind: 'idle' })}
          />
          <button type="submit" disabled={state.kind === 'sending'}>
            Subscribe
          </button>
        </div>
      </form>
      <p id={`${id}-error`} className="newsletter-error" role="alert">
        {invalid ? state.message : null}
        {state.kind === 'failed' ? 'The subscription could not be sent. Check your connection and try again.' : null}
      </p>
      <p role="status" className="newsletter-status">
        {status(state, provider?.name)}
      </p>
      <p id={`${id}-note`} className="newsletter-note">
        {provider
          ? `Subscriptions are handled by ${provider.name}: you will get an email asking you to confirm, and you can unsubscribe at any time.`
          : 'Note: The subscription feature is under development. Your email won’t be saved at the moment.'}
      </p>
    </section>
  );
}

function status(state: State, provider: string | undefined): string | null {
  if (state.kind === 'sending') return 'Subscribing…';
  if (state.kind !== 'done') return null;
  return provider
    ? `Almost done: check your inbox at ${state.email} and confirm your subscription in the email from ${provider}.`
    : `Thanks! ${state.email} was not sent or saved anywhere: the subscription feature is still under development.`;
}

/** The form's state, and what submitting it does: check the address, then send it to the provider if there is one. */
function useSignup(setting: NewsletterSetting | null, address: () => string) {
  const [state, setState] = useState<State>({ kind: 'idle' });
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = address();
    if (email === '') return setState({ kind: 'invalid', message: 'Enter your email address.' });
    if (!EMAIL.test(email)) {
      return setState({
        kind: 'invalid',
        message: `“${email}” is not an email address. Enter one like name@example.com.`,
      });
    }
    if (!setting) return setState({ kind: 'done', email });
    setState({ kind: 'sending' });
    try {
      // The providers' form addresses answer without CORS headers: the request is sent and
      // its answer is opaque. A network failure still rejects, and then the reader is told.
      await fetch(setting.action, { method: 'POST', mode: 'no-cors', body: new FormData(event.currentTarget) });
      setState({ kind: 'done', email });
    } catch {
      setState({ kind: 'failed' });
    }
  }
  return [state, setState, submit] as const;
}
