/** Only our window's main frame, showing app://aegis, may talk to the main process. */
import { describe, expect, it } from 'vitest';
import { isTrustedSender } from '../../electron/main/senderValidation';

const OURS = 7;
const trusted = new Set([OURS]);
const main = (url: string) => ({ url, parent: null });
const event = (frame: { url: string; parent: unknown } | null, id = OURS) => ({ sender: { id }, senderFrame: frame });

describe('isTrustedSender', () => {
  it('accepts the main frame of our window on app://aegis', () => {
    expect(isTrustedSender(event(main('app://aegis/index.html')), trusted)).toBe(true);
    expect(isTrustedSender(event(main('app://aegis/index.html#/viewer?x=1')), trusted)).toBe(true);
  });

  it('refuses a sub-frame, even one on our own origin', () => {
    const top = main('app://aegis/index.html');
    expect(isTrustedSender(event({ url: 'app://aegis/index.html', parent: top }), trusted)).toBe(false);
  });

  it('refuses another webContents, a destroyed frame, and any other origin', () => {
    expect(isTrustedSender(event(main('app://aegis/index.html'), OURS + 1), trusted)).toBe(false);
    expect(isTrustedSender(event(null), trusted)).toBe(false);
    for (const url of [
      'file:///opt/aegis/resources/app.asar/dist/renderer/index.html',
      'app://evil/index.html',
      'app://aegis.evil.example/index.html',
      'http://127.0.0.1:5173/',
      'https://aegis/',
      'devtools://devtools/bundled/inspector.html',
      'about:blank',
      'not a url',
      '',
    ]) {
      expect(isTrustedSender(event(main(url)), trusted), url).toBe(false);
    }
  });
});
