// The mask painter: a canvas over the image, in the image's own pixels, recording strokes (brush or eraser, a
// diameter, a polyline). The host draws the real mask PNG from the same strokes (src/studio/mask.ts); this canvas
// only shows them. Pointer, touch and keyboard (arrows move a cursor, Space stamps) all paint.

import * as l10n from '@vscode/l10n';
import type { MaskStroke } from './types';

export class MaskPainter {
  readonly el: HTMLDivElement;
  readonly canvas: HTMLCanvasElement;
  private readonly ctx2d: CanvasRenderingContext2D;
  private readonly cursor: HTMLDivElement;
  private active: MaskStroke | undefined;
  private keyX = 0;
  private keyY = 0;

  constructor(
    readonly image: HTMLImageElement,
    private strokes: MaskStroke[],
    private readonly tool: () => { mode: 'paint' | 'erase'; size: number },
    private readonly onChange: (strokes: MaskStroke[]) => void,
  ) {
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'mask-canvas';
    this.canvas.id = 'mask-canvas';
    this.canvas.tabIndex = 0;
    this.canvas.setAttribute('role', 'application');
    this.canvas.setAttribute(
      'aria-label',
      l10n.t('Mask painter. Paint where the image may change. Arrow keys move the cursor, Enter paints a dot, Space puts the pen down or lifts it, B brush, E eraser, [ and ] size, Ctrl+Z undo.'),
    );
    const ctx = this.canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas');
    this.ctx2d = ctx;
    this.cursor = document.createElement('div');
    this.cursor.className = 'mask-cursor';
    this.cursor.hidden = true;
    this.el = document.createElement('div');
    this.el.className = 'painter';
    this.el.append(image, this.canvas, this.cursor);
    this.bind();
    if (image.complete && image.naturalWidth) this.resize();
    image.addEventListener('load', () => this.resize());
  }

  get width(): number {
    return this.canvas.width;
  }
  get height(): number {
    return this.canvas.height;
  }
  get strokeList(): MaskStroke[] {
    return this.strokes;
  }

  setStrokes(strokes: MaskStroke[]): void {
    this.strokes = strokes;
    this.redraw();
  }

  undo(): void {
    if (!this.strokes.length) return;
    this.strokes = this.strokes.slice(0, -1);
    this.redraw();
    this.onChange(this.strokes);
  }

  clear(): void {
    this.strokes = [];
    this.redraw();
    this.onChange(this.strokes);
  }

  private resize(): void {
    this.canvas.width = this.image.naturalWidth;
    this.canvas.height = this.image.naturalHeight;
    this.keyX = this.canvas.width / 2;
    this.keyY = this.canvas.height / 2;
    this.redraw();
  }

  /** Image pixels per CSS pixel (the canvas is scaled to the panel's width). */
  private scale(): number {
    const rect = this.canvas.getBoundingClientRect();
    return rect.width ? this.canvas.width / rect.width : 1;
  }

  private toImage(e: PointerEvent): [number, number] {
    const rect = this.canvas.getBoundingClientRect();
    const s = this.scale();
    return [Math.round((e.clientX - rect.left) * s * 10) / 10, Math.round((e.clientY - rect.top) * s * 10) / 10];
  }

  private bind(): void {
    const c = this.canvas;
    c.addEventListener('pointerdown', (e) => {
      if (e.button !== 0 || !c.width) return;
      e.preventDefault();
      c.focus();
      c.setPointerCapture(e.pointerId);
      const { mode, size } = this.tool();
      const [x, y] = this.toImage(e);
      this.active = { mode, size, points: [x, y] };
      this.drawStroke(this.active, this.active.points.length - 2);
    });
    c.addEventListener('pointermove', (e) => {
      this.moveCursor(e);
      if (!this.active) return;
      const [x, y] = this.toImage(e);
      const p = this.active.points;
      const minStep = Math.max(1, this.active.size / 8);
      if (Math.hypot(x - p[p.length - 2], y - p[p.length - 1]) < minStep) return;
      p.push(x, y);
      this.drawStroke(this.active, p.length - 4);
    });
    const end = (): void => {
      if (!this.active) return;
      this.strokes = [...this.strokes, this.active];
      this.active = undefined;
      this.onChange(this.strokes);
    };
    c.addEventListener('pointerup', end);
    c.addEventListener('pointercancel', end);
    c.addEventListener('pointerleave', () => (this.cursor.hidden = true));
    c.addEventListener('keydown', (e) => this.onKey(e));
    c.addEventListener('focus', () => this.showKeyCursor());
    c.addEventListener('blur', () => {
      this.cursor.hidden = true;
      this.penDown = false;
      this.cursor.classList.remove('down');
    });
  }

