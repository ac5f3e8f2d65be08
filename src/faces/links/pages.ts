import { escapeHtml } from '../../core/messaging/templates.ts';

/**
 * The small HTML pages a link in a message opens: what happened, in plain words, with no script and nothing loaded
 * from elsewhere. Every value shown is escaped.
 */
export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;line-height:1.5}
label,input,button{display:block;font-size:1rem;margin:.5rem 0}input{width:100%;padding:.5rem}button{padding:.5rem 1rem}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
${body}
</body>
</html>
`;
}

export function verifiedPage(appName: string, address: string): string {
  return page(
    'Address confirmed',
    `<p>${escapeHtml(address)} is now confirmed for your ${escapeHtml(appName)} account. You can close this page.</p>`,
  );
}

export function resetFormPage(appName: string, minLength: number, problem?: string): string {
  return page(
    `Choose a new ${appName} password`,
    `${problem ? `<p role="alert"><strong>${escapeHtml(problem)}</strong></p>` : ''}
<form method="post">
<label for="newPassword">New password (${minLength} to 50 characters)</label>
<input id="newPassword" name="newPassword" type="password" autocomplete="new-password" minlength="${minLength}" maxlength="50" required>
<button type="submit">Set the password</button>
</form>`,
  );
}

export function resetDonePage(appName: string): string {
  return page(
    'Password changed',
    `<p>Your ${escapeHtml(appName)} password was changed, and every device signed in to your account was signed out. Log in with the new password.</p>`,
  );
}

export function problemPage(title: string, message: string): string {
  return page(title, `<p>${escapeHtml(message)}</p>`);
}
