// Progress of a long recording's parts: "part 1 of 9" while the first is on its way, then, as each part is done,
// how many are done and about how long the rest will take, estimated from the parts done (the service's time grows
// with a part's audio, so the estimate is per second of audio) and the lanes the rest go in.
import { msg, type Message } from '../messages';

export class PartProgress {
  private readonly startedAt = new Map<number, number>();
  private readonly tookMs = new Map<number, number>();

  /**
   * `seconds[i]`: part i's audio; `lanes`: parts in flight at once once part 1 is done (1 for a chain); `report` gets
   * each message.
   */
  constructor(
    private readonly name: string,
    private readonly seconds: readonly number[],
    private readonly lanes: number,
    private readonly report: (message: Message) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** Part i (0-based) is being sent. Only the first start is reported: later starts say nothing new. */
  start(i: number): void {
    this.startedAt.set(i, this.now());
    if (this.startedAt.size === 1) this.report(msg('long.progressFile', { name: this.name, index: i + 1, count: this.seconds.length }));
  }

  /** Part i is done. */
  finish(i: number): void {
    this.tookMs.set(i, this.now() - (this.startedAt.get(i) ?? this.now()));
    const done = this.tookMs.size;
    const count = this.seconds.length;
    if (done >= count) {
      this.report(msg('long.progressMerging', { name: this.name, count }));
      return;
    }
    const left = this.remainingMs();
    this.report(left === undefined
      ? msg('long.progressDone', { name: this.name, done, count })
      : msg('long.progressLeft', { name: this.name, done, count, left: duration(left) }));
  }

  /**
   * The time until the last part is done: each part takes the done parts' time per second of audio; parts in flight
   * hold a lane until their expected end, waiting parts take the first lane free.
   */
  remainingMs(): number | undefined {
    let took = 0;
    let heard = 0;
    for (const [i, ms] of this.tookMs) {
      took += ms;
      heard += this.seconds[i];
    }
    if (heard <= 0) return undefined;
    const perSecond = took / heard;
    const now = this.now();
    const lanes: number[] = [];
    const waiting: number[] = [];
    this.seconds.forEach((s, i) => {
      if (this.tookMs.has(i)) return;
      const started = this.startedAt.get(i);
      if (started === undefined) waiting.push(s);
      else lanes.push(Math.max(now, started + perSecond * s));
    });
    while (lanes.length < this.lanes) lanes.push(now);
    let end = Math.max(now, ...lanes);
    for (const s of waiting) {
      lanes.sort((a, b) => a - b);
      lanes[0] += perSecond * s;
      end = Math.max(end, lanes[0]);
    }
    return end - now;
  }
}

/** "about 40 s" / "about 3 min", rounded up to 5 s under a minute and to whole minutes above. */
function duration(ms: number): Message {
  const s = Math.max(5, Math.ceil(ms / 5000) * 5);
  return s < 60 ? msg('long.seconds', { n: s }) : msg('long.minutes', { n: Math.round(s / 60) });
}
