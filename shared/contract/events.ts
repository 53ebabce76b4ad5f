import { z } from 'zod';
import { idSchema } from '../domain/ids';
import { jobSchema } from '../domain/job';

export const entityKindSchema = z.enum([
  'video',
  'job',
  'actor',
  'segment',
  'taxonomy',
  'edit',
  'review',
  'user',
  'poses',
  'model',
  'prediction',
]);
export type EntityKind = z.infer<typeof entityKindSchema>;

/** Events the engine pushes to every client. */
export const events = {
  /** A job changed state or made progress. */
  'job.progress': jobSchema,
  /** Rows changed: clients reload what they show of them. */
  'data.changed': z.object({
    entity: entityKindSchema,
    ids: z.array(idSchema),
    removed: z.boolean(),
    /** The video the rows belong to, where they belong to one. */
    videoId: idSchema.nullable().optional(),
    /** The client whose call made the change, so it can tell its own changes from others'. */
    clientId: z.string().nullable().optional(),
  }),
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;
export type AnyEvent = { [E in EventName]: { name: E; payload: EventPayload<E> } }[EventName];

export const eventNames = Object.keys(events) as EventName[];
