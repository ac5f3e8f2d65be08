import type { MessagesTable, MessageTemplatesTable } from '../../db/schema.ts';
import type { UnitOfWork } from '../../db/unit-of-work.ts';
import type {
  Channel,
  Message,
  MessageFilter,
  MessageKind,
  MessageStatus,
  MessageTemplate,
  TemplateInput,
} from './messaging.types.ts';

/** A message to store. */
export interface NewMessage {
  id: string;
  appId: string;
  userId: string;
  kind: MessageKind;
  channel: Channel;
  recipient: string;
  locale: string;
  subject: string | null;
  text: string;
  html: string | null;
  status: MessageStatus;
  createdAt: number;
}

/** The outbox (`messages`) and the apps' templates (`message_templates`), scoped by app in every method. */
export class MessagingRepository {
  readonly #unitOfWork: UnitOfWork;

  constructor(unitOfWork: UnitOfWork) {
    this.#unitOfWork = unitOfWork;
  }

  async insertMessage(message: NewMessage): Promise<void> {
    await this.#unitOfWork.db
      .insertInto('messages')
      .values({
        app_id: message.appId,
        id: message.id,
        user_id: message.userId,
        kind: message.kind,
        channel: message.channel,
        recipient: message.recipient,
        locale: message.locale,
        subject: message.subject,
        text_body: message.text,
        html_body: message.html,
        status: message.status,
        attempts: 0,
        last_error: null,
        created_at: message.createdAt,
        sent_at: null,
        modified_at: message.createdAt,
      })
      .execute();
  }

  /** The message, bodies included; undefined when there is none (its user was deleted). */
  async findMessage(appId: string, messageId: string): Promise<Message | undefined> {
    const row = await this.#unitOfWork.db
      .selectFrom('messages')
      .selectAll()
      .where('app_id', '=', appId)
      .where('id', '=', messageId)
      .executeTakeFirst();
    return row && toMessage(row);
  }

  /**
   * Records the outcome of a delivery of a message still `queued`: sent, or failed for good (the bodies, which carry
   * codes in clear, are emptied), or an attempt that failed and will be retried (the error kept). False when the
   * message was no longer queued (another attempt recorded it first).
   */
  async recordDelivery(
    appId: string,
    messageId: string,
    outcome: { status: 'sent' } | { status: 'failed'; error: string } | { status: 'retry'; error: string },
    now: number,
  ): Promise<boolean> {
    const result = await this.#unitOfWork.db
      .updateTable('messages')
      .set((eb) => ({
        attempts: eb('attempts', '+', 1),
        modified_at: now,
        ...(outcome.status === 'retry'
          ? { last_error: outcome.error }
          : {
              status: outcome.status,
              text_body: null,
              html_body: null,
              ...(outcome.status === 'sent' ? { sent_at: now } : { last_error: outcome.error }),
            }),
      }))
      .where('app_id', '=', appId)
      .where('id', '=', messageId)
      .where('status', '=', 'queued')
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /** Messages of the app, newest first, after the cursor's id (UUIDv7: time order). */
  async listMessages(
    appId: string,
    filter: MessageFilter,
    options: { beforeId?: string | undefined; limit: number },
  ): Promise<Message[]> {
    let select = this.#unitOfWork.db.selectFrom('messages').selectAll().where('app_id', '=', appId);
    if (filter.status) select = select.where('status', '=', filter.status);
    if (filter.userId) select = select.where('user_id', '=', filter.userId);
    if (options.beforeId) select = select.where('id', '<', options.beforeId);
    const rows = await select.orderBy('id', 'desc').limit(options.limit).execute();
    return rows.map(toMessage);
  }

  /** Deletes up to `batch` messages of the app created before `before`; returns how many. */
  async deleteMessagesBefore(appId: string, before: number, batch: number): Promise<number> {
    const result = await this.#unitOfWork.db
      .deleteFrom('messages')
      .where('app_id', '=', appId)
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('messages')
          .select('id')
          .where('app_id', '=', appId)
          .where('created_at', '<', before)
          .limit(batch),
      )
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** The app's templates of these locales for one kind. */
  async findTemplates(appId: string, kind: MessageKind, locales: string[]): Promise<MessageTemplate[]> {
    const rows = await this.#unitOfWork.db
      .selectFrom('message_templates')
      .selectAll()
      .where('app_id', '=', appId)
      .where('kind', '=', kind)
      .where('locale', 'in', locales)
      .execute();
    return rows.map(toTemplate);
  }

  async listTemplates(appId: string): Promise<MessageTemplate[]> {
    const rows = await this.#unitOfWork.db
      .selectFrom('message_templates')
      .selectAll()
      .where('app_id', '=', appId)
      .orderBy('kind')
      .orderBy('locale')
      .execute();
    return rows.map(toTemplate);
  }

  async saveTemplate(appId: string, kind: MessageKind, locale: string, input: TemplateInput, now: number) {
    const values = {
      subject: input.subject ?? null,
      text_body: input.text,
      html_body: input.html ?? null,
      modified_at: now,
    };
    await this.#unitOfWork.db
      .insertInto('message_templates')
      .values({ app_id: appId, kind, locale, ...values })
      .onConflict((conflict) => conflict.columns(['app_id', 'kind', 'locale']).doUpdateSet(values))
      .execute();
  }

  /** Deletes the app's template; false when it had none. */
  async deleteTemplate(appId: string, kind: MessageKind, locale: string): Promise<boolean> {
    const result = await this.#unitOfWork.db
      .deleteFrom('message_templates')
      .where('app_id', '=', appId)
      .where('kind', '=', kind)
      .where('locale', '=', locale)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }
}

function toMessage(row: MessagesTable): Message {
  return {
    id: row.id,
    appId: row.app_id,
    userId: row.user_id,
    kind: row.kind as MessageKind,
    channel: row.channel as Channel,
    recipient: row.recipient,
    locale: row.locale,
    subject: row.subject,
    text: row.text_body,
    html: row.html_body,
    status: row.status as MessageStatus,
    attempts: row.attempts,
    lastError: row.last_error,
    createdAt: Number(row.created_at),
    sentAt: row.sent_at === null ? null : Number(row.sent_at),
  };
}

function toTemplate(row: MessageTemplatesTable): MessageTemplate {
  return {
    kind: row.kind as MessageKind,
    locale: row.locale,
    subject: row.subject,
    text: row.text_body,
    html: row.html_body,
    modifiedAt: Number(row.modified_at),
  };
}
