import { useId, useRef, useState, type FormEvent } from 'react';

// The WHATWG definition of a valid e-mail address (what type="email" checks).
const EMAIL =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

type State = { kind: 'idle' } | { kind: 'invalid'; message: string } | { kind: 'done'; email: string };

/**
 * The signup box from the author's blog. Subscriptions are not stored yet, so
 * submitting sends nothing anywhere and stores nothing: it only says so. The field has
 * no `name`, so even without JavaScript the address never leaves the page.
 */
export function Newsletter() {
  const id = useId();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const inputRef = useRef<HTMLInputElement>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = inputRef.current?.value.trim() ?? '';
    if (email === '') setState({ kind: 'invalid', message: 'Enter your email address.' });
    else if (!EMAIL.test(email)) {
      setState({ kind: 'invalid', message: `“${email}” is not an email address. Enter one like name@example.com.` });
    } else setState({ kind: 'done', email });
  }

  const invalid = state.kind === 'invalid';
  return (
    <section className="newsletter" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Sign Up for My Newsletter!</h2>
      <p>Stay updated with my latest research, updates, and insights. Subscribe to my newsletter below:</p>
      <form noValidate onSubmit={submit}>
        <label htmlFor={`${id}-email`}>Email address</label>
        <div className="newsletter-row">
          <input
            id={`${id}-email`}
            ref={inputRef}
            type="email"
            autoComplete="email"
            required
            aria-invalid={invalid || undefined}
            aria-describedby={`${id}-note${invalid ? ` ${id}-error` : ''}`}
            onChange={() => invalid && setState({ kind: 'idle' })}
          />
          <button type="submit">Subscribe</button>
        </div>
      </form>
      <p id={`${id}-error`} className="newsletter-error" role="alert">
        {invalid ? state.message : null}
      </p>
      <p role="status" className="newsletter-status">
        {state.kind === 'done'
          ? `Thanks! ${state.email} was not sent or saved anywhere: the subscription feature is still under development.`
          : null}
      </p>
      <p id={`${id}-note`} className="newsletter-note">
        Note: The subscription feature is under development. Your email won’t be saved at the moment.
      </p>
    </section>
  );
}
