// The pages each gateway serves from this build (dist/): the public verification page
// (/verify) and the staff console (/console), sharing their assets under /assets/.
// Paths are relative to this folder, where the build runs.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rollupOptions: { input: { verify: 'verify/index.html', console: 'console/index.html' } },
  },
});
