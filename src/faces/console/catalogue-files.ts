import type { IconInput } from '../../core/households/households.types.ts';
import type { RatingsBodyInput } from '../../core/movies/movies.types.ts';
import { type MovieInput, movieListFields } from '../../core/movies/movies.types.ts';
import type { PreferenceOptionInput } from '../../core/preferences/preferences.types.ts';
import type { NamedOptionInput } from '../../core/students/students.types.ts';

/**
 * Reading an uploaded catalogue file into the items the core checks: JSON (the admin API's body, `{ "items": [...] }`,
 * or the array alone) or CSV with a header row. The file's shape is the face's business (as a route schema is); what
 * the values may be is the core's, so a year that is not a number is passed on as NaN for the core to refuse.
 */
export interface ParsedFile<T> {
  items: T[];
  /** Where a row is in the file, as a person would find it (`line 3`, `item 2`), by index of `items`. */
  places: string[];
  /** Problems of the file's shape, each naming its place; when there are any, nothing is imported. */
  problems: string[];
}

/** A row of an uploaded file: a JSON item (undefined when it is not an object) or a CSV line's cells by column. */
type FileRows =
  | { kind: 'json'; rows: { place: string; record: Record<string, unknown> | undefined }[] }
  | { kind: 'csv'; rows: { place: string; cell: (name: string) => string | undefined }[] };

/**
 * What every catalogue file shares: JSON as the admin API's body or the list alone, or CSV whose first line names its
 * columns (the `required` among the `known`), blank lines skipped. Problems of that shape go to `problems`; undefined
 * when the file cannot be read at all.
 */
function readRows(
  text: string,
  columns: { required: readonly string[]; known: readonly string[] },
  problems: string[],
): FileRows | undefined {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
    let document: unknown;
    try {
      document = JSON.parse(trimmed);
    } catch (error) {
      problems.push(`The file is not valid JSON (${(error as Error).message}).`);
      return undefined;
    }
    const list = Array.isArray(document) ? document : (document as { items?: unknown }).items;
    if (!Array.isArray(list)) {
      problems.push('The JSON must be a list of items or an object with an "items" list.');
      return undefined;
    }
    return {
      kind: 'json',
      rows: list.map((entry: unknown, index) => ({
        place: `item ${index + 1}`,
        record:
          typeof entry === 'object' && entry !== null && !Array.isArray(entry)
            ? (entry as Record<string, unknown>)
            : undefined,
      })),
    };
  }
  const lines = csvRows(trimmed);
  const header = lines.shift()?.cells.map((cell) => cell.trim());
  if (!header || !columns.required.every((name) => header.includes(name))) {
    problems.push(
      `The CSV's first line must name its columns, among them ${columns.required.join(', ')} (known: ${columns.known.join(', ')}).`,
    );
    return undefined;
  }
  const unknown = header.filter((name) => !columns.known.includes(name));
  if (unknown.length > 0) problems.push(`line 1: unknown columns ${unknown.join(', ')}`);
  const rows: { place: string; cell: (name: string) => string | undefined }[] = [];
  for (const { line, cells } of lines) {
    if (cells.length === 1 && cells[0]?.trim() === '') continue;
    const place = `line ${line}`;
    if (cells.length !== header.length) {
      problems.push(`${place}: ${cells.length} values for ${header.length} columns`);
      continue;
    }
    rows.push({
      place,
      cell: (name) => {
        const at = header.indexOf(name);
        return at < 0 ? undefined : (cells[at] ?? '');
      },
    });
  }
  return { kind: 'csv', rows };
}

/** In CSV, list fields hold their values separated by `|`, and `ratings` holds `body=rating` pairs the same way. */
export const movieCsvColumns = ['id', 'title', 'year', ...movieListFields, 'basedOn', 'posterUrl', 'ratings'] as const;

export function parseMovieFile(text: string): ParsedFile<MovieInput> {
  const result: ParsedFile<MovieInput> = { items: [], places: [], problems: [] };
  const file = readRows(text, { required: ['id', 'title', 'year'], known: movieCsvColumns }, result.problems);
  if (file?.kind === 'json') {
    for (const { place, record } of file.rows) {
      const item = movieFromJson(record, (problem) => result.problems.push(`${place}: ${problem}`));
      if (item) {
        result.items.push(item);
        result.places.push(place);
      }
    }
  } else if (file) {
    for (const { place, cell } of file.rows) {
      result.items.push(movieFromCsv(cell, (problem) => result.problems.push(`${place}: ${problem}`)));
      result.places.push(place);
    }
  }
  return result;
}

