import type { FastifyReply } from 'fastify';
import type { AppSettings, NumericSetting, SettingRange } from '../../core/apps/apps.types.ts';
import type { AuditEvent } from '../../core/audit/audit.types.ts';
import type { UserPinState } from '../../core/households/households.types.ts';
import type { User } from '../../core/identity/identity.types.ts';
import type { Job } from '../../core/jobs/jobs.types.ts';
import type { Movie } from '../../core/movies/movies.types.ts';
import type { CredentialState } from '../../core/throttling/credential-throttle.ts';
import type { TrafficWindow } from '../../http/recent-traffic.ts';
import { chart } from './charts.ts';
import { html, type SafeHtml, when } from './html.ts';

/**
 * The console's pages, rendered on the server: semantic HTML with a label for every field, one stylesheet and one
 * small script served by the console itself (the script only makes the user search answer as you type; every page
 * works without it). Every value shown goes through `html`, which escapes it.
 */

/** No inline script or style, nothing from elsewhere, no framing, forms only to the console itself. */
const contentSecurityPolicy =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; " +
  "frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

/** Sends a console page with the headers every console answer carries. */
export function sendPage(reply: FastifyReply, status: number, page: SafeHtml): FastifyReply {
  return securityHeaders(reply).status(status).type('text/html; charset=utf-8').send(page.markup);
}

/** The headers of every console answer: the policy, never cached (pages show users' data), never framed. */
export function securityHeaders(reply: FastifyReply): FastifyReply {
  return reply
    .header('content-security-policy', contentSecurityPolicy)
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'same-origin')
    .header('x-content-type-options', 'nosniff')
    .header('x-frame-options', 'DENY');
}

/** What a signed-in page knows of its session: the form token its forms carry, the page the menu marks. */
export interface SessionView {
  csrf: string;
  clientId: string;
  section: 'dashboard' | 'users' | 'audit' | 'catalogues' | 'jobs' | 'settings';
}

function layout(title: string, body: SafeHtml, session?: SessionView, head: SafeHtml | string = ''): SafeHtml {
  const link = (href: string, label: string, section: SessionView['section']) =>
    html`<li><a href="${href}"${session?.section === section ? html` aria-current="page"` : ''}>${label}</a></li>`;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title} · Persona console</title>
<link rel="stylesheet" href="/console/static/console.css">
<script src="/console/static/console.js" defer></script>
${head}</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="top">
<p class="brand">Persona console${session ? html` <span class="app">${session.clientId}</span>` : ''}</p>
${
  session
    ? html`<nav aria-label="Console">
<ul>
${link('/console/dashboard', 'Dashboard', 'dashboard')}
${link('/console/users', 'Users', 'users')}
${link('/console/audit', 'Audit log', 'audit')}
${link('/console/catalogues', 'Catalogues', 'catalogues')}
${link('/console/jobs', 'Jobs', 'jobs')}
${link('/console/settings', 'Settings', 'settings')}
</ul>
<form method="post" action="/console/sign-out" class="inline">
${csrfField(session.csrf)}
<button type="submit">Sign out</button>
</form>
</nav>`
    : ''
}
</header>
<main id="main">
<h1>${title}</h1>
${body}
</main>
</body>
</html>
`;
}

const csrfField = (token: string) => html`<input type="hidden" name="_csrf" value="${token}">`;

export function problemPage(title: string, message: string, signInLink: boolean): SafeHtml {
  return layout(
    title,
    html`<p role="alert">${message}</p>
<p>${signInLink ? html`<a href="/console/sign-in">Sign in</a>` : html`<a href="/console/users">Back to the console</a>`}</p>`,
  );
}

export function signInPage(problem?: string, clientId?: string): SafeHtml {
  return layout(
    'Sign in',
    html`<p>Sign in with your app's admin client id and secret (the ones <code>persona apps create</code> printed).</p>
${problem ? html`<p role="alert" class="error" id="sign-in-error">${problem}</p>` : ''}
<form method="post" action="/console/sign-in" class="stack">
<label for="client_id">Client id</label>
<input id="client_id" name="client_id" autocomplete="username" required maxlength="200" value="${clientId ?? ''}"${problem ? html` aria-describedby="sign-in-error"` : ''}>
<label for="client_secret">Client secret</label>
<input id="client_secret" name="client_secret" type="password" autocomplete="current-password" required maxlength="200">
<button type="submit">Sign in</button>
</form>`,
  );
}

export interface UsersView {
  query: string;
  notice?: string | undefined;
  users: readonly User[];
  nextCursor: string | null;
}

export function usersPage(view: UsersView, session: SessionView): SafeHtml {
  return layout(
    'Users',
    html`${view.notice ? html`<p role="status" class="notice">${view.notice}</p>` : ''}
<form method="get" action="/console/users" role="search" class="search" data-live-search>
<label for="q">Find a user by login name, email, phone or display name (the start of it)</label>
<input id="q" name="q" type="search" value="${view.query}" maxlength="320" autocomplete="off" aria-controls="user-results">
<button type="submit">Search</button>
</form>
<div id="user-results" aria-live="polite">${userResults(view)}</div>`,
    session,
  );
}

/** The results part of the users page; the search script asks for it alone as the reader types. */
export function userResults(view: UsersView): SafeHtml {
  if (view.users.length === 0) {
    return html`<p>${view.query ? html`No user's name or address starts with “${view.query}”.` : 'The app has no users yet.'}</p>`;
  }
  const next = view.nextCursor
    ? html`<p><a rel="next" href="/console/users?${new URLSearchParams({ ...(view.query ? { q: view.query } : {}), cursor: view.nextCursor }).toString()}">Next page</a></p>`
    : '';
  return html`<div class="table-wrap" tabindex="0" role="region" aria-label="Users found"><table>
