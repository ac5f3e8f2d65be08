import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Core } from '../../core/core.ts';
import type { Principal } from '../../core/principal.ts';
import { presentContainer } from './present.ts';
import { problemResponses, adminSecurity as security } from './schemas.ts';
import {
  ContainerBody,
  ContainerListQuery,
  ContainerPage,
  ContainerParams,
  ContainerSave,
  MembersAdd,
  MembersAdded,
  NotificationSend,
  NotificationsQueued,
  NotificationsSent,
} from './social-schemas.ts';

const tags = ['Admin API: social'];

/** The admin API's social calls: containers and their members, notifications. */
export async function adminSocialRoutes(
  app: FastifyInstance,
  options: {
    core: Core;
    bulkBodyLimitBytes: number;
    principalOf: (request: FastifyRequest) => Principal;
  },
): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { core, principalOf } = options;

  api.put(
    '/containers',
    {
      schema: {
        tags,
        security,
        operationId: 'saveContainer',
        summary: 'Create or change a container: by id when given, else by slug',
        body: ContainerSave,
        response: { 200: ContainerBody, ...problemResponses },
      },
    },
    async (request) => presentContainer(await core.social.saveContainer(principalOf(request), request.body)),
  );

  api.get(
    '/containers',
    {
      schema: {
        tags,
        security,
        operationId: 'listContainers',
        summary: 'List containers in id order (keyset-paged)',
        querystring: ContainerListQuery,
        response: { 200: ContainerPage, ...problemResponses },
      },
    },
    async (request) => {
      const page = await core.social.listContainers(principalOf(request), request.query);
      return { items: page.items.map(presentContainer), nextCursor: page.nextCursor };
    },
  );

  api.post(
    '/containers/:id/members',
    {
      bodyLimit: options.bulkBodyLimitBytes,
      schema: {
        tags,
        security,
        operationId: 'addContainerMembers',
        summary: 'Add up to 100,000 users of the app to a container (by id or slug): checked whole, added in chunks',
        params: ContainerParams,
        body: MembersAdd,
        response: { 200: MembersAdded, ...problemResponses },
      },
    },
    async (request) => ({
      count: await core.social.addMembers(principalOf(request), request.params.id, request.body.userIds),
    }),
  );

  api.post(
    '/notifications',
    {
      schema: {
        tags,
        security,
        operationId: 'sendNotification',
        summary:
          'Notify users (201, stored at once) or every member of a container (202: a background job, answered at once)',
        body: NotificationSend,
        response: { 201: NotificationsSent, 202: NotificationsQueued, ...problemResponses },
      },
    },
    async (request, reply) => {
      const { data, ...rest } = request.body;
      const outcome = await core.notifications.send(principalOf(request), {
        ...rest,
        data: data as Record<string, unknown> | undefined,
      });
      return outcome.kind === 'sent'
        ? reply.status(201).send({ count: outcome.count })
        : reply.status(202).send({ jobId: outcome.jobId });
    },
  );
}
