import { describe, expect, it } from 'vitest';
import { editorArgv, splitCommand } from './editor-command';

describe('splitCommand', () => {
  it('splits on blanks and keeps quoted words whole, as sh does', () => {
    expect(splitCommand('code --wait {file}')).toEqual(['code', '--wait', '{file}']);
    expect(splitCommand(`  "/opt/My Editor/bin/ed"  -n 'a b' c\\ d  `)).toEqual(['/opt/My Editor/bin/ed', '-n', 'a b', 'c d']);
    expect(splitCommand(`"" x`)).toEqual(['', 'x']);
    expect(splitCommand(`"C:\\Program Files\\Notepad++\\notepad++.exe" -multiInst`)).toEqual(['C:\\Program Files\\Notepad++\\notepad++.exe', '-multiInst']);
  });

  it('expands nothing: $, backticks and ; are plain characters', () => {
    expect(splitCommand('ed $HOME `id`;rm')).toEqual(['ed', '$HOME', '`id`;rm']);
  });

  it('refuses an unclosed quote, saying where to fix it', () => {
    expect(() => splitCommand('code "--wait')).toThrow(/unclosed " quote.*Settings › Editor/);
  });
});

describe('editorArgv', () => {
  it('puts the file where {file} is, as one argument whatever it contains', () => {
    const file = '/tmp/warren-edit-x/it is $(rm -rf ~).txt';
    expect(editorArgv('code --wait {file} --new-window', file)).toEqual({ program: 'code', args: ['--wait', file, '--new-window'] });
    expect(editorArgv('vim +{file}', '/a')).toEqual({ program: 'vim', args: ['+/a'] });
  });

  it('appends the file when the command does not say where', () => {
    expect(editorArgv('gedit', '/tmp/a b.txt')).toEqual({ program: 'gedit', args: ['/tmp/a b.txt'] });
  });

  it('refuses an empty command', () => {
    expect(() => editorArgv('   ', '/a')).toThrow(/empty/);
  });
});