<caption>Users${view.query ? html` matching “${view.query}”` : ''}</caption>
<thead><tr><th scope="col">Login name</th><th scope="col">Display name</th><th scope="col">Email</th><th scope="col">Phone</th><th scope="col">Status</th><th scope="col">Created</th></tr></thead>
<tbody>
${view.users.map(
  (user) => html`<tr>
<th scope="row"><a href="/console/users/${encodeURIComponent(user.id)}">${user.loginName ?? html`<span class="muted">(${user.id})</span>`}</a></th>
<td>${user.displayName ?? ''}</td><td>${user.emailAddress ?? ''}</td><td>${user.phoneNumber ?? ''}</td>
<td>${user.disabled ? html`<strong>Disabled</strong>` : 'Active'}</td><td>${when(user.createdAt)}</td>
</tr>`,
)}
</tbody>
</table></div>
${next}`;
}

export interface UserView {
  user: User;
  tokens: readonly {
    id: string;
    kind: string;
    profileId: string | null;
    createdAt: number;
    expiresAt: number;
  }[];
  profiles: readonly { id: string; name: string; isDefault: boolean; child: boolean; pinPromptRequired: boolean }[];
  preferences: readonly { label: string; category: string; value: boolean }[];
  history: readonly { title: string; watchedAt: number }[];
  audit: readonly AuditEvent[];
  credentials: readonly CredentialState[];
  pin: UserPinState;
  /** A notice from the action just done (from a fixed list, never the request's text). */
  notice?: string | undefined;
  problem?: string | undefined;
}

/** The notices an action's redirect may name: the query only picks one, it never puts text on the page. */
export const notices = {
  disabled: 'The user is disabled: their log-ins are refused and their tokens ended.',
  enabled: 'The user is enabled again.',
  revoked: 'Every session of the user has ended.',
  'pin-reset': 'The household PIN is reset.',
  'pin-unlocked': 'The household PIN lock is lifted and the wrong PINs forgotten; the PIN is kept.',
  unlocked: 'The log-in failures and locks of the user are lifted: they can log in at once.',
  updated: 'The changes are saved.',
  deleted: 'The user is deleted.',
  saved: 'The settings are saved.',
  'item-deleted': 'The item is deleted.',
  'item-saved': 'The item is saved.',
  'file-saved': 'Every item of the file is saved.',
} as const;

export type Notice = keyof typeof notices;

/** The household PIN's state in words: never the PIN. */
function pinStateText(pin: UserPinState): string {
  if (pin.status === 'UNSET') return 'Not set';
  const wrong = pin.failedAttempts === 1 ? '1 wrong PIN' : `${pin.failedAttempts} wrong PINs`;
  if (pin.lockedUntil !== null) return `Locked until ${new Date(pin.lockedUntil).toISOString()} (${wrong})`;
  return pin.failedAttempts > 0 ? `Set (${wrong} since the last right one)` : 'Set';
}

export function userPage(view: UserView, session: SessionView): SafeHtml {
  const { user } = view;
  const name = userName(user);
  const id = encodeURIComponent(user.id);
  const action = (path: string, label: string, extra: SafeHtml | string = '') =>
    html`<form method="post" action="/console/users/${id}/${path}" class="inline">${csrfField(session.csrf)}${extra}<button type="submit">${label}</button></form>`;
  const fact = (label: string, value: SafeHtml | string | null) =>
    html`<dt>${label}</dt><dd>${value === null || value === '' ? html`<span class="muted">—</span>` : value}</dd>`;
  return layout(
    `User ${name}`,
    html`${view.notice ? html`<p role="status" class="notice">${view.notice}</p>` : ''}
