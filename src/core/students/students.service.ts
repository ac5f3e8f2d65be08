import { v7 as uuidv7 } from 'uuid';
import { deleteInUnit } from '../../db/errors.ts';
import type { UnitOfWork } from '../../db/unit-of-work.ts';
import type { AuditLog } from '../audit/audit.service.ts';
import { CoreError, type CoreErrorCode, InputProblems } from '../errors.ts';
import type { IdentityService } from '../identity/identity.service.ts';
import type { UserTarget } from '../identity/identity.types.ts';
import type { JobsService } from '../jobs/jobs.service.ts';
import { importingAdmin, type JobContext, refusalsAreFinal } from '../jobs/jobs.types.ts';
import {
  checkPageRequest,
  decodeCursor,
  type KeysetPage,
  keysetPage,
  type NumberedPage,
  type PageRequest,
} from '../paging.ts';
import type { Principal } from '../principal.ts';
import { requireAdmin } from '../principal.ts';
import { isCatalogueId } from '../text.ts';
import type { StudentsRepository } from './students.repository.ts';
import type {
  NamedCatalogue,
  NamedOption,
  NamedOptionInput,
  StudentInformation,
  StudentInformationInput,
} from './students.types.ts';

export const maxNamedOptionsPerUpsert = 10_000;
const rowsPerStatement = 500;
export const minYear = 1900;
export const maxYear = 2100;

const notFoundCode: Record<NamedCatalogue, CoreErrorCode> = {
  schools: 'school_not_found',
  study_levels: 'study_level_not_found',
};
const noun: Record<NamedCatalogue, string> = { schools: 'school', study_levels: 'study level' };
/** The catalogue as the admin API and the audit log name it. */
const catalogueName: Record<NamedCatalogue, string> = { schools: 'schools', study_levels: 'study-levels' };
/** The kind of the background job that writes an uploaded file of schools or study levels. */
export const namedOptionsImportJob = 'students.import';

/** Schools and study levels (catalogues the app's admin manages) and the student information users file. */
export class StudentsService {
  readonly #unitOfWork: UnitOfWork;
  readonly #students: StudentsRepository;
  readonly #identity: IdentityService;

  readonly #audit: AuditLog;
  readonly #jobs: JobsService;

  constructor(
    unitOfWork: UnitOfWork,
    students: StudentsRepository,
    identity: IdentityService,
    audit: AuditLog,
    jobs: JobsService,
  ) {
    this.#unitOfWork = unitOfWork;
    this.#students = students;
    this.#identity = identity;
    this.#audit = audit;
    this.#jobs = jobs;
    jobs.register(namedOptionsImportJob, (job, context) => this.#runImport(job.appId, job.payload, context));
  }

  /**
   * Starts an import of schools or study levels as a background job (admin only) and answers its id: the items are
   * checked first as `upsertOptions` checks them (`invalid_input` naming every bad item, and no job starts); the job
   * applies them all or none in one transaction, as `upsertOptions` does, and reports `{ saved, total, fraction }`.
   */
  async startOptionsImport(
    principal: Principal,
    catalogue: NamedCatalogue,
    items: readonly NamedOptionInput[],
  ): Promise<string> {
    requireAdmin(principal);
    checkNamedOptions(items);
    const payload = { catalogue, items: [...items], clientId: principal.clientId };
    const jobId = await this.#jobs.enqueue(namedOptionsImportJob, payload, { appId: principal.appId, maxAttempts: 3 });
    if (jobId === undefined) throw new Error('a job without a dedupe key is always enqueued');
    return jobId;
  }

  async #runImport(appId: string | null, payload: unknown, context: JobContext): Promise<object> {
    if (appId === null) throw new Error('an import of schools or study levels names its app');
    const { catalogue, items, clientId } = payload as {
      catalogue: NamedCatalogue;
      items: NamedOptionInput[];
      clientId: string;
    };
    const principal = importingAdmin(appId, clientId);
    const total = items.length;
    await context.reportProgress({ saved: 0, total, fraction: 0 });
    const saved = await refusalsAreFinal(() => this.upsertOptions(principal, catalogue, items));
    await context.reportProgress({ saved, total, fraction: 1 });
    return { saved, total, fraction: 1 };
  }

