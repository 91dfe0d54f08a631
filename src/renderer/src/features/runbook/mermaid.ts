// Mermaid diagrams in the runbook (the seeds draw their decision flows with them), drawn with
// mermaid's strict security level and the SVG sanitized again before it reaches the page. Mermaid is
// loaded only when a runbook has a diagram; a diagram that fails to draw stays as its source.
import DOMPurify from 'dompurify';

type Mermaid = typeof import('mermaid').default;
let loading: Promise<Mermaid> | null = null;
let counter = 0;

function load(theme: 'dark' | 'default'): Promise<Mermaid> {
  loading ??= import('mermaid').then((m) => m.default);
  return loading.then((mermaid) => {
    mermaid.initialize({
      startOnLoad: false,
      securityLevel: 'strict',
      theme,
      // SVG text labels, not HTML in foreignObject: what the sanitizer keeps is what is shown.
      flowchart: { htmlLabels: false },
      htmlLabels: false,
      fontFamily: 'system-ui, sans-serif',
    });
    return mermaid;
  });
}

/** Draw every ```mermaid block under `root`; returns how many were drawn. */
export async function renderDiagrams(
  root: HTMLElement,
  theme: 'dark' | 'default',
  failedLabel: string,
): Promise<number> {
  const blocks = [...root.querySelectorAll<HTMLElement>('pre > code.language-mermaid')];
  if (!blocks.length) return 0;
  const mermaid = await load(theme);
  let drawn = 0;
  for (const code of blocks) {
    const pre = code.parentElement!;
    if (code.dataset.drawn) continue;
    code.dataset.drawn = '1';
    const figure = document.createElement('figure');
    figure.className = 'mermaid-diagram';
    try {
      const { svg } = await mermaid.render(`tejun-mermaid-${++counter}`, code.textContent ?? '');
      figure.innerHTML = DOMPurify.sanitize(svg, {
        USE_PROFILES: { svg: true, svgFilters: true },
        ADD_TAGS: ['style'],
      });
      figure.setAttribute('data-testid', 'mermaid-diagram');
      drawn++;
    } catch (e) {
      figure.className = 'mermaid-diagram mermaid-failed';
      figure.textContent = `${failedLabel}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`;
    }
    pre.before(figure);
    // The source stays readable, folded under the drawing.
    const details = document.createElement('details');
    const summary = document.createElement('summary');
    summary.textContent = 'mermaid';
    pre.replaceWith(details);
    details.append(summary, pre);
  }
  return drawn;
}
