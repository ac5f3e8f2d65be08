import { CoreError } from '../errors.ts';
import type { ContainersRepository } from './containers.repository.ts';
import type { Container } from './social.types.ts';

/** The container a path or query names by id or slug, or `container_not_found` (another app's too). */
export async function requireContainer(
  containers: ContainersRepository,
  appId: string,
  ref: string,
): Promise<Container> {
  const container = await containers.findContainer(appId, ref);
  if (container) return container;
  throw new CoreError('container_not_found', `No container of the app has the id or slug ${ref}`, {
    field: 'containerId',
    value: ref,
  });
}
