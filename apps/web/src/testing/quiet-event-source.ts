/** The browser's EventSource for whole-app tests whose live updates connect and stay quiet. */
export class QuietEventSource extends EventTarget {
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSED = 2;
  readyState = 0;
  close() {
    this.readyState = this.CLOSED;
  }
}
