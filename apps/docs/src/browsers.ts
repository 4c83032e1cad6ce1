import { html, type TemplateResult } from 'lit';

// The supported browsers are the element's published `browserslist`, read at build time so
// that this page and the package can never disagree.
import elementPackage from '../../../packages/element/package.json';

/** "Supported browsers": the browserslist, and the engines each change is tested in. */
export function supportedBrowsers(): TemplateResult {
  return html`<h2>Supported browsers</h2>
    <p>
      The <code>browserslist</code> of <code>@digit-canvas/element</code> and
      <code>@digit-canvas/core</code>, which their source is linted against
      (<code>eslint-plugin-compat</code>):
    </p>
    <ul>
      ${elementPackage.browserslist.map((query) => html`<li><code>${query}</code></li>`)}
    </ul>
    <p>
      Every change is tested in three engines: Chromium, Firefox ESR and WebKit (WebKitGTK, Safari's
      engine). Drawing is tested with a mouse in all three, and with a finger on an emulated phone
      (390×844, pixel ratio 3) and a pen with pressure in Chromium. WebKitGTK is not Safari: iOS's
      own scrolling, gestures and fonts are not covered by the tests.
    </p>`;
}
