import { escapeHtml } from '../../core/messaging/templates.ts';

/** Markup that is already safe: built by `html`, so every value in it was escaped. */
export class SafeHtml {
  readonly markup: string;
  constructor(markup: string) {
    this.markup = markup;
  }
  toString(): string {
    return this.markup;
  }
}

type Interpolated = SafeHtml | string | number | boolean | null | undefined | readonly Interpolated[];

/**
 * The console's only way to build markup: every interpolated value is escaped unless it is `SafeHtml` (markup this
 * function built), so a user's display name or an audit entry's details can never become markup. Arrays are joined;
 * `null`, `undefined` and `false` render as nothing.
 */
export function html(strings: TemplateStringsArray, ...values: Interpolated[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += render(value) + (strings[index + 1] ?? '');
  });
  return new SafeHtml(out);
}

function render(value: Interpolated): string {
  if (value instanceof SafeHtml) return value.markup;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

/** A time as people read it in the console: ISO 8601 to the second, in UTC. */
export function when(epochMs: number | null | undefined): string {
  if (epochMs === null || epochMs === undefined) return '—';
  return `${new Date(epochMs).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}
