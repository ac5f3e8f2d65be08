import { v7 as uuidv7 } from 'uuid';
import type { UnitOfWork } from '../../db/unit-of-work.ts';
import type { AuditLog } from '../audit/audit.service.ts';
import { CoreError, InputProblems, invalidInput } from '../errors.ts';
import type { IdentityService } from '../identity/identity.service.ts';
import type { UserTarget } from '../identity/identity.types.ts';
import type { JobsService } from '../jobs/jobs.service.ts';
import { importingAdmin, type JobContext, refusalsAreFinal } from '../jobs/jobs.types.ts';
import { decodeCursor, type KeysetPage, keysetPage } from '../paging.ts';
import { type Principal, requireAdmin } from '../principal.ts';
import { isUuid } from '../text.ts';
import { labelKey, type PreferencesRepository } from './preferences.repository.ts';
import {
  isPreferenceCategory,
  type PreferenceCategory,
  type PreferenceOption,
  type PreferenceOptionInput,
  type PreferenceValue,
} from './preferences.types.ts';

export const maxOptionsPerUpsert = 5000;
/** `kind:value`, the kind naming a movie attribute (genre, actor, director, country, technology, version…). */
export const attributePattern = /^[a-z][a-zA-Z]*:\S.*$/;
// Rows per INSERT: far below SQLite's limit of bound parameters, few enough round trips on PostgreSQL.
const rowsPerStatement = 500;
/** The kind of the background job that writes an uploaded file of preference options. */
export const optionsImportJob = 'preferences.import';

/** Preference options (the app's catalogue, managed by its admin) and each user's values for them. */
export class PreferencesService {
  readonly #unitOfWork: UnitOfWork;
  readonly #preferences: PreferencesRepository;
  readonly #identity: IdentityService;

  readonly #audit: AuditLog;
  readonly #jobs: JobsService;

  constructor(
    unitOfWork: UnitOfWork,
    preferences: PreferencesRepository,
    identity: IdentityService,
    audit: AuditLog,
    jobs: JobsService,
  ) {
    this.#unitOfWork = unitOfWork;
    this.#preferences = preferences;
    this.#identity = identity;
    this.#audit = audit;
    this.#jobs = jobs;
    jobs.register(optionsImportJob, (job, context) => this.#runImport(job.appId, job.payload, context));
  }

  /**
   * Starts an import of options as a background job (admin only) and answers its id: the items are checked first as
   * `upsertOptions` checks them (`invalid_input` naming every bad item, and no job starts); the job applies them all
   * or none, as `upsertOptions` does, and reports `{ saved, total, fraction }`. A label another option of its category
   * holds already is found by the job (it fails, saying so).
   */
  async startOptionsImport(principal: Principal, items: readonly PreferenceOptionInput[]): Promise<string> {
    requireAdmin(principal);
    this.#checkOptions(items);
    const payload = { items: [...items], clientId: principal.clientId };
    const jobId = await this.#jobs.enqueue(optionsImportJob, payload, { appId: principal.appId, maxAttempts: 3 });
    if (jobId === undefined) throw new Error('a job without a dedupe key is always enqueued');
    return jobId;
  }

  async #runImport(appId: string | null, payload: unknown, context: JobContext): Promise<object> {
    if (appId === null) throw new Error('an options import names its app');
    const { items, clientId } = payload as { items: PreferenceOptionInput[]; clientId: string };
    const principal = importingAdmin(appId, clientId);
    const total = items.length;
    await context.reportProgress({ saved: 0, total, fraction: 0 });
    const saved = await refusalsAreFinal(async () => {
      this.#checkOptions(items);
      return this.#applyOptions(principal, items);
    });
    await context.reportProgress({ saved, total, fraction: 1 });
    return { saved, total, fraction: 1 };
  }

  /**
   * Every option of the named categories with the user's value, ordered by category (in the KIP documentation's
   * order), then by the catalogue's order. At least one category is required; an unknown one is `invalid_input`.
   */
  async getPreferences(
    principal: Principal,
    target: UserTarget,
    categories: readonly string[],
  ): Promise<PreferenceValue[]> {
    const userId = await this.#identity.targetUserId(principal, target, 'read');
    const wanted = new Set<string>(checkCategories(categories));
    const [catalogue, values] = await Promise.all([
      this.#preferences.catalogue(principal.appId),
      this.#preferences.valuesOfUser(principal.appId, userId),
    ]);
    // The catalogue is in category, then catalogue order already.
    return catalogue
      .filter((option) => wanted.has(option.category))
      .map((option): PreferenceValue => ({ option, value: values.get(option.id) ?? false }));
  }

  /** Sets the user's value for one option; an id the app's catalogue lacks is `preference_option_not_found`. */
  async setPreference(principal: Principal, target: UserTarget, optionId: string, value: boolean): Promise<string> {
    const userId = await this.#identity.targetUserId(principal, target, 'owner');
    const option = isUuid(optionId) ? await this.#preferences.findOption(principal.appId, optionId) : undefined;
    if (!option) throw optionNotFound(optionId);
    await this.#preferences.setValue(principal.appId, userId, option.id, value, Date.now());
    return option.id;
  }

  /** Every value the user has set (the export of a user). */
  valuesOfUser(appId: string, userId: string): Promise<PreferenceValue[]> {
    return this.#preferences.listValuesOfUser(appId, userId);
  }

