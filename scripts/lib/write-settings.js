// Writes the user settings of a test / try-it VS Code: quiet workbench, and the extension pointed at the emulator.
// Usage: node write-settings.js <settings.json>   (env: AOAI_EMULATOR_URL, AOAI_SETTINGS_EXTRA = JSON object,
//   AOAI_WORKSPACE_TRUST=1: workspace trust on, no prompt at start, so a folder nobody trusted opens in Restricted Mode)
'use strict';
const fs = require('fs');
const path = require('path');

const file = process.argv[2];
if (!file) throw new Error('usage: write-settings.js <settings.json>');

const settings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'chat.disableAIFeatures': true,
  'files.autoSave': 'off',
  'window.confirmBeforeClose': 'never',
};

const emulator = process.env.AOAI_EMULATOR_URL;
if (emulator) {
  Object.assign(settings, {
    'azureOpenAIMedia.endpoint': emulator,
    'azureOpenAIMedia.authentication': 'apiKey',
    'azureOpenAIMedia.deployments.transcription': 'whisper',
    'azureOpenAIMedia.deployments.translation': 'whisper',
    'azureOpenAIMedia.deployments.speech': 'tts',
    'azureOpenAIMedia.deployments.image': 'gpt-image-1',
    'azureOpenAIMedia.deployments.imageEdit': 'gpt-image-1',
    'azureOpenAIMedia.models.transcription': 'whisper-1',
    'azureOpenAIMedia.models.speech': 'tts-1',
    'azureOpenAIMedia.models.image': 'gpt-image-1',
    'azureOpenAIMedia.models.imageEdit': 'gpt-image-1',
    // Loopback is not an Azure OpenAI host: the Entra tests' token may go to the emulator because the user said so.
    'azureOpenAIMedia.entra.trustedOrigins': [new URL(emulator).origin],
  });
}

if (process.env.AOAI_WORKSPACE_TRUST === '1') {
  Object.assign(settings, {
    'security.workspace.trust.enabled': true,
    'security.workspace.trust.startupPrompt': 'never',
    'security.workspace.trust.untrustedFiles': 'open',
  });
}

if (process.env.AOAI_SETTINGS_EXTRA) {
  const extra = JSON.parse(process.env.AOAI_SETTINGS_EXTRA);
  if (!extra || typeof extra !== 'object' || Array.isArray(extra)) throw new Error('AOAI_SETTINGS_EXTRA must be a JSON object');
  Object.assign(settings, extra);
}

fs.mkdirSync(path.dirname(file), { recursive: true });
fs.writeFileSync(file, JSON.stringify(settings, null, 2) + '\n');
