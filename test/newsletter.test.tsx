// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { Newsletter } from '../src/components/Newsletter.tsx';

const fetchSpy = vi.fn();
beforeEach(() => {
  fetchSpy.mockReset();
  vi.stubGlobal('fetch', fetchSpy);
  localStorage.clear();
  sessionStorage.clear();
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the newsletter signup', () => {
  test('says before any submission that subscriptions are not stored yet', () => {
    render(<Newsletter />);
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Sign Up for My Newsletter!');
    const region = screen.getByRole('region', { name: 'Sign Up for My Newsletter!' });
    expect(region.textContent).toContain(
      'Stay updated with my latest research, updates, and insights. Subscribe to my newsletter below:',
    );
    // The note is part of the field's description, so a screen reader hears it before typing.
    expect(screen.getByLabelText('Email address').getAttribute('aria-describedby')).toBeTruthy();
    const note = document.getElementById(screen.getByLabelText('Email address').getAttribute('aria-describedby')!);
    expect(note?.textContent).toBe(
      'Note: The subscription feature is under development. Your email won’t be saved at the moment.',
    );
  });

  test('an invalid address gets an announced error tied to the field', async () => {
    render(<Newsletter />);
    const field = screen.getByLabelText('Email address');
    await userEvent.type(field, 'mehrdad@');
    await userEvent.click(screen.getByRole('button', { name: 'Subscribe' }));
    expect(screen.getByRole('alert').textContent).toBe(
      '“mehrdad@” is not an email address. Enter one like name@example.com.',
    );
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(field.getAttribute('aria-describedby')).toContain(screen.getByRole('alert').id);
  });

  test('an empty submission asks for an address', async () => {
    render(<Newsletter />);
    await userEvent.click(screen.getByRole('button', { name: 'Subscribe' }));
    expect(screen.getByRole('alert').textContent).toBe('Enter your email address.');
  });

  test('a valid address is confirmed as not stored, and nothing is sent or written', async () => {
    render(<Newsletter />);
    await userEvent.type(screen.getByLabelText('Email address'), 'reader@example.org{Enter}');
    expect(screen.getByRole('status').textContent).toBe(
      'Thanks! reader@example.org was not sent or saved anywhere: the subscription feature is still under development.',
    );
    expect(screen.getByRole('alert').textContent).toBe('');
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(localStorage.length).toBe(0);
    expect(sessionStorage.length).toBe(0);
    expect(document.cookie).toBe('');
  });

  test('the field has no name, so a form submitted without JavaScript carries no address', () => {
    render(<Newsletter />);
    expect(screen.getByLabelText('Email address').getAttribute('name')).toBeNull();
  });
});

describe('with a newsletter provider in the settings', () => {
  const buttondown = {
    provider: 'buttondown',
    action: 'https://buttondown.com/api/emails/embed-subscribe/mz',
  } as const;

  test('the form posts to the provider without JavaScript, and says the provider will ask to confirm', () => {
    render(<Newsletter setting={buttondown} />);
    const form = screen.getByRole('button', { name: 'Subscribe' }).closest('form')!;
    expect(form.getAttribute('action')).toBe(buttondown.action);
    expect(form.getAttribute('method')).toBe('post');
    expect(screen.getByLabelText('Email address').getAttribute('name')).toBe('email');
    expect(screen.getByRole('region').textContent).toContain(
      'Subscriptions are handled by Buttondown: you will get an email asking you to confirm, and you can unsubscribe at any time.',
    );
    expect(screen.getByRole('region').textContent).not.toContain('under development');
  });

  test('with JavaScript it sends the address from the page and says to confirm by email', async () => {
    fetchSpy.mockResolvedValue(new Response(null));
    render(<Newsletter setting={buttondown} />);
    await userEvent.type(screen.getByLabelText('Email address'), 'reader@example.org{Enter}');
    expect(await screen.findByText(/^Almost done/)).toBe(screen.getByRole('status'));
    expect(screen.getByRole('status').textContent).toBe(
      'Almost done: check your inbox at reader@example.org and confirm your subscription in the email from Buttondown.',
    );
    expect(fetchSpy).toHaveBeenCalledTimes(1);
    const [url, init] = fetchSpy.mock.calls[0] as [string, RequestInit];
    expect([url, init.method, init.mode]).toEqual([buttondown.action, 'POST', 'no-cors']);
    expect((init.body as FormData).get('email')).toBe('reader@example.org');
  });

  test('a failed request is announced, and an invalid address is never sent', async () => {
    fetchSpy.mockRejectedValue(new TypeError('Failed to fetch'));
    render(<Newsletter setting={{ provider: 'kit', action: 'https://app.kit.com/forms/123/subscriptions' }} />);
    await userEvent.type(screen.getByLabelText('Email address'), 'nope{Enter}');
    expect(fetchSpy).not.toHaveBeenCalled();
    await userEvent.clear(screen.getByLabelText('Email address'));
    await userEvent.type(screen.getByLabelText('Email address'), 'reader@example.org{Enter}');
    expect(await screen.findByText(/could not be sent/)).toBe(screen.getByRole('alert'));
    expect((fetchSpy.mock.calls[0]![1] as RequestInit).body).toBeInstanceOf(FormData);
    expect(screen.getByLabelText('Email address').getAttribute('name')).toBe('email_address');
  });

  test('Mailchimp reads the address from its EMAIL field', () => {
    render(
      <Newsletter
        setting={{ provider: 'mailchimp', action: 'https://x.us1.list-manage.com/subscribe/post?u=1&id=2' }}
      />,
    );
    expect(screen.getByLabelText('Email address').getAttribute('name')).toBe('EMAIL');
  });
});
