// Telling a barcode scanner from a person by the keys' own times. A keyboard-wedge scanner
// types a whole code with a few milliseconds between keys; a person's keys are 60 ms and
// more apart, except that two keys pressed almost together (a fast typist's rollover) can be
// close. So it takes two close gaps in a row, three keys, to call it a scanner.

/** Keys closer together than this may come from a scanner. */
export const SCANNER_GAP_MS = 25;
/** Close gaps in a row that make a scanner's burst. */
const CLOSE_GAPS = 2;

export class KeyRhythm {
  private last = -Infinity;
  private close = 0;

  /** Note a key pressed at `timeStamp` (the event's own); whether it is part of a scanner's burst. */
  note(timeStamp: number): boolean {
    this.close = timeStamp - this.last < SCANNER_GAP_MS ? this.close + 1 : 0;
    this.last = timeStamp;
    return this.close >= CLOSE_GAPS;
  }
}
