import { type Expression, type SqlBool, sql } from 'kysely';
import { type DeleteOutcome, deleteUnlessReferenced, isForeignKeyViolation } from '../../db/errors.ts';
import type { UnitOfWork } from '../../db/unit-of-work.ts';
import { differsFromExcluded } from '../../db/upsert.ts';
import { containsPattern, searchKey } from '../text.ts';
import type { NamedCatalogue, NamedOption, StudentInformation, StudentInformationRecord } from './students.types.ts';

const studentColumns = [
  'student_information.id',
  'student_information.year',
  'student_information.school_id',
  'schools.name as school_name',
  'student_information.study_level_id',
  'study_levels.name as study_level_name',
  'student_information.academic_year',
  'student_information.last_year',
  'student_information.created_at',
  'student_information.modified_at',
] as const;

/** Schools and study levels of each app, and each user's student information per academic year. */
export class StudentsRepository {
  readonly #unitOfWork: UnitOfWork;

  constructor(unitOfWork: UnitOfWork) {
    this.#unitOfWork = unitOfWork;
  }

  /** One page of a catalogue in name order, only names containing `search` (folded) when given, and the total. */
  async searchOptions(
    catalogue: NamedCatalogue,
    appId: string,
    options: { search?: string | undefined; offset: number; limit: number },
  ): Promise<{ items: NamedOption[]; total: number }> {
    const db = this.#unitOfWork.db;
    const matches = (eb: { ref(column: 'name_key'): Expression<string> }): Expression<SqlBool> =>
      options.search === undefined
        ? sql<SqlBool>`1 = 1`
        : sql<SqlBool>`${eb.ref('name_key')} like ${containsPattern(searchKey(options.search))} escape '\\'`;
    const [rows, count] = await Promise.all([
      db
        .selectFrom(catalogue)
        .select(['id', 'name', 'created_at', 'modified_at'])
        .where('app_id', '=', appId)
        .where(matches)
        .orderBy('name_key')
        .orderBy('id')
        .offset(options.offset)
        .limit(options.limit)
        .execute(),
      db
        .selectFrom(catalogue)
        .select((eb) => eb.fn.countAll<number | string>().as('total'))
        .where('app_id', '=', appId)
        .where(matches)
        .executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(toOption), total: Number(count.total) };
  }

  /** Up to `limit` options in id order, after `afterId` when given. */
  async listOptions(
    catalogue: NamedCatalogue,
    appId: string,
    options: { afterId?: string | undefined; limit: number },
  ): Promise<NamedOption[]> {
    let select = this.#unitOfWork.db
      .selectFrom(catalogue)
      .select(['id', 'name', 'created_at', 'modified_at'])
      .where('app_id', '=', appId);
    if (options.afterId !== undefined) select = select.where('id', '>', options.afterId);
    return (await select.orderBy('id').limit(options.limit).execute()).map(toOption);
  }

  /** The ids of the app's options with these exact names, keyed by name (the first in id order for a shared name). */
  async findIdsByName(
    catalogue: NamedCatalogue,
    appId: string,
    names: readonly string[],
  ): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    if (names.length === 0) return found;
    const rows = await this.#unitOfWork.db
      .selectFrom(catalogue)
      .select(['id', 'name'])
      .where('app_id', '=', appId)
      .where('name', 'in', [...new Set(names)])
      .orderBy('id')
      .execute();
    for (const row of rows) if (!found.has(row.name)) found.set(row.name, row.id);
    return found;
  }

  /** Which of `ids` the app's catalogue has. */
  async existingIds(catalogue: NamedCatalogue, appId: string, ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.#unitOfWork.db
      .selectFrom(catalogue)
      .select('id')
      .where('app_id', '=', appId)
      .where('id', 'in', [...new Set(ids)])
      .execute();
    return new Set(rows.map((row) => row.id));
  }

