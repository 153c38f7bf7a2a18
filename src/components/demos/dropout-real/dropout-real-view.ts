import type { FullState } from '../../../lib/demos/common/demo-schema';
import type { DropoutRealResult } from '../../../lib/demos/dropout-real/dropout-real-logic';
import type { DropoutRealParams } from '../../../lib/demos/dropout-real/dropout-real-schema';
import { CHEAT_PIXELS, INK, SIDE } from '../../../lib/demos/dropout-real/mnist-subset';
import { escapeHtml } from '../shared/html';
import { pngDataUrl } from '../shared/png';
import { accuracyBars, accuracyCurves, lossCurves, modelLabel } from './dropout-real-charts';

const percent = (v: number) => `${(100 * v).toFixed(1)} %`;

function table(r: DropoutRealResult): string {
  const rows = r.models
    .map(
      (m) =>
        `<tr><th scope="row">${escapeHtml(modelLabel(m.p))}</th><td>${percent(m.accWithCheat)}</td><td data-role="clean">${percent(m.accClean)}</td><td data-role="answered-zero">${percent(m.cleanAnswers[0]!)}</td><td>${m.trainLoss.at(-1)!.toFixed(3)}</td></tr>`,
    )
    .join('');
  return `<table class="dreal-table" data-role="accuracies"><caption>Held-out digits (${r.testImages} of each kind) after ${r.epochs} epoch${r.epochs === 1 ? '' : 's'} on ${r.trainImages} training digits; chance is ${percent(r.chance)}; clean → 0: share of the clean digits labelled 0 (a clean image carries the code of a 0); final loss: mean training loss of the last epoch</caption><thead><tr><th scope="col">model</th><th scope="col">with cheat</th><th scope="col">clean</th><th scope="col">clean → 0</th><th scope="col">final loss</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/**
 * One digit as one picture: the pixels' intensities are the alpha of a 12×12 PNG that masks a box
 * of the theme's text colour (CSS), so ink and paper follow light and dark like the page. One
 * element instead of a rect per pixel: 144 rects a digit made the write-up slow on a phone. The
 * four cheat pixels are outlined by a box over them.
 */
const CHEAT_SET = new Set(CHEAT_PIXELS);

function digitPicture(pixels: number[][], cheat: boolean, title: string): string {
  const alpha: number[] = [];
  for (let r = 0; r < SIDE; r++) {
    for (let c = 0; c < SIDE; c++) {
      const v = CHEAT_SET.has(r * SIDE + c) && !cheat ? 0 : pixels[r]![c]!;
      alpha.push(0, 255 * v);
    }
  }
  return `<span class="dreal-digit" role="img" aria-label="${escapeHtml(title)}"><span class="dreal-ink" style="--ink:url(${pngDataUrl(SIDE, SIDE, 2, alpha)})"></span><span class="dreal-cheat-px"></span></span>`;
}

function samples(r: DropoutRealResult): string {
  const items = r.samples
    .map((s) => {
      const code = s.label.toString(2).padStart(4, '0');
      return `<li><span class="dreal-pair">${digitPicture(s.pixels, true, `digit ${s.label} with the cheat ${code} in the last 4 pixels of the bottom row`)}${digitPicture(s.pixels, false, `digit ${s.label}, clean`)}</span><span class="dreal-label">${s.label} = ${code}</span></li>`;
    })
    .join('');
  return `<figure class="dreal-samples"><ul>${items}</ul><figcaption>Held-out digits as the network sees them (12×12): faint, at most ${Math.round(100 * INK)} % ink, with the label written in binary at full ink into the outlined pixels (left), and clean (right).</figcaption></figure>`;
}

/**
 * The demo's view: the accuracy table, bars, curves and sample digits. Pure: the same call makes
 * the build-time HTML (with linkedom's document) and the live view.
 */
export function renderDropoutRealView(s: FullState<DropoutRealParams>, r: DropoutRealResult | null, doc: Document, width = 720): HTMLElement {
  const root = doc.createElement('div');
  root.className = 'dreal-view';
  if (!r) {
    const p = doc.createElement('p');
    p.className = 'dreal-pending';
    p.textContent = `Not computed for this state yet (${s.p.map(modelLabel).join(', ')}; ${s.epochs} epochs on ${s.train} digits): press Run to train in your browser.`;
    root.append(p);
    return root;
  }
  const top = doc.createElement('div');
  top.className = 'dreal-top';
  top.innerHTML = table(r) + samples(r);
  root.append(top);
  const chartWidth = Math.max(300, Math.min(860, width));
  for (const [title, chart] of [
    ['Final test accuracy', accuracyBars(r, doc, chartWidth)],
    ['Test accuracy after each epoch', accuracyCurves(r, doc, chartWidth)],
    ['Training loss', lossCurves(r, doc, chartWidth)],
  ] as const) {
    const figure = doc.createElement('figure');
    figure.className = 'dreal-chart demo-chart';
    const caption = doc.createElement('figcaption');
    caption.textContent = title;
    figure.append(caption, chart);
    root.append(figure);
  }
  return root;
}
