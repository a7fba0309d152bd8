/**
 * The Chromium flags every headless run of this project uses (measured on the build machines): quiet, offline,
 * sandbox-free (CI containers run as root). Shared by scripts/make-icons.js and the browser tests.
 */
module.exports = {
  CHROMIUM_ARGS: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};