${view.problem ? html`<p role="alert" class="error">${view.problem}</p>` : ''}
<section aria-labelledby="profile-h">
<h2 id="profile-h">Profile</h2>
<dl class="facts">
${fact('Id', html`<code>${user.id}</code>`)}
${fact('Status', user.disabled ? html`<strong>Disabled</strong>` : 'Active')}
${fact('Login name', user.loginName)}
${fact('Display name', user.displayName)}
${fact('Email', user.emailAddress === null ? null : `${user.emailAddress}${user.emailVerified ? ' (verified)' : ' (not verified)'}`)}
${fact('Phone', user.phoneNumber === null ? null : `${user.phoneNumber}${user.phoneVerified ? ' (verified)' : ' (not verified)'}`)}
${fact('Country', user.country)}
${fact('Locale', user.locale)}
${fact('Handle', user.handle)}
${fact('Password', user.hasPassword ? 'Set' : 'None (pseudo user)')}
${fact('Household PIN', pinStateText(view.pin))}
${fact('First log-in', when(user.firstLogInAt))}
${fact('Created', when(user.createdAt))}
${fact('Modified', when(user.modifiedAt))}
${fact('Custom fields', Object.keys(user.customFields).length ? html`<code>${JSON.stringify(user.customFields)}</code>` : null)}
</dl>
</section>
<section aria-labelledby="actions-h">
<h2 id="actions-h">Actions</h2>
<div class="actions">
${user.disabled ? action('enable', 'Enable') : action('disable', 'Disable')}
${action('revoke-sessions', 'Revoke all sessions')}
${action('reset-pin', 'Reset the household PIN')}
${view.pin.failedAttempts > 0 || view.pin.lockedUntil !== null ? action('lift-pin-lock', 'Lift the PIN lock') : ''}
<a class="button" href="/console/users/${id}/export" download>Export as JSON</a>
</div>
<details>
<summary>Edit fields</summary>
<form method="post" action="/console/users/${id}/edit" class="stack">
${csrfField(session.csrf)}
${editField('displayName', 'Display name', user.displayName)}
${editField('emailAddress', 'Email', user.emailAddress, 'email')}
${editField('phoneNumber', 'Phone (international, +…)', user.phoneNumber, 'tel')}
${editField('country', 'Country (two letters)', user.country)}
${editField('locale', 'Locale (such as en-GB)', user.locale)}
<button type="submit">Save the changes</button>
</form>
</details>
<details>
<summary>Delete this user</summary>
<form method="post" action="/console/users/${id}/delete" class="stack">
${csrfField(session.csrf)}
<p>Deleting ${name} removes the account and everything stored about it. It cannot be undone.</p>
<label for="confirm">Type <strong>${confirmationOf(user)}</strong> to confirm</label>
<input id="confirm" name="confirm" required autocomplete="off">
<button type="submit" class="danger">Delete ${name}</button>
</form>
</details>
</section>
<section aria-labelledby="profiles-h">
<h2 id="profiles-h">Household profiles</h2>
${table(
  'Household profiles',
  ['Name', 'Default', 'Child', 'PIN asked', 'Id'],
  view.profiles.map((p) => [
    p.name,
    yes(p.isDefault),
    yes(p.child),
    yes(p.pinPromptRequired),
    html`<code>${p.id}</code>`,
  ]),
  'No household profiles.',
)}
</section>
<section aria-labelledby="tokens-h">
<h2 id="tokens-h">Sessions (tokens)</h2>
${table(
  'Tokens',
  ['Kind', 'Profile', 'Issued', 'Expires', 'Id'],
  view.tokens.map((t) => [
    t.kind,
    t.profileId === null ? '—' : html`<code>${t.profileId}</code>`,
    when(t.createdAt),
    when(t.expiresAt),
    html`<code>${t.id}</code>`,
  ]),
  'No live tokens.',
)}
</section>
<section aria-labelledby="locks-h">
<h2 id="locks-h">Log-in failures and locks</h2>
${table(
  'Password log-in failures, by address (most recent first)',
  ['From', 'Failures', 'Last failure', 'Locked until', 'Last log-in from there'],
  view.credentials.map((c) => [
    c.scope === 'account' ? 'Every address (the account lock)' : (c.address ?? ''),
    String(c.failures),
    when(c.lastFailureAt),
    c.lockedUntil === null ? 'Not locked' : html`<strong>${when(c.lockedUntil)}</strong>`,
    c.scope === 'account' ? '—' : when(c.lastSuccessAt),
  ]),
  'No failed log-ins remembered.',
)}
${
  view.credentials.some((c) => c.failures > 0 || c.lockedUntil !== null)
    ? html`<form method="post" action="/console/users/${id}/lift-locks">${csrfField(session.csrf)}<button type="submit">Lift the locks and forget the failures</button></form>`
    : ''
}
</section>
<section aria-labelledby="preferences-h">
<h2 id="preferences-h">Preferences</h2>
${table(
  'Preferences',
  ['Option', 'Category', 'Value'],
  view.preferences.map((p) => [p.label, p.category, p.value ? 'Yes' : 'No']),
  'No preferences set.',
)}
</section>
<section aria-labelledby="history-h">
<h2 id="history-h">Viewing history</h2>
${table(
  'Viewing history (the newest 50)',
  ['Title', 'Watched'],
  view.history.slice(0, 50).map((v) => [v.title, when(v.watchedAt)]),
  'No viewings.',
)}
</section>
<section aria-labelledby="audit-h">
<h2 id="audit-h">Audit trail</h2>
${auditTable(view.audit, 'Audit entries about this user (newest first)')}
<p><a href="/console/audit?userId=${id}">The whole audit trail of this user</a></p>
</section>`,
    session,
  );
}

function editField(name: string, label: string, value: string | null, type = 'text'): SafeHtml {
  return html`<label for="${name}">${label}</label>
<input id="${name}" name="${name}" type="${type}" value="${value ?? ''}" maxlength="320">`;
}

/** What the reader types to confirm a deletion: the login name, or the id of a user without one. */
export function confirmationOf(user: User): string {
  return user.loginName ?? user.id;
}

export function userName(user: User): string {
  return user.loginName ?? user.displayName ?? user.emailAddress ?? user.phoneNumber ?? user.id;
}

const yes = (value: boolean) => (value ? 'Yes' : 'No');

function table(
  caption: string,
  headings: readonly string[],
  rows: readonly (readonly (SafeHtml | string)[])[],
  empty: string,
): SafeHtml {
  if (rows.length === 0) return html`<p>${empty}</p>`;
  // At phone width a table scrolls sideways inside its region, which the keyboard can reach.
  return html`<div class="table-wrap" tabindex="0" role="region" aria-label="${caption}"><table>
