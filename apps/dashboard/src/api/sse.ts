/**
 * An incremental parser of a `text/event-stream` body (the HTML standard's event-stream format):
 * `event: name` and `data: text` lines build a message, a blank line delivers it, `:` starts a
 * comment. The dashboard reads the stream with fetch() rather than EventSource because only fetch
 * can send the `Authorization` header a server with closed reads asks for.
 */
export interface SseMessage {
  /** The `event:` field; "message" when the server named none. */
  event: string;
  /** The `data:` lines joined by "\n". */
  data: string;
}

export class SseParser {
  /** Text after the last line break: the start of a line whose end has not arrived yet. */
  private pending = '';
  private event = '';
  private dataLines: string[] = [];

  constructor(private readonly onMessage: (message: SseMessage) => void) {}

  /** Feeds the next decoded chunk; delivers every message it completes. Lines end in "\n" or "\r\n". */
  push(chunk: string): void {
    const lines = (this.pending + chunk).split('\n');
    this.pending = lines.pop() ?? '';
    for (const line of lines) this.line(line.endsWith('\r') ? line.slice(0, -1) : line);
  }

  private line(line: string): void {
    if (line === '') return this.deliver();
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    // One space after the colon belongs to the syntax, not to the value.
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') this.event = value;
    else if (field === 'data') this.dataLines.push(value);
    // `id` and `retry` steer EventSource's reconnection, which the dashboard does not use.
  }

  private deliver(): void {
    if (this.dataLines.length > 0) this.onMessage({ event: this.event || 'message', data: this.dataLines.join('\n') });
    this.event = '';
    this.dataLines = [];
  }
}
