import * as vscode from 'vscode';

// Composition root: logger, then services, then registrations. Filled in by the extension layer.
export function activate(context: vscode.ExtensionContext): void {
  void context;
}

export function deactivate(): void {}
