// Entry of dist/identity.js: @azure/identity (with MSAL) in a bundle of its own, loaded by src/services/auth.ts only
// when an Entra ID token is needed that VS Code's own Microsoft sign-in cannot give.
export { DefaultAzureCredential } from '@azure/identity';