<caption>${caption}</caption>
<thead><tr>${headings.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
<tbody>${rows.map((cells) => html`<tr>${cells.map((cell) => html`<td>${cell}</td>`)}</tr>`)}</tbody>
</table></div>`;
}

function auditTable(events: readonly AuditEvent[], caption: string): SafeHtml {
  return table(
    caption,
    ['When', 'Who', 'What', 'User', 'Details'],
    events.map((event) => [
      when(event.occurredAt),
      actorOf(event),
      html`<code>${event.action}</code> ${auditSentences[event.action] ?? ''}`,
      event.userId ? html`<a href="/console/users/${encodeURIComponent(event.userId)}">${event.userId}</a>` : '—',
      detailsOf(event.details),
    ]),
    'No audit entries.',
  );
}

function actorOf(event: AuditEvent): string {
  const who =
    event.actor.kind === 'admin'
      ? `the admin ${event.actor.id ?? ''}`
      : event.actor.kind === 'user'
        ? `user ${event.actor.id ?? ''}`
        : event.actor.kind === 'operator'
          ? 'the operator (CLI)'
          : 'Persona';
  return event.actor.address ? `${who} from ${event.actor.address}` : who;
}

function detailsOf(details: Record<string, unknown>): SafeHtml | string {
  const entries = Object.entries(details);
  if (entries.length === 0) return '—';
  return html`<ul class="details">${entries.map(
    ([key, value]) => html`<li>${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}</li>`,
  )}</ul>`;
}

/** Each audit action in words. */
const auditSentences: Partial<Record<AuditEvent['action'], string>> = {
  'app.settings_changed': 'settings changed',
  'app.client_secret_rotated': 'client secret rotated',
  'app.key_rotated': 'app key rotated',
  'admin.session_started': 'admin signed in (an admin token issued)',
  'admin.session_ended': 'admin signed out',
  'user.updated': 'user’s fields changed',
  'user.disabled': 'user disabled',
  'user.enabled': 'user enabled',
  'user.deleted': 'user deleted',
  'user.password_changed': 'password changed',
  'user.tokens_revoked': 'every session ended',
  'user.pin_reset': 'household PIN reset',
  'user.pin_unlocked': 'household PIN lock lifted',
  'user.password_reset_requested': 'password reset asked for',
  'user.password_reset': 'password reset',
  'user.verification_sent': 'verification sent',
  'user.address_verified': 'address verified',
  'user.code_rejected': 'wrong code',
  'credentials.locked': 'log-ins locked after failures',
  'credentials.unlocked': 'log-in locks lifted by the admin',
  'catalogue.items_saved': 'catalogue items saved',
  'catalogue.item_deleted': 'catalogue item deleted',
  'history.imported': 'viewing history imported',
  'job.retried': 'failed job retried by the admin',
};

export interface AuditView {
  filter: { userId: string; action: string; from: string; to: string };
  actions: readonly string[];
  events: readonly AuditEvent[];
  nextCursor: string | null;
}

export function auditPage(view: AuditView, session: SessionView): SafeHtml {
  const { filter } = view;
  const next = view.nextCursor
    ? html`<p><a rel="next" href="/console/audit?${new URLSearchParams(
        Object.fromEntries(Object.entries({ ...filter, cursor: view.nextCursor }).filter(([, value]) => value !== '')),
      ).toString()}">Older entries</a></p>`
    : '';
  return layout(
    'Audit log',
    html`<form method="get" action="/console/audit" class="filters">
<div><label for="userId">User id</label><input id="userId" name="userId" value="${filter.userId}" maxlength="64"></div>
<div><label for="action">Action</label><select id="action" name="action">
<option value="">Any</option>
${view.actions.map((a) => html`<option value="${a}"${a === filter.action ? html` selected` : ''}>${a}</option>`)}
</select></div>
<div><label for="from">From (UTC)</label><input id="from" name="from" type="datetime-local" step="1" value="${filter.from}"></div>
<div><label for="to">Until (UTC)</label><input id="to" name="to" type="datetime-local" step="1" value="${filter.to}"></div>
<div><button type="submit">Filter</button></div>
</form>
${auditTable(view.events, 'Audit entries, newest first')}
${next}`,
    session,
  );
}

/** One catalogue's page as the catalogues page shows it: each item's id and the cells of its row. */
export interface CatalogueView {
  kinds: readonly { kind: string; title: string }[];
  kind: string;
  title: string;
  headings: readonly string[];
  items: readonly { id: string; cells: readonly string[]; editQuery?: string | undefined }[];
  nextCursor: string | null;
  notice?: string | undefined;
  problem?: string | undefined;
  /** Whether a file can be uploaded to this catalogue. */
  uploadable?: boolean | undefined;
  /** Whether items have an edit page. */
  editable?: boolean | undefined;
  /** Whether one item can be created here. */
  creatable?: boolean | undefined;
  /** The rows of an upload the core or the file's shape refused, each with its place in the file. */
  uploadProblems?: readonly string[] | undefined;
}

export function cataloguesPage(view: CatalogueView, session: SessionView): SafeHtml {
  const next = view.nextCursor
    ? html`<p><a rel="next" href="/console/catalogues?${new URLSearchParams({ kind: view.kind, cursor: view.nextCursor }).toString()}">Next page</a></p>`
    : '';
  return layout(
    'Catalogues',
    html`<nav aria-label="Catalogues" class="tabs"><ul>${view.kinds.map(
      (k) =>
        html`<li><a href="/console/catalogues?kind=${k.kind}"${k.kind === view.kind ? html` aria-current="page"` : ''}>${k.title}</a></li>`,
    )}</ul></nav>
${view.notice ? html`<p role="status" class="notice">${view.notice}</p>` : ''}
${view.problem ? html`<p role="alert" class="error">${view.problem}</p>` : ''}
<h2>${view.title}</h2>
<p class="muted">Items are loaded in bulk through the admin API (<code>PUT /admin/v1/${view.kind}</code>)${view.uploadable ? ' or by uploading a file here' : ''}; here they are
read, ${view.creatable ? 'created, edited' : view.editable ? 'edited' : 'kept'} and deleted. An item still in use is kept, and the reason is said here.</p>
${view.creatable ? html`<p><a href="/console/catalogues/${view.kind}/new" class="button">New item of ${view.title.toLowerCase()}</a></p>` : ''}
${view.uploadable ? uploadForm(view, session) : ''}
${table(
  `${view.title} (20 a page)`,
  [...view.headings, 'Id', 'Actions'],
  view.items.map((item) => {
    const name = item.cells[0] ?? item.id;
    const base = `/console/catalogues/${view.kind}/${encodeURIComponent(item.id)}`;
    return [
      ...item.cells,
      html`<code>${item.id}</code>`,
      html`${view.editable ? html`<a href="${base}/edit${item.editQuery ? `?${item.editQuery}` : ''}" aria-label="Edit ${name}">Edit</a> ` : ''}<a href="${base}/delete?${new URLSearchParams({ name }).toString()}" class="danger" aria-label="Delete ${name}…">Delete…</a>`,
    ];
  }),
  'This catalogue is empty.',
)}
${next}`,
    session,
  );
}