function movieFromJson(
  record: Record<string, unknown> | undefined,
  problem: (said: string) => void,
): MovieInput | undefined {
  if (!record) {
    problem('must be an object');
    return undefined;
  }
  const wrong = (field: string, expected: string) => problem(`${field} must be ${expected}`);
  const string = (field: string, optional: boolean): string | null | undefined => {
    const value = record[field];
    if (value === undefined || value === null) {
      if (!optional) wrong(field, 'a string');
      return optional ? (value as null | undefined) : '';
    }
    if (typeof value !== 'string') wrong(field, 'a string');
    return String(value);
  };
  const item: MovieInput = {
    id: string('id', false) ?? '',
    title: string('title', false) ?? '',
    year: typeof record.year === 'number' ? record.year : Number(record.year ?? Number.NaN),
    basedOn: string('basedOn', true),
    posterUrl: string('posterUrl', true),
  };
  for (const field of movieListFields) {
    const value = record[field];
    if (value === undefined) continue;
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) wrong(field, 'a list of strings');
    else item[field] = value as string[];
  }
  if (record.ratings !== undefined) {
    const ratings = record.ratings;
    if (typeof ratings !== 'object' || ratings === null || Object.values(ratings).some((v) => typeof v !== 'string')) {
      wrong('ratings', 'an object of ratings body id to rating');
    } else item.ratings = ratings as Record<string, string>;
  }
  return item;
}

