import type { DropReport, FlowStats, Frame } from "../bindings/wire";

export interface TrackerState {
  generation: number;
  lastSeq: number;
  /** Frames that never arrived (seq jumped). */
  missingFrames: number;
  /** Events the core's ring dropped, summed from each frame's drop report. */
  droppedEvents: number;
  lastDrop: DropReport | null;
  stats: FlowStats | null;
  frames: number;
}

export const initialTrackerState: TrackerState = {
  generation: 0,
  lastSeq: 0,
  missingFrames: 0,
  droppedEvents: 0,
  lastDrop: null,
  stats: null,
  frames: 0,
};

/**
 * Folds one frame into the receiver's bookkeeping. Frame seq is continuous for the life
 * of a subscription, even across source restarts (a new generation), so any jump is a
 * lost frame.
 */
export function trackFrame<T>(state: TrackerState, frame: Frame<T>): TrackerState {
  const expected = state.lastSeq + 1;
  const gap = frame.seq > expected ? frame.seq - expected : 0;
  return {
    generation: frame.generation,
    lastSeq: Math.max(frame.seq, state.lastSeq),
    missingFrames: state.missingFrames + gap,
    droppedEvents: state.droppedEvents + (frame.dropped?.count ?? 0),
    lastDrop: frame.dropped ?? state.lastDrop,
    stats: frame.stats,
    frames: state.frames + 1,
  };
}
