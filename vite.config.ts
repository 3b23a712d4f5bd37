import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { blog } from './plugins/blog.ts';

/** BASE_PATH as Vite wants it: `/`, or `/blog/` with both slashes. */
function basePath(value = '/'): string {
  const trimmed = value.trim().replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}

export default defineConfig({
  base: basePath(process.env.BASE_PATH),
  plugins: [react(), blog({ postsDir: process.env.POSTS_DIR, siteUrl: process.env.SITE_URL })],
});
