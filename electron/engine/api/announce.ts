import type { EntityKind } from '../../../shared/contract/events';
import type { EditEntry, EditedEntity } from '../../../shared/domain/edit';
import type { EngineContext } from '../context';

const KIND: Record<EditedEntity, EntityKind> = {
  actor: 'actor',
  segment: 'segment',
  taxonomyNode: 'taxonomy',
  taxonomy: 'taxonomy',
};

/** Tells every client what an edit changed (one event per kind of entity, removals apart). */
export function announceEdit(ctx: EngineContext, entry: EditEntry | null): void {
  if (!entry) return;
  const groups = new Map<string, { entity: EntityKind; ids: string[]; removed: boolean }>();
  for (const c of entry.changes) {
    const entity = KIND[c.entity];
    const removed = c.after === null;
    const key = `${entity}:${removed}`;
    const g = groups.get(key) ?? { entity, ids: [], removed };
    g.ids.push(c.id);
    groups.set(key, g);
  }
  for (const g of groups.values()) {
    ctx.emit('data.changed', { ...g, videoId: entry.videoId, clientId: entry.clientId });
  }
  ctx.emit('data.changed', {
    entity: 'edit',
    ids: [],
    removed: false,
    videoId: entry.videoId,
    clientId: entry.clientId,
  });
}