  /**
   * Inserts or updates options (admin only), all or none: every item is checked first, and one bad item answers
   * `invalid_input` naming each bad item. An item without an id updates the option of the same category and label,
   * or creates one. Returns how many items were applied.
   */
  async upsertOptions(principal: Principal, items: readonly PreferenceOptionInput[]): Promise<number> {
    requireAdmin(principal);
    this.#checkOptions(items);
    return this.#applyOptions(principal, items);
  }

  #checkOptions(items: readonly PreferenceOptionInput[]): void {
    const problems = new InputProblems();
    if (items.length > maxOptionsPerUpsert) problems.add('items', `at most ${maxOptionsPerUpsert} per request`);
    problems.throwIfAny();
    const seenIds = new Map<string, number>();
    const seenLabels = new Map<string, number>();
    items.forEach((item, index) => {
      const at = `items[${index}]`;
      if (item.id !== undefined && !isUuid(item.id)) problems.add(`${at}.id`, 'must be a UUID');
      if (!isPreferenceCategory(item.category)) problems.add(`${at}.category`, 'is not a preference category');
      const label = item.label.trim();
      if (label.length === 0 || label.length > 200) problems.add(`${at}.label`, 'must be 1 to 200 characters');
      if (item.attribute != null && (item.attribute.length > 200 || !attributePattern.test(item.attribute))) {
        problems.add(`${at}.attribute`, 'must be kind:value (genre:Horror), at most 200 characters');
      }
      if (item.position !== undefined && (!Number.isInteger(item.position) || Math.abs(item.position) > 1_000_000)) {
        problems.add(`${at}.position`, 'must be an integer from -1000000 to 1000000');
      }
      const id = item.id?.toLowerCase();
      if (id !== undefined) {
        if (seenIds.has(id)) problems.add(`${at}.id`, `repeats items[${seenIds.get(id)}]`);
        else seenIds.set(id, index);
      }
      const key = labelKey({ category: item.category, label });
      if (seenLabels.has(key)) problems.add(`${at}.label`, `repeats items[${seenLabels.get(key)}] in its category`);
      else seenLabels.set(key, index);
    });
    problems.throwIfAny();
  }

  async #applyOptions(principal: Principal, items: readonly PreferenceOptionInput[]): Promise<number> {
    const { appId } = principal;
    const problems = new InputProblems();
    return this.#unitOfWork.run(async () => {
      const now = Date.now();
      const existing = await this.#preferences.findOptionIdsByLabel(
        appId,
        items.map((item) => ({ category: item.category, label: item.label.trim() })),
      );
      const options: PreferenceOption[] = items.map((item, index) => {
        const label = item.label.trim();
        const holder = existing.get(labelKey({ category: item.category, label }));
        const id = item.id?.toLowerCase() ?? holder ?? uuidv7();
        if (holder !== undefined && holder !== id) {
          problems.add(`items[${index}].label`, `option ${holder} of this category has this label already`);
        }
        return {
          id,
          category: item.category as PreferenceCategory,
          label,
          attribute: item.attribute ?? null,
          position: item.position ?? 0,
          createdAt: now,
          modifiedAt: now,
        };
      });
      problems.throwIfAny();
      for (let start = 0; start < options.length; start += rowsPerStatement) {
        await this.#preferences.upsertOptions(appId, options.slice(start, start + rowsPerStatement));
      }
      await this.#audit.record(appId, principal, 'catalogue.items_saved', {
        details: { catalogue: 'preference-options', count: options.length },
      });
      return options.length;
    });
  }

  /** A page of the app's options in id order (admin only), of one category when given. */
  async listOptions(
    principal: Principal,
    request: { cursor?: string | undefined; limit: number; category?: string | undefined },
  ): Promise<KeysetPage<PreferenceOption>> {
    requireAdmin(principal);
    if (request.category !== undefined && !isPreferenceCategory(request.category)) {
      throw invalidInput('category', 'is not a preference category');
    }
    const afterId = request.cursor === undefined ? undefined : decodeCursor(request.cursor, isUuid);
    const rows = await this.#preferences.listOptions(principal.appId, {
      afterId,
      category: request.category,
      limit: request.limit + 1,
    });
    return keysetPage(rows, request.limit, (option) => option.id);
  }

  /** Deletes an option and every user's value for it (admin only); an unknown id is `preference_option_not_found`. */
  async deleteOption(principal: Principal, optionId: string): Promise<void> {
    requireAdmin(principal);
    const deleted =
      isUuid(optionId) &&
      (await this.#unitOfWork.run(async () => {
        const removed = await this.#preferences.deleteOption(principal.appId, optionId);
        if (removed)
          await this.#audit.record(principal.appId, principal, 'catalogue.item_deleted', {
            details: { catalogue: 'preference-options', id: optionId },
          });
        return removed;
      }));
    if (!deleted) throw optionNotFound(optionId);
  }
}

function checkCategories(categories: readonly string[]): PreferenceCategory[] {
  const problems = new InputProblems();
  if (categories.length === 0) problems.add('filter', 'name at least one preference category');
  for (const category of categories) {
    if (!isPreferenceCategory(category))
      problems.add('filter', `${category.slice(0, 64)} is not a preference category`);
  }
  problems.throwIfAny();
  return [...new Set(categories as PreferenceCategory[])];
}

function optionNotFound(optionId: string): CoreError {
  return new CoreError('preference_option_not_found', 'The app has no preference option with this id', {
    field: 'id',
    value: optionId.slice(0, 64),
  });
}
