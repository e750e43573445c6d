// Entra ID: with no VS Code Microsoft account here, @azure/identity's DefaultAzureCredential serves, through its
// managed-identity credential pointed by the harness at the emulator's App Service token endpoint
// (IDENTITY_ENDPOINT / IDENTITY_HEADER). The request must carry a bearer token and no api-key.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { commandSuite, emulator, withSettings } from './helpers';

describe('commands: Microsoft Entra ID sign-in', () => {
  const created = commandSuite();

  it('sends a bearer token from a TokenCredential when authentication is entraId', async function () {
    if (!process.env.IDENTITY_ENDPOINT || !process.env.IDENTITY_HEADER) this.skip();
    this.timeout(120000);
    await withSettings({ authentication: 'entraId' }, async () => {
      const output = await vscode.commands.executeCommand<vscode.Uri>('azureOpenAIMedia.speakSelection',
        { text: 'entra check', open: false });
      assert.ok(output, 'speech with Entra ID failed');
      created.push(output);
      const [request] = await emulator.operations();
      assert.strictEqual(request.auth, 'bearer');
      assert.strictEqual(request.status, 200);
      assert.strictEqual(request.headers['api-key'], undefined, 'the API key was sent along with the token');
    });
  });
});
