// The mark of a published site's index.html (<meta name="kiroku-published" content="published.json">),
// apart from published.ts so the boot script (ui/prerender-boot.ts) can read it without the rest.
export const PUBLISHED_META = 'kiroku-published';
