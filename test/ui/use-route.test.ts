// @vitest-environment jsdom
// The route follows the hash even when it changed between the app's first render and the moment its
// listener was attached (effects run after the first paint): the deploy test's offline reload, then a
// navigation, left the app on the notebook page with #/models/… in the address bar.
import { afterEach, describe, expect, it } from 'vitest';
import { h, options, render } from 'preact';
import { act } from 'preact/test-utils';
import { useRoute } from '../../src/ui/router';

function Where() {
  return h('p', null, useRoute().segments.join('/'));
}

const root = document.createElement('div');
afterEach(() => act(() => render(null, root)));

describe('useRoute', () => {
  it('reads a hash that changed before its listener was attached', async () => {
    // Preact runs effects after the next frame: hold that frame, as a busy page would.
    let frame: (() => void) | undefined;
    const before = options.requestAnimationFrame;
    options.requestAnimationFrame = (cb) => void (frame = cb);
    try {
      history.replaceState(null, '', '#/notebook');
      render(h(Where, null), root); // first render; the listener not attached yet
      expect(root.textContent).toBe('notebook');
      history.replaceState(null, '', '#/models/tiny/versions/1'); // no hashchange reaches a listener now
      expect(frame).toBeTypeOf('function');
      await act(async () => frame!()); // the frame comes: effects run, and the route is read again
      expect(root.textContent).toBe('models/tiny/versions/1');
    } finally {
      options.requestAnimationFrame = before;
    }
  });

  it('follows later hash changes', async () => {
    history.replaceState(null, '', '#/experiments');
    await act(async () => render(h(Where, null), root));
    await act(async () => {
      location.hash = '#/predict';
      await new Promise((r) => setTimeout(r, 0)); // jsdom fires hashchange as a task
    });
    expect(root.textContent).toBe('predict');
  });
});
