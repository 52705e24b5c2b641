/* eslint-disable @typescript-eslint/no-explicit-any -- HTTP answers and SQLite rows are untyped JSON here */
import http from 'node:http';

export interface ServerSentEvent {
  type: string;
  data: any;
}

/**
 * Reads a server-sent-event stream with a plain HTTP GET until the server ends it (or `timeoutMs` passes),
 * returning every event with its JSON data parsed.
 */
export function readEventStream(
  url: string,
  timeoutMs = 60_000,
): Promise<{ status: number; events: ServerSentEvent[] }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers: { Accept: 'text/event-stream' } }, (response) => {
      let buffer = '';
      const events: ServerSentEvent[] = [];
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = parseBlock(block);
          if (event) events.push(event);
        }
      });
      response.on('end', () => {
        clearTimeout(timer);
        resolve({ status: response.statusCode ?? 0, events });
      });
    });
    const timer = setTimeout(() => {
      request.destroy();
      reject(new Error(`event stream ${url} did not end within ${timeoutMs} ms`));
    }, timeoutMs);
    request.on('error', reject);
  });
}

function parseBlock(block: string): ServerSentEvent | undefined {
  let type = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) type = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
  }
  if (data.length === 0) return undefined;
  const text = data.join('\n');
  try {
    return { type, data: JSON.parse(text) };
  } catch {
    return { type, data: text };
  }
}
