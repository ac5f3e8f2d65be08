import { v7 as uuidv7 } from 'uuid';
import type { UnitOfWork } from '../../db/unit-of-work.ts';
import type { AuditLog } from '../audit/audit.service.ts';
import { InputProblems, invalidInput } from '../errors.ts';
import type { UsersRepository } from '../identity/users.repository.ts';
import type { JobsService } from '../jobs/jobs.service.ts';
import type { Job, JobContext } from '../jobs/jobs.types.ts';
import { type Principal, requireAdmin, requireOwnerUser, requireUser } from '../principal.ts';
import type { ContainersRepository } from './containers.repository.ts';
import { requireContainer } from './containers.ts';
import type { ContainerFilter, NotificationsRepository } from './notifications.repository.ts';
import type {
  Container,
  NewNotification,
  Notification,
  NotificationContent,
  NotificationOutcome,
  NotificationPage,
  NotificationRequest,
} from './social.types.ts';

export const fanOutJob = 'notifications.fan-out';
/** The most users one admin call names; a container's members may be any number (a job sends to them). */
export const maxRecipientsPerCall = 1000;
/** Members notified per transaction of a fan-out. */
export const fanOutChunk = 1000;
/** User ids per event: an event stays far below the 7,000 bytes an event may take (`maxEventBytes`). */
const usersPerEvent = 100;
const typePattern = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;
const maxDataBytes = 4096;

interface FanOutPayload {
  containerId: string;
  content: NotificationContent;
  createdAt: number;
}

interface FanOutProgress {
  afterUserId?: string;
  sent?: number;
}

/**
 * Users' notifications: sent by the admin (to users, or to every member of a container through a background job in
 * chunks) and by events of the core (a referral joined), listed newest first with the unread count, marked read.
 * Every creating transaction takes the app's next clock value, and publishes who got something, so that live streams
 * on every instance deliver each notification once, in commit order.
 */
export class NotificationsService {
  readonly #unitOfWork: UnitOfWork;
  readonly #repository: NotificationsRepository;
  readonly #containers: ContainersRepository;
  readonly #users: UsersRepository;
  readonly #jobs: JobsService;
  readonly #audit: AuditLog;

