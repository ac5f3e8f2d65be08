import { v7 as uuidv7 } from 'uuid';
import type { UnitOfWork } from '../../db/unit-of-work.ts';
import type { AuditLog } from '../audit/audit.service.ts';
import { CoreError, invalidInput } from '../errors.ts';
import type { User } from '../identity/identity.types.ts';
import type { JobsService } from '../jobs/jobs.service.ts';
import type { Job } from '../jobs/jobs.types.ts';
import { decodeCursor, type KeysetPage, keysetPage } from '../paging.ts';
import { type Principal, requireAdmin } from '../principal.ts';
import { isUuid } from '../text.ts';
import type { MessagingRepository } from './messaging.repository.ts';
import {
  type Channel,
  DeliveryError,
  type Message,
  type MessageFilter,
  type MessageKind,
  type MessageTemplate,
  messageKinds,
  type PlaceholderValues,
  type TemplateInput,
  type Transports,
} from './messaging.types.ts';
import {
  channelOf,
  defaultTemplates,
  localeCandidates,
  normalizeLocale,
  render,
  validateTemplate,
} from './templates.ts';

export const deliverMessageJob = 'messaging.deliver';
/** Attempts of a delivery: with the runner's backoff (1 s doubling, at most 10 minutes) about 40 minutes in all. */
export const deliveryAttempts = 12;
/** Messages are kept this long (for the outbox and the admin), then deleted. */
export const messageRetentionMs = 7 * 24 * 3600 * 1000;

/** What a message is about, as the composer fills its template. */
export interface Composition {
  appId: string;
  appName: string;
  user: User;
  kind: MessageKind;
  /** The address it goes to (the user's email or phone, or the one a code was sent to). */
  recipient: string;
  values: PlaceholderValues;
}

/**
 * Messages to users: composed from the app's template for the user's locale (or the default), stored in the outbox
 * inside the caller's unit of work, and delivered by a job through the channel's transport — or held in the outbox
 * when no transport is configured for the channel (the embedded default), for the admin API and the CLI to show.
 *
 * Delivery is at least once: a job is claimed by one instance at a time (leases), a message is marked sent in the
 * same attempt that sent it, and an attempt that finds it no longer queued sends nothing. Only an instance that stops
 * between the other side's acceptance and that mark (a crash, a lease lost in a long pause) leaves it to be sent again;
 * every attempt carries the same message id (`Message-ID`, the SMS gateway's `Idempotency-Key`) so the receiver can
 * drop the duplicate.
 */
export class MessagingService {
  readonly #unitOfWork: UnitOfWork;
  readonly #repository: MessagingRepository;
  readonly #jobs: JobsService;
  readonly #audit: AuditLog;
  readonly #transports: Transports;

  constructor(
    unitOfWork: UnitOfWork,
    repository: MessagingRepository,
    jobs: JobsService,
    audit: AuditLog,
    transports: Transports,
  ) {
    this.#unitOfWork = unitOfWork;
    this.#repository = repository;
    this.#jobs = jobs;
    this.#audit = audit;
    this.#transports = transports;
  }

  /** Whether messages of the channel leave the process (else they are held in the outbox). */
  delivers(channel: Channel): boolean {
    return this.#transports[channel] !== undefined;
  }

