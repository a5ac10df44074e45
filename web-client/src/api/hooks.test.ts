import { describe, expect, it } from 'vitest';
import { applyDelta, mergeJob, placeReply } from './hooks';
import type { ImageJob } from './images';
import type { ChatMessage } from './chat';

const msg = (id: string, role: ChatMessage['role'], parentId: string | null, content = ''): ChatMessage => ({ id, role, parentId, content });

describe('applyDelta', () => {
  it('appendsWhenTheOffsetFollowsTheText', () => {
    expect(applyDelta('Hello', ' world', '11')).toBe('Hello world');
  });
  it('doesNotRepeatTextAlreadyShownAfterAReattach', () => {
    expect(applyDelta('Hello wor', ' world', '11')).toBe('Hello world');
  });
  it('appendsWithoutAnId', () => {
    expect(applyDelta('a', 'b', undefined)).toBe('ab');
  });
});

describe('placeReply', () => {
  const conv = { id: 'c', title: null, messages: [msg('u1', 'user', null, 'q'), msg('a1', 'assistant', 'u1', 'r1')] };

  it('appendsANewTurnAtTheEnd', () => {
    const next = placeReply(conv, msg('u2', 'user', 'a1', 'q2'), msg('a2', 'assistant', 'u2'));
    expect(next.messages!.map((m) => m.id)).toEqual(['u1', 'a1', 'u2', 'a2']);
  });
  it('replacesTheLastReplyWhenRegenerating', () => {
    const next = placeReply(conv, undefined, msg('a1b', 'assistant', 'u1'));
    expect(next.messages!.map((m) => m.id)).toEqual(['u1', 'a1b']);
  });
  it('startsABranchWhenAFirstMessageIsEdited', () => {
    const next = placeReply(conv, msg('u1b', 'user', null, 'q edited'), msg('a3', 'assistant', 'u1b'));
    expect(next.messages!.map((m) => m.id)).toEqual(['u1b', 'a3']);
  });
});

describe('mergeJob', () => {
  const job = (status: string): ImageJob => ({ id: 'j', model: 'm', prompt: 'p', status });
  it('takesANewerStatusFromTheEvents', () => {
    expect(mergeJob(job('queued'), job('running')).status).toBe('running');
  });
  it('ignoresAQueuedAnswerThatArrivesAfterTheJobFinished', () => {
    expect(mergeJob(job('succeeded'), job('queued')).status).toBe('succeeded');
  });
});