  constructor(
    unitOfWork: UnitOfWork,
    repository: NotificationsRepository,
    containers: ContainersRepository,
    users: UsersRepository,
    jobs: JobsService,
    audit: AuditLog,
  ) {
    this.#unitOfWork = unitOfWork;
    this.#repository = repository;
    this.#containers = containers;
    this.#users = users;
    this.#jobs = jobs;
    this.#audit = audit;
    jobs.register(fanOutJob, (job, context) => this.#fanOut(job, context));
  }

  /**
   * Sends a notification (admin only). To `userIds` (at most 1,000, every one a user of the app, else each unknown
   * one is named and nothing is sent), in `containerId` when given, else app-wide: stored at once. To every member of
   * `containerId` when no users are named: a background job, whose id is returned at once.
   */
  async send(principal: Principal, request: NotificationRequest): Promise<NotificationOutcome> {
    requireAdmin(principal);
    const { appId } = principal;
    const content = checkContent(request);
    const { userIds } = request;
    if (userIds === undefined && request.containerId === undefined) {
      throw invalidInput('userIds', 'name the users, or a containerId to reach its members');
    }
    const container =
      request.containerId === undefined
        ? undefined
        : await requireContainer(this.#containers, appId, request.containerId);
    const now = Date.now();
    if (userIds !== undefined) {
      if (userIds.length === 0 || userIds.length > maxRecipientsPerCall) {
        throw invalidInput('userIds', `must list 1 to ${maxRecipientsPerCall} user ids`);
      }
      const unique = [...new Set(userIds)];
      const known = await this.#users.existingUserIds(appId, unique);
      const problems = new InputProblems();
      userIds.forEach((userId, index) => {
        if (!known.has(userId)) problems.add(`userIds[${index}]`, 'no user of the app has this id');
      });
      problems.throwIfAny();
      return this.#unitOfWork.run(async () => {
        await this.createFor(appId, unique, container?.id ?? null, content, now);
        await this.#audit.record(appId, principal, 'notifications.sent', {
          details: { count: unique.length, containerId: container?.id ?? null, type: content.type },
        });
        return { kind: 'sent', count: unique.length };
      });
    }
    const target = container as Container;
    return this.#unitOfWork.run(async () => {
      const payload: FanOutPayload = { containerId: target.id, content, createdAt: now };
      const jobId = (await this.#jobs.enqueue(fanOutJob, payload, { appId, maxAttempts: 10 })) as string;
      await this.#audit.record(appId, principal, 'notifications.sent', {
        details: { containerId: target.id, jobId, type: content.type },
      });
      return { kind: 'queued', jobId };
    });
  }

  /**
   * Stores one notification for each of `userIds` inside the caller's unit of work (or one of its own), under one
   * clock value, and publishes who got one.
   */
  async createFor(
    appId: string,
    userIds: readonly string[],
    containerId: string | null,
    content: NotificationContent,
    now = Date.now(),
  ): Promise<void> {
    await this.#unitOfWork.run(async () => {
      const seq = await this.#repository.tick(appId);
      for (let start = 0; start < userIds.length; start += fanOutChunk) {
        const chunk = userIds.slice(start, start + fanOutChunk);
        await this.#repository.insertNotifications(
          appId,
          seq,
          chunk.map((userId) => newRow(userId, containerId, content, now)),
        );
      }
      for (let start = 0; start < userIds.length; start += usersPerEvent) {
        const chunk = userIds.slice(start, start + usersPerEvent);
        this.#unitOfWork.publish({ type: 'notifications.created', appId, seq, userIds: [...chunk] });
      }
    });
  }

  /**
   * A fan-out: the container's members in id order, a chunk per transaction, each with its progress (so that an
   * attempt after a failure or a lost lease goes on where the last committed chunk ended, and nobody gets it twice).
   * Other requests run between chunks.
   */
  async #fanOut(job: Job, context: JobContext): Promise<{ sent: number }> {
    const appId = job.appId as string;
    const { containerId, content, createdAt } = job.payload as FanOutPayload;
    const progress = (job.progress ?? {}) as FanOutProgress;
    let after = progress.afterUserId;
    let sent = progress.sent ?? 0;
    for (;;) {
      context.signal.throwIfAborted();
      const last = await this.#unitOfWork.run(async () => {
        const ids = await this.#containers.listMemberIds(appId, containerId, {
          afterUserId: after,
          limit: fanOutChunk,
        });
        if (ids.length === 0) return true;
        const seq = await this.#repository.tick(appId);
        await this.#repository.insertNotifications(
          appId,
          seq,
          ids.map((userId) => newRow(userId, containerId, content, createdAt)),
        );
        const [first] = ids;
        const lastId = ids.at(-1) as string;
        this.#unitOfWork.publish({ type: 'notifications.created', appId, seq, fromUserId: first, toUserId: lastId });
        await context.reportProgress({ afterUserId: lastId, sent: sent + ids.length } satisfies FanOutProgress);
        // The lease was lost while this chunk was written: it is rolled back, the new holder writes it.
        context.signal.throwIfAborted();
        after = lastId;
        sent += ids.length;
        return ids.length < fanOutChunk;
      });
      if (last) return { sent };
      // Let queued requests have the database (on SQLite, the connection) before the next chunk.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  /**
   * A page of the caller's notifications in a container (by id or slug): its own and the app-wide ones, newest first
   * (in the order they became visible), with how many there are and how many are unread.
   */
  async list(
    principal: Principal,
    options: { containerId: string; page: number; limit: number },
  ): Promise<NotificationPage> {
    const { userId } = requireUser(principal);
    const { page, limit } = options;
    if (!Number.isInteger(page) || page < 1) throw invalidInput('page', 'must be an integer ≥ 1');
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw invalidInput('limit', 'must be 1 to 100');
    const container = await requireContainer(this.#containers, principal.appId, options.containerId);
    const filter: ContainerFilter = { containerId: container.id };
    const [items, counts] = await Promise.all([
      this.#repository.list(principal.appId, userId, filter, { offset: (page - 1) * limit, limit }),
      this.#repository.count(principal.appId, userId, filter),
    ]);
    return { items, total: counts.total, unread: counts.unread, page, limit };
  }

  /**
   * Marks the caller's notifications read: those of `ids` (ids that are not the caller's are ignored), or all of a
   * container (its own and the app-wide ones), or all. Marking again changes nothing; returns how many were marked.
   */
  async markRead(
    principal: Principal,
    options: { ids?: readonly string[] | undefined; containerId?: string | undefined },
  ): Promise<number> {
    const { userId } = requireOwnerUser(principal);
    if (options.ids !== undefined && (options.ids.length === 0 || options.ids.length > maxRecipientsPerCall)) {
      throw invalidInput('ids', `must list 1 to ${maxRecipientsPerCall} notification ids`);
    }
    const filter: ContainerFilter =
      options.containerId === undefined
        ? 'all'
        : { containerId: (await requireContainer(this.#containers, principal.appId, options.containerId)).id };
    return this.#unitOfWork.run(() =>
      this.#repository.markRead(principal.appId, userId, { ids: options.ids, filter }, Date.now()),
    );
  }

  /** The container a stream or list names (id or slug), or `container_not_found`. */
  containerOf(appId: string, containerRef: string): Promise<Container> {
    return requireContainer(this.#containers, appId, containerRef);
  }

  /** The app's clock as committed: a stream that starts now delivers what comes after it. */
  clock(appId: string): Promise<number> {
    return this.#repository.clock(appId);
  }

  /** The notifications of `userIds` after the position `(seq, id)`, in the order they became visible. */
  since(
    appId: string,
    userIds: readonly string[],
    after: { seq: number; id: string },
    limit: number,
  ): Promise<Notification[]> {
    return this.#repository.since(appId, userIds, after, limit);
  }
}

function newRow(
  userId: string,
  containerId: string | null,
  content: NotificationContent,
  createdAt: number,
): NewNotification {
  return { id: uuidv7(), userId, containerId, ...content, createdAt };
}

/** The content, checked: every problem named at once. */
function checkContent(request: NotificationRequest): NotificationContent {
  const problems = new InputProblems();
  if (!typePattern.test(request.type)) {
    problems.add('type', 'must be 1 to 64 of A-Z, a-z, 0-9, dot, underscore, colon, hyphen');
  }
  if (request.title.trim().length === 0 || request.title.length > 200)
    problems.add('title', 'must be 1 to 200 characters');
  if (request.body.length > 2000) problems.add('body', 'must be at most 2,000 characters');
  const data = request.data ?? {};
  if (Buffer.byteLength(JSON.stringify(data)) > maxDataBytes)
    problems.add('data', `must be at most ${maxDataBytes} bytes as JSON`);
  problems.throwIfAny();
  return { type: request.type, title: request.title, body: request.body, data };
}