  /**
   * Renders the message and stores it, in the caller's unit of work (or one of its own), with its delivery job when
   * the channel has a transport; returns the message's id. The request that asked for it never waits for delivery.
   */
  async compose(composition: Composition): Promise<string> {
    const { appId, user, kind, recipient } = composition;
    const channel = channelOf[kind];
    const values: PlaceholderValues = {
      appName: composition.appName,
      userName: user.displayName ?? user.loginName ?? user.emailAddress ?? user.phoneNumber ?? '',
      ...composition.values,
    };
    const candidates = localeCandidates(user.locale);
    const id = uuidv7();
    return this.#unitOfWork.run(async () => {
      const own = await this.#repository.findTemplates(appId, kind, candidates);
      const chosen = candidates.map((locale) => own.find((t) => t.locale === locale)).find((t) => t !== undefined);
      const template = chosen ?? defaultTemplates[kind];
      const delivered = this.delivers(channel);
      await this.#repository.insertMessage({
        id,
        appId,
        userId: user.id,
        kind,
        channel,
        recipient,
        locale: chosen?.locale ?? 'en',
        subject: template.subject === null ? null : render(template.subject, values, 'text'),
        text: render(template.text, values, 'text'),
        html: template.html === null ? null : render(template.html, values, 'html'),
        status: delivered ? 'queued' : 'held',
        createdAt: Date.now(),
      });
      if (delivered) {
        await this.#jobs.enqueue(deliverMessageJob, { appId, messageId: id }, { appId, maxAttempts: deliveryAttempts });
      }
      return id;
    });
  }

  /**
   * The delivery job: sends a queued message through its channel's transport and records the outcome. A refusal that
   * cannot change (`DeliveryError` permanent) or the last attempt failing marks it failed; any other failure is
   * thrown, so the job is retried with backoff. A message no longer queued (sent, or its user deleted) is left alone.
   */
  async deliver(job: Job): Promise<{ status: string }> {
    const { appId, messageId } = job.payload as { appId: string; messageId: string };
    const message = await this.#repository.findMessage(appId, messageId);
    if (message?.status !== 'queued' || message.text === null) return { status: 'skipped' };
    const { email, sms } = this.#transports;
    try {
      if (message.channel === 'email') {
        if (!email) throw new Error('no email transport on this instance');
        await email.send({
          messageId: message.id,
          to: message.recipient,
          subject: message.subject ?? '',
          text: message.text,
          html: message.html,
        });
      } else {
        if (!sms) throw new Error('no SMS transport on this instance');
        await sms.send({ messageId: message.id, to: message.recipient, body: message.text });
      }
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const last = job.attempts >= job.maxAttempts;
      if ((error instanceof DeliveryError && error.permanent) || last) {
        await this.#record(message, { status: 'failed', error: reason });
        return { status: 'failed' };
      }
      await this.#repository.recordDelivery(appId, messageId, { status: 'retry', error: reason }, Date.now());
      throw error;
    }
    await this.#record(message, { status: 'sent' });
    return { status: 'sent' };
  }

  async #record(message: Message, outcome: { status: 'sent' } | { status: 'failed'; error: string }): Promise<void> {
    await this.#unitOfWork.run(async () => {
      if (!(await this.#repository.recordDelivery(message.appId, message.id, outcome, Date.now()))) return;
      await this.#audit.record(message.appId, 'system', outcome.status === 'sent' ? 'message.sent' : 'message.failed', {
        userId: message.userId,
        details: {
          messageId: message.id,
          kind: message.kind,
          ...(outcome.status === 'failed' ? { error: outcome.error } : {}),
        },
      });
    });
  }

  /** The app's messages for its admin, newest first, keyset-paged; bodies only while a message waits or is held. */
  async listMessages(
    principal: Principal,
    filter: MessageFilter,
    options: { cursor?: string | undefined; limit: number },
  ): Promise<KeysetPage<Message>> {
    requireAdmin(principal);
    return this.listMessagesOfApp(principal.appId, filter, options);
  }

  /** `listMessages` for the operator (the CLI). */
  async listMessagesOfApp(
    appId: string,
    filter: MessageFilter,
    options: { cursor?: string | undefined; limit: number },
  ): Promise<KeysetPage<Message>> {
    const beforeId = options.cursor === undefined ? undefined : decodeCursor(options.cursor, isUuid);
    const rows = await this.#repository.listMessages(appId, filter, { beforeId, limit: options.limit + 1 });
    return keysetPage(rows, options.limit, (message) => message.id);
  }

  /** The app's own templates (admin only), by kind and locale. */
  async listTemplates(principal: Principal): Promise<MessageTemplate[]> {
    requireAdmin(principal);
    return this.#repository.listTemplates(principal.appId);
  }

  /** Stores the app's wording of one kind of message in one locale (admin only); returns it as stored. */
  async saveTemplate(
    principal: Principal,
    kind: string,
    locale: string,
    input: TemplateInput,
  ): Promise<MessageTemplate> {
    requireAdmin(principal);
    const checkedKind = kindOf(kind);
    const normalized = localeOf(locale);
    validateTemplate(checkedKind, input);
    const now = Date.now();
    await this.#unitOfWork.run(async () => {
      await this.#repository.saveTemplate(principal.appId, checkedKind, normalized, input, now);
      await this.#audit.record(principal.appId, principal, 'message_template.saved', {
        details: { kind: checkedKind, locale: normalized },
      });
    });
    return {
      kind: checkedKind,
      locale: normalized,
      subject: input.subject ?? null,
      text: input.text,
      html: input.html ?? null,
      modifiedAt: now,
    };
  }

  /** Deletes the app's template (admin only): the next message of that kind and locale uses the next candidate. */
  async deleteTemplate(principal: Principal, kind: string, locale: string): Promise<void> {
    requireAdmin(principal);
    const checkedKind = kindOf(kind);
    const normalized = localeOf(locale);
    await this.#unitOfWork.run(async () => {
      if (!(await this.#repository.deleteTemplate(principal.appId, checkedKind, normalized))) {
        throw new CoreError('template_not_found', `The app has no ${checkedKind} template for ${normalized}`, {
          field: 'locale',
          value: normalized,
        });
      }
      await this.#audit.record(principal.appId, principal, 'message_template.deleted', {
        details: { kind: checkedKind, locale: normalized },
      });
    });
  }

  /** Deletes the app's messages older than the retention (a recurring job), in batches. */
  async pruneMessages(appId: string, now = Date.now()): Promise<number> {
    let deleted = 0;
    for (;;) {
      const batch = await this.#repository.deleteMessagesBefore(appId, now - messageRetentionMs, 1000);
      deleted += batch;
      if (batch < 1000) return deleted;
    }
  }

  /** Closes the transports (their pooled connections). */
  async close(): Promise<void> {
    await Promise.all([this.#transports.email?.close?.(), this.#transports.sms?.close?.()]);
  }
}

function kindOf(kind: string): MessageKind {
  if (!(messageKinds as readonly string[]).includes(kind)) {
    throw invalidInput('kind', `must be one of ${messageKinds.join(', ')}`);
  }
  return kind as MessageKind;
}

function localeOf(locale: string): string {
  const normalized = normalizeLocale(locale);
  if (!normalized) throw invalidInput('locale', 'must be a language tag such as en, fr or pt-BR');
  return normalized;
}
