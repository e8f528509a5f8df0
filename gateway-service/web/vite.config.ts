// The public verification page, served by each gateway at /verify from this build (dist/).
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/verify/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true },
});