  /**
   * A numbered page of a catalogue in name order, for any user or the admin of the app; `search` keeps the names that
   * contain it, ignoring case and accents ("ecole" finds "École").
   */
  async searchOptions(
    principal: Principal,
    catalogue: NamedCatalogue,
    request: PageRequest & { search?: string | undefined },
  ): Promise<NumberedPage<NamedOption>> {
    if (principal.kind === 'anonymous') throw new CoreError('unauthenticated', 'This call needs a user or admin token');
    const { page, pageSize } = checkPageRequest(request);
    const search = request.search?.trim() || undefined;
    const { items, total } = await this.#students.searchOptions(catalogue, principal.appId, {
      search,
      offset: (page - 1) * pageSize,
      limit: pageSize,
    });
    return { items, page, pageSize, totalItems: total };
  }

  /**
   * Inserts or renames options (admin only), all or none: one bad item answers `invalid_input` naming each. An item
   * without an id updates the option of the same name, or creates one. Returns how many items were applied.
   */
  async upsertOptions(principal: Principal, catalogue: NamedCatalogue, items: readonly NamedOptionInput[]) {
    requireAdmin(principal);
    checkNamedOptions(items);
    return this.#unitOfWork.run(async () => {
      const named = await this.#students.findIdsByName(
        catalogue,
        principal.appId,
        items.filter((item) => item.id === undefined).map((item) => item.name.trim()),
      );
      const created = new Map<string, string>();
      const rows = items.map((item) => {
        const name = item.name.trim();
        let id = item.id ?? named.get(name) ?? created.get(name);
        if (id === undefined) {
          id = uuidv7();
          created.set(name, id);
        }
        return { id, name };
      });
      const now = Date.now();
      for (let start = 0; start < rows.length; start += rowsPerStatement) {
        await this.#students.upsertOptions(
          catalogue,
          principal.appId,
          rows.slice(start, start + rowsPerStatement),
          now,
        );
      }
      await this.#audit.record(principal.appId, principal, 'catalogue.items_saved', {
        details: { catalogue: catalogueName[catalogue], count: rows.length },
      });
      return rows.length;
    });
  }

  /** A keyset page of a catalogue in id order (admin only). */
  async listOptions(
    principal: Principal,
    catalogue: NamedCatalogue,
    request: { cursor?: string | undefined; limit: number },
  ): Promise<KeysetPage<NamedOption>> {
    requireAdmin(principal);
    const afterId = request.cursor === undefined ? undefined : decodeCursor(request.cursor, isCatalogueId);
    const rows = await this.#students.listOptions(catalogue, principal.appId, { afterId, limit: request.limit + 1 });
    return keysetPage(rows, request.limit, (option) => option.id);
  }

  /** Deletes an option (admin only); one that student information names is `catalogue_item_in_use`. */
  async deleteOption(principal: Principal, catalogue: NamedCatalogue, id: string): Promise<void> {
    requireAdmin(principal);
    const outcome = isCatalogueId(id)
      ? await deleteInUnit(
          this.#unitOfWork,
          () => this.#students.deleteOption(catalogue, principal.appId, id),
          () =>
            this.#audit.record(principal.appId, principal, 'catalogue.item_deleted', {
              details: { catalogue: catalogueName[catalogue], id },
            }),
        )
      : 'missing';
    if (outcome === 'missing') throw optionNotFound(catalogue, id);
    if (outcome === 'in-use') {
      throw new CoreError('catalogue_item_in_use', `Student information names this ${noun[catalogue]}; it is kept`, {
        field: 'id',
        value: id,
      });
    }
  }

  /** A numbered page of the user's student information, newest year first. */
  async listStudentInformation(
    principal: Principal,
    target: UserTarget,
    request: PageRequest,
  ): Promise<NumberedPage<StudentInformation>> {
    const userId = await this.#identity.targetUserId(principal, target, 'read');
    const { page, pageSize } = checkPageRequest(request);
    const { items, total } = await this.#students.listStudentInformation(principal.appId, userId, {
      offset: (page - 1) * pageSize,
      limit: pageSize,
    });
    return { items, page, pageSize, totalItems: total };
  }

  /** The user's student information for `year`, or `student_information_not_found`. */
  async getStudentInformation(principal: Principal, target: UserTarget, year: number): Promise<StudentInformation> {
    const userId = await this.#identity.targetUserId(principal, target, 'read');
    checkYear(year);
    const found = await this.#students.findStudentInformation(principal.appId, userId, year);
    if (!found) {
      throw new CoreError('student_information_not_found', `The user has no student information for ${year}`, {
        field: 'year',
        value: String(year),
      });
    }
    return found;
  }

  /**
   * Files the user's student information for `year`. `create` refuses a year that has some
   * (`student_information_exists`); `replace` overwrites it, or creates it. The school and study level must be in the
   * app's catalogues (`invalid_input` naming each that is not). Returns the information's id.
   */
  async fileStudentInformation(
    principal: Principal,
    target: UserTarget,
    year: number,
    input: StudentInformationInput,
    mode: 'create' | 'replace',
  ): Promise<string> {
    const userId = await this.#identity.targetUserId(principal, target, 'owner');
    checkYear(year);
    const { appId } = principal;
    const problems = new InputProblems();
    const academicYear = input.academicYear.trim();
    if (academicYear.length === 0 || academicYear.length > 32)
      problems.add('academicYear', 'must be 1 to 32 characters');
    const [schools, levels] = await Promise.all([
      this.#students.existingIds('schools', appId, [input.schoolId]),
      this.#students.existingIds('study_levels', appId, [input.studyLevel]),
    ]);
    if (!schools.has(input.schoolId)) problems.add('schoolId', 'is not one of the school options');
    if (!levels.has(input.studyLevel)) problems.add('studyLevel', 'is not one of the study-level options');
    problems.throwIfAny();
    const outcome = await this.#students.storeStudentInformation(
      appId,
      userId,
      {
        id: uuidv7(),
        year,
        schoolId: input.schoolId,
        studyLevelId: input.studyLevel,
        academicYear,
        lastYear: input.lastYear,
        now: Date.now(),
      },
      mode === 'create' ? 'insert' : 'replace',
    );
    if (outcome === 'exists') {
      throw new CoreError('student_information_exists', `The user has student information for ${year} already`, {
        field: 'year',
        value: String(year),
      });
    }
    // The option was deleted between the check and the write.
    if (outcome === 'unknown-reference') {
      problems.add('schoolId', 'is not one of the school options, or studyLevel not one of the study-level options');
      problems.throwIfAny();
    }
    return (outcome as { stored: string }).stored;
  }

  /** Every year the user filed (the export of a user). */
  async studentInformationOf(appId: string, userId: string): Promise<StudentInformation[]> {
    return (await this.#students.listStudentInformation(appId, userId, { offset: 0, limit: maxYear - minYear + 1 }))
      .items;
  }
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < minYear || year > maxYear) {
    const problems = new InputProblems();
    problems.add('year', `must be a year from ${minYear} to ${maxYear} (YYYY)`);
    problems.throwIfAny();
  }
}

function optionNotFound(catalogue: NamedCatalogue, id: string): CoreError {
  return new CoreError(notFoundCode[catalogue], `The app has no ${noun[catalogue]} with this id`, {
    field: 'id',
    value: id.slice(0, 64),
  });
}

/** The checks of a batch of schools or study levels: `invalid_input` naming every bad item. */
function checkNamedOptions(items: readonly NamedOptionInput[]): void {
  const problems = new InputProblems();
  if (items.length > maxNamedOptionsPerUpsert) problems.add('items', `at most ${maxNamedOptionsPerUpsert} per request`);
  problems.throwIfAny();
  const seenIds = new Map<string, number>();
  items.forEach((item, index) => {
    const at = `items[${index}]`;
    if (item.id !== undefined) {
      if (!isCatalogueId(item.id)) problems.add(`${at}.id`, 'must be 1 to 64 letters, digits, or . _ : -');
      else if (seenIds.has(item.id)) problems.add(`${at}.id`, `repeats items[${seenIds.get(item.id)}]`);
      else seenIds.set(item.id, index);
    }
    const name = item.name.trim();
    if (name.length === 0 || name.length > 300) problems.add(`${at}.name`, 'must be 1 to 300 characters');
  });
  problems.throwIfAny();
}
