import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { idReaderFilesPlugin } from './scripts/id-reader-files';
import { inlineBootPlugin } from './scripts/inline-boot';
import { precompressPlugin } from './scripts/precompress';
import { journeyChunkOf, stringChunkOf } from './src/core/first-page';

// The service worker is ours (injectManifest): it precaches the shell so that a reload
// with the network off still shows Kindly, and it never takes over on its own (prompt flow).
export default defineConfig({
  plugins: [
    preact(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/sw',
      filename: 'sw.ts',
      registerType: 'prompt',
      injectRegister: false,
      manifest: {
        name: 'Kindly — apply for a small loan',
        short_name: 'Kindly',
        description: 'Apply for a small loan, one question at a time.',
        lang: 'en',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#0b3d62',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          {
            src: '/icons/icon-512-maskable.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
        ],
      },
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,json,png,webmanifest}'],
        // The ID card reader is megabytes most people never need: cached on first use instead.
        globIgnores: ['assets/id-reader-*/**'],
      },
      devOptions: { enabled: false },
    }),
    inlineBootPlugin(),
    idReaderFilesPlugin(),
    precompressPlugin(),
  ],
  build: {
    target: 'es2022',
    sourcemap: false,
    modulePreload: {
      // A dynamic import of strings asks for no files beside its own: every namespace of a
      // language is one file (stringChunkOf), whose only import, the bundler's runtime, came
      // with the first page, so Vite's preload helper has nothing to do for it.
      resolveDependencies: (file, deps, { hostType }) =>
        hostType === 'js' && /(^|\/)strings-[\w-]+\.js$/.test(file) ? [] : deps,
    },
    rolldownOptions: {
      output: {
        codeSplitting: {
          // A group takes only the modules it names: left to include their dependencies, the
          // journey group took Preact and the router too, and the first page with them.
          includeDependenciesRecursively: false,
          // Strings in two chunks per language: the first page's namespaces, and the rest
          // (src/core/first-page.ts). One file is one request and one gzip stream, where a
          // chunk per namespace made 17 requests for the first page.
          groups: [
            { name: stringChunkOf, debugName: 'strings' },
            { name: journeyChunkOf, debugName: 'journey' },
          ],
        },
      },
    },
  },
});
