import { useEffect, useMemo, useRef } from 'react';
import { useThree } from '@react-three/fiber';
import { Instance, Instances } from '@react-three/drei';
import { BufferAttribute, BufferGeometry, CanvasTexture, SRGBColorSpace } from 'three';
import type { ImageJob } from '@/api/images';
import { MAX_KEPT, picturesKept, type RoomObject } from '@/state/room';
import { FRAME_BORDER, pictureSize, pictureSpot, PICTURES_PER_WALL, wallLayout, type Wall } from './layout';
import { ACCENT } from './ModelObjects';
import { picturesAhead, ThumbnailStore, titleLines } from './thumbnails';


// All pictures share one texture (an atlas of thumbnails) and one mesh; all frames are one instanced mesh.
// So a full room of pictures costs two draw calls, however many hang.
const TILE = 256;
const COLS = 8;
const ROWS = Math.ceil(MAX_KEPT / COLS);
const INSET = 2 / TILE; // keeps a tile's sampling off its neighbours

let shown = 0;
/** How many pictures are drawn into the atlas right now (read by the end-to-end tests). */
export const picturesShown = () => shown;
let current: PictureAtlas | null = null;
/** Whether a picture's thumbnail is drawn on the wall's atlas, and whether it is decoded (end-to-end tests). */
export const pictureState = (id: string) => ({ drawn: !!current?.isDrawn(id), decoded: !!current?.isDecoded(id) });

class PictureAtlas {
  readonly canvas = document.createElement('canvas');
  readonly ctx: CanvasRenderingContext2D;
  readonly texture: CanvasTexture;
  private readonly tiles = new Map<string, number>();
  private readonly drawn = new Set<string>();
  private readonly free: number[] = [];
  private readonly thumbnails = new ThumbnailStore();

  constructor(private readonly onChange: () => void) {
    this.canvas.width = COLS * TILE;
    this.canvas.height = ROWS * TILE;
    this.ctx = this.canvas.getContext('2d')!;
    this.texture = new CanvasTexture(this.canvas);
    this.texture.colorSpace = SRGBColorSpace;
    this.texture.anisotropy = 4;
    for (let i = COLS * ROWS - 1; i >= 0; i--) this.free.push(i);
  }

  tileOf(id: string) {
    return this.tiles.get(id) ?? 0;
  }

  /** Whether this picture's thumbnail is drawn in the atlas (read by the end-to-end tests). */
  isDrawn(id: string) {
    return this.drawn.has(id);
  }

  /** Whether this picture's thumbnail is decoded and waiting (read by the end-to-end tests). */
  isDecoded(id: string) {
    return !!this.thumbnails.get(id);
  }

  /**
   * Gives every kept picture a tile and draws it: its thumbnail at once when it is decoded already, else a placeholder
   * with its prompt until the thumbnail arrives. Frees the tiles of pictures gone; decodes `ahead` (pages a jump may
   * bring) in the background.
   */
  sync(jobs: ImageJob[], ahead: ImageJob[]) {
    const keep = new Set(jobs.map((j) => j.id));
    for (const [id, tile] of this.tiles) {
      if (keep.has(id)) continue;
      this.tiles.delete(id);
      this.undraw(id);
      this.free.push(tile);
      this.clear(tile);
    }
    for (const job of jobs) {
      let tile = this.tiles.get(job.id);
      if (tile === undefined) {
        tile = this.free.pop()!;
        this.tiles.set(job.id, tile);
        const img = job.status === 'succeeded' ? this.thumbnails.get(job.id) : undefined;
        if (img) this.draw(job.id, tile, img);
        else this.placeholder(tile, job.status === 'succeeded' ? job.prompt : 'Being made…', job.status === 'succeeded');
      }
      if (job.status === 'succeeded' && !this.drawn.has(job.id)) {
        const t = tile;
        this.thumbnails.need(job, (img) => {
          if (this.tiles.get(job.id) !== t || this.drawn.has(job.id)) return; // left the wall, or drawn meanwhile
          this.draw(job.id, t, img);
          this.texture.needsUpdate = true;
          this.onChange();
        });
      }
      if (job.status !== 'succeeded') this.undraw(job.id);
    }
    this.thumbnails.keep(new Set([...keep, ...ahead.map((j) => j.id)]));
    this.thumbnails.ahead(ahead);
    this.texture.needsUpdate = true;
  }

