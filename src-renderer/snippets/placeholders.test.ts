import { describe, expect, it } from 'vitest';
import { fill, placeholderNames } from './placeholders';

describe('placeholderNames', () => {
  it('lists each name once, in the order it first appears, with spaces around it trimmed', () => {
    expect(placeholderNames('scp {{file}} {{ user }}@{{host}}:{{file}} && echo {{user}}')).toEqual(['file', 'user', 'host']);
  });

  it('takes letters (any script), digits, _ and - as a name', () => {
    expect(placeholderNames('{{a_b-9}} {{Größe}} {{2}}')).toEqual(['a_b-9', 'Größe', '2']);
  });

  it('leaves other braces alone: unclosed, empty, spaced or punctuated names, and single braces', () => {
    expect(placeholderNames('echo {{word')).toEqual([]);
    expect(placeholderNames('echo {{}} {{ }} {{two words}} {{a.b}} {{$x}}')).toEqual([]);
    expect(placeholderNames("awk '{print $1}' ${HOME} {x}")).toEqual([]);
    expect(placeholderNames('echo {{ unclosed and {{closed}}')).toEqual(['closed']);
  });

  it('reads a placeholder on any line of a multi-line command', () => {
    expect(placeholderNames('cd {{dir}}\nls\n  tail -n {{lines}} log')).toEqual(['dir', 'lines']);
  });
});

describe('fill', () => {
  it('replaces every occurrence of each name, trimmed or not', () => {
    expect(fill('echo snip-{{word}}-$((6*7)) {{ word }}', { word: 'hello' })).toBe('echo snip-hello-$((6*7)) hello');
  });

  it('keeps what is not a placeholder as written', () => {
    expect(fill("echo {{ {{two words}} {{}} awk '{print $1}' {{x", { x: 'no', 'two words': 'no' })).toBe("echo {{ {{two words}} {{}} awk '{print $1}' {{x");
  });

  it('inserts values as typed: a value that looks like a placeholder, or holds $ patterns, is not expanded again', () => {
    expect(fill('{{a}} {{b}}', { a: '{{b}}', b: "$& $1 $$ '" })).toBe("{{b}} $& $1 $$ '");
  });

  it('leaves a placeholder without a value, and takes an empty value as empty', () => {
    expect(fill('ls {{dir}} {{flags}}', { flags: '' })).toBe('ls {{dir}} ');
  });

  it('does not take inherited object keys as values', () => {
    expect(fill('{{constructor}} {{toString}}', {})).toBe('{{constructor}} {{toString}}');
  });
});
