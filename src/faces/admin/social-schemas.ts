import Type from 'typebox';
import { component } from '../../http/openapi.ts';
import { withDefault } from '../../http/validation.ts';

export const ContainerBody = component(
  'Container',
  Type.Object({
    id: Type.String(),
    slug: Type.String(),
    name: Type.String(),
    createdAt: Type.String({ format: 'date-time' }),
    modifiedAt: Type.String({ format: 'date-time' }),
  }),
);

export const ContainerSave = component(
  'ContainerSave',
  Type.Object(
    {
      id: Type.Optional(
        Type.String({
          pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$',
          description: 'Created with this id when the app has no such container; absent: the slug names it',
        }),
      ),
      slug: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,63}$', description: 'Unique in the app' }),
      name: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
    },
    { additionalProperties: false },
  ),
);

export const ContainerPage = component(
  'ContainerPage',
  Type.Object({ items: Type.Array(ContainerBody), nextCursor: Type.Union([Type.String(), Type.Null()]) }),
);

export const ContainerListQuery = Type.Object(
  {
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    limit: withDefault(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  },
  { additionalProperties: false },
);

export const ContainerParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64, description: 'The container’s id or slug' }),
});

export const MembersAdd = component(
  'ContainerMembersAdd',
  Type.Object(
    {
      userIds: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), {
        minItems: 1,
        maxItems: 100_000,
        description: 'Users of the app; an unknown one refuses the whole call (400, each named)',
      }),
    },
    { additionalProperties: false },
  ),
);

export const MembersAdded = component(
  'ContainerMembersAdded',
  Type.Object({ count: Type.Integer({ description: 'users who became members (those who were stay as they were)' }) }),
);

export const NotificationSend = component(
  'NotificationSend',
  Type.Object(
    {
      userIds: Type.Optional(
        Type.Array(Type.String({ minLength: 1, maxLength: 64 }), {
          minItems: 1,
          maxItems: 1000,
          description:
            'To these users (in `containerId` when given, else app-wide); absent: every member of `containerId`',
        }),
      ),
      containerId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'A container’s id or slug' })),
      type: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$', description: 'A name the client knows' }),
      title: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
      body: Type.String({ maxLength: 2000 }),
      data: Type.Optional(Type.Object({}, { additionalProperties: true, description: 'At most 4,096 bytes as JSON' })),
    },
    { additionalProperties: false, anyOf: [{ required: ['userIds'] }, { required: ['containerId'] }] },
  ),
);

export const NotificationsSent = component(
  'NotificationsSent',
  Type.Object({ count: Type.Integer({ description: 'notifications stored, one per user' }) }),
);

export const NotificationsQueued = component(
  'NotificationsQueued',
  Type.Object({ jobId: Type.String({ description: 'The fan-out job (`GET /admin/v1/jobs/{id}`)' }) }),
);