  private draw(id: string, tile: number, img: HTMLImageElement) {
    const [x, y] = this.origin(tile);
    this.ctx.drawImage(img, x, y, TILE, TILE);
    if (!this.drawn.has(id)) shown++;
    this.drawn.add(id);
  }

  private undraw(id: string) {
    if (this.drawn.delete(id)) shown--;
  }

  private origin(tile: number): [number, number] {
    return [(tile % COLS) * TILE, Math.floor(tile / COLS) * TILE];
  }

  private clear(tile: number) {
    const [x, y] = this.origin(tile);
    this.ctx.clearRect(x, y, TILE, TILE);
  }

  /** A tile waiting for its thumbnail: the frame's dark ground with the picture's prompt (or "Being made…"). */
  private placeholder(tile: number, text: string, isTitle = false) {
    const [x, y] = this.origin(tile);
    const g = this.ctx.createLinearGradient(x, y, x, y + TILE);
    g.addColorStop(0, '#2b3642');
    g.addColorStop(1, '#1a2129');
    this.ctx.fillStyle = g;
    this.ctx.fillRect(x, y, TILE, TILE);
    if (!text) return;
    this.ctx.fillStyle = isTitle ? '#c8d3de' : '#9fd8f5';
    this.ctx.font = `500 ${isTitle ? 20 : 22}px system-ui, sans-serif`;
    this.ctx.textAlign = 'center';
    const lines = isTitle ? titleLines(text, (t) => this.ctx.measureText(t).width, TILE - 36, 4) : [text];
    const lineHeight = 26;
    const top = y + TILE / 2 - ((lines.length - 1) * lineHeight) / 2 + 7;
    lines.forEach((line, i) => this.ctx.fillText(line, x + TILE / 2, top + i * lineHeight));
  }

  /** UV corners of a tile: [u0, v0 (bottom), u1, v1 (top)]; the canvas is flipped on upload. */
  uv(tile: number): [number, number, number, number] {
    const c = tile % COLS;
    const r = Math.floor(tile / COLS);
    return [c / COLS + INSET / COLS, 1 - (r + 1) / ROWS + INSET / ROWS, (c + 1) / COLS - INSET / COLS, 1 - r / ROWS - INSET / ROWS];
  }

  dispose() {
    for (const id of [...this.drawn]) this.undraw(id);
    this.thumbnails.dispose();
    this.texture.dispose();
  }
}

/** One geometry holding a quad per picture, each placed on its wall and mapped to its tile of the atlas. */
function picturesGeometry(jobs: ImageJob[], atlas: PictureAtlas, wall: Wall): BufferGeometry {
  const pos = new Float32Array(jobs.length * 12);
  const uv = new Float32Array(jobs.length * 8);
  const index: number[] = [];
  jobs.forEach((job, i) => {
    const { position: [px, py, pz], rotationY } = pictureSpot(i, jobs.length, wall);
    const [w, h] = pictureSize(job, wall);
    const cos = Math.cos(rotationY);
    const sin = Math.sin(rotationY);
    const d = 0.041; // in front of the frame's face
    const corners: [number, number][] = [[-w / 2, -h / 2], [w / 2, -h / 2], [w / 2, h / 2], [-w / 2, h / 2]];
    corners.forEach(([lx, ly], k) => {
      pos.set([px + lx * cos + d * sin, py + ly, pz - lx * sin + d * cos], i * 12 + k * 3);
    });
    const [u0, v0, u1, v1] = atlas.uv(atlas.tileOf(job.id));
    uv.set([u0, v0, u1, v0, u1, v1, u0, v1], i * 8);
    const b = i * 4;
    index.push(b, b + 1, b + 2, b, b + 2, b + 3);
  });
  const g = new BufferGeometry();
  g.setAttribute('position', new BufferAttribute(pos, 3));
  g.setAttribute('uv', new BufferAttribute(uv, 2));
  g.setIndex(index);
  g.computeBoundingSphere();
  return g;
}

