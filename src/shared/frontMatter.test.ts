import { describe, expect, it } from 'vitest';
import { splitFrontMatter } from './frontMatter';

describe('splitFrontMatter', () => {
  it('splits YAML front matter and counts the lines before the body', () => {
    const r = splitFrontMatter('---\ntitle: x\nversion: 1\n---\n# Heading\n');
    expect(r.yaml).toBe('title: x\nversion: 1\n');
    expect(r.body).toBe('# Heading\n');
    expect(r.lineOffset).toBe(4);
  });
  it('leaves a document without front matter alone, including a leading horizontal rule that never closes', () => {
    expect(splitFrontMatter('# A\n---\n')).toEqual({ yaml: null, body: '# A\n---\n', lineOffset: 0 });
    expect(splitFrontMatter('---\nno close')).toEqual({ yaml: null, body: '---\nno close', lineOffset: 0 });
  });
  it('handles CRLF and an empty body', () => {
    expect(splitFrontMatter('---\r\na: 1\r\n---').body).toBe('');
  });
});
