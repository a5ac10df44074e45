import { describe, expect, it } from 'vitest';
import { placardNameClass, placardNote } from './ModelObjects';

describe('a model placard', () => {
  it('saysWhereAModelRunsOrThatItIsInUseInFewWords', () => {
    expect(placardNote({ offline: true, available: true, provider: 'offline' }, false)).toBe('offline · not AI');
    expect(placardNote({ offline: true, available: true, provider: 'offline' }, true)).toBe('in use · offline');
    expect(placardNote({ offline: false, available: false, provider: 'huggingface' }, false)).toBe('huggingface · no token');
    expect(placardNote({ offline: false, available: true, provider: 'openai' }, true)).toBe('in use · openai');
  });

  it('wrapsANameBetweenWordsAndAnIdAnywhere', () => {
    expect(placardNameClass('Llama 3.3 70B Instruct')).toContain('[overflow-wrap:anywhere]');
    expect(placardNameClass('mixtral:8x7b-instruct-v0.1-q3_K_S')).toContain('break-all');
    expect(placardNameClass('mixtral:8x7b-instruct-v0.1-q3_K_S')).toContain('text-[10.5px]');
  });
});
