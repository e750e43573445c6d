// The emulator's image operations: generations and edits accept what Azure accepts per model, reject what it
// rejects, and answer with real PNG/JPEG files of the asked size, dall-e-3 URLs and SSE partial images.

import assert from 'node:assert/strict';
import { startEmulator, type Emulator } from '../emulator/server';
import {
  assertAzureError, decodeJpeg, makeJpeg, makePng, opUrl, parsePng, postForm, postJson, readSse, type FormValue, type ImagesAnswer,
  type ImageStreamEvent,
} from '../fixtures/emulatorFixtures';

const png = (b64: string) => parsePng(Buffer.from(b64, 'base64'));

describe('emulator: image generations', () => {
  let em: Emulator;
  before(async () => {
    em = await startEmulator();
  });
  after(() => em.close());
  beforeEach(() => em.reset());

  const generate = (body: unknown, deployment = 'gpt-image-1') => postJson(em, deployment, 'images/generations', body);

  it('draws a PNG of each gpt-image size, auto meaning 1024x1024, with usage', async function () {
    this.timeout(30000);
    for (const [size, w, h] of [['1024x1024', 1024, 1024], ['1024x1536', 1024, 1536], ['1536x1024', 1536, 1024],
      ['auto', 1024, 1024]] as const) {
      const a = await generate({ prompt: 'a harbour at dawn', size });
      assert.equal(a.status, 200, a.text());
      const body = a.json<ImagesAnswer>();
      assert.ok(Number.isInteger(body.created));
      assert.equal(body.data.length, 1);
      assert.equal(body.data[0].url, undefined);
      assert.equal(body.data[0].revised_prompt, undefined);
      const facts = png(body.data[0].b64_json);
      assert.deepEqual([facts.width, facts.height, facts.colourType], [w, h, 2]);
      assert.equal(body.size, `${w}x${h}`);
      assert.equal(body.output_format, 'png');
      const u = body.usage;
      // Ten tokens of prompt; the image's tokens by its area (a square one fewer than a long one).
      const out = w === h ? 4160 : 6240;
      assert.deepEqual(u, { total_tokens: 10 + out, input_tokens: 10, output_tokens: out, input_tokens_details: { text_tokens: 10,
        image_tokens: 0 } });
    }
  });

  it('draws a JPEG when asked, honouring output_compression', async () => {
    const hi = await generate({ prompt: 'a red kite', output_format: 'jpeg', output_compression: 95, size: '1536x1024', quality: 'low' });
    const lo = await generate({ prompt: 'a red kite', output_format: 'jpeg', output_compression: 10, size: '1536x1024', quality: 'low' });
    assert.equal(hi.status, 200, hi.text());
    const bytes = Buffer.from(hi.json<ImagesAnswer>().data[0].b64_json, 'base64');
    assert.deepEqual(decodeJpeg(bytes), { width: 1536, height: 1024 });
    assert.ok(Buffer.from(lo.json<ImagesAnswer>().data[0].b64_json, 'base64').length < bytes.length);
    assert.equal(hi.json<ImagesAnswer>().output_format, 'jpeg');
  });

  it('draws transparent PNGs with an alpha channel', async () => {
    const a = await generate({ prompt: 'a sticker of a cat', background: 'transparent', output_format: 'png' });
    assert.equal(a.status, 200, a.text());
    assert.equal(png(a.json<ImagesAnswer>().data[0].b64_json).colourType, 6);
    assert.equal(a.json<ImagesAnswer>().background, 'transparent');
  });

  it('gives n distinct images, and different pictures for different prompts', async () => {
    const a = await generate({ prompt: 'a forest', n: 3, quality: 'low' });
    const images = a.json<ImagesAnswer>().data.map((d: { b64_json: string }) => d.b64_json);
    assert.equal(images.length, 3);
    assert.equal(new Set(images).size, 3);
    const b = await generate({ prompt: 'a desert', quality: 'low' });
    assert.notEqual(b.json<ImagesAnswer>().data[0].b64_json, images[0]);
    const again = await generate({ prompt: 'a forest', quality: 'low' });
    assert.equal(again.json<ImagesAnswer>().data[0].b64_json, images[0], 'same prompt, same picture');
  });

  it('checks gpt-image rules: sizes, qualities, formats, compression, background, url, n, prompt', async () => {
    const bad: Array<[unknown, string, string]> = [
      [{ prompt: 'x', size: '1792x1024' }, 'invalid_value', 'size'],
      [{ prompt: 'x', size: '512x512' }, 'invalid_value', 'size'],
      [{ prompt: 'x', quality: 'hd' }, 'invalid_value', 'quality'],
      [{ prompt: 'x', quality: 'standard' }, 'invalid_value', 'quality'],
      [{ prompt: 'x', output_format: 'webp' }, 'invalid_value', 'output_format'],
      [{ prompt: 'x', output_format: 'gif' }, 'invalid_value', 'output_format'],
      [{ prompt: 'x', output_compression: 50 }, 'invalid_value', 'output_compression'],
      [{ prompt: 'x', output_format: 'png', output_compression: 50 }, 'invalid_value', 'output_compression'],
      [{ prompt: 'x', output_format: 'jpeg', output_compression: 101 }, 'invalid_value', 'output_compression'],
      [{ prompt: 'x', background: 'transparent', output_format: 'jpeg' }, 'invalid_value', 'background'],
      [{ prompt: 'x', background: 'clear' }, 'invalid_value', 'background'],
      [{ prompt: 'x', response_format: 'url' }, 'invalid_value', 'response_format'],
      [{ prompt: 'x', style: 'vivid' }, 'unsupported_parameter', 'style'],
      [{ prompt: 'x', n: 0 }, 'invalid_value', 'n'],
      [{ prompt: 'x', n: 11 }, 'invalid_value', 'n'],
      [{ prompt: 'x', n: '2' }, 'invalid_type', 'n'],
      [{ prompt: 'x', n: 1.5 }, 'invalid_type', 'n'],
      [{ prompt: 'x'.repeat(32001) }, 'string_above_max_length', 'prompt'],
      [{ n: 1 }, 'missing_required_parameter', 'prompt'],
      [{ prompt: 'x', moderation: 'low' }, 'unknown_parameter', 'moderation'],
    ];
    for (const [body, code, param] of bad) assertAzureError(await generate(body), 400, code, param);
    assert.equal((await generate({ prompt: 'x', response_format: 'b64_json', quality: 'low', user: 'u1', model: 'gpt-image-1' })).status,
      200);
  });

  it('gives gpt-image-1-mini the same rules and medium quality by default', async () => {
    const a = await generate({ prompt: 'a boat' }, 'gpt-image-1-mini');
    assert.equal(a.status, 200);
    assert.equal(a.json<ImagesAnswer>().quality, 'medium');
  });

  it('answers dall-e-3 with a URL the emulator serves without auth, and a revised prompt', async () => {
    const a = await generate({ prompt: 'a lighthouse', size: '1792x1024', quality: 'hd', style: 'natural' }, 'dall-e-3');
    assert.equal(a.status, 200, a.text());
    const [item] = a.json<ImagesAnswer>().data;
    assert.match(item.revised_prompt, /lighthouse/);
    assert.ok(item.content_filter_results.violence);
    assert.ok(item.prompt_filter_results.jailbreak);
    assert.equal(a.json<ImagesAnswer>().usage, undefined);
    const url = new URL(item.url);
    assert.equal(url.origin, em.url);
    assert.match(url.pathname, /^\/_emulator\/files\/.+\.png$/);
    const r = await fetch(item.url);
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), 'image/png');
    const facts = parsePng(Buffer.from(await r.arrayBuffer()));
    assert.deepEqual([facts.width, facts.height], [1792, 1024]);
    const b64 = await generate({ prompt: 'a lighthouse', response_format: 'b64_json', size: '1024x1792' }, 'dall-e-3');
    const f2 = png(b64.json<ImagesAnswer>().data[0].b64_json);
    assert.deepEqual([f2.width, f2.height], [1024, 1792]);
  });

  it('checks dall-e-3 rules: n=1, its sizes and qualities, style, no gpt-image options, no streaming', async () => {
    const bad: Array<[unknown, string, string]> = [
      [{ prompt: 'x', n: 2 }, 'invalid_value', 'n'],
      [{ prompt: 'x', size: '1024x1536' }, 'invalid_value', 'size'],
      [{ prompt: 'x', size: 'auto' }, 'invalid_value', 'size'],
      [{ prompt: 'x', quality: 'high' }, 'invalid_value', 'quality'],
      [{ prompt: 'x', style: 'cartoon' }, 'invalid_value', 'style'],
      [{ prompt: 'x', background: 'opaque' }, 'unsupported_parameter', 'background'],
      [{ prompt: 'x', output_format: 'png' }, 'unsupported_parameter', 'output_format'],
      [{ prompt: 'x', stream: true }, 'unsupported_parameter', 'stream'],
      [{ prompt: 'x', stream: true, partial_images: 2 }, 'unsupported_parameter', 'stream'],
      [{ prompt: 'x'.repeat(4001) }, 'string_above_max_length', 'prompt'],
    ];
    for (const [body, code, param] of bad) assertAzureError(await generate(body, 'dall-e-3'), 400, code, param);
  });

  it('checks partial_images: 0-3, only with stream', async () => {
    assertAzureError(await generate({ prompt: 'x', stream: true, partial_images: 4 }), 400, 'invalid_value', 'partial_images');
    assertAzureError(await generate({ prompt: 'x', partial_images: 1 }), 400, 'invalid_value', 'partial_images');
    assertAzureError(await generate({ prompt: 'x', stream: 'yes' }), 400, 'invalid_type', 'stream');
  });

  it('streams partial images then the completed image as SSE, spaced in time', async () => {
    const r = await fetch(opUrl(em, 'gpt-image-1', 'images/generations'), {
      method: 'POST',
      headers: { 'api-key': em.apiKey, 'content-type': 'application/json' },
      body: JSON.stringify({ prompt: 'a comet', stream: true, partial_images: 3, size: '1024x1536', quality: 'medium' }),
    });
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type') ?? '', /^text\/event-stream/);
    const frames = await readSse(r);
    assert.deepEqual(frames.map((f) => f.event), ['image_generation.partial_image', 'image_generation.partial_image',
      'image_generation.partial_image', 'image_generation.completed']);
    const events = frames.map((f) => JSON.parse(f.data) as ImageStreamEvent);
    events.slice(0, 3).forEach((e, i) => {
      assert.equal(e.type, 'image_generation.partial_image');
      assert.equal(e.partial_image_index, i);
      for (const k of ['b64_json', 'created_at', 'size', 'quality', 'background', 'output_format'] as const) {
        assert.ok(e[k] !== undefined, k);
      }
      assert.equal(e.size, '1024x1536');
      assert.equal(e.quality, 'medium');
      const f = png(e.b64_json);
      assert.deepEqual([f.width, f.height], [1024, 1536]);
    });
    const done = events[3];
    assert.equal(done.type, 'image_generation.completed');
    assert.deepEqual(done.usage, { total_tokens: 1591, input_tokens: 7, output_tokens: 1584, input_tokens_details: { text_tokens: 7,
      image_tokens: 0 } });
    assert.equal(done.partial_image_index, undefined);
    assert.notEqual(done.b64_json, events[2].b64_json, 'the final frame is finer than the last partial');
    assert.ok(frames[3].at - frames[0].at >= 300, `frames arrived over ${frames[3].at - frames[0].at} ms`);
  });

  it('streams only the completed event with partial_images 0', async () => {
    const r = await fetch(opUrl(em, 'gpt-image-1', 'images/generations'), {
      method: 'POST',
      headers: { 'api-key': em.apiKey, 'content-type': 'application/json' },
      body: JSON.stringify({ prompt: 'a comet', stream: true, quality: 'low' }),
    });
    const frames = await readSse(r);
    assert.deepEqual(frames.map((f) => f.event), ['image_generation.completed']);
  });

  it('takes JSON only', async () => {
    assertAzureError(await postForm(em, 'gpt-image-1', 'images/generations', [['prompt', 'x']]), 400, 'invalid_content_type');
  });
});

