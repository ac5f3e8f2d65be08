/** The two catalogues of named options student information refers to. */
export type NamedCatalogue = 'schools' | 'study_levels';

/** A school or a study level of an app's catalogue. */
export interface NamedOption {
  id: string;
  name: string;
  createdAt: number;
  modifiedAt: number;
}

/** An option as an admin sends it: without an id, the option of the same name is updated, or one is created. */
export interface NamedOptionInput {
  id?: string | undefined;
  name: string;
}

/** What a user filed for one academic year, with the names of the school and study level it refers to. */
export interface StudentInformation {
  id: string;
  year: number;
  schoolId: string;
  schoolName: string;
  studyLevelId: string;
  studyLevelName: string;
  academicYear: string;
  lastYear: boolean;
  createdAt: number;
  modifiedAt: number;
}

export interface StudentInformationInput {
  schoolId: string;
  studyLevel: string;
  academicYear: string;
  lastYear: boolean;
}

/** A new or replacing row, as the repository stores it. */
export interface StudentInformationRecord {
  id: string;
  year: number;
  schoolId: string;
  studyLevelId: string;
  academicYear: string;
  lastYear: boolean;
  now: number;
}
