import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

// <consent-terms> is a custom element, not a Vue component: Vue's compiler leaves it to the browser.
export default defineConfig({
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag === 'consent-terms' } } })],
});