/** What each catalogue's file holds, said above its upload field. */
const uploadHelp: Record<string, SafeHtml> = {
  movies: html`A JSON file (the admin API's body, <code>{"items": [...]}</code>, or the list alone) or a CSV
file whose first line names its columns: <code>id,title,year</code> and any of <code>genres, actors, directors,
countries, technologies, versions, awards, basedOn, posterUrl, ratings</code> (list values separated by <code>|</code>,
ratings as <code>FSK=12|MPAA=PG</code>). Up to 10,000 movies; an existing id is replaced.`,
  'preference-options': html`A JSON file (the admin API's body, <code>{"items": [...]}</code>, or the list alone) or a
CSV file whose first line names its columns: <code>category,label</code> and any of <code>id, attribute,
position</code>. An option of the same category and label is updated.`,
  schools: html`A JSON file (the admin API's body, <code>{"items": [...]}</code>, or the list alone) or a CSV file
whose first line names its columns: <code>name</code> and maybe <code>id</code>. A school of the same name (or id) is
updated; up to 10,000.`,
  'ratings-bodies': html`A JSON file (the admin API's body, <code>{"items": [...]}</code>, or the list alone) or a CSV
file whose first line names its columns: <code>id,name,ratings</code>, the ratings mildest first and separated by
<code>|</code> (<code>FSK,FSK,0|6|12|16|18</code>). An existing id is replaced; saved at once, all or none.`,
  icons: html`A JSON file (the admin API's body, <code>{"items": [...]}</code>, or the list alone) or a CSV file whose
first line names its columns: <code>id,uri</code> and any of <code>aspect, imageId</code>. An existing id is replaced;
saved at once, all or none.`,
  'study-levels': html`A JSON file (the admin API's body, <code>{"items": [...]}</code>, or the list alone) or a CSV
file whose first line names its columns: <code>name</code> and maybe <code>id</code>. A study level of the same name
(or id) is updated; up to 10,000.`,
};

function uploadForm(view: CatalogueView, session: SessionView): SafeHtml {
  const problems = view.uploadProblems ?? [];
  return html`<form method="post" action="/console/catalogues/${view.kind}/upload" enctype="multipart/form-data" class="upload">
${csrfField(session.csrf)}
<h3>Upload ${view.title.toLowerCase()}</h3>
<p id="upload-help" class="muted">${uploadHelp[view.kind] ?? ''} The whole file is checked first: one bad row and
nothing is imported.</p>
<label for="upload-file">File</label>
<input id="upload-file" name="file" type="file" accept=".json,.csv,application/json,text/csv" required aria-describedby="upload-help${problems.length > 0 ? ' upload-problems' : ''}"${problems.length > 0 ? html` aria-invalid="true"` : ''}>
<button type="submit">Upload</button>
${
  problems.length > 0
    ? html`<div id="upload-problems" role="alert" class="error"><p>Nothing was imported: ${problems.length === 1 ? 'one row is' : `${problems.length} problems are`} to fix.</p><ul>${problems
        .slice(0, 50)
        .map(
          (problem) => html`<li>${problem}</li>`,
        )}</ul>${problems.length > 50 ? html`<p>and ${problems.length - 50} more.</p>` : ''}</div>`
    : ''
}
</form>`;
}

/** Asks before a catalogue item is deleted; the form's `confirmed` field is what the delete needs. */
export function confirmDeletePage(
  view: { kind: string; catalogue: string; id: string; name: string },
  session: SessionView,
): SafeHtml {
  return layout(
    `Delete ${view.name}?`,
    html`<p>Delete <strong>${view.name}</strong> (<code>${view.id}</code>) from ${view.catalogue}? This cannot be undone;
an item still in use is kept, and the page says why.</p>
<form method="post" action="/console/catalogues/${view.kind}/${encodeURIComponent(view.id)}/delete" class="inline">
${csrfField(session.csrf)}<input type="hidden" name="confirmed" value="yes">
<button type="submit" class="danger">Delete ${view.name}</button>
</form>
<a href="/console/catalogues?kind=${view.kind}">Cancel</a>`,
    session,
  );
}

export interface MovieFormView {
  /** The movie edited; undefined when one is created. */
  movie: Movie | undefined;
  /** What the reader sent, shown again with the core's refusal beside each field it names. */
  sent?: Record<string, string> | undefined;
  errors?: ReadonlyMap<string, string> | undefined;
}

/** The fields of a movie the console edits; list fields take one value a line. */
export const movieFormFields = [
  ['title', 'Title'],
  ['year', 'Year'],
  ['basedOn', 'Based on'],
  ['posterUrl', 'Poster URL'],
  ['genres', 'Genres (one a line)'],
  ['directors', 'Directors (one a line)'],
  ['actors', 'Actors (one a line)'],
  ['countries', 'Countries (one a line)'],
  ['technologies', 'Technologies (one a line)'],
  ['versions', 'Versions (one a line)'],
  ['awards', 'Awards (one a line)'],
] as const;

