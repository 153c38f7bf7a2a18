// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import { sidebar } from './src/lib/site/sidebar.mjs';
import rehypeFocusableMath from './src/lib/site/rehype-focusable-math.mjs';
import remarkHoldSolutions from './src/lib/site/remark-hold-solutions.ts';
import serviceWorker from './src/lib/site/service-worker.mjs';

// A fork deploys with no code change: the workflow passes the Pages URL and base path in.
const site = process.env.SITE_URL || 'http://localhost:4321';
const base = process.env.SITE_BASE || '/';

export default defineConfig({
  site,
  base,
  trailingSlash: 'always',
  // Astro 7 defaults to a processor that ignores remark/rehype plugins; math needs unified.
  // rehypeFocusableMath: display equations scroll when wide, so a keyboard must reach them.
  // remarkHoldSolutions: before a homework's release date its pages keep only the problem (SITE_NOW).
  markdown: {
    processor: unified({ remarkPlugins: [remarkMath, remarkHoldSolutions], rehypePlugins: [rehypeKatex, rehypeFocusableMath] }),
  },
  integrations: [
    starlight({
      title: 'Deep Learning, Worked',
      description: 'Worked solutions to deep-learning homework with live, linkable demos that run in your browser.',
      customCss: ['katex/dist/katex.min.css', './src/styles/site.css'],
      sidebar,
      // Problem pages held back until their release say so in their description.
      routeMiddleware: './src/lib/site/route-middleware.ts',
      lastUpdated: false,
      pagination: true,
      // The search button's accessible name includes its visible shortcut hint (WCAG 2.5.3);
      // pages with math preload KaTeX's two main fonts (no layout shift when they arrive); the
      // "On this page" lists track the section being read without a page-wide `:has()` query.
      components: {
        Search: './src/components/site/Search.astro',
        Head: './src/components/site/Head.astro',
        TableOfContents: './src/components/site/TableOfContents.astro',
        MobileTableOfContents: './src/components/site/MobileTableOfContents.astro',
      },
    }),
    // Offline demos and instant repeat visits; SITE_SERVICE_WORKER=off retires it (README).
    serviceWorker({ enabled: process.env.SITE_SERVICE_WORKER !== 'off' }),
  ],
});
