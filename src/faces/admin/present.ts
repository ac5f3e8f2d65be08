import type { UserExport } from '../../core/accounts/accounts.types.ts';
import type { App } from '../../core/apps/apps.types.ts';
import type { AuditEvent } from '../../core/audit/audit.types.ts';
import type { Icon } from '../../core/households/households.types.ts';
import type { User } from '../../core/identity/identity.types.ts';
import type { Job } from '../../core/jobs/jobs.types.ts';
import type { Message, MessageTemplate } from '../../core/messaging/messaging.types.ts';
import type { Movie, RatingsBody } from '../../core/movies/movies.types.ts';
import type { PreferenceOption } from '../../core/preferences/preferences.types.ts';
import type { StoredModelInfo } from '../../core/recommendations/recommendations.types.ts';
import type { Container } from '../../core/social/social.types.ts';
import type { NamedOption, StudentInformation } from '../../core/students/students.types.ts';
import type { CredentialState } from '../../core/throttling/credential-throttle.ts';

const iso = (epochMs: number) => new Date(epochMs).toISOString();

export function presentApp(app: App) {
  return { appId: app.id, name: app.name, settings: app.settings };
}

/** A user as the admin API shows it: every stored field but secrets, timestamps in ISO 8601. */
export function presentAdminUser(user: User) {
  return {
    id: user.id,
    internalId: user.internalId,
    loginName: user.loginName,
    emailAddress: user.emailAddress,
    emailVerified: user.emailVerified,
    phoneNumber: user.phoneNumber,
    phoneVerified: user.phoneVerified,
    displayName: user.displayName,
    country: user.country,
    locale: user.locale,
    customFields: user.customFields,
    hasPassword: user.hasPassword,
    disabled: user.disabled,
    handle: user.handle,
    biography: user.biography,
    dateOfBirth: user.dateOfBirth,
    avatarUrl: user.avatarUrl,
    createdAt: iso(user.createdAt),
    modifiedAt: iso(user.modifiedAt),
  };
}

export function presentExport(document: UserExport) {
  return {
    exportedAt: iso(document.exportedAt),
    user: presentAdminUser(document.user),
    tokens: document.tokens.map((t) => ({
      id: t.id,
      kind: t.kind,
      profileId: t.profileId,
      createdAt: iso(t.createdAt),
      expiresAt: iso(t.expiresAt),
    })),
    preferences: document.preferences.map(({ option, value }) => ({
      id: option.id,
      category: option.category,
      label: option.label,
      value,
    })),
    studentInformation: document.studentInformation.map(presentStudentInformation),
    memberships: document.social.memberships.map((membership) => ({
      containerId: membership.containerId,
      joinedAt: iso(membership.joinedAt),
    })),
    referrerId: document.social.referrerId,
    profiles: document.profiles.map((profile) => ({
      id: profile.id,
      default: profile.isDefault,
      name: profile.name,
      childProfile: profile.child,
      ratingsThresholds: profile.ratingThresholds.map((t) => ({
        ratingsBody: t.ratingsBody,
        ratingsThreshold: t.rating,
      })),
      createdAt: iso(profile.createdAt),
    })),
    history: document.history.map((viewing) => ({
      movieId: viewing.movieId,
      title: viewing.title,
      watchedAt: iso(viewing.watchedAt),
      technology: viewing.technology,
      version: viewing.version,
    })),
  };
}

export function presentRatingsBody(body: RatingsBody) {
  return { id: body.id, name: body.name, ratings: body.ratings, modifiedAt: iso(body.modifiedAt) };
}

export function presentMovie(movie: Movie) {
  return {
    id: movie.id,
    title: movie.title,
    year: movie.year,
    genres: movie.genres,
    actors: movie.actors,
    directors: movie.directors,
    countries: movie.countries,
    technologies: movie.technologies,
    versions: movie.versions,
    awards: movie.awards,
    basedOn: movie.basedOn,
    ratings: movie.ratings,
    posterUrl: movie.posterUrl,
    modifiedAt: iso(movie.modifiedAt),
  };
}

export function presentStudentInformation(information: StudentInformation) {
  return {
    year: information.year,
    id: information.id,
    schoolId: information.schoolId,
    schoolName: information.schoolName,
    studyLevel: information.studyLevelId,
    studyLevelName: information.studyLevelName,
    academicYear: information.academicYear,
    lastYear: information.lastYear,
    modifiedAt: iso(information.modifiedAt),
  };
}

export function presentPreferenceOption(option: PreferenceOption) {
  return {
    id: option.id,
    category: option.category,
    label: option.label,
    attribute: option.attribute,
    position: option.position,
    modifiedAt: iso(option.modifiedAt),
  };
}

export function presentNamedOption(option: NamedOption) {
  return { id: option.id, name: option.name, modifiedAt: iso(option.modifiedAt) };
}

export function presentCredentialState(state: CredentialState) {
  const isoOrNull = (at: number | null) => (at === null ? null : iso(at));
  return {
    scope: state.scope,
    address: state.address,
    failures: state.failures,
    lastFailureAt: isoOrNull(state.lastFailureAt),
    lockedUntil: isoOrNull(state.lockedUntil),
    lastSuccessAt: isoOrNull(state.lastSuccessAt),
  };
}

export function presentJob(job: Job) {
  return {
    id: job.id,
    kind: job.kind,
    status: job.status,
    attempts: job.attempts,
    maxAttempts: job.maxAttempts,
    progress: job.progress,
    result: job.result,
    lastError: job.lastError,
    createdAt: iso(job.createdAt),
    updatedAt: iso(job.updatedAt),
    finishedAt: job.finishedAt === null ? null : iso(job.finishedAt),
  };
}

export function presentRecommendationModel(model: StoredModelInfo) {
  return {
    version: model.version,
    trainedAt: iso(model.trainedAt),
    algorithm: model.algorithm,
    parameters: model.parameters,
    items: model.items,
    users: model.users,
    interactions: model.interactions,
    entries: model.entries,
    sizeBytes: model.sizeBytes,
    trainingMs: model.trainingMs,
    evaluationMs: model.evaluationMs,
    metrics: model.metrics,
  };
}

export function presentIcon(icon: Icon) {
  return { id: icon.id, uri: icon.uri, aspect: icon.aspect, imageId: icon.imageId, modifiedAt: iso(icon.modifiedAt) };
}

export function presentAuditEvent(event: AuditEvent) {
  return {
    id: event.id,
    occurredAt: iso(event.occurredAt),
    actor: event.actor,
    action: event.action,
    userId: event.userId,
    details: event.details,
  };
}

export function presentContainer(container: Container) {
  return {
    id: container.id,
    slug: container.slug,
    name: container.name,
    createdAt: iso(container.createdAt),
    modifiedAt: iso(container.modifiedAt),
  };
}

/** An app's message template, as the admin API shows it. */
export function presentMessageTemplate(template: MessageTemplate) {
  return {
    kind: template.kind,
    locale: template.locale,
    subject: template.subject,
    text: template.text,
    html: template.html,
    modifiedAt: iso(template.modifiedAt),
  };
}

/** A message of the outbox: its bodies while it waits or is held (they carry codes), null once sent or failed. */
export function presentMessage(message: Message) {
  return {
    id: message.id,
    userId: message.userId,
    kind: message.kind,
    channel: message.channel,
    recipient: message.recipient,
    locale: message.locale,
    subject: message.subject,
    text: message.text,
    html: message.html,
    status: message.status,
    attempts: message.attempts,
    lastError: message.lastError,
    createdAt: iso(message.createdAt),
    sentAt: message.sentAt === null ? null : iso(message.sentAt),
  };
}