  private onKey(e: KeyboardEvent): void {
    const step = (e.shiftKey ? 32 : 8) * this.scale();
    const moves: Record<string, [number, number]> =
      { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    if (moves[e.key]) {
      e.preventDefault();
      const [dx, dy] = moves[e.key];
      const fromX = this.keyX;
      const fromY = this.keyY;
      this.keyX = Math.min(this.width, Math.max(0, this.keyX + dx));
      this.keyY = Math.min(this.height, Math.max(0, this.keyY + dy));
      if (this.penDown) {
        const { mode, size } = this.tool();
        this.commit({ mode, size, points: [fromX, fromY, this.keyX, this.keyY] });
      }
      this.showKeyCursor();
    } else if (e.key === ' ') {
      // Space puts the pen down (a dot at the cursor; arrows then paint lines) or lifts it.
      e.preventDefault();
      this.penDown = !this.penDown;
      this.cursor.classList.toggle('down', this.penDown);
      if (this.penDown) {
        const { mode, size } = this.tool();
        this.commit({ mode, size, points: [this.keyX, this.keyY] });
      }
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const { mode, size } = this.tool();
      this.commit({ mode, size, points: [this.keyX, this.keyY] });
    }
  }

  private penDown = false;

  private commit(stroke: MaskStroke): void {
    this.strokes = [...this.strokes, stroke];
    this.drawStroke(stroke, 0);
    this.onChange(this.strokes);
  }

  private moveCursor(e: PointerEvent): void {
    const rect = this.canvas.getBoundingClientRect();
    const size = this.tool().size / this.scale();
    this.cursor.hidden = false;
    this.cursor.style.width = `${size}px`;
    this.cursor.style.height = `${size}px`;
    this.cursor.style.left = `${e.clientX - rect.left - size / 2}px`;
    this.cursor.style.top = `${e.clientY - rect.top - size / 2}px`;
  }

  private showKeyCursor(): void {
    const s = this.scale();
    const size = this.tool().size / s;
    this.cursor.hidden = false;
    this.cursor.style.width = `${size}px`;
    this.cursor.style.height = `${size}px`;
    this.cursor.style.left = `${this.keyX / s - size / 2}px`;
    this.cursor.style.top = `${this.keyY / s - size / 2}px`;
  }

  private redraw(): void {
    this.ctx2d.clearRect(0, 0, this.canvas.width, this.canvas.height);
    for (const s of this.strokes) this.drawStroke(s, 0);
  }

  /** Draws a stroke from point index `from` (an even offset into `points`) onwards. */
  private drawStroke(stroke: MaskStroke, from: number): void {
    const g = this.ctx2d;
    const p = stroke.points;
    g.save();
    g.globalCompositeOperation = stroke.mode === 'paint' ? 'source-over' : 'destination-out';
    g.fillStyle = g.strokeStyle = paintColour();
    g.lineWidth = stroke.size;
    g.lineCap = 'round';
    g.lineJoin = 'round';
    if (p.length === 2) {
      g.beginPath();
      g.arc(p[0], p[1], stroke.size / 2, 0, Math.PI * 2);
      g.fill();
    } else {
      g.beginPath();
      const start = Math.max(0, from);
      g.moveTo(p[start], p[start + 1]);
      for (let i = start + 2; i + 1 < p.length; i += 2) g.lineTo(p[i], p[i + 1]);
      g.stroke();
    }
    g.restore();
  }
}

let colour: string | undefined;
function paintColour(): string {
  colour ??= getComputedStyle(document.body).getPropertyValue('--vscode-focusBorder').trim() || '#007fd4';
  return colour;
}
