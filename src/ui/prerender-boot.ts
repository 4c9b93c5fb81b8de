// The boot script: a classic script (no module, so it runs while the page is parsed) that the build
// bundles on its own and inlines first in index.html's <head> (vite.config.ts). It decides, before the
// body is parsed, whether the prerendered walkthrough in the body shows (ui/prerendered.ts); the app
// itself is the module script.
import { PUBLISHED_META } from './publish/published-meta';
import { locale } from './i18n/locale';
import { firstViewIsWalkthrough, showPrerendered } from './prerendered';

const stored = (key: string) => {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
};
if (
  firstViewIsWalkthrough({
    hash: location.hash,
    stored,
    locale: locale(),
    published: !!document.querySelector(`meta[name="${PUBLISHED_META}"]`),
  })
)
  showPrerendered();
