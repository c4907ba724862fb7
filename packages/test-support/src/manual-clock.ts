/** A clock the test moves by hand; pass `clock.now` wherever code takes a `now`. */
export class ManualClock {
  private current: Date;

  constructor(start: string | Date) {
    this.current = new Date(start);
  }

  readonly now = (): Date => new Date(this.current);

  advance(ms: number): Date {
    this.current = new Date(this.current.getTime() + ms);
    return this.now();
  }

  set(at: string | Date): void {
    this.current = new Date(at);
  }
}
