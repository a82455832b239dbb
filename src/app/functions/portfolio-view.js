/* global exports */
// The source tree's entry: `npm run build` bundles portfolio-view.ts over this file in
// build/hubspot/private/src/app/functions/, and that build is what is uploaded.
exports.main = async () => ({
  success: false,
  issues: [
    { code: 'not_built', path: [], message: 'upload build/hubspot/private (npm run build)' },
  ],
})
