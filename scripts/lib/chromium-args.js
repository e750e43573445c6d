// Flags Debian's headless Chromium needs on these machines (root, no GPU, no network beyond localhost).
'use strict';
exports.CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];
