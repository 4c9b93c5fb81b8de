import { describe, expect, it } from 'vitest';
import { commandFor, DOUBLE_PRESS_MS, type KeyState } from '../../../src/ui/notebook/keyboard';

describe("Jupyter's command-mode keys", () => {
  it('maps single keys', () => {
    const s: KeyState = {};
    const k = (key: string, mods = {}) => commandFor({ key, ...mods }, s, 0);
    expect(k('Enter')).toBe('edit');
    expect(k('Enter', { shiftKey: true })).toBe('run-and-advance');
    expect(k('Enter', { ctrlKey: true })).toBe('run');
    expect(k('Enter', { altKey: true })).toBe('run-and-insert');
    expect(k('a')).toBe('insert-above');
    expect(k('B')).toBe('insert-below');
    expect(k('z')).toBe('undo-delete');
    expect(k('m')).toBe('to-markdown');
    expect(k('y')).toBe('to-code');
    expect(k('ArrowUp')).toBe('select-previous');
    expect(k('k')).toBe('select-previous');
    expect(k('j')).toBe('select-next');
    expect(k('s', { ctrlKey: true })).toBe('save');
    expect(k('c', { ctrlKey: true })).toBeUndefined();
    expect(k('x')).toBeUndefined();
  });

  it('needs D, I and 0 twice, quickly', () => {
    const s: KeyState = {};
    expect(commandFor({ key: 'd' }, s, 0)).toBeUndefined();
    expect(commandFor({ key: 'd' }, s, 100)).toBe('delete');
    expect(commandFor({ key: 'd' }, s, 200)).toBeUndefined();
    expect(commandFor({ key: 'd' }, s, 200 + DOUBLE_PRESS_MS + 1)).toBeUndefined();
    expect(commandFor({ key: 'i' }, s, 5000)).toBeUndefined();
    expect(commandFor({ key: 'i' }, s, 5100)).toBe('interrupt');
    expect(commandFor({ key: '0' }, s, 6000)).toBeUndefined();
    expect(commandFor({ key: '0' }, s, 6100)).toBe('restart');
  });

  it('forgets a first press when another key comes between', () => {
    const s: KeyState = {};
    commandFor({ key: 'd' }, s, 0);
    commandFor({ key: 'j' }, s, 10);
    expect(commandFor({ key: 'd' }, s, 20)).toBeUndefined();
  });
});
