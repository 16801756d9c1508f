import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { markdownToHtml, textToHtml } from './text-html.js';

describe('text and Markdown previews', () => {
  it('escapes everything from the file', () => {
    const html = textToHtml('<b>t</b>', '<img src=x onerror=alert(1)> & "q"');
    assert.doesNotMatch(html, /<img|<b>/);
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt; &amp; &quot;q&quot;/);
  });

  it('renders the Markdown subset and nothing from raw HTML', () => {
    const html = markdownToHtml('doc', '## Head\n\ntext **bold** `code` [link](https://example.com) [bad](javascript:alert(1))\n\n```\n<script>\n```\n> quote\n');
    assert.match(html, /<h2>Head<\/h2>/);
    assert.match(html, /<strong>bold<\/strong>/);
    assert.match(html, /<code>code<\/code>/);
    assert.match(html, /<a href="https:\/\/example.com" rel="noopener noreferrer">link<\/a>/);
    assert.doesNotMatch(html, /href="javascript/);
    assert.match(html, /<pre><code>&lt;script&gt;<\/code><\/pre>/);
    assert.match(html, /<blockquote>quote<\/blockquote>/);
  });
});
