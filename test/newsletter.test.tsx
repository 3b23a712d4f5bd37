// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { Newsletter } from '../src/components/Newsletter.tsx';

const fetchSpy = vi.fn();
beforeEach(() => {
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