describe('emulator: image edits', () => {
  let em: Emulator;
  before(async () => {
    em = await startEmulator();
  });
  after(() => em.close());
  beforeEach(() => em.reset());

  const image = (w = 1024, h = 1024, filename = 'photo.png'): FormValue => ({ data: makePng(w, h), filename, type: 'image/png' });
  const mask = (w = 1024, h = 1024): FormValue => ({ data: makePng(w, h, { alpha: true }), filename: 'mask.png', type: 'image/png' });
  const edit = (entries: Array<[string, FormValue]>, deployment = 'gpt-image-1') => postForm(em, deployment, 'images/edits', entries);

  it('edits a PNG with a matching mask and answers b64 PNG with usage counting the input image', async () => {
    const a = await edit([['image', image()], ['mask', mask()], ['prompt', 'add a hot-air balloon'], ['quality', 'low']]);
    assert.equal(a.status, 200, a.text());
    const body = a.json<ImagesAnswer>();
    const f = png(body.data[0].b64_json);
    assert.deepEqual([f.width, f.height], [1024, 1024]);
    assert.deepEqual(body.usage, { total_tokens: 793, input_tokens: 521, output_tokens: 272, input_tokens_details: { text_tokens: 11,
      image_tokens: 510 } });
    assert.deepEqual(em.requests[0].files.map((x) => x.field), ['image', 'mask']);
  });

  it('edits JPEG inputs and several images sent as image[]', async () => {
    const a = await edit([
      ['image[]', { data: makeJpeg(640, 480), filename: 'a.jpg', type: 'image/jpeg' }],
      ['image[]', image(512, 512, 'b.png')],
      ['prompt', 'combine them'], ['quality', 'low'],
    ]);
    assert.equal(a.status, 200, a.text());
    const f = png(a.json<ImagesAnswer>().data[0].b64_json);
    assert.deepEqual([f.width, f.height], [1536, 1024], 'auto follows the first image\'s landscape shape');
  });

  it('takes the generation options the service allows on edits', async () => {
    const a = await edit([
      ['image', image(1024, 1536)], ['prompt', 'night time'], ['n', '2'], ['size', 'auto'], ['quality', 'low'],
      ['input_fidelity', 'high'], ['output_format', 'jpeg'], ['output_compression', '60'], ['background', 'opaque'],
      ['user', 'tester'], ['response_format', 'b64_json'],
    ]);
    assert.equal(a.status, 200, a.text());
    assert.equal(a.json<ImagesAnswer>().data.length, 2);
    assert.deepEqual(decodeJpeg(Buffer.from(a.json<ImagesAnswer>().data[1].b64_json, 'base64')), { width: 1024, height: 1536 });
  });

  it('streams image_edit events', async () => {
    const fd = new FormData();
    fd.append('image', new Blob([makePng(1024, 1024)], { type: 'image/png' }), 'p.png');
    fd.append('prompt', 'snow');
    fd.append('stream', 'true');
    fd.append('partial_images', '1');
    fd.append('quality', 'low');
    const r = await fetch(opUrl(em, 'gpt-image-1', 'images/edits'), { method: 'POST', headers: { 'api-key': em.apiKey }, body: fd });
    assert.equal(r.status, 200);
    const frames = await readSse(r);
    assert.deepEqual(frames.map((f) => f.event), ['image_edit.partial_image', 'image_edit.completed']);
    assert.equal((JSON.parse(frames[1].data) as ImageStreamEvent).type, 'image_edit.completed');
  });

  it('requires the mask to be a PNG with alpha, under 4 MB, of the first image\'s dimensions', async () => {
    assertAzureError(await edit([['image', image()], ['mask', mask(512, 512)], ['prompt', 'x']]), 400, 'invalid_value', 'mask');
    assertAzureError(await edit([['image', image()], ['mask', { data: makeJpeg(1024, 1024), filename: 'mask.jpg', type: 'image/jpeg' }],
      ['prompt', 'x']]), 400, 'invalid_value', 'mask');
    assertAzureError(await edit([['image', image()], ['mask', { data: makePng(1024, 1024), filename: 'mask.png', type: 'image/png' }],
      ['prompt', 'x']]), 400, 'invalid_value', 'mask');
    const huge = makePng(1024, 1024, { alpha: true, padTo: 4 * 1024 * 1024 + 10 });
    assertAzureError(await edit([['image', image()], ['mask', { data: huge, filename: 'mask.png', type: 'image/png' }], ['prompt', 'x']]),
      400, 'invalid_value', 'mask');
    const jpegImage = { data: makeJpeg(800, 600), filename: 'a.jpg', type: 'image/jpeg' };
    assert.equal((await edit([['image', jpegImage], ['mask', mask(800, 600)], ['prompt', 'x'], ['quality', 'low']])).status, 200,
      'JPEG SOF dimensions read');
  });

  it('requires an image that is a PNG or JPEG, at most 16', async () => {
    assertAzureError(await edit([['prompt', 'x']]), 400, 'missing_required_parameter', 'image');
    const gif = Buffer.concat([Buffer.from('GIF89a'), Buffer.from([16, 0, 16, 0]), Buffer.alloc(40)]);
    assertAzureError(await edit([['image', { data: gif, filename: 'a.gif', type: 'image/gif' }], ['prompt', 'x']]), 400, 'invalid_value',
      'image');
    const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 '), Buffer.alloc(40)]);
    assertAzureError(await edit([['image', { data: webp, filename: 'a.webp', type: 'image/webp' }], ['prompt', 'x']]), 400, 'invalid_value',
      'image');
    const many: Array<[string, FormValue]> = Array.from({ length: 17 },
      (_, i) => ['image[]', image(64, 64, `${i}.png`)] as [string, FormValue]);
    assertAzureError(await edit([...many, ['prompt', 'x']]), 400, 'invalid_value', 'image');
  });

  it('checks prompt, n, size, quality, fidelity and the unknown', async () => {
    const bad: Array<[Array<[string, FormValue]>, string, string]> = [
      [[['image', image()]], 'missing_required_parameter', 'prompt'],
      [[['image', image()], ['prompt', 'x'], ['n', '11']], 'invalid_value', 'n'],
      [[['image', image()], ['prompt', 'x'], ['n', 'two']], 'invalid_type', 'n'],
      [[['image', image()], ['prompt', 'x'], ['size', '1792x1024']], 'invalid_value', 'size'],
      [[['image', image()], ['prompt', 'x'], ['quality', 'hd']], 'invalid_value', 'quality'],
      [[['image', image()], ['prompt', 'x'], ['input_fidelity', 'max']], 'invalid_value', 'input_fidelity'],
      [[['image', image()], ['prompt', 'x'], ['response_format', 'url']], 'invalid_value', 'response_format'],
      [[['image', image()], ['prompt', 'x'], ['partial_images', '2']], 'invalid_value', 'partial_images'],
      [[['image', image()], ['prompt', 'x'], ['style', 'vivid']], 'unknown_parameter', 'style'],
      [[['image', image()], ['prompt', 'x'], ['output_format', 'webp']], 'invalid_value', 'output_format'],
    ];
    for (const [entries, code, param] of bad) assertAzureError(await edit(entries), 400, code, param);
  });

  it('refuses input_fidelity on gpt-image-1-mini', async () => {
    assertAzureError(await edit([['image', image()], ['prompt', 'x'], ['input_fidelity', 'high']], 'gpt-image-1-mini'), 400,
      'unsupported_parameter', 'input_fidelity');
  });

  it('takes multipart only (Azure\'s spec says JSON; the service does not)', async () => {
    assertAzureError(await postJson(em, 'gpt-image-1', 'images/edits', { prompt: 'x', image: 'aGVsbG8=' }), 400, 'invalid_content_type');
  });
});
