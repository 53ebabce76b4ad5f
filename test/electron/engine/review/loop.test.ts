import { describe, expect, it } from 'vitest';
import type { Caller } from '../../../../electron/engine/api/types';
import { dataPath } from '../../../support/data';
import { callsAs } from '../../../support/callAs';
import { useTempEngine } from '../../../support/tempEngine';

describe('the review loop, through the engine', () => {
  const t = useTempEngine();
  const as = (userId: string | null): Caller => ({ userId });
  const { call, refused } = callsAs(t);

  const people: Record<string, string> = {};
  /** The id of someone made above. */
  const id = (name: string): string => {
    const v = people[name];
    if (!v) throw new Error(`nobody called ${name} yet`);
    return v;
  };
  let videoId = '';

  it('is open until the first person, who must be an admin; then callers must be someone', async () => {
    expect((await call('auth.status', {}, as(null))).mode).toBe('open');
    expect(await refused('users.create', { name: 'Ann', role: 'annotator' }, as(null))).toMatch(
      /first person of a project is its admin/,
    );
    people.admin = (
      await call('users.create', { name: 'Ada', role: 'admin', password: 'admin password' }, as(null))
    ).id;
    expect((await call('auth.status', {}, as(null))).mode).toBe('secured');
    expect(await refused('videos.list', {}, as(null))).toMatch(/^unauthenticated/);
    for (const [name, role] of [
      ['Ann', 'annotator'],
      ['Bob', 'annotator'],
      ['Eve', 'expert'],
    ] as const) {
      people[name] = (
        await call('users.create', { name, role, password: `${name} password!` }, as(id('admin')))
      ).id;
    }
    const imported = await call(
      'videos.import',
      { paths: [dataPath('upfall/Activity1/Subject1/Trial1Cam2.mp4')] },
      as(id('admin')),
    );
    videoId = imported.imported[0]?.id ?? '';
    expect(videoId).not.toBe('');
  });

  it('signs in with a password, and refuses a wrong one', async () => {
    const ok = await call('auth.signIn', { name: 'eve', password: 'Eve password!' }, as(null));
    expect(ok.user.role).toBe('expert');
    const status = await call('auth.status', {}, { userId: null, sessionToken: ok.session.token });
    expect(status.user?.name).toBe('Eve');
    expect(await refused('auth.signIn', { name: 'Eve', password: 'nope nope nope' }, as(null))).toMatch(
      /^unauthenticated: Wrong name or password/,
    );
    await call('auth.signOut', {}, { userId: null, sessionToken: ok.session.token });
    expect((await call('auth.status', {}, { userId: null, sessionToken: ok.session.token })).user).toBeNull();
  });

  it('shows annotators only their assigned videos, and their own tubes until they submit', async () => {
    expect(await call('videos.list', {}, as(id('Ann')))).toEqual([]);
    await call(
      'assignments.create',
      { videoIds: [videoId], userIds: [id('Ann'), id('Bob')], overlapShare: 1 },
      as(id('admin')),
    );
    expect((await call('videos.list', {}, as(id('Ann')))).map((v) => v.id)).toEqual([videoId]);
    const actor = await call('actors.create', { clientId: 'ann-tab', videoId }, as(id('Ann')));
    await call(
      'segments.create',
      { clientId: 'ann-tab', videoId, actorId: actor.id, startFrame: 10, endFrame: 60, labelNodeId: 'walk' },
      as(id('Ann')),
    );
    await call(
      'segments.create',
      {
        clientId: 'ann-tab',
        videoId,
        actorId: actor.id,
        startFrame: 61,
        endFrame: 100,
        labelNodeId: 'fall-forward-hands',
      },
      as(id('Ann')),
    );
    await call(
      'segments.create',
      { clientId: 'bob-tab', videoId, actorId: actor.id, startFrame: 12, endFrame: 60, labelNodeId: 'walk' },
      as(id('Bob')),
    );
    await call(
      'segments.create',
      {
        clientId: 'bob-tab',
        videoId,
        actorId: actor.id,
        startFrame: 61,
        endFrame: 100,
        labelNodeId: 'fall-backward-onto-back',
      },
      as(id('Bob')),
    );
    const annSees = await call('segments.list', { videoId }, as(id('Ann')));
    expect(annSees.every((s) => s.ownerId === id('Ann'))).toBe(true);
    expect(annSees).toHaveLength(2);
    expect(await call('segments.list', { videoId }, as(id('Eve')))).toHaveLength(4);
  });

  it('locks submitted work, compares when everyone has submitted, and lists disputes worst first', async () => {
    const first = await call('work.submit', { clientId: 'ann-tab', videoId }, as(id('Ann')));
    expect(first).toEqual({ submitted: 2, compared: false });
    const annTube = (await call('segments.list', { videoId }, as(id('Ann'))))[0];
    expect(annTube?.reviewState).toBe('submitted');
    expect(
      await refused(
        'segments.update',
        { clientId: 'ann-tab', segmentId: annTube?.id, revision: annTube?.revision, note: 'late change' },
        as(id('Ann')),
      ),
    ).toMatch(/^forbidden: You cannot change this tube: it is submitted/);
    expect(await call('work.submit', { clientId: 'bob-tab', videoId }, as(id('Bob')))).toEqual({
      submitted: 2,
      compared: true,
    });
    const queue = await call('review.queue', { states: ['disputed', 'agreed'] }, as(id('Eve')));
    expect(queue.map((i) => i.state)).toEqual(['disputed', 'agreed']);
    expect(queue[0]?.reasons).toEqual([
      {
        kind: 'label',
        level: 2,
        labels: {
          [id('Ann')]: 'fall-forward-hands',
          [id('Bob')]: 'fall-backward-onto-back',
        },
      },
    ]);
    expect(queue[0]?.reasonText[0]).toMatch(/^Labels part at level 2: /);
    expect(queue[0]?.reasonText[0]).toContain('Ann: Fall forward onto the hands');
    expect(queue[0]?.reasonText[0]).toContain('Bob: Fall backward onto the back or buttocks');
    expect(await refused('review.queue', { states: ['disputed'] }, as(id('Ann')))).toMatch(
      /^forbidden: review.queue is for experts or admins/,
    );
  });

  it('returns a dispute with a comment to the annotator, who fixes it; the expert then makes it final', async () => {
    const [dispute] = await call('review.queue', { states: ['disputed'] }, as(id('Eve')));
    if (!dispute) throw new Error('no dispute');
    await call(
      'review.return',
      {
        clientId: 'eve-tab',
        itemId: dispute.id,
        annotatorId: id('Bob'),
        comment: 'She falls forward onto her hands: look at frame 80.',
      },
      as(id('Eve')),
    );
    const inbox = await call('work.queue', {}, as(id('Bob')));
    expect(inbox.returned).toHaveLength(1);
    expect(inbox.returned[0]?.comments.map((c) => c.text)).toEqual([
      'She falls forward onto her hands: look at frame 80.',
    ]);
    const mine = inbox.returned[0]?.segments[0];
    if (!mine) throw new Error('no returned tube');
    expect(mine.reviewState).toBe('returned');
    await call(
      'segments.update',
      { clientId: 'bob-tab', segmentId: mine.id, revision: mine.revision, labelNodeId: 'fall-forward-hands' },
      as(id('Bob')),
    );
    expect(await call('work.submit', { clientId: 'bob-tab', videoId }, as(id('Bob')))).toEqual({
      submitted: 1,
      compared: true,
    });
    const queue = await call('review.queue', { states: ['disputed', 'agreed'] }, as(id('Eve')));
    expect(queue.map((i) => i.state)).toEqual(['agreed', 'agreed']);
    const item = queue.find((i) => i.versions.length === 2 && i.reasons.length === 0);
    const accepted = item?.versions[0]?.segmentId as string;
    const done = await call(
      'review.finalize',
      { clientId: 'eve-tab', itemId: item?.id as string, segmentId: accepted, edit: false },
      as(id('Eve')),
    );
    expect(done.item.state).toBe('final');
    expect(done.finalSegment.reviewState).toBe('final');
    const history = await call('edits.list', { segmentId: accepted, limit: 50 }, as(id('Eve')));
    expect(history.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['review.finalize', 'review.submit', 'segment.create']),
    );
    expect(history.find((e) => e.kind === 'review.finalize')?.userId).toBe(id('Eve'));
  });

  it('reports agreement and annotator figures to experts', async () => {
    const report = await call('review.agreement', { level: 1 }, as(id('Eve')));
    expect(report.items).toBe(2);
    expect(report.pairs).toHaveLength(1);
    expect(report.pairs[0]?.percentAgreement.value).toBe(1);
    const stats = await call('review.annotators', {}, as(id('admin')));
    const bob = stats.find((s) => s.name === 'Bob');
    expect(bob?.reworkRate).toBeGreaterThan(0);
    expect(bob?.tubes).toBe(2);
  });
});