export function movieEditPage(view: MovieFormView, session: SessionView): SafeHtml {
  const { movie } = view;
  const shownValue = (field: string): string => {
    if (view.sent?.[field] !== undefined) return view.sent[field];
    const value = (movie as unknown as Record<string, unknown> | undefined)?.[field];
    return Array.isArray(value) ? value.join('\n') : value == null ? '' : String(value);
  };
  const formFields: readonly (readonly [string, string])[] = movie
    ? movieFormFields
    : [['id', 'Id (a UUID)'], ...movieFormFields];
  const fields = formFields.map(([field, label]) => {
    const error = view.errors?.get(field);
    const described = error ? html` aria-invalid="true" aria-describedby="${field}-error"` : '';
    const id = `movie-${field}`;
    const control =
      field === 'id' || field === 'title' || field === 'year' || field === 'basedOn' || field === 'posterUrl'
        ? html`<input id="${id}" name="${field}" value="${shownValue(field)}"${field === 'year' ? html` inputmode="numeric"` : ''}${field === 'id' || field === 'title' || field === 'year' ? html` required` : ''}${described}>`
        : html`<textarea id="${id}" name="${field}" rows="3"${described}>${shownValue(field)}</textarea>`;
    return html`<div class="field"><label for="${id}">${label}</label>${control}${error ? html`<p id="${field}-error" class="error">${error}</p>` : ''}</div>`;
  });
  return layout(
    movie ? `Edit ${movie.title}` : 'New movie',
    html`${view.errors?.size ? html`<p role="alert" class="error">Nothing was saved: the fields below say why.</p>` : ''}
${movie ? html`<p class="muted">Movie <code>${movie.id}</code>; its ratings are kept as they are.</p>` : html`<p class="muted">Ratings are given through the admin API or a file.</p>`}
<form method="post" action="${movie ? `/console/catalogues/movies/${encodeURIComponent(movie.id)}/edit` : '/console/catalogues/movies/new'}">
${csrfField(session.csrf)}
${fields}
<button type="submit">${movie ? 'Save' : 'Create'}</button> <a href="/console/catalogues?kind=movies">Cancel</a>
</form>`,
    session,
  );
}

export interface JobView {
  job: Job;
  /** Where to look at what the job made, when it succeeded. */
  outcome?: { href: string; label: string } | undefined;
}

/**
 * One job, with a progress bar the console's script refreshes from `/console/jobs/{id}/progress`; without the script,
 * the page reloads itself every two seconds while the job is unfinished.
 */
export function jobPage(view: JobView, session: SessionView): SafeHtml {
  const { job } = view;
  const unfinished = job.status === 'queued' || job.status === 'running';
  const { fraction } = (job.progress ?? {}) as { fraction?: unknown };
  const percent = job.status === 'succeeded' ? 100 : typeof fraction === 'number' ? Math.round(fraction * 100) : 0;
  return layout(
    `Job ${job.kind}`,
    html`<section data-job-progress="/console/jobs/${encodeURIComponent(job.id)}/progress" aria-labelledby="progress-label">
<p id="progress-label">Progress of the job</p>
<progress id="job-progress" max="100" value="${percent}" aria-labelledby="progress-label">${percent}%</progress>
<p role="status" id="job-status">${jobStatusLine(job)}</p>
<p id="job-outcome"${job.status === 'succeeded' && view.outcome ? '' : html` hidden`}>${view.outcome ? html`<a href="${view.outcome.href}">${view.outcome.label}</a>` : ''}</p>
</section>
<dl class="facts">
<dt>Kind</dt><dd>${job.kind}</dd>
<dt>Id</dt><dd><code>${job.id}</code></dd>
<dt>Attempts</dt><dd>${job.attempts} of ${job.maxAttempts}</dd>
<dt>Created</dt><dd>${when(job.createdAt)}</dd>
</dl>
${job.status === 'failed' ? retryForm(job, session) : ''}
<p><a href="/console/jobs">All jobs</a></p>`,
    session,
    unfinished ? html`<noscript><meta http-equiv="refresh" content="2"></noscript>` : '',
  );
}

function retryForm(job: Job, session: SessionView): SafeHtml {
  return html`<form method="post" action="/console/jobs/${encodeURIComponent(job.id)}/retry" class="inline">${csrfField(session.csrf)}<button type="submit" aria-label="Retry job ${job.id}">Retry</button></form>`;
}

/** What the page says of a job's state in words, the same words the script puts there while it polls. */
export function jobStatusLine(job: Job): string {
  const progress = (job.progress ?? {}) as { saved?: unknown; total?: unknown };
  const counted =
    typeof progress.saved === 'number' && typeof progress.total === 'number'
      ? ` ${progress.saved} of ${progress.total} saved.`
      : '';
  if (job.status === 'queued') return `Waiting to start.${counted}`;
  if (job.status === 'running') return `Running.${counted}`;
  if (job.status === 'succeeded') return `Done.${counted}`;
  return `Failed: ${job.lastError ?? 'no reason was recorded'}.`;
}

export interface DashboardView {
  traffic: readonly TrafficWindow[];
  windowSeconds: number;
  keptMinutes: number;
  days: readonly { day: string; signUps: number; activeUsers: number }[];
}

/** The app's figures as charts: this instance's last minutes of traffic, and the app's days from the database. */
export function dashboardPage(view: DashboardView, session: SessionView): SafeHtml {
  const times = view.traffic.map((w) => new Date(w.startedAt).toISOString().slice(11, 19));
  const perSecond = (n: number) => Math.round((n / view.windowSeconds) * 100) / 100;
  const days = view.days.map((d) => d.day);
  return layout(
    'Dashboard',
    html`<p>Requests, latency, log-in failures and refusals are <strong>this instance's</strong> (the one that served
this page), since it started and at most over its last ${view.keptMinutes} minutes, in windows of
${view.windowSeconds} seconds, for every app it serves; with several instances, each sees its share. Sign-ups and
active users are the app's own, read from the database, per UTC day. Reload the page for newer figures.</p>
<div class="charts">
${chart({
  id: 'requests',
  title: 'Requests per second',
  unit: 'requests/s, this instance',
  kind: 'line',
  labels: times,
  series: [
    { name: 'Requests per second', className: 'series-1', values: view.traffic.map((w) => perSecond(w.requests)) },
  ],
})}
${chart({
  id: 'latency',
  title: 'Latency percentiles',
  unit: 'ms, this instance',
  kind: 'line',
  labels: times,
  series: [
    { name: 'p50', className: 'series-1', values: view.traffic.map((w) => w.p50) },
    { name: 'p95', className: 'series-2', values: view.traffic.map((w) => w.p95) },
    { name: 'p99', className: 'series-3', values: view.traffic.map((w) => w.p99) },
  ],
})}
${chart({
  id: 'credentials',
  title: 'Log-in failures and refusals',
  unit: 'per window, this instance',
  kind: 'bars',
  labels: times,
  series: [
    { name: 'Log-in failures', className: 'series-2', values: view.traffic.map((w) => w.logInFailures) },
    {
      name: 'Refusals (throttled or rate-limited)',
      className: 'series-3',
      values: view.traffic.map((w) => w.refusals),
    },
  ],
})}
${chart({
  id: 'sign-ups',
  title: 'Sign-ups per day',
  unit: 'users, this app',
  kind: 'bars',
  labels: days,
  series: [{ name: 'Sign-ups', className: 'series-1', values: view.days.map((d) => d.signUps) }],
})}
${chart({
  id: 'active',
  title: 'Active users per day',
  unit: 'users with a token issued that day, this app',
  kind: 'bars',
  labels: days,
  series: [{ name: 'Active users', className: 'series-2', values: view.days.map((d) => d.activeUsers) }],
})}
</div>`,
    session,
  );
}

