import * as assert from 'node:assert/strict';
import {
  candidateName,
  editedImageName,
  imageNames,
  isMaskName,
  isTemporaryName,
  maskName,
  nameFromText,
  splitName,
  speechExtension,
  temporaryName,
  transcriptExtension,
  transcriptName,
  uniqueName,
  uniqueNameIn,
} from '../../src/core/naming';

describe('naming: names from text', () => {
  it('lower-cases and joins words with dashes', () => {
    assert.equal(nameFromText('A Red Fox, jumping!'), 'a-red-fox-jumping');
  });
  it('folds accents and keeps other scripts', () => {
    assert.equal(nameFromText('Café crème'), 'cafe-creme');
    assert.equal(nameFromText('猫 と 犬'), '猫-と-犬');
  });
  it('cuts at a word boundary within the limit', () => {
    const name = nameFromText('one two three four five six seven eight nine ten eleven', 20);
    assert.equal(name, 'one-two-three-four');
    assert.ok(name.length <= 20);
  });
  it('cuts a single over-long word', () => {
    assert.equal(nameFromText('x'.repeat(100), 10), 'x'.repeat(10));
  });
  it('falls back when nothing is usable', () => {
    assert.equal(nameFromText('  !!! ... ', 40, 'speech'), 'speech');
    assert.equal(nameFromText(''), 'untitled');
  });
  it('never yields path separators or dots', () => {
    const name = nameFromText('../../etc/passwd and C:\\Windows\\system32');
    assert.doesNotMatch(name, /[\\/.:]/);
  });
  it('avoids Windows reserved device names', () => {
    assert.equal(nameFromText('CON'), 'con-file');
    assert.equal(nameFromText('nul'), 'nul-file');
  });
});

describe('naming: non-clobbering suffixes', () => {
  it('splits names', () => {
    assert.deepEqual(splitName('a.b.png'), { stem: 'a.b', ext: '.png' });
    assert.deepEqual(splitName('.env'), { stem: '.env', ext: '' });
    assert.deepEqual(splitName('README'), { stem: 'README', ext: '' });
  });
  it('numbers candidates from 2', () => {
    assert.equal(candidateName('cat.png', 1), 'cat.png');
    assert.equal(candidateName('cat.png', 2), 'cat-2.png');
    assert.equal(candidateName('cat', 3), 'cat-3');
    // a name that already carries a suffix counts on from it (issue 8: call.wav and call-2.wav beside call.txt)
    assert.equal(candidateName('call-2.txt', 1), 'call-2.txt');
    assert.equal(candidateName('call-2.txt', 2), 'call-3.txt');
    assert.equal(candidateName('take-12.wav', 3), 'take-14.wav');
    // a year or a long number is part of the name, not a suffix
    assert.equal(candidateName('report-2024.txt', 2), 'report-2024-2.txt');
    assert.equal(candidateName('v-1.txt', 2), 'v-1-2.txt');
  });
  it('finds the first free name', async () => {
    const existing = new Set(['cat.png', 'cat-2.png']);
    assert.equal(await uniqueName('cat.png', (n) => existing.has(n)), 'cat-3.png');
    assert.equal(await uniqueName('dog.png', (n) => existing.has(n)), 'dog.png');
  });
  it('accepts an async check and gives up after the limit', async () => {
    assert.equal(await uniqueName('a.txt', (n) => Promise.resolve(n === 'a.txt')), 'a-2.txt');
    await assert.rejects(uniqueName('a.txt', () => true, 5), /after 5 tries/);
  });
  it('compares case-insensitively against a known set', () => {
    assert.equal(uniqueNameIn('Cat.png', ['cat.PNG', 'CAT-2.png']), 'Cat-3.png');
  });
});

describe('naming: outputs per operation', () => {
  it('names transcripts beside the audio', () => {
    assert.equal(transcriptName('talk.wav', 'text'), 'talk.txt');
    assert.equal(transcriptName('talk.mp3', 'srt'), 'talk.srt');
    assert.equal(transcriptName('talk.mp3', 'vtt'), 'talk.vtt');
    assert.equal(transcriptName('talk.mp3', 'json'), 'talk.json');
    assert.equal(transcriptName('talk.mp3', 'verbose_json'), 'talk.json');
    assert.equal(transcriptName('talk.wav', 'text', true), 'talk.en.txt');
    assert.equal(transcriptExtension('verbose_json'), '.json');
  });
  it('names edited images beside the original without stacking suffixes', () => {
    assert.equal(editedImageName('cat.png', 'png'), 'cat.edited.png');
    assert.equal(editedImageName('cat.jpeg', 'jpeg'), 'cat.edited.jpg');
    assert.equal(editedImageName('cat.edited.png', 'png'), 'cat.edited.png');
    assert.equal(editedImageName('cat.edited-2.png', undefined), 'cat.edited.png');
  });
  it('names masks and recognises them', () => {
    assert.equal(maskName('cat.png'), 'cat.mask.png');
    assert.equal(maskName('photo.jpg'), 'photo.mask.png');
    assert.ok(isMaskName('cat.mask.png'));
    assert.ok(!isMaskName('cat.png'));
  });
  it('names generated images from the prompt', () => {
    assert.deepEqual(imageNames('A lighthouse at dusk', 1, 'png'), ['a-lighthouse-at-dusk.png']);
    assert.deepEqual(imageNames('A lighthouse', 3, 'jpeg'), ['a-lighthouse-1.jpg', 'a-lighthouse-2.jpg', 'a-lighthouse-3.jpg']);
    assert.deepEqual(imageNames('???', 1, 'png'), ['image.png']);
  });
  it('names speech files by format', () => {
    assert.equal(speechExtension('wav'), '.wav');
    assert.equal(speechExtension('opus'), '.opus');
  });
  it('makes hidden temporary names it can recognise', () => {
    const temp = temporaryName('cat.png', 'ab12cd34');
    assert.equal(temp, '.cat.png.ab12cd34.partial');
    assert.ok(isTemporaryName(temp));
    assert.ok(!isTemporaryName('cat.png'));
  });
});
