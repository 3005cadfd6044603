/** Packages the Node bundles leave to run-time resolution (see bundleExternals.mjs). */
export declare const BUNDLE_EXTERNALS: string[];