export interface JobsView {
  jobs: readonly Job[];
  nextCursor: string | null;
}

export function jobsPage(view: JobsView, session: SessionView): SafeHtml {
  const next = view.nextCursor
    ? html`<p><a rel="next" href="/console/jobs?cursor=${view.nextCursor}">Older jobs</a></p>`
    : '';
  return layout(
    'Jobs',
    html`<p>The app's background work (imports, trainings, fan-outs, deliveries), newest first. Finished jobs are kept
for a while, then pruned.</p>
${table(
  'Jobs, newest first (25 a page)',
  ['Kind', 'Status', 'Attempts', 'Progress', 'Result or last error', 'Created', 'Finished', 'Id'],
  view.jobs.map((job) => [
    job.kind,
    job.status === 'failed' ? html`<strong>${job.status}</strong>` : job.status,
    `${job.attempts} of ${job.maxAttempts}`,
    progressOf(job.progress),
    html`${job.lastError ? html`<span class="error">${job.lastError}</span>` : job.result == null ? '—' : brief(job.result)}${job.status === 'failed' ? retryForm(job, session) : ''}`,
    when(job.createdAt),
    when(job.finishedAt),
    html`<a href="/console/jobs/${encodeURIComponent(job.id)}"><code>${job.id}</code></a>`,
  ]),
  'No jobs.',
)}
${next}`,
    session,
  );
}

/** A job's progress as a bar when it says how far it is (a training's `fraction`), and as it reported it. */
function progressOf(progress: unknown): SafeHtml | string {
  if (progress === null || progress === undefined) return '—';
  const { fraction } = progress as { fraction?: unknown };
  if (typeof fraction === 'number' && fraction >= 0 && fraction <= 1) {
    const percent = Math.round(fraction * 100);
    return html`<progress max="100" value="${percent}" aria-label="Progress">${percent}%</progress> ${brief(progress)}`;
  }
  return brief(progress);
}

