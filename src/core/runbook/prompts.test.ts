import { describe, expect, it } from 'vitest';
import { stripPrompts } from './prompts';

describe('stripPrompts', () => {
  it('takes the `$ ` prompt off a command copied from a terminal, which would otherwise exit 127', () => {
    expect(stripPrompts('$ tag=$(< VERSION)')).toBe('tag=$(< VERSION)');
    expect(stripPrompts('$ git fetch\n$ git checkout "$tag"')).toBe('git fetch\ngit checkout "$tag"');
  });
  it('keeps continuation lines and comments as written', () => {
    expect(stripPrompts('$ curl -X POST \\\n$ not-a-prompt')).toBe('curl -X POST \\\n$ not-a-prompt');
    expect(stripPrompts('# restart the api\n$ systemctl restart api\necho done')).toBe(
      '# restart the api\nsystemctl restart api\necho done',
    );
  });
  it('reads `# ` as a root prompt only when every line is prompted', () => {
    expect(stripPrompts('$ id\n# systemctl restart api')).toBe('id\nsystemctl restart api');
  });
  it('leaves a command without prompts alone ($VAR and $(…) included)', () => {
    expect(stripPrompts('echo $HOME\n$(which curl) -V')).toBe('echo $HOME\n$(which curl) -V');
  });
});
