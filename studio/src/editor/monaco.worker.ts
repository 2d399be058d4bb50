// Monaco's generic editor worker, bundled from the local npm package (no CDN).
import 'monaco-editor/editor/editor.worker.js';