function brief(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

export interface SettingsView {
  settings: AppSettings;
  ranges: Readonly<Record<NumericSetting, SettingRange>>;
  /** What the reader sent, shown again beside its error. */
  sent?: Record<string, string> | undefined;
  errors?: ReadonlyMap<string, string> | undefined;
  notice?: string | undefined;
}

/** Every setting with a line saying what it does; the form shows them in this order. */
export const settingLabels: Record<keyof AppSettings, string> = {
  accessTokenTtlSeconds: 'Access token lifetime (seconds)',
  refreshTokenTtlSeconds: 'Refresh token lifetime (seconds; no shorter than the access token’s)',
  maxProfilesPerAccount: 'Household profiles per account',
  passwordMinLength: 'Shortest password',
  logInDelayAfterFailures: 'Failures (one account, one address) before each attempt waits',
  logInLockAfterFailures: 'Failures (one account, one address) that lock the pair',
  logInLockSeconds: 'Lock time (seconds)',
  logInFailureMemorySeconds: 'How long a failure is remembered (seconds)',
  accountLockAfterFailures: 'Failures against one account that lock it for new addresses (0: off)',
  addressLockAfterFailures: 'Failures from one address that lock it out (0: off)',
  rateLimitWindowSeconds: 'Rate-limit window (seconds)',
  signUpsPerAddress: 'Sign-ups per address and window (0: unlimited)',
  logInsPerAddress: 'Token requests per address and window (0: unlimited)',
  anonymousCallsPerApp: 'Anonymous calls of the whole app per window (0: unlimited)',
  recoveryLinkTtlSeconds: 'Recovery link lifetime (seconds)',
  recoveryPinTtlSeconds: 'Recovery PIN lifetime (seconds)',
  recoveryCodeAttempts: 'Wrong attempts a recovery code takes',
  recoveryRequestsPerAddress: 'Recovery calls per address and window (0: unlimited)',
  recoveryRequestsPerIdentifier: 'Recovery messages per identifier and hour (0: unlimited)',
  exposeFullUserDataToOthers: 'Users may read other users’ full data',
  emailVerificationRequired: 'Email addresses must be verified',
  phoneVerificationRequired: 'Phone numbers must be verified',
};

export function settingsPage(view: SettingsView, session: SessionView): SafeHtml {
  const fields = (Object.keys(settingLabels) as (keyof AppSettings)[]).map((name) => {
    const error = view.errors?.get(name);
    const errorId = `${name}-error`;
    const current = view.settings[name];
    if (typeof current === 'boolean') {
      const checked = view.sent ? view.sent[name] === 'on' : current;
      return html`<div class="field check">
<input id="${name}" name="${name}" type="checkbox"${checked ? html` checked` : ''}>
<label for="${name}">${settingLabels[name]}</label>
</div>`;
    }
    const range = view.ranges[name as NumericSetting];
    const rangeId = `${name}-range`;
    return html`<div class="field${error ? ' invalid' : ''}">
<label for="${name}">${settingLabels[name]}</label>
<input id="${name}" name="${name}" inputmode="numeric" value="${view.sent?.[name] ?? String(current)}" aria-describedby="${rangeId}${error ? ` ${errorId}` : ''}"${error ? html` aria-invalid="true"` : ''}>
<small id="${rangeId}">Allowed: ${range.minimum.toLocaleString('en')} to ${range.maximum.toLocaleString('en')}</small>
${error ? html`<p class="error field-error" id="${errorId}">${error}</p>` : ''}
</div>`;
  });
  return layout(
    'Settings',
    html`${view.notice ? html`<p role="status" class="notice">${view.notice}</p>` : ''}
${view.errors?.size ? html`<p role="alert" class="error">Nothing was saved: ${view.errors.size === 1 ? 'a setting needs' : `${view.errors.size} settings need`} another value (see beside the field).</p>` : ''}
<form method="post" action="/console/settings" class="settings" novalidate>
${csrfField(session.csrf)}
${fields}
<button type="submit">Save the settings</button>
</form>
<section aria-labelledby="app-key-h">
<h2 id="app-key-h">App key</h2>
<p>Rotating makes a new app key, shown once. The old key stops working at once: every client app must be given the
new one before it can sign users up or log them in again. Users' sessions and this console session stay.</p>
<form method="post" action="/console/settings/rotate-app-key">
${csrfField(session.csrf)}
<button type="submit" class="danger">Rotate the app key</button>
</form>
</section>
<section aria-labelledby="rotate-h">
<h2 id="rotate-h">Client secret</h2>
<p>Rotating makes a new client secret, shown once. The old secret stops working at once, and every admin token ends,
this console session too: sign in again with the new secret.</p>
<form method="post" action="/console/settings/rotate-secret">
${csrfField(session.csrf)}
<button type="submit" class="danger">Rotate the client secret</button>
</form>
</section>`,
    session,
  );
}

export function appKeyRotatedPage(appId: string, appKey: string, session: SessionView): SafeHtml {
  return layout(
    'New app key',
    html`<p role="status">The app key was rotated. Copy it now: it is shown only this once.</p>
<dl class="facts">
<dt>App id</dt><dd><code>${appId}</code></dd>
<dt>App key</dt><dd><code class="secret">${appKey}</code></dd>
</dl>
<p>The old key no longer works. <a href="/console/settings">Back to the settings</a>.</p>`,
    session,
  );
}

export function secretRotatedPage(clientId: string, clientSecret: string): SafeHtml {
  return layout(
    'New client secret',
    html`<p role="status">The client secret was rotated. Copy it now: it is shown only this once.</p>
<dl class="facts">
<dt>Client id</dt><dd><code>${clientId}</code></dd>
<dt>Client secret</dt><dd><code class="secret">${clientSecret}</code></dd>
</dl>
<p>The old secret and every admin token have ended, this session too. <a href="/console/sign-in">Sign in with the new secret</a>.</p>`,
  );
}

/** A field of a catalogue item's form: `lines` takes one value a line; `createOnly` is the id an item is created with. */
export interface ItemField {
  name: string;
  label: string;
  lines?: boolean | undefined;
  required?: boolean | undefined;
  createOnly?: boolean | undefined;
  hint?: string | undefined;
}

export interface ItemFormView {
  kind: string;
  catalogue: string;
  fields: readonly ItemField[];
  /** The item's id when it is edited; undefined when one is created. */
  id?: string | undefined;
  /** The values shown: the item's, or what the reader sent. */
  values: Readonly<Record<string, string>>;
  /** The core's refusal, by the field it names. */
  errors?: ReadonlyMap<string, string> | undefined;
}

/** Creates or edits one item of a catalogue; the core's refusal is said beside the field it names. */
export function itemFormPage(view: ItemFormView, session: SessionView): SafeHtml {
  const editing = view.id !== undefined;
  const fields = view.fields
    .filter((field) => !(editing && field.createOnly))
    .map((field) => {
      const error = view.errors?.get(field.name);
      const id = `item-${field.name}`;
      const describedBy = [field.hint ? `${field.name}-hint` : '', error ? `${field.name}-error` : '']
        .filter(Boolean)
        .join(' ');
      const attributes = html`${field.required ? html` required` : ''}${describedBy ? html` aria-describedby="${describedBy}"` : ''}${error ? html` aria-invalid="true"` : ''}`;
      const value = view.values[field.name] ?? '';
      const control = field.lines
        ? html`<textarea id="${id}" name="${field.name}" rows="5"${attributes}>${value}</textarea>`
        : html`<input id="${id}" name="${field.name}" value="${value}"${attributes}>`;
      return html`<div class="field"><label for="${id}">${field.label}</label>${control}${field.hint ? html`<p id="${field.name}-hint" class="muted">${field.hint}</p>` : ''}${error ? html`<p id="${field.name}-error" class="error">${error}</p>` : ''}</div>`;
    });
  const action = editing
    ? `/console/catalogues/${view.kind}/${encodeURIComponent(view.id ?? '')}/edit`
    : `/console/catalogues/${view.kind}/new`;
  const noun = view.catalogue.toLowerCase();
  return layout(
    editing ? `Edit ${view.values[view.fields[0]?.name ?? ''] || view.id}` : `New item of ${noun}`,
    html`${view.errors?.size ? html`<p role="alert" class="error">Nothing was saved: the fields below say why.</p>` : ''}
${editing ? html`<p class="muted">${view.catalogue}: <code>${view.id}</code>.</p>` : ''}
<form method="post" action="${action}">
${csrfField(session.csrf)}
${fields}
<button type="submit">${editing ? 'Save' : 'Create'}</button> <a href="/console/catalogues?kind=${view.kind}">Cancel</a>
</form>`,
    session,
  );
}
