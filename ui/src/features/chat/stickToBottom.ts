/** How close to the end (px) still counts as "at the bottom": absorbs rounding and a line. */
export const STICK_THRESHOLD = 32;

export interface ScrollBox {
  scrollTop: number;
  scrollHeight: number;
  clientHeight: number;
}

/** Whether the view shows its end: new content should then keep it scrolled down. */
export function atBottom(box: ScrollBox, threshold = STICK_THRESHOLD): boolean {
  return box.scrollHeight - box.scrollTop - box.clientHeight <= threshold;
}

/**
 * Follows the user's scrolling: scrolling up releases the view, scrolling back to the end
 * sticks it again. Content growth alone never releases it (the box grew, the user did not
 * move), so `onScroll` only acts on a position the user changed.
 */
export class StickToBottom {
  stuck = true;
  private lastTop = 0;

  onScroll(box: ScrollBox): void {
    if (box.scrollTop < this.lastTop - 1) this.stuck = atBottom(box);
    else if (atBottom(box)) this.stuck = true;
    this.lastTop = box.scrollTop;
  }

  /** Records a scroll the view made itself (to the bottom), so it is not taken for the user's. */
  scrolledTo(top: number): void {
    this.lastTop = top;
  }
}