  /** Inserts the options, or renames those whose id the app already has. */
  async upsertOptions(
    catalogue: NamedCatalogue,
    appId: string,
    options: readonly { id: string; name: string }[],
    now: number,
  ): Promise<void> {
    if (options.length === 0) return;
    await this.#unitOfWork.db
      .insertInto(catalogue)
      .values(
        options.map((option) => ({
          app_id: appId,
          id: option.id,
          name: option.name,
          name_key: searchKey(option.name),
          created_at: now,
          modified_at: now,
        })),
      )
      .onConflict((conflict) =>
        conflict
          .columns(['app_id', 'id'])
          .doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            name_key: eb.ref('excluded.name_key'),
            modified_at: eb.ref('excluded.modified_at'),
          }))
          .where(differsFromExcluded(catalogue, ['name'])),
      )
      .execute();
  }

  /** Deletes an option: `in-use` when student information names it (nothing is deleted then). */
  async deleteOption(catalogue: NamedCatalogue, appId: string, id: string): Promise<DeleteOutcome> {
    return deleteUnlessReferenced(async () => {
      const result = await this.#unitOfWork.db
        .deleteFrom(catalogue)
        .where('app_id', '=', appId)
        .where('id', '=', id)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    });
  }

  /** One page of the user's student information, newest year first, and how many years the user has. */
  async listStudentInformation(
    appId: string,
    userId: string,
    options: { offset: number; limit: number },
  ): Promise<{ items: StudentInformation[]; total: number }> {
    const [rows, count] = await Promise.all([
      this.#selectStudentInformation(appId, userId)
        .orderBy('student_information.year', 'desc')
        .offset(options.offset)
        .limit(options.limit)
        .execute(),
      this.#unitOfWork.db
        .selectFrom('student_information')
        .select((eb) => eb.fn.countAll<number | string>().as('total'))
        .where('app_id', '=', appId)
        .where('user_id', '=', userId)
        .executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(toStudentInformation), total: Number(count.total) };
  }

  /** The user's student information for a year, or undefined. */
  async findStudentInformation(appId: string, userId: string, year: number): Promise<StudentInformation | undefined> {
    const row = await this.#selectStudentInformation(appId, userId)
      .where('student_information.year', '=', year)
      .executeTakeFirst();
    return row && toStudentInformation(row);
  }

  /**
   * Stores the year's information. `insert` keeps what the year has (answers `exists`); `replace` overwrites it,
   * keeping its id. `unknown-reference` when the school or study level is not in the app's catalogue.
   */
  async storeStudentInformation(
    appId: string,
    userId: string,
    record: StudentInformationRecord,
    mode: 'insert' | 'replace',
  ): Promise<{ stored: string } | 'exists' | 'unknown-reference'> {
    const values = {
      app_id: appId,
      user_id: userId,
      year: record.year,
      id: record.id,
      school_id: record.schoolId,
      study_level_id: record.studyLevelId,
      academic_year: record.academicYear,
      last_year: record.lastYear,
      created_at: record.now,
      modified_at: record.now,
    };
    try {
      const row = await this.#unitOfWork.db
        .insertInto('student_information')
        .values(values)
        .onConflict((conflict) => {
          const onKey = conflict.columns(['app_id', 'user_id', 'year']);
          if (mode === 'insert') return onKey.doNothing();
          return onKey.doUpdateSet({
            school_id: values.school_id,
            study_level_id: values.study_level_id,
            academic_year: values.academic_year,
            last_year: values.last_year,
            modified_at: values.modified_at,
          });
        })
        .returning('id')
        .executeTakeFirst();
      return row ? { stored: row.id } : 'exists';
    } catch (error) {
      if (isForeignKeyViolation(error)) return 'unknown-reference';
      throw error;
    }
  }

  #selectStudentInformation(appId: string, userId: string) {
    return this.#unitOfWork.db
      .selectFrom('student_information')
      .innerJoin('schools', (join) =>
        join
          .onRef('schools.app_id', '=', 'student_information.app_id')
          .onRef('schools.id', '=', 'student_information.school_id'),
      )
      .innerJoin('study_levels', (join) =>
        join
          .onRef('study_levels.app_id', '=', 'student_information.app_id')
          .onRef('study_levels.id', '=', 'student_information.study_level_id'),
      )
      .select(studentColumns)
      .where('student_information.app_id', '=', appId)
      .where('student_information.user_id', '=', userId);
  }
}

function toOption(row: { id: string; name: string; created_at: number | string; modified_at: number | string }) {
  return { id: row.id, name: row.name, createdAt: Number(row.created_at), modifiedAt: Number(row.modified_at) };
}

function toStudentInformation(row: {
  id: string;
  year: number;
  school_id: string;
  school_name: string;
  study_level_id: string;
  study_level_name: string;
  academic_year: string;
  last_year: boolean | number;
  created_at: number | string;
  modified_at: number | string;
}): StudentInformation {
  return {
    id: row.id,
    year: Number(row.year),
    schoolId: row.school_id,
    schoolName: row.school_name,
    studyLevelId: row.study_level_id,
    studyLevelName: row.study_level_name,
    academicYear: row.academic_year,
    lastYear: Boolean(row.last_year),
    createdAt: Number(row.created_at),
    modifiedAt: Number(row.modified_at),
  };
}
