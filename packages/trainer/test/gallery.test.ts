import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { gallerySvg } from '../src/reports/gallery.js';
import { escapeXml } from '../src/reports/render.js';

describe('gallerySvg', () => {
  it("escapes its title and captions with the reports' one escapeXml", () => {
    const title = `Misread <digits> & "others" 'quoted'`;
    const caption = 'test #7 <&>';
    const svg = gallerySvg(
      [{ pixels: new Float32Array(784), label: 4, predicted: 9, confidence: 0.5, caption }],
      title,
    );
    assert.equal(
      escapeXml(title),
      'Misread &#60;digits&#62; &#38; &#34;others&#34; &#39;quoted&#39;',
    );
    assert.ok(svg.includes(`<title id="title">${escapeXml(title)}</title>`));
    assert.ok(svg.includes(`fill="#111">${escapeXml(title)}</text>`));
    assert.ok(svg.includes(`<title>true 4, predicted 9 (50%), ${escapeXml(caption)}</title>`));
    assert.ok(svg.includes(`fill="#666">${escapeXml(caption)}</text>`));
    for (const raw of ['<digits>', '& "', "'quoted'", '<&>']) {
      assert.ok(!svg.includes(raw), `${raw} is escaped`);
    }
  });
});
