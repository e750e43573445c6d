import * as assert from 'node:assert/strict';
import { commentSyntax, formatCommentLine, knowsLanguage, stripCommentMarkers } from '../../src/core/comments';

describe('comments: stripping markers from a selected comment', () => {
  const cases: Array<[language: string | undefined, input: string, expected: string]> = [
    ['typescript', '// a red fox jumping over a fence', 'a red fox jumping over a fence'],
    ['typescript', '   //   indented   ', 'indented'],
    ['typescript', '// a red fox\n// in the snow', 'a red fox in the snow'],
    ['typescript', '/// triple slash', 'triple slash'],
    ['typescript', '/* a cat */', 'a cat'],
    ['typescript', '/**\n * A watercolor lighthouse\n * at dusk.\n */', 'A watercolor lighthouse at dusk.'],
    ['java', '/*\n   no stars on\n   these lines\n*/', 'no stars on these lines'],
    ['c', '/*! doxygen style */', 'doxygen style'],
    ['python', '# a cat on a mat', 'a cat on a mat'],
    ['python', '"""\nA castle in the clouds\n"""', 'A castle in the clouds'],
    ['python', "'''single quoted docstring'''", 'single quoted docstring'],
    ['python', 'r"""raw docstring"""', 'raw docstring'],
    ['shellscript', '## two hashes', 'two hashes'],
    ['sql', '-- a database icon', 'a database icon'],
    ['sql', '/* block in sql */', 'block in sql'],
    ['lua', '--[[ lua block ]]', 'lua block'],
    ['haskell', '{- haskell block -}', 'haskell block'],
    ['html', '<!-- a blue banner -->', 'a blue banner'],
    ['markdown', '<!--\nhero image\nfor the docs\n-->', 'hero image for the docs'],
    ['ruby', '=begin\nruby block\n=end', 'ruby block'],
    ['powershell', '<#\n# a shell\n#>', 'a shell'],
    ['css', '/* gradient */', 'gradient'],
    ['clojure', ';; lisp style', 'lisp style'],
    ['latex', '% a diagram', 'a diagram'],
    ['vb', "' visual basic", 'visual basic'],
    ['bat', 'REM batch file', 'batch file'],
    [undefined, '// unknown language', 'unknown language'],
    [undefined, '# unknown hash', 'unknown hash'],
    ['plaintext', '<!-- unknown html -->', 'unknown html'],
  ];
  for (const [language, input, expected] of cases) {
    it(`${language ?? 'no language'}: ${JSON.stringify(input)}`, () => {
      assert.equal(stripCommentMarkers(input, language), expected);
    });
  }

  it('keeps blank lines as paragraph breaks', () => {
    assert.equal(stripCommentMarkers('// first line\n// still first\n//\n// second', 'typescript'), 'first line still first\nsecond');
  });

  it('handles CRLF line endings', () => {
    assert.equal(stripCommentMarkers('# one\r\n# two\r\n', 'python'), 'one two');
  });

  it('does not treat a Markdown heading as a comment', () => {
    assert.equal(stripCommentMarkers('# A heading', 'markdown'), '# A heading');
  });

  it('leaves text that is not a comment (only trimmed and joined)', () => {
    assert.equal(stripCommentMarkers('  a plain prompt\n  over two lines ', 'typescript'), 'a plain prompt over two lines');
  });

  it('does not strip markers when only some lines are comments', () => {
    assert.equal(stripCommentMarkers('const x = 1;\n// a comment', 'typescript'), 'const x = 1; // a comment');
  });

  it('keeps a URL inside a comment intact', () => {
    assert.equal(stripCommentMarkers('// like https://example.com/a.png', 'typescript'), 'like https://example.com/a.png');
  });

  it('keeps the JSDoc tag text but not the star', () => {
    assert.equal(stripCommentMarkers('/**\n * @image a robot\n */', 'javascript'), '@image a robot');
  });
});

describe('comments: writing a comment line', () => {
  it('uses the language line marker', () => {
    assert.equal(formatCommentLine('image: media/a.png', 'typescript'), '// image: media/a.png');
    assert.equal(formatCommentLine('image: media/a.png', 'python'), '# image: media/a.png');
    assert.equal(formatCommentLine('image: media/a.png', 'sql'), '-- image: media/a.png');
    assert.equal(formatCommentLine('x', 'clojure'), ';; x');
  });
  it('uses a block comment where the language has no line comment', () => {
    assert.equal(formatCommentLine('image: a.png', 'css'), '/* image: a.png */');
    assert.equal(formatCommentLine('image: a.png', 'html'), '<!-- image: a.png -->');
  });
  it('falls back to // for an unknown language', () => {
    assert.equal(formatCommentLine('x', 'no-such-language'), '// x');
    assert.equal(knowsLanguage('no-such-language'), false);
    assert.ok(commentSyntax('no-such-language').line.includes('#'));
  });
  it('round-trips through stripCommentMarkers', () => {
    for (const language of ['typescript', 'python', 'sql', 'css', 'html', 'lua', 'latex']) {
      assert.equal(stripCommentMarkers(formatCommentLine('a fox in the snow', language), language), 'a fox in the snow', language);
    }
  });
});
