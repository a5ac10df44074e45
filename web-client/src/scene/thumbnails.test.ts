import { describe, expect, it } from 'vitest';
import type { ImageJob } from '@/api/images';
import { picturesKept } from '@/state/room';
import { picturesAhead, titleLines } from './thumbnails';

const jobs = (n: number, status = 'succeeded') =>
  Array.from({ length: n }, (_, i) => ({ id: `p${i}`, status, prompt: `picture ${i}`, width: 512, height: 512 }) as unknown as ImageJob);
const ids = (js: ImageJob[]) => js.map((j) => j.id);
const page = (p: number) => Array.from({ length: 12 }, (_, i) => `p${p * 12 + i}`);

describe('picturesAhead', () => {
  it('decodes the first and the last wall and two walls either side, never what the atlas keeps', () => {
    const hung = jobs(150); // 13 walls
    const ahead = ids(picturesAhead(hung, 6));
    expect(new Set(ahead)).toEqual(new Set([...page(0), ...page(12).slice(0, 6), ...page(3), ...page(4), ...page(8), ...page(9)]));
    expect(ahead.slice(0, 12).every((id) => page(4).includes(id) || page(8).includes(id))).toBe(true); // nearest first
    const kept = new Set(ids(picturesKept(hung, 6)));
    expect(ahead.some((id) => kept.has(id))).toBe(false);
  });

  it('reaches the last wall from the first, however far', () => {
    const ahead = ids(picturesAhead(jobs(39), 0));
    expect(ahead).toEqual(expect.arrayContaining(['p36', 'p37', 'p38', ...page(2), ...page(3).slice(0, 3)]));
    expect(picturesAhead(jobs(24), 0)).toEqual([]); // both walls are in the atlas already
  });

  it('skips pictures still being made (they have no thumbnail)', () => {
    expect(picturesAhead(jobs(60, 'running'), 0)).toEqual([]);
  });
});

describe('titleLines', () => {
  const measure = (t: string) => t.length * 10; // 10 px a character

  it('breaks a prompt at words within the width', () => {
    expect(titleLines('a quiet harbour at dusk with lanterns', measure, 120, 4)).toEqual(['a quiet', 'harbour at', 'dusk with', 'lanterns']);
  });

  it('ends the last line with an ellipsis when the prompt is longer', () => {
    const lines = titleLines('one two three four five six seven eight nine ten', measure, 100, 2);
    expect(lines).toHaveLength(2);
    expect(lines[1].endsWith('…')).toBe(true);
    expect(lines.every((l) => measure(l) <= 100)).toBe(true);
  });

  it('cuts a word wider than a line', () => {
    expect(titleLines('supercalifragilistic', measure, 80, 3)).toEqual(['superca…']);
  });

  it('answers nothing for an empty prompt', () => {
    expect(titleLines('   ', measure, 100, 3)).toEqual([]);
  });
});
