import { deleteInUnit } from '../../db/errors.ts';
import type { UnitOfWork } from '../../db/unit-of-work.ts';
import type { AuditLog } from '../audit/audit.service.ts';
import { CoreError, InputProblems } from '../errors.ts';
import { decodeCursor, type KeysetPage, keysetPage } from '../paging.ts';
import { type Principal, requireAdmin, requireUser } from '../principal.ts';
import { isCatalogueId, isWebUrl } from '../text.ts';
import type { Icon, IconInput } from './households.types.ts';
import type { IconsRepository } from './icons.repository.ts';

export const maxIconsPerUpsert = 1000;
export const aspectPattern = /^[1-9][0-9]{0,2}x[1-9][0-9]{0,2}$/;

/** The app's profile icons, managed by its admin (the household face lists them and profiles name them). */
export class IconsService {
  readonly #unitOfWork: UnitOfWork;
  readonly #icons: IconsRepository;

  readonly #audit: AuditLog;

  constructor(unitOfWork: UnitOfWork, icons: IconsRepository, audit: AuditLog) {
    this.#unitOfWork = unitOfWork;
    this.#icons = icons;
    this.#audit = audit;
  }

  /** Inserts or updates icons (admin only), all or none; `aspect` defaults to `1x1`, `imageId` to the id. */
  async upsertIcons(principal: Principal, items: readonly IconInput[]): Promise<number> {
    requireAdmin(principal);
    const problems = new InputProblems();
    if (items.length > maxIconsPerUpsert) problems.add('items', `at most ${maxIconsPerUpsert} per request`);
    const seen = new Map<string, number>();
    items.forEach((item, index) => {
      const at = `items[${index}]`;
      if (!isCatalogueId(item.id)) problems.add(`${at}.id`, 'must be 1 to 64 letters, digits, or . _ : -');
      else if (seen.has(item.id)) problems.add(`${at}.id`, `repeats items[${seen.get(item.id)}]`);
      else seen.set(item.id, index);
      if (!isWebUrl(item.uri)) problems.add(`${at}.uri`, 'must be an http(s) URL');
      if (item.aspect !== undefined && !aspectPattern.test(item.aspect))
        problems.add(`${at}.aspect`, 'must be WxH (1x1)');
      if (item.imageId !== undefined && !isCatalogueId(item.imageId)) {
        problems.add(`${at}.imageId`, 'must be 1 to 64 letters, digits, or . _ : -');
      }
    });
    problems.throwIfAny();
    const icons = items.map((item) => ({
      id: item.id,
      uri: item.uri,
      aspect: item.aspect ?? '1x1',
      imageId: item.imageId ?? item.id,
    }));
    await this.#unitOfWork.run(async () => {
      await this.#icons.upsertIcons(principal.appId, icons, Date.now());
      await this.#audit.record(principal.appId, principal, 'catalogue.items_saved', {
        details: { catalogue: 'icons', count: icons.length },
      });
    });
    return icons.length;
  }

  /** A keyset page of the app's icons in id order (admin only). */
  async listIcons(
    principal: Principal,
    request: { cursor?: string | undefined; limit: number },
  ): Promise<KeysetPage<Icon>> {
    requireAdmin(principal);
    const afterId = request.cursor === undefined ? undefined : decodeCursor(request.cursor, isCatalogueId);
    const rows = await this.#icons.listIcons(principal.appId, { afterId, limit: request.limit + 1 });
    return keysetPage(rows, request.limit, (icon) => icon.id);
  }

  /**
   * Every icon of the app (at most 1,000), in id order, for a user choosing a profile's icon (a child profile too). The
   * admin, who has no profiles, lists them with `listIcons`.
   */
  async profileIcons(principal: Principal): Promise<Icon[]> {
    const { appId } = requireUser(principal);
    return this.#icons.listIcons(appId, { limit: maxIconsPerUpsert });
  }

  /** Deletes an icon (admin only); an unknown id is `icon_not_found`. */
  async deleteIcon(principal: Principal, iconId: string): Promise<void> {
    requireAdmin(principal);
    const outcome = isCatalogueId(iconId)
      ? await deleteInUnit(
          this.#unitOfWork,
          () => this.#icons.deleteIcon(principal.appId, iconId),
          () =>
            this.#audit.record(principal.appId, principal, 'catalogue.item_deleted', {
              details: { catalogue: 'icons', id: iconId },
            }),
        )
      : 'missing';
    if (outcome === 'missing') {
      throw new CoreError('icon_not_found', 'The app has no icon with this id', {
        field: 'id',
        value: iconId.slice(0, 64),
      });
    }
    if (outcome === 'in-use') {
      throw new CoreError('catalogue_item_in_use', 'A profile shows this icon; it is kept', {
        field: 'id',
        value: iconId,
      });
    }
  }
}
