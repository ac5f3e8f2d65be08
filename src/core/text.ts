/**
 * A name folded for search, so that "ecole" finds "École" and "STRASSE" finds "Straße" on both databases alike:
 * compatibility-decomposed, marks (accents) removed, case-folded. Stored beside the name and compared in SQL with a
 * plain `like`, because neither dialect folds accents the same way by itself.
 */
export function searchKey(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replaceAll('ß', 'ss');
}

/** `text` as a `like` pattern that matches it literally anywhere (`%` and `_` escaped with `\`). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, '\\$&')}%`;
}

/** Whether `text` is an absolute http(s) URL of at most 2,000 characters (poster and icon addresses). */
export function isWebUrl(text: string): boolean {
  if (text.length > 2000) return false;
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** A UUID in its canonical text form (any version), as movie and preference-option ids are. */
export function isUuid(text: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text);
}

/** An id an admin may give a catalogue item (a school's official code, an icon name): short, printable, no slashes. */
export const catalogueIdPattern = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

export function isCatalogueId(text: string): boolean {
  return catalogueIdPattern.test(text);
}
