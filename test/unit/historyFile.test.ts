// The history file: records of the version before the catalog's ids are read once under the new names and rewritten
// exactly as this version writes them; hostile or unknown entries are dropped, never crashed on.
import * as assert from 'node:assert/strict';
import { HISTORY_VERSION, historyText, readHistory } from '../../src/core/engine/historyFile';

// A file as version 1 wrote it: image generation called `image`, two spaces of indentation, a final newline.
const VERSION_1 = `{
  "version": 1,
  "records": [
    {
      "id": "a1",
      "operation": "image",
      "output": "media/a-red-fox.png",
      "createdAt": 1700000000000,
      "params": { "prompt": "a red fox", "n": 1, "size": "1024x1024" },
      "prompt": "a red fox",
      "revisedPrompt": "A red fox in snow",
      "cost": { "usd": 0.042, "basis": "1 image × medium × 1024x1024 × $0.042" }
    },
    {
      "id": "a2",
      "operation": "translation",
      "output": "media/talk.en.txt",
      "createdAt": 1690000000000,
      "params": { "file": "talk.wav" },
      "source": "audio/talk.wav",
      "requestIds": ["req-1"]
    },
    { "id": "a3", "operation": "video", "output": "media/x.mp4", "createdAt": 1, "params": {} },
    { "id": "a4", "operation": "__proto__", "output": "media/y.png", "createdAt": 1, "params": {} },
    { "id": "a5", "operation": "toString", "output": "media/y.png", "createdAt": 1, "params": {} },
    "junk",
    null,
    { "id": 42, "operation": "speech", "output": "media/z.mp3", "createdAt": 1, "params": {} },
    { "id": "a6", "operation": "speech", "output": "media/z.mp3", "createdAt": "yesterday", "params": {} },
    {
      "id": "a7",
      "operation": "imageEdit",
      "output": "media/cat.edited.png",
      "createdAt": 1680000000000,
      "params": { "images": ["cat.png"] },
      "source": 7,
      "cost": { "usd": "free" },
      "extraOutputs": [1, 2],
      "protectedArea": { "share": 0.25, "meanChange": 0.1, "kept": "media/cat.edited.kept.png" },
      "colour": "blue"
    }
  ]
}
`;

// The same file rewritten: `image` is `imageGeneration`, the unknown and malformed records are gone, and a7 keeps only
// the fields of the right shape.
const REWRITTEN = `{
  "version": 2,
  "records": [
    {
      "id": "a1",
      "operation": "imageGeneration",
      "output": "media/a-red-fox.png",
      "createdAt": 1700000000000,
      "params": {
        "prompt": "a red fox",
        "n": 1,
        "size": "1024x1024"
      },
      "prompt": "a red fox",
      "revisedPrompt": "A red fox in snow",
      "cost": {
        "usd": 0.042,
        "basis": "1 image × medium × 1024x1024 × $0.042"
      }
    },
    {
      "id": "a2",
      "operation": "translation",
      "output": "media/talk.en.txt",
      "createdAt": 1690000000000,
      "params": {
        "file": "talk.wav"
      },
      "source": "audio/talk.wav",
      "requestIds": [
        "req-1"
      ]
    },
    {
      "id": "a7",
      "operation": "imageEdit",
      "output": "media/cat.edited.png",
      "createdAt": 1680000000000,
      "params": {
        "images": [
          "cat.png"
        ]
      },
      "protectedArea": {
        "share": 0.25,
        "meanChange": 0.1,
        "kept": "media/cat.edited.kept.png"
      }
    }
  ]
}
`;

describe('history file', () => {
  it('reads a version 1 file under the catalog\'s ids and rewrites it exactly, dropping what is not a record', () => {
    const read = readHistory(VERSION_1);
    assert.deepEqual(read.records.map((r) => [r.id, r.operation]), [['a1', 'imageGeneration'], ['a2', 'translation'], ['a7', 'imageEdit']]);
    assert.equal(read.dropped, 7);
    assert.equal(read.stale, true);
    assert.equal(historyText(read.records), REWRITTEN);
  });

  it('reads its own rewrite back unchanged and does not ask to write it again', () => {
    const again = readHistory(REWRITTEN);
    assert.equal(again.stale, false);
    assert.equal(again.dropped, 0);
    assert.equal(historyText(again.records), REWRITTEN);
    assert.equal(HISTORY_VERSION, 2);
  });

  it('counts a current file with the same record in another key order as unchanged, and one with an extra field as stale', () => {
    const record = { params: {}, createdAt: 3, output: 'media/s.mp3', operation: 'speech', id: 's' };
    assert.equal(readHistory(JSON.stringify({ version: 2, records: [record] })).stale, false);
    assert.equal(readHistory(JSON.stringify({ version: 2, records: [{ ...record, colour: 'blue' }] })).stale, true);
    // A version 1 file already under the new names is still rewritten once, to record its version.
    assert.equal(readHistory(JSON.stringify({ version: 1, records: [record] })).stale, true);
  });

  it('takes any JSON without crashing: no records, records not a list, a list at the top', () => {
    for (const text of ['{}', '[]', 'null', '42', '{"version":2,"records":{"a":1}}', '{"records":"x"}']) {
      const read = readHistory(text);
      assert.deepEqual(read.records, [], text);
      assert.equal(read.stale, true, text);
    }
    assert.deepEqual(readHistory('{"version":2,"records":[]}'), { records: [], stale: false, dropped: 0 });
    assert.throws(() => readHistory('{"version":'), SyntaxError);
  });
});
