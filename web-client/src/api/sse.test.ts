import { describe, expect, it } from 'vitest';
import { readEventStream, type SseEvent } from './sse';
import { chunkedBody } from '@/test/fake-server';

async function collect(chunks: (string | Uint8Array)[]) {
  const events: SseEvent[] = [];
  await readEventStream(chunkedBody(chunks), (e) => events.push(e));
  return events;
}

describe('readEventStream', () => {
  it('parsesEventsSplitMidLineAcrossChunks', async () => {
    const events = await collect([
      'event: mess',
      'age\nid: 0\ndata: {"conversationId":"c1",',
      '"assistantMessage":{"id":"a1"}}\n',
      '\nevent: delta\nid: 5\nda',
      'ta: {"text":"Hello"}\n\n',
      'event: done\r\nid: 5\r\ndata: {"message":{"id":"a1","status":"complete"}}\r\n\r\n',
    ]);
    expect(events.map((e) => e.event)).toEqual(['message', 'delta', 'done']);
    expect(JSON.parse(events[0].data).assistantMessage.id).toBe('a1');
    expect(events[1]).toMatchObject({ id: '5', data: '{"text":"Hello"}' });
    expect(JSON.parse(events[2].data).message.status).toBe('complete');
  });

  it('joinsAMultiByteCharacterSplitBetweenChunks', async () => {
    const bytes = new TextEncoder().encode('event: delta\nid: 2\ndata: {"text":"é€"}\n\n');
    const cut = bytes.indexOf(0xe2) + 1; // inside the euro sign's three bytes
    const events = await collect([bytes.slice(0, cut), bytes.slice(cut)]);
    expect(JSON.parse(events[0].data).text).toBe('é€');
  });

  it('ignoresCommentsAndKeepsUnnamedEventsAsMessage', async () => {
    const events = await collect([': keep-alive\n\n', 'data: plain\n\n']);
    expect(events).toEqual([{ event: 'message', data: 'plain', id: undefined }]);
  });

  it('dropsAnEventCutOffBeforeItsBlankLine', async () => {
    const events = await collect(['event: delta\ndata: {"text":"a"}\n\n', 'event: delta\ndata: {"text":"b"}\n']);
    expect(events).toHaveLength(1);
  });
});