const FRAME = '#8a6a44';
const FRAME_HOVER = '#c9a66b';

/** How the pictures hang on this canvas: the back wall's pictures fit between the side panels (`insets`). */
export function useWall(insets: { left: number; right: number }): Wall {
  const size = useThree((s) => s.size);
  const freeWidth = size.width - insets.left - insets.right;
  return useMemo(() => wallLayout({ height: size.height || 1, freeWidth: freeWidth > 0 ? freeWidth : size.width }), [size.height, size.width, freeWidth]);
}

/** The pictures of one page of the back wall (page `page` of those hung). */
export const picturesOnPage = (pictures: ImageJob[], page: number) => pictures.slice(page * PICTURES_PER_WALL, (page + 1) * PICTURES_PER_WALL);

export interface GalleryWallProps {
  /** Every hung picture (the thumbnails of the pages either side of the one shown wait in the atlas, so a page turns at once). */
  pictures: ImageJob[];
  /** Which wall's worth of them hangs now. */
  page: number;
  insets: { left: number; right: number };
  focused: RoomObject | null;
  hovered: RoomObject | null;
  onOpen: (id: string) => void;
  onHover: (o: RoomObject | null) => void;
}

/** The hung pictures: framed, lit by the wall washers; a click opens one full size. */
export function GalleryWall({ pictures: hung, page, insets, focused, hovered, onOpen, onHover }: GalleryWallProps) {
  const invalidate = useThree((s) => s.invalidate);
  const wall = useWall(insets);
  const changed = useRef(invalidate);
  changed.current = invalidate;
  const atlas = useMemo(() => new PictureAtlas(() => changed.current()), []);
  useEffect(() => {
    current = atlas;
    return () => {
      if (current === atlas) current = null;
      atlas.dispose();
    };
  }, [atlas]);

  const pictures = useMemo(() => picturesOnPage(hung, page), [hung, page]);
  const geometry = useMemo(() => {
    atlas.sync(picturesKept(hung, page), picturesAhead(hung, page));
    return picturesGeometry(pictures, atlas, wall);
  }, [hung, page, pictures, atlas, wall]);
  useEffect(() => {
    invalidate();
    return () => geometry.dispose();
  }, [geometry, invalidate]);

  if (pictures.length === 0) return null;
  return (
    <group>
      <mesh geometry={geometry} renderOrder={1}>
        <meshBasicMaterial map={atlas.texture} toneMapped={false} />
      </mesh>
      {/* frames={1}: the instances' matrices and colours are copied once after each render of this component, not
          on every frame (drei's default re-uploads them each frame, which turning the camera does not need). */}
      <Instances limit={PICTURES_PER_WALL} range={pictures.length} frames={1}>
        <boxGeometry args={[1, 1, 1]} />
        <meshStandardMaterial roughness={0.42} metalness={0.45} envMapIntensity={0.8} />
        {pictures.map((job, i) => {
          const { position, rotationY } = pictureSpot(i, pictures.length, wall);
          const [w, h] = pictureSize(job, wall);
          const isFocused = focused?.kind === 'picture' && focused.id === job.id;
          const isHovered = hovered?.kind === 'picture' && hovered.id === job.id;
          const border = 2 * FRAME_BORDER + (isFocused ? 0.1 : 0);
          const done = job.status === 'succeeded';
          return (
            <Instance
              key={job.id}
              position={position}
              rotation-y={rotationY}
              scale={[w + border, h + border, 0.06]}
              color={isFocused ? ACCENT : isHovered ? FRAME_HOVER : FRAME}
              onClick={(e) => {
                e.stopPropagation();
                if (done) onOpen(job.id);
              }}
              onPointerOver={(e) => {
                e.stopPropagation();
                onHover({ kind: 'picture', id: job.id });
                document.body.style.cursor = done ? 'zoom-in' : 'progress';
              }}
              onPointerOut={() => {
                onHover(null);
                document.body.style.cursor = '';
              }}
            />
          );
        })}
      </Instances>
    </group>
  );
}
