import { createInitialState } from '@app/domain';
import { validApplication } from '@app/domain/testing/domain.fixtures';
import { projectSnapshotOf, TransitionRecord } from '@app/workflows/public-api';
import { REPLACED_PATHS_KEY, storable } from './storable-records';

function transition(title: string, comment: string): TransitionRecord {
  const at = '2026-12-01T10:00:00.000Z';
  const state = createInitialState('p-1', validApplication({ title }), at);
  return {
    snapshot: projectSnapshotOf(state, 'project-p-1', at),
    audit: {
      projectId: 'p-1',
      workflowId: 'project-p-1',
      runId: 'r-1',
      eventRef: 'u-1',
      kind: 'decision',
      eventType: 'screenApplication',
      actor: { userId: 'u-1', role: 'staff' },
      workflowTime: at,
      payload: { decision: { type: 'screenApplication', outcome: 'reject', comment } },
    },
  };
}

describe('storable()', () => {
  it('leaves a storable transition as it is, listing nothing', () => {
    const record = transition('Orchard lidar', 'Not yet.');
    expect(storable(record)).toBe(record);
  });

  it('replaces NUL and lone surrogates by U+FFFD everywhere and lists the paths in the payload', () => {
    const safe = storable(transition('Orchard\u0000', 'No\uD800'));
    expect(safe.snapshot.title).toBe('Orchard\uFFFD');
    expect(safe.audit.payload.decision).toEqual({
      type: 'screenApplication',
      outcome: 'reject',
      comment: 'No\uFFFD',
    });
    expect(safe.audit.payload[REPLACED_PATHS_KEY]).toEqual([
      'snapshot.title',
      'audit.payload.decision.comment',
    ]);
    expect(JSON.stringify(safe)).not.toMatch(/\\u0000|\\ud800/i);
  });
});
