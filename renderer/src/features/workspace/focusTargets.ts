/** The fields keys jump into (G: the frame box, N: the note); they register themselves as they mount. */
export class FocusTargets {
  private jump: HTMLInputElement | null = null;
  private note: HTMLTextAreaElement | null = null;

  readonly setJump = (el: HTMLInputElement | null): void => {
    this.jump = el;
  };

  readonly setNote = (el: HTMLTextAreaElement | null): void => {
    this.note = el;
  };

  focusJump(): void {
    this.jump?.focus();
    this.jump?.select();
  }

  focusNote(): void {
    this.note?.focus();
  }
}
