import type { ComponentChildren } from 'preact';

/** A page whose feature has not landed yet: says what it will do and where to go meanwhile. */
export function Placeholder({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <section class="page placeholder" aria-labelledby="page-title">
      <h1 id="page-title">{title}</h1>
      {children}
    </section>
  );
}
