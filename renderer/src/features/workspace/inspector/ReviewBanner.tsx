import { useEffect } from 'react';
import { currentRole } from '../../../store/role';
import { useApp } from '../../../store/store';
import { hrefOf } from '../../shell/route';
import { useWorkspace } from '../workspaceContext';

/**
 * For an annotator: where their work on this video stands. Independent labelling means they see only their
 * own tubes (and final ones) until they submit; submitted tubes are locked until an expert returns them.
 */
export function ReviewBanner() {
  const { video } = useWorkspace();
  const role = useApp(currentRole);
  const open = useApp((s) => s.authMode === 'open');
  const loadWorkQueue = useApp((s) => s.loadWorkQueue);
  const assignment = useApp((s) => s.workQueue?.assignments.find((a) => a.videoId === video.id));
  const returned = useApp((s) => s.workQueue?.returned.filter((r) => r.videoId === video.id).length ?? 0);
  const annotator = role === 'annotator' && !open;
  useEffect(() => {
    if (annotator) void loadWorkQueue();
  }, [annotator, loadWorkQueue, video.id]);
  if (!annotator || !assignment) return null;
  return (
    <div
      className={`ws-banner ws-banner-${assignment.state}`}
      role="note"
      aria-label="Your work on this video"
      data-assignment-state={assignment.state}
    >
      {assignment.state === 'open' ? (
        <span>
          You see your own tubes only: anyone else labelling this video does so independently, and you see
          each other’s tubes once you have submitted.
          {returned > 0 &&
            ` ${returned} item${returned === 1 ? ' was' : 's were'} returned to you: the expert’s comments are in My work.`}
        </span>
      ) : (
        <span>
          Submitted: your tubes are locked until an expert returns them, and the other annotators’ tubes of
          this video show too.
        </span>
      )}
      <a href={hrefOf({ kind: 'work' })}>{assignment.state === 'open' ? 'Submit in My work' : 'My work'}</a>
    </div>
  );
}