function movieFromCsv(cell: (name: string) => string | undefined, problem: (said: string) => void): MovieInput {
  const listOf = (value: string | undefined) =>
    value === undefined || value.trim() === '' ? [] : value.split('|').map((part) => part.trim());
  const year = cell('year')?.trim() ?? '';
  const item: MovieInput = {
    id: cell('id')?.trim() ?? '',
    title: cell('title') ?? '',
    year: /^\d+$/.test(year) ? Number(year) : Number.NaN,
    basedOn: cell('basedOn')?.trim() || null,
    posterUrl: cell('posterUrl')?.trim() || null,
  };
  for (const field of movieListFields) {
    const values = listOf(cell(field));
    if (values.length > 0) item[field] = values;
  }
  const ratings = listOf(cell('ratings'));
  if (ratings.length > 0) {
    item.ratings = {};
    for (const pair of ratings) {
      const at = pair.indexOf('=');
      if (at < 1) problem('ratings must be body=rating pairs separated by |');
      else item.ratings[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
    }
  }
  return item;
}

export const optionCsvColumns = ['id', 'category', 'label', 'attribute', 'position'] as const;

/** Preference options: JSON as the admin API's body (or the list alone), or CSV with `category,label` at least. */
export function parseOptionFile(text: string): ParsedFile<PreferenceOptionInput> {
  const result: ParsedFile<PreferenceOptionInput> = { items: [], places: [], problems: [] };
  const file = readRows(text, { required: ['category', 'label'], known: optionCsvColumns }, result.problems);
  if (file?.kind === 'json') {
    for (const { place, record = {} } of file.rows) {
      const strings = ['category', 'label'].every((field) => typeof record[field] === 'string');
      const optional = (field: string) => record[field] === undefined || record[field] === null;
      if (
        !strings ||
        !(optional('id') || typeof record.id === 'string') ||
        !(optional('attribute') || typeof record.attribute === 'string') ||
        !(optional('position') || typeof record.position === 'number')
      ) {
        result.problems.push(
          `${place}: must have category and label (strings), and may have id, attribute (strings) and position (a number)`,
        );
        continue;
      }
      result.items.push({
        id: (record.id as string | null | undefined) ?? undefined,
        category: record.category as string,
        label: record.label as string,
        attribute: (record.attribute as string | null | undefined) ?? null,
        position: (record.position as number | null | undefined) ?? undefined,
      });
      result.places.push(place);
    }
  } else if (file) {
    for (const { place, cell } of file.rows) {
      const position = cell('position')?.trim() ?? '';
      result.items.push({
        id: cell('id')?.trim() || undefined,
        category: cell('category')?.trim() ?? '',
        label: cell('label')?.trim() ?? '',
        attribute: cell('attribute')?.trim() || null,
        position: position === '' ? undefined : /^-?\d+$/.test(position) ? Number(position) : Number.NaN,
      });
      result.places.push(place);
    }
  }
  return result;
}

/** A file of schools or study levels: JSON items `{name, id?}`, or CSV with a `name` column and maybe `id`. */
export function parseNamedFile(text: string): ParsedFile<NamedOptionInput> {
  const result: ParsedFile<NamedOptionInput> = { items: [], places: [], problems: [] };
  const file = readRows(text, { required: ['name'], known: ['name', 'id'] }, result.problems);
  if (file?.kind === 'json') {
    for (const { place, record = {} } of file.rows) {
      if (typeof record.name !== 'string' || !(record.id === undefined || typeof record.id === 'string')) {
        result.problems.push(`${place}: must have a name (a string), and may have an id (a string)`);
        continue;
      }
      result.items.push({ id: record.id as string | undefined, name: record.name });
      result.places.push(place);
    }
  } else if (file) {
    for (const { place, cell } of file.rows) {
      result.items.push({ id: cell('id')?.trim() || undefined, name: cell('name') ?? '' });
      result.places.push(place);
    }
  }
  return result;
}

/**
 * A file of flat records: JSON items whose fields are strings (lists of strings for `lists`), or CSV whose header names
 * the columns (a list's values separated by `|`). Fields absent from a record are left out.
 */
function parseRecordFile(
  text: string,
  shape: { required: readonly string[]; optional: readonly string[]; lists: readonly string[] },
): ParsedFile<Record<string, string | string[]>> {
  const result: ParsedFile<Record<string, string | string[]>> = { items: [], places: [], problems: [] };
  const known = [...shape.required, ...shape.optional];
  const said = `must have ${shape.required.join(', ')}${shape.optional.length ? ` and may have ${shape.optional.join(', ')}` : ''} (${shape.lists.length ? `${shape.lists.join(', ')} a list of strings, the others strings` : 'strings'})`;
  const file = readRows(text, { required: shape.required, known }, result.problems);
  if (file?.kind === 'json') {
    for (const { place, record = {} } of file.rows) {
      const fits = (field: string) =>
        shape.lists.includes(field)
          ? Array.isArray(record[field]) && (record[field] as unknown[]).every((value) => typeof value === 'string')
          : typeof record[field] === 'string';
      const good = shape.required.every(fits) && shape.optional.every((field) => record[field] == null || fits(field));
      if (!good) {
        result.problems.push(`${place}: ${said}`);
        continue;
      }
      const item: Record<string, string | string[]> = {};
      for (const field of known) if (record[field] != null) item[field] = record[field] as string | string[];
      result.items.push(item);
      result.places.push(place);
    }
  } else if (file) {
    for (const { place, cell } of file.rows) {
      const item: Record<string, string | string[]> = {};
      for (const name of known) {
        const value = cell(name)?.trim() ?? '';
        if (cell(name) === undefined || (value === '' && !shape.required.includes(name))) continue;
        item[name] = shape.lists.includes(name)
          ? value
              .split('|')
              .map((part) => part.trim())
              .filter(Boolean)
          : value;
      }
      result.items.push(item);
      result.places.push(place);
    }
  }
  return result;
}

/** A file of ratings bodies: `id,name,ratings` (ratings mildest first, separated by `|` in CSV, a list in JSON). */
export function parseRatingsBodyFile(text: string): ParsedFile<RatingsBodyInput> {
  const parsed = parseRecordFile(text, { required: ['id', 'name', 'ratings'], optional: [], lists: ['ratings'] });
  return { ...parsed, items: parsed.items as unknown as RatingsBodyInput[] };
}

/** A file of icons: `id,uri` and maybe `aspect`, `imageId`. */
export function parseIconFile(text: string): ParsedFile<IconInput> {
  const parsed = parseRecordFile(text, { required: ['id', 'uri'], optional: ['aspect', 'imageId'], lists: [] });
  return { ...parsed, items: parsed.items as unknown as IconInput[] };
}

/** RFC 4180 rows: quoted cells may hold commas, doubled quotes and line breaks; each row keeps its first line. */
function csvRows(text: string): { line: number; cells: string[] }[] {
  const rows: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else {
        if (char === '\n') line += 1;
        cell += char;
      }
    } else if (char === '"' && cell === '') quoted = true;
    else if (char === ',') {
      cells.push(cell);
      cell = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i += 1;
      cells.push(cell);
      rows.push({ line: rowLine, cells });
      cells = [];
      cell = '';
      line += 1;
      rowLine = line;
    } else cell += char;
  }
  cells.push(cell);
  rows.push({ line: rowLine, cells });
  return rows;
}

/**
 * The core's refusal of a batch (`items[3].year: must be a year…`) said with the file's places (`line 5: year must
 * be…`), so the reader finds the row in their own file.
 */
export function readableProblems(
  fields: readonly { field: string; message: string }[],
  places: readonly string[],
): string[] {
  return fields.map(({ field, message }) => {
    const match = /^items\[(\d+)\]\.?(.*)$/.exec(field);
    if (!match) return `${field}: ${message}`;
    const place = places[Number(match[1])] ?? `item ${Number(match[1]) + 1}`;
    return `${place}: ${match[2] || 'the row'} ${message}`;
  });
}
