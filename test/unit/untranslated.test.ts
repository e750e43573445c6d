import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { untranslated, untranslatedPart } from '../e2e/untranslated';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { pseudo } = require(path.join(__dirname, '..', '..', '..', 'scripts', 'lib', 'pseudo-l10n.js')) as { pseudo: (s: string) => string };

describe('the pseudo-locale check (what the qps-ploc e2e run reports as untranslated)', () => {
  it('passes a translated message, with values and translated messages inside it, and the symbols around it', () => {
    assert.equal(pseudo('Saved as {0}'), '[Sávéd ás {0}]');
    for (const text of [
      pseudo('Open Studio'),
      `${pseudo('Azure OpenAI')}: 127.0.0.1:8080`,
      pseudo('Saved as {0}').replace('{0}', 'talk.txt'),
      pseudo('Missing: {0}').replace('{0}', `${pseudo('the API key')}; ${pseudo('the endpoint')}`),
      'https://my-resource.openai.azure.com',
    ]) assert.equal(untranslatedPart(text), undefined, text);
  });

  it('reports English left outside the brackets: a whole string, a concatenated word, accents without the wrap', () => {
    assert.equal(untranslatedPart('Open Studio'), 'Open Studio');
    assert.equal(untranslatedPart(`${pseudo('Saved as {0}').replace('{0}', 'a.txt')} · english`), '· english');
    assert.equal(untranslatedPart('Ópéñ Stúdíó'), 'Ópéñ Stúdíó');
    assert.equal(untranslatedPart(`[${pseudo('Open')}] Studio`), 'Studio');
    assert.deepEqual(untranslated([{ where: 'tab', text: pseudo('Audio') }, { where: 'label', text: 'Voice' }]), ['label: "Voice"']);
  });
});
