import { InputProblems } from '../errors.ts';
import {
  type Channel,
  type MessageKind,
  type Placeholder,
  type PlaceholderValues,
  placeholders,
  type TemplateInput,
} from './messaging.types.ts';

/** The channel of each kind of message. */
export const channelOf: Record<MessageKind, Channel> = {
  password_reset_email: 'email',
  password_reset_sms: 'sms',
  password_reset_pin_sms: 'sms',
  email_verification: 'email',
  phone_verification: 'sms',
  new_password_email: 'email',
  new_password_sms: 'sms',
};

/** What a template of each kind must contain: without it the message would be of no use. */
const required: Record<MessageKind, Placeholder> = {
  password_reset_email: 'link',
  password_reset_sms: 'link',
  password_reset_pin_sms: 'code',
  email_verification: 'link',
  phone_verification: 'code',
  new_password_email: 'password',
  new_password_sms: 'password',
};

interface DefaultTemplate {
  subject: string | null;
  text: string;
  html: string | null;
}

const htmlPage = (lines: string[]) =>
  `<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">${lines.map((line) => `<p>${line}</p>`).join('')}</body></html>`;

/** The English wording every app starts with; an app's own templates replace them per kind and locale. */
export const defaultTemplates: Record<MessageKind, DefaultTemplate> = {
  password_reset_email: {
    subject: 'Reset your {{appName}} password',
    text: 'Hello {{userName}},\n\nSomeone asked to reset the password of your {{appName}} account. To choose a new one, open this link within {{minutes}} minutes:\n\n{{link}}\n\nIf it was not you, ignore this message: your password stays as it is.\n',
    html: htmlPage([
      'Hello {{userName}},',
      'Someone asked to reset the password of your {{appName}} account. To choose a new one, open this link within {{minutes}} minutes:',
      '<a href="{{link}}">Choose a new password</a>',
      'If it was not you, ignore this message: your password stays as it is.',
    ]),
  },
  password_reset_sms: {
    subject: null,
    text: '{{appName}}: reset your password within {{minutes}} minutes at {{link}}',
    html: null,
  },
  password_reset_pin_sms: {
    subject: null,
    text: '{{appName}}: your password reset code is {{code}}. It works for {{minutes}} minutes.',
    html: null,
  },
  email_verification: {
    subject: 'Confirm your email address for {{appName}}',
    text: 'Hello {{userName}},\n\nTo confirm this email address for your {{appName}} account, open this link within {{minutes}} minutes:\n\n{{link}}\n\nor enter this code in the app: {{code}}\n\nIf it was not you, ignore this message.\n',
    html: htmlPage([
      'Hello {{userName}},',
      'To confirm this email address for your {{appName}} account, open this link within {{minutes}} minutes:',
      '<a href="{{link}}">Confirm my email address</a>',
      'or enter this code in the app: <b>{{code}}</b>',
      'If it was not you, ignore this message.',
    ]),
  },
  phone_verification: {
    subject: null,
    text: '{{appName}}: your verification code is {{code}}. It works for {{minutes}} minutes.',
    html: null,
  },
  new_password_email: {
    subject: 'Your new {{appName}} password',
    text: 'Hello {{userName}},\n\nYour {{appName}} password was reset. Your new password is:\n\n{{password}}\n\nLog in with it and change it to one of your own.\n',
    html: htmlPage([
      'Hello {{userName}},',
      'Your {{appName}} password was reset. Your new password is:',
      '<code>{{password}}</code>',
      'Log in with it and change it to one of your own.',
    ]),
  },
  new_password_sms: {
    subject: null,
    text: '{{appName}}: your password was reset. Your new password is {{password}}',
    html: null,
  },
};

const placeholderPattern = /\{\{\s*([A-Za-z]+)\s*\}\}/g;

/** Fills `{{name}}` placeholders; in HTML every value is escaped, so a user's name cannot inject markup. */
export function render(template: string, values: PlaceholderValues, mode: 'text' | 'html'): string {
  return template.replace(placeholderPattern, (_match, name: string) => {
    const value = values[name as Placeholder] ?? '';
    return mode === 'html' ? escapeHtml(value) : value;
  });
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Limits of a template's parts. */
const maxLength = { subject: 300, text: 10_000, html: 100_000 } as const;

/**
 * Checks an app's template before it is stored: the parts its channel has (an email has a subject, an SMS no subject
 * and no HTML), only known placeholders, and the one the kind needs in each body. Throws `invalid_input` naming every
 * problem.
 */
export function validateTemplate(kind: MessageKind, input: TemplateInput): void {
  const problems = new InputProblems();
  const email = channelOf[kind] === 'email';
  if (email && (input.subject === undefined || input.subject.trim() === '')) {
    problems.add('subject', 'is required for an email');
  }
  if (!email && input.subject !== undefined) problems.add('subject', 'an SMS has no subject');
  if (!email && input.html !== undefined) problems.add('html', 'an SMS has no HTML body');
  for (const part of ['subject', 'text', 'html'] as const) {
    const value = input[part];
    if (value === undefined) continue;
    if (value.length > maxLength[part]) problems.add(part, `must be at most ${maxLength[part]} characters`);
    for (const [, name] of value.matchAll(placeholderPattern)) {
      if (!placeholders.includes(name as Placeholder)) {
        problems.add(part, `{{${name}}} is not a placeholder; use ${placeholders.map((p) => `{{${p}}}`).join(', ')}`);
      }
    }
  }
  if (input.text.trim() === '') problems.add('text', 'must not be empty');
  for (const part of ['text', 'html'] as const) {
    const value = input[part];
    if (value === undefined) continue;
    const names = [...value.matchAll(placeholderPattern)].map(([, name]) => name);
    if (!names.includes(required[kind])) problems.add(part, `must contain {{${required[kind]}}}`);
  }
  problems.throwIfAny();
}

/**
 * A locale as templates are keyed: lower case, `-` between parts (`pt_BR` → `pt-br`); undefined when it is not one.
 */
export function normalizeLocale(locale: string | null | undefined): string | undefined {
  if (!locale) return undefined;
  const normalized = locale.trim().replaceAll('_', '-').toLowerCase();
  return /^[a-z]{2,3}(-[a-z0-9]{1,8}){0,3}$/.test(normalized) ? normalized : undefined;
}

/** The locales a user's locale looks for, most specific first, English last: `fr-ca` → `fr-ca`, `fr`, `en`. */
export function localeCandidates(locale: string | null | undefined): string[] {
  const normalized = normalizeLocale(locale);
  const candidates: string[] = [];
  if (normalized) {
    const parts = normalized.split('-');
    for (let length = parts.length; length >= 1; length -= 1) candidates.push(parts.slice(0, length).join('-'));
  }
  if (!candidates.includes('en')) candidates.push('en');
  return candidates;
}
