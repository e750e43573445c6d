/**
 * Every command the extension contributes, in one typed constant so code and package.json cannot drift
 * (test/integration/manifest.test.ts compares the two).
 */
export const CommandIds = {
  transcribeAudio: 'azureOpenAIMedia.transcribeAudio',
  translateAudio: 'azureOpenAIMedia.translateAudio',
  speakSelection: 'azureOpenAIMedia.speakSelection',
  generateImageFromSelection: 'azureOpenAIMedia.generateImageFromSelection',
  editImage: 'azureOpenAIMedia.editImage',
  openStudio: 'azureOpenAIMedia.openStudio',
  setApiKey: 'azureOpenAIMedia.setApiKey',
  clearApiKey: 'azureOpenAIMedia.clearApiKey',
  configure: 'azureOpenAIMedia.configure',
  setGatewayKey: 'azureOpenAIMedia.setGatewayKey',
  showLog: 'azureOpenAIMedia.showLog',
  refreshDiscovery: 'azureOpenAIMedia.refreshDiscovery',
  useDeploymentFor: 'azureOpenAIMedia.useDeploymentFor',
  openInPortal: 'azureOpenAIMedia.openInPortal',
} as const;

export type CommandId = (typeof CommandIds)[keyof typeof CommandIds];

/** The Studio's webview type (package.json's onWebviewPanel activation event names it too). */
export const STUDIO_VIEW_TYPE = 'azureOpenAIMedia.studio';

/** The Azure OpenAI view (package.json's views; its items come from src/commands/discoveryView.ts). */
export const DISCOVERY_VIEW = 'azureOpenAIMedia.discovery';
